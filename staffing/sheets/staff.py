"""The ``staff`` sheet (docs/import-format.md), registered in ``StaffingConfig.ready``.

staff — key employee_code
    An existing code updates that person (it must belong to an organisation in the scope; a code
    of another subtree is refused without saying where). Optional columns missing from the file
    keep the stored values. Every rule across columns uses the value after the import (the file's,
    or the stored one when the column is absent).

    Year columns (``Xếp loại YYYY`` / ``Nghỉ ốm YYYY``) upsert one ``AnnualRecord`` per person and
    year; a year with both cells empty and no stored record creates nothing.

    Assignments. ``position_code`` is the person's primary position (one of their organisation),
    ``concurrent_position_codes`` their concurrent ones (kiêm nhiệm): a bare code is looked up in
    the person's organisation first, then among the positions of the scope (it must be unique
    there); ``ORG:CODE`` names a position of another unit of the scope (the export writes that form
    for concurrent positions outside the person's organisation). The file states the positions the
    person holds *now* (an assignment is open when it has no end date or ends today or later):

    - an open assignment to a position the file still lists is kept as it is, FTE included;
    - a position the file no longer lists is closed the day before the import date (an
      assignment that starts on or after the import date is deleted instead: it never ran);
    - a new position starts on the import date; a new concurrent position gets FTE 0.1
      (``staff_write.CONCURRENT_FTE``);
    - the primary position takes the remainder, 1 − Σ FTE of the concurrent positions: a new
      primary gets it; a kept primary keeps its FTE unless the sum would exceed 1, in which case
      it is closed and reopened on the import date with the remainder (or updated in place when
      it started on the import date). A person's FTE so never exceeds 1, and 9 concurrent
      positions at 0.1 leave 0.1 for the primary; more is an error.
    - an empty ``position_code`` closes the primary position; a missing column leaves the
      assignments of that kind alone.

    Export → re-import changes nothing: the export writes the open assignments, which the import
    then finds unchanged.

This module holds the columns, the validation and the export; ``staff_context`` what the sheet
loads (row-dependent maps: the people of the file, their personal IDs, yearly records and
assignments, the positions of their organisations, loaded in ``validate`` with ``fetch_in``, in a
number of queries that does not grow with the file); ``staff_write`` the plan of the assignments,
the diff and the set-wise writes. The rules of a person's record are ``staffing.rules``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from imports.errors import ErrorSink
from imports.lookups import OrgRef, load_orgs, org_codes_in, org_error
from imports.messages import gettext as _
from imports.organizations import ORG_CODE
from imports.sheets import Column, Row, Sheet, TemplateList
from imports.sql import fetch_in
from imports.values import Choice, Code, CodeList, Date, Integer, Invalid, Number, Text, YearOnly, YesNo
from positions.models import Rank
from positions.sheets.lists import first_position_of, position_codes_in, rank_codes
from positions.sheets.parsers import OPTIONAL_POSITION_CODE, POSITION_CODE, RANK_REF, TRAINING_FIELD, TRAINING_LEVEL
from positions.sheets.positions import load_ranks
from staffing import rules
from staffing.models import (
    AnnualRecord,
    Assignment,
    AssignmentKind,
    Deferral,
    Rating,
    Sex,
    Staff,
    StaffCategory,
    StaffStatus,
)
from staffing.sheets.staff_context import Held, StaffContext, StaffRecord, load_rows_maps
from staffing.sheets.staff_write import StaffWriter, plan_assignments


def _bare(code: Code) -> str:
    """A code parser's pattern without its anchors, to build a longer one."""
    return code.regex.pattern.removeprefix("^").removesuffix("$")


class EmployeeCode(Code):
    def __call__(self, value):
        code = super().__call__(value)
        if rules.is_reserved_code(code):
            raise Invalid(_("“%(value)s” không dùng được làm mã cán bộ (trùng tên một trang).") % {"value": code})
        return code


EMPLOYEE_CODE = EmployeeCode(
    rules.EMPLOYEE_CODE_PATTERN, gettext_lazy("tối đa 30 ký tự, không chứa dấu “/”, ghi dạng văn bản (giữ số 0 ở đầu)")
)
PERSONAL_ID = Code(
    rules.PERSONAL_ID_PATTERN,
    gettext_lazy("đúng 12 chữ số, ghi dạng văn bản (giữ số 0 ở đầu)"),
    empty=None,
)
CONCURRENT_CODES = CodeList(
    Code(
        rf"^(?:{_bare(ORG_CODE)}:)?{_bare(POSITION_CODE)}$",
        gettext_lazy(
            "mã vị trí của đơn vị người đó, hoặc “mã đơn vị:mã vị trí” với vị trí của một đơn vị khác trong phạm vi"
        ),
    )
)


