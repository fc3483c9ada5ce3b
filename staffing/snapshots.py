"""Reading a streamlining candidate list as frozen JSON (``CandidateSnapshot.data`` and ``.totals``,
or a live list's ``snapshot_data()``/``snapshot_totals()``, staffing.reports.candidates), pure: the
list's sections and rows as the pages show them (``ListView``, ``RowView``) and the comparison of
two saved lists (``compare``). No ORM, no request: the live list and a saved one are shown by the
same code from the same JSON, so a saved list looks exactly as it was saved.

A row's ``status`` (staffing.candidates): ``candidate`` (on the list, counted), ``deferred`` (on
the list, marked, not counted), ``excluded`` (taken off by HR with a reason), ``missing_data`` (no
case, but one that cannot be decided); the "cần bổ sung dữ liệu" section holds every row with
something missing, whatever its status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from positions.models import TrainingLevel
from staffing import benefits
from staffing.candidates import CANDIDATE, CASE_ORDER, DEFERRED, EXCLUDED, MISSING_DATA
from staffing.models import Sex, StaffCategory, StreamliningCase

ON_LIST = (CANDIDATE, DEFERRED)


def _label(choices, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code or ""


def case_label(code: str) -> str:
    return _label(StreamliningCase, code)


def money(amount: int | None) -> str:
    """Whole VND grouped the active language's way ("744.788.125" in Vietnamese); "—" for None."""
    if amount is None:
        return "—"
    return formats.number_format(int(amount), use_l10n=True, force_grouping=True)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


# --------------------------------------------------------------------------- one row


@dataclass(frozen=True)
class ItemView:
    key: str
    label: str
    amount: int | None
    basis: str = ""


@dataclass(frozen=True)
class RowView:
    """One person of a frozen list, with the labels a page, a print or a comparison shows."""

    row: Mapping
    item_keys: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return self.row["employee_code"]

    @property
    def full_name(self) -> str:
        return self.row.get("full_name", "")

    @property
    def status(self) -> str:
        return self.row.get("status", "")

    @property
    def on_list(self) -> bool:
        return self.status in ON_LIST

    @property
    def date_of_birth(self) -> str:
        """dd/mm/yyyy, or the year alone when only the year is known."""
        raw = self.row.get("date_of_birth") or ""
        if self.row.get("birth_year_only") or len(raw) == 4:
            return raw[:4]
        day = _date(raw)
        return day.strftime("%d/%m/%Y") if day else raw

    @property
    def sex_label(self) -> str:
        return _label(Sex, self.row.get("sex", ""))

    @property
    def category_label(self) -> str:
        return _label(StaffCategory, self.row.get("category", ""))

    @property
    def unit_name(self) -> str:
        unit = self.row.get("unit") or {}
        return unit.get("name") or (self.row.get("organization") or {}).get("name", "")

    @property
    def organization_name(self) -> str:
        return (self.row.get("organization") or {}).get("name", "")

    @property
    def position_name(self) -> str:
        return (self.row.get("position") or {}).get("name", "")

    @property
    def training_level_label(self) -> str:
        return _label(TrainingLevel, self.row.get("training_level", ""))

    @property
    def required_level_label(self) -> str:
        return _label(TrainingLevel, (self.row.get("position") or {}).get("required_training_level", ""))

    @property
    def rank_name(self) -> str:
        rank = self.row.get("rank") or {}
        return rank.get("name", "")

    @property
    def salary(self) -> Mapping:
        return self.row.get("salary") or {}

    @property
    def allowances(self) -> list[str]:
        """The allowance coefficients and percentages that are set, as short Vietnamese lines."""
        s = self.salary
        out = []
        for key, text in (
            ("leadership_allowance", _("Phụ cấp chức vụ %(value)s")),
            ("other_allowance", _("Phụ cấp khác %(value)s")),
            ("seniority_percent", _("Thâm niên vượt khung %(value)s%%")),
            ("allowance_percent", _("Phụ cấp theo tỷ lệ %(value)s%%")),
        ):
            value = s.get(key)
            if value not in (None, "", "0"):
                out.append(text % {"value": benefits.number_text(value)})
        return out

    @property
    def coefficient(self) -> str:
        value = self.salary.get("coefficient")
        return benefits.number_text(value) if value not in (None, "") else "—"

    @property
    def insurance_years(self) -> str:
        value = self.row.get("insurance_years")
        return benefits.number_text(value) if value not in (None, "") else "—"

    @property
    def retirement_date(self) -> dt.date | None:
        return _date(self.row.get("retirement_date"))

    @property
    def cases(self) -> list[str]:
        return list(self.row.get("cases") or [])

    @property
    def findings(self) -> list[dict]:
        """Each case with its reason; a decided one with its note, who and when (a datetime)."""
        out = []
        for f in self.row.get("findings") or []:
            out.append({**f, "label": case_label(f.get("case", "")), "decided_at": _datetime(f.get("decided_at"))})
        return out

    @property
    def missing(self) -> list[dict]:
        return list(self.row.get("missing") or [])

    @property
    def exclusion(self) -> dict | None:
        ex = self.row.get("exclusion")
        return {**ex, "excluded_at": _datetime(ex.get("excluded_at"))} if ex else None

    @property
    def benefit(self) -> Mapping | None:
        return self.row.get("benefit")

    @property
    def total(self) -> int | None:
        return self.benefit["total"] if self.benefit else None

    @property
    def policy(self) -> str:
        return self.benefit["policy"] if self.benefit else ""

    @property
    def policy_label(self) -> str:
        return str(benefits.POLICIES.get(self.policy, self.policy)) if self.policy else ""

    @property
    def items(self) -> list[ItemView]:
        """The benefit's items in the regime's column order (None where the policy has none)."""
        benefit = self.benefit or {}
        amounts = benefit.get("items") or {}
        bases = {line.get("key"): line.get("basis", "") for line in benefit.get("lines") or []}
        return [ItemView(k, str(benefits.ITEMS.get(k, k)), amounts.get(k), bases.get(k, "")) for k in self.item_keys]

    @property
    def benefit_lines(self) -> list[ItemView]:
        """The items the benefit has, with how each is computed."""
        benefit = self.benefit or {}
        return [
            ItemView(line["key"], str(benefits.ITEMS.get(line["key"], line["key"])), line["amount"], line["basis"])
            for line in benefit.get("lines") or []
        ]


