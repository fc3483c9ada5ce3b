"""The XLSX workbook of a streamlining candidate list (staffing.reports.candidates): the official
list (STT, full name, date of birth, sex, post and unit, training level, rank, step, coefficient,
allowances, insurance years, retirement date, months early, cases, reason, policy, each benefit
item, total) with the rule set, regime, base salary and as-of date above it, then the totals, the
excluded people and the "cần bổ sung dữ liệu" section.

Built from the frozen snapshot JSON (``CandidateSnapshot.data`` and ``.totals``, or a live list's
``snapshot_data()``/``snapshot_totals()``), so a saved list exports exactly as it was saved: the
reasons are the saved sentences; only labels of codes (cases, policies, levels) are looked up. This
module imports the report module, never the reverse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from positions.models import TrainingLevel
from staffing import benefits
from staffing.candidates import CASE_ORDER
from staffing.exporting import ReportSheet, workbook
from staffing.models import Sex, StreamliningCase
from staffing.reports.candidates import title


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _moment(value: str | None) -> dt.date | None:
    """A stored ISO date-time as the local calendar day (Excel has no time zones)."""
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.date()


def _number(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _label(choices, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def title_lines(data: Mapping, heading: Sequence[str] = ()) -> list[str]:
    """The lines above every sheet: organisation, title, the saved list's heading, rule set,
    regime, base salary, as-of date and what is not confirmed."""
    org, rule_set, regime, base = data["organization"], data["rule_set"], data["benefit_regime"], data["base_salary"]
    amended = (
        _(", sửa đổi, bổ sung bởi %(number)s") % {"number": regime["amended_by"]} if regime.get("amended_by") else ""
    )
    lines = [
        f"{org['name']} ({org['code']})",
        title(data["year"]),
        *heading,
        _("Bộ quy tắc: %(code)s — %(number)s; xét xếp loại và nghỉ ốm các năm %(years)s")
        % {
            "code": rule_set["code"],
            "number": rule_set["number"],
            "years": ", ".join(str(y) for y in data["review_years"]),
        },
        _("Chế độ, chính sách: %(code)s — %(number)s%(amended)s")
        % {"code": regime["code"], "number": regime["number"], "amended": amended},
        _("Lương cơ sở: %(amount)s đồng/tháng (%(code)s, từ %(date)s)")
        % {
            "amount": _money(base["amount"]),
            "code": base["legal_code"],
            "date": _date(base["effective_from"]).strftime("%d/%m/%Y"),
        },
        _("Tính đến ngày: %(date)s (người có tên nghỉ từ cuối tháng này); nghỉ hưu theo %(retirement)s")
        % {"date": _date(data["as_of"]).strftime("%d/%m/%Y"), "retirement": data["retirement_rule_set"]},
    ]
    lines += [_("Cần kiểm tra: %(line)s") % {"line": line} for line in data.get("unverified", ())]
    if data.get("empty_reason"):
        lines.append(data["empty_reason"])
    return lines


def item_keys(data: Mapping) -> list[str]:
    """The benefit item columns: the regime's items in the legal text's order; the monthly item of
    Decree 154 (the short early retirement's cash, 0 as seeded) only when a row has it."""
    formula = data["benefit_regime"]["formula"]
    used = {key for row in data["rows"] if row.get("benefit") for key in row["benefit"]["items"]}
    order = benefits.ITEM_ORDER.get(formula, tuple(benefits.ITEMS))
    return [k for k in order if k in used or k != benefits.PER_MONTH_EARLY or formula == benefits.FORMULA_ND178]


def _post(row: Mapping) -> str:
    unit = row["organization"]["name"]
    position = row.get("position")
    return f"{position['name']} — {unit}" if position else unit


def _person_cells(number: int, row: Mapping, keys: Sequence[str]) -> list:
    salary, benefit, rank = row["salary"], row.get("benefit"), row.get("rank")
    born = int(row["date_of_birth"]) if row["birth_year_only"] else _date(row["date_of_birth"])
    reasons = list(row["reasons"])
    note = row.get("deferral_reason") or row.get("benefit_missing") or ""
    return [
        number,
        row["employee_code"],
        row["full_name"],
        born,
        _label(Sex, row["sex"]),
        _post(row),
        _label(TrainingLevel, row["training_level"]) if row["training_level"] else "",
        f"{rank['name']} ({rank['code']})" if rank else "",
        row.get("salary_step"),
        _number(salary["coefficient"]),
        _number(salary["leadership_allowance"]),
        _number(salary["other_allowance"]),
        _number(salary["seniority_percent"]),
        _number(salary["allowance_percent"]),
        salary["monthly_salary"],
        _number(row["insurance_years"]),
        _date(row["retirement_date"]),
        row["months_early"],
        ", ".join(row["cases"]),
        "; ".join(reasons),
        str(benefits.POLICIES.get(benefit["policy"], benefit["policy"])) if benefit else "",
        *((benefit["items"].get(k) if benefit else None) for k in keys),
        benefit["total"] if benefit else None,
        note,
    ]


def _list_headers(keys: Sequence[str]) -> list[tuple[str, int]]:
    return [
        (_("STT"), 6),
        (_("Mã cán bộ"), 12),
        (_("Họ và tên"), 26),
        (_("Ngày sinh"), 12),
        (_("Giới tính"), 8),
        (_("Vị trí việc làm, đơn vị"), 36),
        (_("Trình độ đào tạo"), 12),
        (_("Ngạch, chức danh"), 22),
        (_("Bậc"), 6),
        (_("Hệ số lương"), 9),
        (_("Hệ số phụ cấp chức vụ"), 9),
        (_("Hệ số phụ cấp khác"), 9),
        (_("Thâm niên vượt khung (%)"), 9),
        (_("Phụ cấp theo % (%)"), 9),
        (_("Tiền lương tháng S (đồng)"), 14),
        (_("Số năm đóng BHXH"), 9),
        (_("Ngày nghỉ hưu"), 12),
        (_("Số tháng nghỉ sớm"), 9),
        (_("Trường hợp"), 10),
        (_("Lý do"), 50),
        (_("Chế độ, chính sách"), 22),
        *((_("%(item)s (đồng)") % {"item": benefits.ITEMS[k]}, 16) for k in keys),
        (_("Tổng kinh phí (đồng)"), 16),
        (_("Ghi chú"), 36),
    ]


def candidate_sheets(data: Mapping, totals: Mapping, *, heading: Sequence[str] = ()) -> list[ReportSheet]:
    """The sheets of a list: *Danh sách* (the counted candidates, their total, then the deferred
    ones marked and left out of it), *Tổng hợp* (per case, per unit, total), *Không đưa vào danh
    sách* (excluded), *Cần bổ sung dữ liệu*. ``heading``: extra lines under the title (a saved
    list's number, date and author)."""
    lines = title_lines(data, heading)
    keys = item_keys(data)
    rows = data["rows"]
    counted = [r for r in rows if r["status"] == "candidate"]
    deferred = [r for r in rows if r["status"] == "deferred"]
    table: list[list] = [_person_cells(i, r, keys) for i, r in enumerate(counted, start=1)]
    width = len(_list_headers(keys))
    sums = [sum(r["benefit"]["items"].get(k, 0) for r in counted if r.get("benefit")) for k in keys]
    total_row: list = [None] * width
    total_row[2] = _("Tổng cộng: %(n)s người") % {"n": len(counted)}
    total_row[width - 2 - len(keys) : width - 1] = [*sums, totals.get("benefit", 0)]
    table.append(total_row)
    bold = {len(table) - 1}
    if deferred:
        marker = [None] * width
        marker[2] = _("Hoãn xét tinh giản (không tính vào tổng cộng): %(n)s người") % {"n": len(deferred)}
        table.append(marker)
        bold.add(len(table) - 1)
        table += [_person_cells(len(counted) + i, r, keys) for i, r in enumerate(deferred, start=1)]
    sheets = [
        ReportSheet(title=_("Danh sách"), lines=lines, headers=_list_headers(keys), rows=table, bold_rows=bold),
        _summary_sheet(lines, totals),
    ]
    excluded = [r for r in rows if r["status"] == "excluded"]
    sheets.append(
        ReportSheet(
            title=_("Không đưa vào danh sách"),
            lines=lines,
            headers=[
                (_("STT"), 6),
                (_("Mã cán bộ"), 12),
                (_("Họ và tên"), 26),
                (_("Vị trí việc làm, đơn vị"), 36),
                (_("Trường hợp"), 10),
                (_("Lý do thuộc diện"), 50),
                (_("Lý do không đưa vào danh sách"), 40),
                (_("Người ghi"), 20),
                (_("Ngày ghi"), 12),
            ],
            rows=[
                [
                    i,
                    r["employee_code"],
                    r["full_name"],
                    _post(r),
                    ", ".join(r["cases"]),
                    "; ".join(r["reasons"]),
                    r["exclusion"]["reason"],
                    r["exclusion"]["excluded_by"],
                    _moment(r["exclusion"]["excluded_at"]),
                ]
                for i, r in enumerate(excluded, start=1)
            ],
        )
    )
    missing = [(r, m) for r in rows for m in r["missing"]]
    sheets.append(
        ReportSheet(
            title=_("Cần bổ sung dữ liệu"),
            lines=lines,
            headers=[
                (_("STT"), 6),
                (_("Mã cán bộ"), 12),
                (_("Họ và tên"), 26),
                (_("Vị trí việc làm, đơn vị"), 36),
                (_("Chưa xét, chưa tính được"), 14),
                (_("Cần bổ sung"), 70),
            ],
            rows=[
                [i, r["employee_code"], r["full_name"], _post(r), m["case"] or _("kinh phí"), m["message"]]
                for i, (r, m) in enumerate(missing, start=1)
            ],
        )
    )
    return sheets


def _summary_sheet(lines: Sequence[str], totals: Mapping) -> ReportSheet:
    rows: list[list] = [
        [_("Số người thuộc diện tinh giản (tính vào tổng)"), totals.get("candidates", 0), None],
        [_("Số người hoãn xét"), totals.get("deferred", 0), None],
        [_("Số người không đưa vào danh sách"), totals.get("excluded", 0), None],
        [_("Số người cần bổ sung dữ liệu"), totals.get("missing_data", 0), None],
        [_("Số người chưa tính được kinh phí"), totals.get("without_benefit", 0), None],
        [_("Tổng kinh phí dự kiến (đồng)"), None, totals.get("benefit", 0)],
        [],
        [_("Theo trường hợp (một người có thể thuộc nhiều trường hợp)"), None, None],
    ]
    bold = {5, 7}
    by_case = totals.get("by_case") or {}
    for case in CASE_ORDER:  # PostgreSQL's jsonb does not keep the keys' order ("đ" comes last)
        value = by_case.get(case) or {"people": 0, "benefit": 0}
        rows.append([_label(StreamliningCase, case), value["people"], value["benefit"]])
    rows += [[], [_("Theo đơn vị"), None, None]]
    bold.add(len(rows) - 1)
    for unit in totals.get("by_unit", ()):
        name = f"{unit['name']} ({unit['code']})"
        if unit.get("deferred"):
            name += " — " + _("hoãn xét: %(n)s") % {"n": unit["deferred"]}
        rows.append([name, unit["people"], unit["benefit"]])
    return ReportSheet(
        title=_("Tổng hợp"),
        lines=lines,
        headers=[(_("Nội dung"), 70), (_("Số người"), 10), (_("Kinh phí (đồng)"), 18)],
        rows=rows,
        bold_rows=bold,
    )


def candidates_xlsx(data: Mapping, totals: Mapping, *, heading: Sequence[str] = ()) -> bytes:
    return workbook(candidate_sheets(data, totals, heading=heading))