class SexChoice(Choice):
    """Nam / Nữ (also M / F, male / female); the export writes Nam / Nữ."""

    labels = {"M": "Nam", "F": "Nữ"}

    def to_cell(self, value):
        return self.labels.get(value, value or "")


class Percent(Number):
    """A percentage allowance, written as its number of per cent: ``25`` (also ``25%`` or
    ``25 %``) is 25 %. A value above 0 and below 1 is what a spreadsheet stores for a cell
    formatted as a percentage (25 % → 0.25): refused, never read as 0.25 %."""

    def __call__(self, value):
        if value.__class__ is str and value.endswith("%"):
            value = value[:-1].rstrip()
        number = super().__call__(value)
        if rules.percent_looks_like_a_fraction(number):
            raise Invalid(
                _(
                    "“%(value)s” là phần trăm viết dưới dạng phân số (ô Excel định dạng kiểu phần trăm lưu 25%% thành"
                    " 0,25): hãy ghi số phần trăm, ví dụ 25 cho 25%%."
                )
                % {"value": str(number).replace(".", ",")}
            )
        return number


ALLOWANCE = Number(places=rules.ALLOWANCE_PLACES, min_value=0, max_value=rules.ALLOWANCE_MAX)
PERCENT = Percent(places=rules.PERCENT_PLACES, min_value=0, max_value=rules.PERCENT_MAX)
# What the template's comments and guide sheet say of them (the limits of ``staffing.rules``).
ALLOWANCE_RULE = format_lazy(
    gettext_lazy("số thập phân từ 0 đến {max}, tối đa {places} chữ số thập phân"),
    max=rules.ALLOWANCE_MAX,
    places=rules.ALLOWANCE_PLACES,
)
PERCENT_RULE = format_lazy(
    gettext_lazy("từ 0 đến {max}, tối đa {places} chữ số thập phân (ghi số, không định dạng ô kiểu phần trăm)"),
    max=rules.PERCENT_MAX,
    places=rules.PERCENT_PLACES,
)
SEX = SexChoice(Sex, aliases={"male": "M", "female": "F", "nu": "F"})
STATUS = Choice(StaffStatus)
STATUS.empty = StaffStatus.WORKING  # an empty status cell means "đang làm việc"