# --------------------------------------------------------------------------- a whole list


@dataclass(frozen=True)
class CaseLine:
    case: str
    label: str
    people: int
    benefit: int


@dataclass(frozen=True)
class ListView:
    """A frozen list as its pages show it: the sections, the totals and what the list rests on."""

    data: Mapping
    totals: Mapping
    rows: tuple[RowView, ...]
    item_keys: tuple[str, ...]

    @property
    def candidates(self) -> list[RowView]:
        return [r for r in self.rows if r.status == CANDIDATE]

    @property
    def deferred(self) -> list[RowView]:
        return [r for r in self.rows if r.status == DEFERRED]

    @property
    def excluded(self) -> list[RowView]:
        return [r for r in self.rows if r.status == EXCLUDED]

    @property
    def missing_data(self) -> list[RowView]:
        return [r for r in self.rows if r.missing or r.status == MISSING_DATA]

    @property
    def item_labels(self) -> list[str]:
        return [str(benefits.ITEMS.get(k, k)) for k in self.item_keys]

    @property
    def by_case(self) -> list[CaseLine]:
        found = self.totals.get("by_case") or {}
        return [
            CaseLine(c, case_label(c), found.get(c, {}).get("people", 0), found.get(c, {}).get("benefit", 0))
            for c in CASE_ORDER
        ]

    @property
    def by_unit(self) -> list[Mapping]:
        return list(self.totals.get("by_unit") or [])

    @property
    def rule_set(self) -> Mapping:
        return self.data.get("rule_set") or {}

    @property
    def regime(self) -> Mapping:
        return self.data.get("benefit_regime") or {}

    @property
    def regime_formula_label(self) -> str:
        return str(benefits.FORMULAS.get(self.regime.get("formula", ""), self.regime.get("formula", "")))

    @property
    def base_salary(self) -> Mapping:
        return self.data.get("base_salary") or {}

    @property
    def as_of(self) -> dt.date | None:
        return _date(self.data.get("as_of"))

    @property
    def empty_reason(self) -> str:
        return self.data.get("empty_reason") or ""

    @property
    def unverified(self) -> list[str]:
        return list(self.data.get("unverified") or [])

    @property
    def is_empty(self) -> bool:
        return not self.rows