class StaffSheet(StaffWriter, Sheet):
    kind = "staff"
    title = gettext_lazy("Danh sách cán bộ, công chức, viên chức")
    short_title = gettext_lazy("Cán bộ, công chức, viên chức")  # a worksheet name: 31 characters at most
    model = Staff
    key = ("employee_code",)
    name_column = "full_name"
    change_labels = {"position_fte": gettext_lazy("Tỷ lệ thời gian (FTE) của vị trí chính")}
    columns = (
        Column("employee_code", "Mã cán bộ", EMPLOYEE_CODE, required=True, sample="CB000123"),
        Column("personal_id", "Số định danh cá nhân", PERSONAL_ID, sample="048190001234"),
        Column("full_name", "Họ và tên", Text(max_length=120), required=True, sample="Nguyễn Thị Lan"),
        Column("date_of_birth", "Ngày sinh", Date(year_only=True), required=True, sample=dt.date(1985, 3, 25)),
        Column("sex", "Giới tính", SEX, required=True, sample="F"),
        Column("category", "Loại", Choice(StaffCategory), required=True, sample="CC"),
        Column("organization_code", "Mã đơn vị", ORG_CODE, required=True, field="organization", sample="000.00.01.H17"),
        Column(
            "position_code",
            "Mã vị trí",
            OPTIONAL_POSITION_CODE,
            field="position",
            sample="VT-VT01",
            help=gettext_lazy("Mã một vị trí trong danh mục của chính đơn vị đó (vị trí chính)"),
        ),
        Column(
            "concurrent_position_codes",
            "Mã vị trí kiêm nhiệm",
            CONCURRENT_CODES,
            field="concurrent_positions",
        ),
        Column("rank_code", "Mã ngạch", RANK_REF, field="rank", sample="01.003"),
        Column(
            "salary_step",
            "Bậc lương",
            Integer(min_value=rules.SALARY_STEP_MIN, max_value=rules.SALARY_STEP_MAX),
            sample=3,
        ),
        Column(
            "salary_coefficient",
            "Hệ số lương",
            Number(places=2, min_value=0, max_value="99.99"),
            sample=Decimal("3.00"),
            help=gettext_lazy("Số thập phân (dấu phẩy hoặc chấm), trong khoảng hệ số của ngạch"),
        ),
        Column(
            "leadership_allowance",
            "Hệ số phụ cấp chức vụ lãnh đạo",
            ALLOWANCE,
            help=format_lazy(gettext_lazy("Hệ số phụ cấp chức vụ lãnh đạo, ví dụ 0,60; {rule}"), rule=ALLOWANCE_RULE),
        ),
        Column(
            "other_allowance",
            "Hệ số phụ cấp khác",
            ALLOWANCE,
            help=format_lazy(
                gettext_lazy(
                    "Tổng hệ số các phụ cấp khác tính theo hệ số (trách nhiệm, độc hại …), ví dụ 0,20; {rule}"
                ),
                rule=ALLOWANCE_RULE,
            ),
        ),
        Column(
            "seniority_percent",
            "Phụ cấp thâm niên vượt khung (%)",
            PERCENT,
            help=format_lazy(gettext_lazy("Số phần trăm của hệ số lương, ví dụ 7 cho 7%; {rule}"), rule=PERCENT_RULE),
        ),
        Column(
            "allowance_percent",
            "Phụ cấp khác theo tỷ lệ (%)",
            PERCENT,
            sample=25,
            help=format_lazy(
                gettext_lazy(
                    "Tổng các phụ cấp tính theo phần trăm tiền lương, ví dụ 25 cho phụ cấp công vụ 25%; {rule}"
                ),
                rule=PERCENT_RULE,
            ),
        ),
        Column("recruitment_date", "Ngày tuyển dụng", Date(), sample=dt.date(2010, 9, 1)),
        Column(
            "insurance_years",
            "Số năm đóng BHXH",
            Number(places=1, min_value=0, max_value=rules.INSURANCE_YEARS_MAX),
            sample=15,
        ),
        Column("training_level", "Trình độ đào tạo", TRAINING_LEVEL, sample="DH"),
        Column(
            "training_field",
            "Chuyên ngành đào tạo",
            TRAINING_FIELD,
            sample="Luật",
            help=format_lazy(
                gettext_lazy("Chuyên ngành của trình độ đào tạo, ví dụ Luật; {rule}"), rule=TRAINING_FIELD.describe()
            ),
        ),
        Column("rating_YYYY", "Xếp loại YYYY", Choice(Rating), per_year=True),
        Column("sick_days_YYYY", "Nghỉ ốm YYYY", Integer(min_value=0, max_value=rules.SICK_DAYS_MAX), per_year=True),
        Column("heavy_work", "Nặng nhọc, độc hại", YesNo(), sample=False),
        Column("redundant", "Diện dôi dư", YesNo(), sample=False),
        Column("deferral", "Hoãn xét tinh giản", Choice(Deferral)),
        Column("status", "Trạng thái", STATUS, sample="DLV"),
        Column(
            "exit_date",
            "Ngày nghỉ",
            Date(),
            help=gettext_lazy("Ngày dạng dd/mm/yyyy; bắt buộc khi trạng thái không phải DLV (đang làm việc)"),
        ),
    )

    # ------------------------------------------------------------------ load
    def load_context(self, scope) -> StaffContext:
        ctx = StaffContext(scope=scope)
        ctx.orgs, ctx.org_codes = load_orgs(scope)
        ctx.ranks, ctx.ranks_by_id = load_ranks()
        return ctx

    # ------------------------------------------------------------------ validate
    def validate(self, rows: list[Row], ctx: StaffContext, errors: ErrorSink) -> None:
        present = ctx.present
        ctx.rating_years = tuple((c.name, c.year) for c in ctx.columns if c.year is not None and c.base == "rating")
        ctx.sick_years = tuple((c.name, c.year) for c in ctx.columns if c.year is not None and c.base == "sick_days")
        for name, year in ctx.rating_years + ctx.sick_years:
            if not rules.YEAR_MIN <= year <= rules.YEAR_MAX:
                errors.add(
                    1,
                    name,
                    name,
                    _("Năm %(year)d của cột “%(name)s” phải từ 2000 đến 2100.")
                    % {"year": year, "name": errors.labels.get(name, name)},
                )
        repeated = self.check_duplicates(rows, errors)
        if "personal_id" in present:
            repeated |= self.check_duplicates(rows, errors, key=("personal_id",))
        load_rows_maps(rows, ctx)
        existing = ctx.existing
        orgs = ctx.orgs
        ranks, ranks_by_id = ctx.ranks, ctx.ranks_by_id
        today = ctx.today
        born_after, born_by = rules.working_birth_range(today)  # of working age on the import date
        scope_text = ctx.scope_label()
        has_pid = "personal_id" in present
        has_status = "status" in present
        has_exit = "exit_date" in present
        has_recruit = "recruitment_date" in present
        has_rank = "rank_code" in present
        has_coef = "salary_coefficient" in present
        has_positions = "position_code" in present or "concurrent_position_codes" in present
        # personal IDs of the file held in the database, by whom
        pid_owner: dict[str, str] = {}
        if has_pid:
            pids = [r.values.get("personal_id") for r in rows if r.values.get("personal_id")]
            pid_owner = dict(fetch_in(Staff.objects.order_by(), "personal_id", pids, ("personal_id", "employee_code")))
            file_pid = {r.values.get("employee_code"): r.values.get("personal_id") for r in rows}
        add = errors.add
        for row in rows:
            v = row.values
            number = row.number
            code = v["employee_code"]
            record = existing.get(code) if code else None
            if record is not None and not ctx.in_scope(record.org_path):
                add(
                    number,
                    "employee_code",
                    code,
                    _(
                        "Mã cán bộ “%(code)s” đã được dùng cho một người không thuộc phạm vi %(scope)s: không thể nhập"
                        " hay sửa người này ở đây."
                    )
                    % {"code": code, "scope": scope_text},
                )
                continue
            org_code = v["organization_code"]
            org = orgs.get(org_code) if org_code else None
            if org_code and org is None:
                org_error(errors, row, "organization_code", org_code, ctx)
            if has_pid:
                pid = v["personal_id"]
                if pid:
                    owner = pid_owner.get(pid)
                    if owner is not None and owner != code and not (owner in file_pid and file_pid[owner] != pid):
                        add(
                            number,
                            "personal_id",
                            pid,
                            _("Số định danh cá nhân “%(pid)s” đã được dùng cho một người khác trên cổng.")
                            % {"pid": pid},
                        )
            birth = v["date_of_birth"]
            status = v["status"] if has_status else (record.status if record else StaffStatus.WORKING)
            if birth is not None and status == StaffStatus.WORKING and not born_after < birth <= born_by:
                add(
                    number,
                    "date_of_birth",
                    birth,
                    _(
                        "Người đang làm việc phải từ đủ %(min)d đến %(max)d tuổi vào ngày nhập; theo ngày sinh này là"
                        " %(age)d tuổi."
                    )
                    % {"min": rules.MIN_AGE, "max": rules.MAX_AGE, "age": rules.age_on(birth, today)},
                )
            exit_date = v["exit_date"] if has_exit else (record.exit_date if record else None)
            if rules.exit_date_missing(status, exit_date) and "exit_date" not in row.failed:
                add(
                    number,
                    "exit_date",
                    "",
                    _("Hãy ghi ngày nghỉ: trạng thái “%(status)s” không phải đang làm việc.") % {"status": status},
                )
            elif has_exit and rules.exit_before_birth(exit_date, birth):
                add(number, "exit_date", exit_date, _("Ngày nghỉ không được trước ngày sinh."))
            recruited = v["recruitment_date"] if has_recruit else (record.recruitment_date if record else None)
            if recruited is not None and birth is not None and recruited < rules.earliest_recruitment(birth):
                add(
                    number,
                    "recruitment_date" if has_recruit else "date_of_birth",
                    recruited if has_recruit else birth,
                    _("Ngày tuyển dụng %(date)s trước ngày đủ 15 tuổi (%(limit)s).")
                    % {
                        "date": recruited.strftime("%d/%m/%Y"),
                        "limit": rules.earliest_recruitment(birth).strftime("%d/%m/%Y"),
                    },
                )
            rank = None
            if has_rank:
                rank_code = v["rank_code"]
                if rank_code:
                    rank = ranks.get(rank_code)
                    if rank is None:
                        add(
                            number,
                            "rank_code",
                            rank_code,
                            _("Mã ngạch/chức danh “%(code)s” không có trên cổng.") % {"code": rank_code},
                        )
            elif record is not None and record.rank_id:
                rank = ranks_by_id.get(record.rank_id)
            if has_coef or has_rank:
                coefficient = v["salary_coefficient"] if has_coef else (record.salary_coefficient if record else None)
                if coefficient is not None and rank is not None:
                    low, high = rank.coefficient_min, rank.coefficient_max
                    if not rules.coefficient_in_range(coefficient, low, high):
                        add(
                            number,
                            "salary_coefficient" if has_coef else "rank_code",
                            coefficient if has_coef else rank.code,
                            _(
                                "Hệ số lương %(coef)s nằm ngoài khoảng hệ số của ngạch %(rank)s (%(name)s):"
                                " %(low)s – %(high)s."
                            )
                            % {
                                "coef": str(coefficient).replace(".", ","),
                                "rank": rank.code,
                                "name": rank.name,
                                "low": "…" if low is None else str(low).replace(".", ","),
                                "high": "…" if high is None else str(high).replace(".", ","),
                            },
                        )
            if has_positions and org is not None and code and number not in repeated:
                self._plan_positions(row, record, org_code, org, ctx, errors)

    def _resolve_concurrent(self, item: str, org: OrgRef, ctx: StaffContext) -> int | str:
        """The id of a concurrent position, or the error message."""
        if ":" in item:
            org_code, code = item.split(":", 1)
            target = ctx.orgs.get(org_code)
            if target is None:
                return _("Đơn vị “%(org)s” của vị trí kiêm nhiệm “%(item)s” không có trong phạm vi %(scope)s.") % {
                    "org": org_code,
                    "item": item,
                    "scope": ctx.scope_label(),
                }
            pk = ctx.positions.get((target.id, code))
            if pk is None:
                return _("Vị trí “%(code)s” không có trong danh mục của đơn vị “%(org)s”.") % {
                    "code": code,
                    "org": org_code,
                }
            return pk
        pk = ctx.positions.get((org.id, item))
        if pk is not None:
            return pk
        found = ctx.by_code.get(item, ())
        if len(found) == 1:
            return found[0]
        if not found:
            return _("Vị trí kiêm nhiệm “%(code)s” không có trong danh mục của đơn vị nào thuộc phạm vi %(scope)s.") % {
                "code": item,
                "scope": ctx.scope_label(),
            }
        return _("Mã vị trí kiêm nhiệm “%(code)s” có ở nhiều đơn vị: ghi dạng “mã đơn vị:mã vị trí” để chỉ rõ.") % {
            "code": item
        }

    def _plan_positions(
        self, row: Row, record: StaffRecord | None, org_code: str, org: OrgRef, ctx: StaffContext, errors: ErrorSink
    ) -> None:
        v = row.values
        present = ctx.present
        held = ctx.held.get(record.id, ()) if record is not None else ()
        current_primary = None
        current_concurrent: dict[int, Held] = {}
        for h in held:
            if h.kind == AssignmentKind.PRIMARY:
                current_primary = h  # the latest (ordered by start date)
            else:
                current_concurrent.setdefault(h.position_id, h)
        ok = True
        if "position_code" in present:
            primary_code = v["position_code"]
            if "position_code" in row.failed:
                return
            primary = None
            if primary_code:
                primary = ctx.positions.get((org.id, primary_code))
                if primary is None:
                    errors.add(
                        row.number,
                        "position_code",
                        primary_code,
                        _("Vị trí “%(code)s” không có trong danh mục vị trí việc làm của đơn vị “%(org)s”.")
                        % {"code": primary_code, "org": org_code},
                    )
                    ok = False
        else:
            primary = current_primary.position_id if current_primary else None
        if "concurrent_position_codes" in present:
            if "concurrent_position_codes" in row.failed:
                return
            concurrent = []
            items = v["concurrent_position_codes"] or ()
            for item in items:
                found = self._resolve_concurrent(item, org, ctx)
                if isinstance(found, str):
                    errors.add(row.number, "concurrent_position_codes", item, found)
                    ok = False
                elif found == primary and primary is not None:
                    errors.add(
                        row.number,
                        "concurrent_position_codes",
                        item,
                        _("Vị trí “%(code)s” đã là vị trí chính của người này, không thể đồng thời kiêm nhiệm.")
                        % {"code": item},
                    )
                    ok = False
                elif found not in concurrent:
                    concurrent.append(found)
        else:
            concurrent = list(current_concurrent)
        if not ok:
            return
        plan = plan_assignments(primary, concurrent, current_primary, current_concurrent, ctx)
        if plan is None:
            errors.add(
                row.number,
                "concurrent_position_codes",
                v.get("concurrent_position_codes") or "",
                _(
                    "Quá nhiều vị trí kiêm nhiệm: tổng tỷ lệ thời gian (FTE) của một người không được vượt quá 1"
                    " và vị trí chính phải còn lại lớn hơn 0 (mỗi vị trí kiêm nhiệm mới tính 0,1)."
                ),
            )
            return
        if plan.close or plan.delete or plan.move or plan.create:
            ctx.plans[row.number] = plan

    # ------------------------------------------------------------------ export
    def _scoped(self, scope):
        qs = Staff.objects.all()
        return qs if scope is None else qs.filter(organization__path__startswith=scope.path)

    def _years(self, scope) -> list[int]:
        qs = AnnualRecord.objects.all()
        if scope is not None:
            qs = qs.filter(staff__organization__path__startswith=scope.path)
        return sorted(qs.order_by().values_list("year", flat=True).distinct())

    def export_columns(self, scope) -> list[Column]:
        years = self._years(scope)
        columns = []
        for column in self.columns:
            if column.per_year:
                columns.extend(column.for_year(year) for year in years)
            else:
                columns.append(column)
        return columns

    def export_rows(self, scope, chunk: int = 2000):
        years = self._years(scope)
        today = timezone.localdate()
        ids = list(self._scoped(scope).order_by("employee_code").values_list("id", flat=True))
        rank_codes = dict(Rank.objects.values_list("id", "code"))
        fields = (
            "id",
            "employee_code",
            "personal_id",
            "full_name",
            "date_of_birth",
            "birth_year_only",
            "sex",
            "category",
            "organization_id",
            "organization__code",
            "rank_id",
            "salary_step",
            "salary_coefficient",
            "recruitment_date",
            "insurance_years",
            "heavy_work",
            "redundant",
            "deferral",
            "status",
            "exit_date",
            "training_level",
            "training_field",
            "leadership_allowance",
            "other_allowance",
            "seniority_percent",
            "allowance_percent",
        )
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            people = Staff.objects.filter(pk__in=part).order_by("employee_code").values_list(*fields)
            records = defaultdict(dict)
            if years:
                for staff_id, year, rating, sick in AnnualRecord.objects.filter(staff_id__in=part).values_list(
                    "staff_id", "year", "rating", "sick_days"
                ):
                    records[staff_id][year] = (rating, sick)
            held = defaultdict(list)
            for staff_id, kind, org_id, org_code, code in (
                Assignment.objects.filter(staff_id__in=part)
                .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
                .order_by("start_date", "id")
                .values_list(
                    "staff_id", "kind", "position__organization_id", "position__organization__code", "position__code"
                )
            ):
                held[staff_id].append((kind, org_id, org_code, code))
            for values in people:
                record = dict(zip(fields, values, strict=True))
                staff_id = record.pop("id")
                org_id = record.pop("organization_id")
                record["organization_code"] = record.pop("organization__code")
                rank_id = record.pop("rank_id")
                record["rank_code"] = rank_codes.get(rank_id) if rank_id else None
                birth = record["date_of_birth"]
                if record.pop("birth_year_only"):
                    record["date_of_birth"] = YearOnly(birth.year, 1, 1)
                primary, concurrent = None, []
                for kind, pos_org, pos_org_code, code in held.get(staff_id, ()):
                    if kind == AssignmentKind.PRIMARY:
                        primary = code
                    else:
                        concurrent.append(code if pos_org == org_id else f"{pos_org_code}:{code}")
                record["position_code"] = primary
                record["concurrent_position_codes"] = tuple(sorted(set(concurrent)))
                for year, (rating, sick) in records.get(staff_id, {}).items():
                    record[f"rating_{year}"] = rating
                    record[f"sick_days_{year}"] = sick
                yield record

    def object_repr(self, row: Row) -> str:
        return f"{row.values.get('full_name') or ''} ({row.values.get('employee_code') or ''})"

    def template_lists(self, prefixes) -> dict[str, TemplateList]:
        """The user's organisation codes, the position codes of their units (one plain list; the
        sample: a position of the sample unit) and the ranks."""
        orgs = org_codes_in(prefixes)
        sample = (first_position_of(orgs[0]) if orgs else None) or ""
        return {
            "organization_code": TemplateList(orgs),
            "position_code": TemplateList(position_codes_in(prefixes), strict=False, sample=sample),
            "rank_code": TemplateList(rank_codes()),
        }