def list_view(data: Mapping, totals: Mapping) -> ListView:
    """The view of a frozen list (``data`` and ``totals`` as saved)."""
    formula = (data.get("benefit_regime") or {}).get("formula", benefits.FORMULA_ND154)
    keys = benefits.ITEM_ORDER.get(formula, benefits.ITEM_ORDER[benefits.FORMULA_ND154])
    # Only the item columns some row uses (an ND154 list has no per-month item unless a short early
    # retirement pays one).
    used = {k for row in data.get("rows") or [] for k in ((row.get("benefit") or {}).get("items") or {})}
    item_keys = tuple(k for k in keys if k in used)
    rows = tuple(RowView(row, item_keys) for row in data.get("rows") or [])
    return ListView(data=data, totals=totals, rows=rows, item_keys=item_keys)


# --------------------------------------------------------------------------- comparing two lists


@dataclass(frozen=True)
class Change:
    """One person whose place on the list differs between the two lists: ``before``/``after`` are
    their rows (None where absent) and ``why`` says what changed, in Vietnamese lines."""

    code: str
    full_name: str
    before: RowView | None
    after: RowView | None
    why: tuple[str, ...]

    @property
    def total_before(self) -> int | None:
        return self.before.total if self.before is not None and self.before.on_list else None

    @property
    def total_after(self) -> int | None:
        return self.after.total if self.after is not None and self.after.on_list else None

    @property
    def difference(self) -> int:
        return (self.total_after or 0) - (self.total_before or 0)


@dataclass(frozen=True)
class TotalLine:
    label: str
    before: int
    after: int
    money: bool = False

    @property
    def difference(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    added: tuple[Change, ...]
    dropped: tuple[Change, ...]
    changed: tuple[Change, ...]
    unchanged: int
    totals: tuple[TotalLine, ...]
    by_case: tuple[TotalLine, ...]

    @property
    def same(self) -> bool:
        return not (self.added or self.dropped or self.changed)


def _cases_text(cases: Sequence[str]) -> str:
    return ", ".join(f"({c})" for c in cases)


def _why_added(after: RowView, before: RowView | None) -> list[str]:
    why = [*(f["reason"] for f in after.findings)]
    if after.status == DEFERRED:
        why.append(after.row.get("deferral_reason") or _("Hoãn xét tinh giản"))
    if before is not None and before.status == EXCLUDED:
        why.append(_("Trước đó không đưa vào danh sách; nay đã bỏ lý do không đưa vào."))
    return why


def _why_dropped(before: RowView, after: RowView | None, whereabouts: Mapping[str, str]) -> list[str]:
    if after is not None and after.status == EXCLUDED:
        ex = after.exclusion or {}
        when = ex.get("excluded_at")
        return [
            _("Không đưa vào danh sách: %(reason)s (%(who)s, %(when)s).")
            % {
                "reason": ex.get("reason", ""),
                "who": ex.get("excluded_by") or "—",
                "when": when.strftime("%d/%m/%Y") if when else "—",
            }
        ]
    if after is not None and after.status == MISSING_DATA:
        return [
            _("Không còn thuộc trường hợp nào đã xác định được; cần bổ sung dữ liệu: %(what)s")
            % {"what": "; ".join(m.get("message", "") for m in after.missing)}
        ]
    return [whereabouts.get(before.code) or _("Không còn thuộc trường hợp nào.")]


def _why_changed(before: RowView, after: RowView) -> list[str]:
    why = []
    if before.status != after.status:
        if after.status == DEFERRED:
            why.append(after.row.get("deferral_reason") or _("Hoãn xét tinh giản"))
        else:
            why.append(_("Hết hoãn xét tinh giản: nay được tính vào tổng."))
    gained = [c for c in after.cases if c not in before.cases]
    lost = [c for c in before.cases if c not in after.cases]
    if gained:
        why.append(_("Thêm trường hợp %(cases)s.") % {"cases": _cases_text(gained)})
        why.extend(f["reason"] for f in after.findings if f["case"] in gained)
    if lost:
        why.append(_("Không còn trường hợp %(cases)s.") % {"cases": _cases_text(lost)})
    if before.policy != after.policy and before.benefit and after.benefit:
        why.append(
            _("Chính sách: %(before)s → %(after)s.") % {"before": before.policy_label, "after": after.policy_label}
        )
    salary_before, salary_after = before.row.get("monthly_salary"), after.row.get("monthly_salary")
    if salary_before != salary_after:
        why.append(
            _("Tiền lương tháng: %(before)s → %(after)s đồng.")
            % {"before": money(salary_before), "after": money(salary_after)}
        )
    if before.total != after.total:
        if before.row.get("months_early") != after.row.get("months_early"):
            why.append(
                _("Số tháng nghỉ trước tuổi: %(before)s → %(after)s.")
                % {"before": before.row.get("months_early"), "after": after.row.get("months_early")}
            )
        why.append(
            _("Kinh phí: %(before)s → %(after)s đồng.") % {"before": money(before.total), "after": money(after.total)}
        )
    return why


def absent_codes(*, before: Mapping, after: Mapping) -> list[str]:
    """The people on ``before``'s list (counted or deferred) not shown at all in ``after``: where
    they are now is read from the database (``staffing.reports.streamlining.whereabouts``)."""
    on_list = {r["employee_code"] for r in before.get("rows") or [] if r.get("status") in ON_LIST}
    shown = {r["employee_code"] for r in after.get("rows") or []}
    return sorted(on_list - shown)


def compare(
    *,
    before: Mapping,
    after: Mapping,
    before_totals: Mapping,
    after_totals: Mapping,
    whereabouts: Mapping[str, str] | None = None,
) -> Comparison:
    """What changed from the list ``before`` to the list ``after`` (frozen JSON): who was added
    (with their cases and reasons), who dropped out and why (now excluded, now only missing data,
    or absent from the later list: ``whereabouts[code]`` says where the person is now — retired,
    moved out of the organisation, no longer under a case), whose cases, deferral, policy, salary
    or amount changed; the totals before and after."""
    whereabouts = whereabouts or {}
    old = {r.code: r for r in list_view(before, before_totals).rows}
    new = {r.code: r for r in list_view(after, after_totals).rows}
    added, dropped, changed, unchanged = [], [], [], 0
    for code in sorted(set(old) | set(new)):
        b, a = old.get(code), new.get(code)
        b_on, a_on = b is not None and b.on_list, a is not None and a.on_list
        name = (a or b).full_name
        if a_on and not b_on:
            added.append(Change(code, name, b, a, tuple(_why_added(a, b))))
        elif b_on and not a_on:
            dropped.append(Change(code, name, b, a, tuple(_why_dropped(b, a, whereabouts))))
        elif a_on and b_on:
            why = _why_changed(b, a)
            if why:
                changed.append(Change(code, name, b, a, tuple(why)))
            else:
                unchanged += 1
    return Comparison(
        added=tuple(added),
        dropped=tuple(dropped),
        changed=tuple(changed),
        unchanged=unchanged,
        totals=_total_lines(before_totals, after_totals),
        by_case=tuple(
            TotalLine(
                case_label(c),
                (before_totals.get("by_case") or {}).get(c, {}).get("people", 0),
                (after_totals.get("by_case") or {}).get(c, {}).get("people", 0),
            )
            for c in CASE_ORDER
        ),
    )


def _total_lines(before: Mapping, after: Mapping) -> tuple[TotalLine, ...]:
    return (
        TotalLine(_("Số người trong danh sách (được tính)"), before.get("candidates", 0), after.get("candidates", 0)),
        TotalLine(_("Hoãn xét (không tính vào tổng)"), before.get("deferred", 0), after.get("deferred", 0)),
        TotalLine(_("Không đưa vào danh sách"), before.get("excluded", 0), after.get("excluded", 0)),
        TotalLine(_("Cần bổ sung dữ liệu"), before.get("missing_data", 0), after.get("missing_data", 0)),
        TotalLine(_("Tổng kinh phí dự kiến (đồng)"), before.get("benefit", 0), after.get("benefit", 0), money=True),
    )
