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
      (``CONCURRENT_FTE``);
    - the primary position takes the remainder, 1 − Σ FTE of the concurrent positions: a new
      primary gets it; a kept primary keeps its FTE unless the sum would exceed 1, in which case
      it is closed and reopened on the import date with the remainder (or updated in place when
      it started on the import date). A person's FTE so never exceeds 1, and 9 concurrent
      positions at 0.1 leave 0.1 for the primary; more is an error.
    - an empty ``position_code`` closes the primary position; a missing column leaves the
      assignments of that kind alone.

    Export → re-import changes nothing: the export writes the open assignments, which the import
    then finds unchanged.

The sheet writes set-wise in the engine's transaction: on PostgreSQL COPY into temporary tables
and INSERT … SELECT / INSERT … ON CONFLICT / UPDATE … FROM; elsewhere bulk_create/bulk_update.
Row-dependent maps (the people of the file, their personal IDs, yearly records and assignments,
the positions of their organisations) are loaded in ``validate`` with ``fetch_in``, in a number of
queries that does not grow with the file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.errors import ErrorSink
from imports.lookups import OrgRef, fold_key, load_orgs, org_error
from imports.organizations import ORG_CODE
from imports.sheets import Column, Context, Diff, Row, Sheet, jsonable
from imports.sql import copy_into, copy_rows, fetch_in, is_postgresql
from imports.values import Choice, Code, CodeList, Date, Integer, Invalid, Number, Text, YearOnly, YesNo
from positions.models import Position, Rank
from positions.sheets.parsers import OPTIONAL_POSITION_CODE, RANK_REF
from positions.sheets.positions import RankRef, load_ranks
from staffing.models import (
    STAFF_DATA_FIELDS,
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

CONCURRENT_FTE = Decimal("0.10")
ONE = Decimal(1)
ZERO = Decimal(0)
MAX_CONCURRENT = 9  # with a primary position: 9 × 0.1 leaves it 0.1
_SHARES = [ONE - CONCURRENT_FTE * k for k in range(MAX_CONCURRENT + 1)]  # the primary's share
_JSON_PLAIN = frozenset({str, int, bool, float, type(None)})


def _json(value):
    """``jsonable`` with the common classes first (the audit log of a large import)."""
    cls = value.__class__
    if cls in _JSON_PLAIN:
        return value
    if cls is dt.date:
        return value.isoformat()
    if cls is Decimal:
        return str(value)
    return jsonable(value)


RESERVED_CODES = {"new", "quotas"}  # staff URLs: /staff/new/, /staff/quotas/
MIN_AGE, MAX_AGE = 15, 70


class EmployeeCode(Code):
    def __call__(self, value):
        code = super().__call__(value)
        if code.casefold() in RESERVED_CODES:
            raise Invalid(_("“%(value)s” không dùng được làm mã cán bộ (trùng tên một trang).") % {"value": code})
        return code


EMPLOYEE_CODE = EmployeeCode(
    r"^[^/]{1,30}$", gettext_lazy("tối đa 30 ký tự, không chứa dấu “/”, ghi dạng văn bản (giữ số 0 ở đầu)")
)
PERSONAL_ID = Code(
    r"^\d{12}$",
    gettext_lazy("đúng 12 chữ số, ghi dạng văn bản (giữ số 0 ở đầu)"),
    empty=None,
)
CONCURRENT_CODES = CodeList(
    Code(
        r"^(?:[0-9A-Z.\-]{1,35}:)?[^;:]{1,30}$",
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


SEX = SexChoice(Sex, aliases={"male": "M", "female": "F", "nu": "F"})
STATUS = Choice(StaffStatus)
STATUS.empty = StaffStatus.WORKING  # an empty status cell means "đang làm việc"


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return dt.date(day.year + years, day.month, day.day)
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1)


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


class StaffRecord(NamedTuple):
    id: int
    employee_code: str
    organization_id: int
    org_path: str
    personal_id: str | None
    full_name: str
    date_of_birth: dt.date
    birth_year_only: bool
    sex: str
    category: str
    rank_id: int | None
    salary_step: int | None
    salary_coefficient: Decimal | None
    recruitment_date: dt.date | None
    insurance_years: Decimal | None
    heavy_work: bool
    redundant: bool
    deferral: str
    status: str
    exit_date: dt.date | None


# StaffRecord fields whose values repeat across people (unit, its path, dates, category,
# coefficient, insurance years, status)
_SHARED_STAFF_FIELDS = (2, 3, 6, 9, 12, 13, 14, 18, 19)

STAFF_QUERY_FIELDS = (
    "id",
    "employee_code",
    "organization_id",
    "organization__path",
    *StaffRecord._fields[4:],
)


class Held(NamedTuple):
    """An open assignment of a person."""

    id: int
    position_id: int
    kind: str
    fte: Decimal
    start_date: dt.date
    ref: str  # the position as the export writes it: "CODE" or "ORG:CODE"


class Plan(NamedTuple):
    """What the import does to a person's assignments."""

    close: list[tuple[int, dt.date]]  # (assignment id, end date)
    delete: list[int]
    move: list[tuple[int, int, Decimal]]  # update in place: (assignment id, position id, fte)
    create: list[tuple[int, str, Decimal]]  # (position id, kind, fte), starting on the import date
    changes: dict


_NOTHING = Plan((), (), (), (), {})


# What the audit log entry of a person created by an import lists: who it is, where, and how
# employed. The other values are in the row itself; every later change logs [old, new], so the
# values set by the import stay recoverable, while an import of 100,000 people keeps its log
# entries (and its memory) small.
CREATED_AUDIT = frozenset(
    {"employee_code", "full_name", "date_of_birth", "sex", "category", "organization_code", "rank_code", "status"}
)

# Plain staff columns compared and written as they are (name in the file = model field).
PLAIN = (
    "full_name",
    "sex",
    "category",
    "salary_step",
    "salary_coefficient",
    "recruitment_date",
    "insurance_years",
    "heavy_work",
    "redundant",
    "deferral",
    "status",
    "exit_date",
)


@dataclass
class StaffContext(Context):
    orgs: dict[str, OrgRef] = field(default_factory=dict)
    org_codes: dict[int, str] = field(default_factory=dict)
    ranks: dict[str, RankRef] = field(default_factory=dict)
    ranks_by_id: dict[int, RankRef] = field(default_factory=dict)
    today: dt.date = field(default_factory=timezone.localdate)
    # filled by validate
    existing: dict[str, StaffRecord] = field(default_factory=dict)
    positions: dict[tuple[int, str], int] = field(default_factory=dict)  # (org id, code) → id
    position_refs: dict[int, str] = field(default_factory=dict)  # id → "ORG:CODE" (audit log)
    by_code: dict[str, list[int]] = field(default_factory=dict)  # bare concurrent code → scope positions
    records: dict[tuple[int, int], tuple[int, str, int | None]] = field(default_factory=dict)  # → (id, rating, sick)
    held: dict[int, list[Held]] = field(default_factory=dict)  # staff id → open assignments
    plans: dict[int, Plan] = field(default_factory=dict)  # row number → assignment plan
    resolved: dict[int, tuple] = field(default_factory=dict)  # row number → (primary id, concurrent ids)
    rating_years: tuple[tuple[str, int], ...] = ()  # (column name, year)
    sick_years: tuple[tuple[str, int], ...] = ()
    # filled by diff: yearly records to write: (employee code, year, rating, sick days)
    annual: list[tuple[str, int, str, int | None]] = field(default_factory=list)


class StaffSheet(Sheet):
    kind = "staff"
    title = gettext_lazy("Danh sách cán bộ, công chức, viên chức")
    model = Staff
    key = ("employee_code",)
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
        Column("salary_step", "Bậc lương", Integer(min_value=1, max_value=12), sample=3),
        Column(
            "salary_coefficient",
            "Hệ số lương",
            Number(places=2, min_value=0, max_value="99.99"),
            sample=Decimal("3.00"),
            help=gettext_lazy("Số thập phân (dấu phẩy hoặc chấm), trong khoảng hệ số của ngạch"),
        ),
        Column("recruitment_date", "Ngày tuyển dụng", Date(), sample=dt.date(2010, 9, 1)),
        Column("insurance_years", "Số năm đóng BHXH", Number(places=1, min_value=0, max_value=70), sample=15),
        Column("rating_YYYY", "Xếp loại YYYY", Choice(Rating), per_year=True),
        Column("sick_days_YYYY", "Nghỉ ốm YYYY", Integer(min_value=0, max_value=366), per_year=True),
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

    def _load_rows_maps(self, rows: list[Row], ctx: StaffContext) -> None:
        """The maps that depend on the file: its people (wherever they are), their yearly
        records for the file's years and, with position columns, the positions and open
        assignments (``_load_positions``)."""
        present = ctx.present
        codes = [r.values["employee_code"] for r in rows if r.values.get("employee_code")]
        make = StaffRecord._make
        # The database driver makes a new object for every value it returns; the values that
        # repeat (units, dates, categories, coefficients, years, ratings) are kept once each,
        # one map per field (1 == True == Decimal(1) must not share): ~60 MB less for 100k people.
        shared = [(i, {}.setdefault) for i in _SHARED_STAFF_FIELDS]
        existing = ctx.existing = {}
        for values in fetch_in(Staff.objects.order_by(), "employee_code", codes, STAFF_QUERY_FIELDS):
            values = list(values)
            for i, share in shared:
                values[i] = share(values[i], values[i])
            existing[values[1]] = make(values)
        ids = [record.id for record in existing.values()]
        if "position_code" in present or "concurrent_position_codes" in present:
            self._load_positions(rows, ids, ctx)
        years = {year for _name, year in ctx.rating_years + ctx.sick_years}
        if years:
            qs = AnnualRecord.objects.filter(year__in=years).order_by()
            fields = ("staff_id", "year", "id", "rating", "sick_days")
            year_of, rating_of = {}.setdefault, {}.setdefault
            ctx.records = {
                (r[0], year_of(r[1], r[1])): (r[2], rating_of(r[3], r[3]), r[4])
                for r in fetch_in(qs, "staff_id", ids, fields)
            }

    def _load_positions(self, rows: list[Row], staff_ids: list[int], ctx: StaffContext) -> None:
        """The positions of the file's organisations (and of the units its ``ORG:CODE`` concurrent
        codes name), the scope's positions with the bare concurrent codes not found in the
        person's own unit, and the open assignments of the file's people."""
        orgs = ctx.orgs
        org_ids = set()
        for row in rows:
            own = orgs.get(row.values.get("organization_code") or "")
            if own is not None:
                org_ids.add(own.id)
            for item in row.values.get("concurrent_position_codes") or ():
                if ":" in item and item.split(":", 1)[0] in orgs:
                    org_ids.add(orgs[item.split(":", 1)[0]].id)
        org_codes = ctx.org_codes
        fields = ("id", "organization_id", "code")
        for pk, org_id, code in fetch_in(Position.objects.order_by(), "organization_id", org_ids, fields):
            ctx.positions[(org_id, code)] = pk
            ctx.position_refs[pk] = f"{org_codes[org_id]}:{code}"
        bare = set()
        for row in rows:
            items = row.values.get("concurrent_position_codes")
            if items:
                own = orgs.get(row.values.get("organization_code") or "")
                for item in items:
                    if ":" not in item and (own is None or (own.id, item) not in ctx.positions):
                        bare.add(item)
        if bare:
            qs = Position.objects.order_by()
            if ctx.scope is not None:
                qs = qs.filter(organization__path__startswith=ctx.scope.path)
            for pk, code, org_code in fetch_in(qs, "code", bare, ("id", "code", "organization__code")):
                ctx.by_code.setdefault(code, []).append(pk)
                ctx.position_refs[pk] = f"{org_code}:{code}"
        open_ = Assignment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=ctx.today))
        fields = (
            "id",
            "staff_id",
            "position_id",
            "kind",
            "fte",
            "start_date",
            "position__organization__code",
            "position__code",
        )
        refs = ctx.position_refs
        fte_of, start_of = {}.setdefault, {}.setdefault  # repeated values kept once (see _load_rows_maps)
        for pk, staff_id, position_id, kind, fte, start, org_code, code in fetch_in(
            open_.order_by("start_date", "id"), "staff_id", staff_ids, fields
        ):
            ref = refs.setdefault(position_id, f"{org_code}:{code}")
            held = Held(pk, position_id, kind, fte_of(fte, fte), start_of(start, start), ref)
            ctx.held.setdefault(staff_id, []).append(held)

    # ------------------------------------------------------------------ validate
    def validate(self, rows: list[Row], ctx: StaffContext, errors: ErrorSink) -> None:
        present = ctx.present
        ctx.rating_years = tuple((c.name, c.year) for c in ctx.columns if c.year is not None and c.base == "rating")
        ctx.sick_years = tuple((c.name, c.year) for c in ctx.columns if c.year is not None and c.base == "sick_days")
        for name, year in ctx.rating_years + ctx.sick_years:
            if not 2000 <= year <= 2100:
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
        self._load_rows_maps(rows, ctx)
        existing = ctx.existing
        orgs = ctx.orgs
        ranks, ranks_by_id = ctx.ranks, ctx.ranks_by_id
        today = ctx.today
        oldest = add_years(today, -MAX_AGE - 1)  # born on or before: over 70
        youngest = add_years(today, -MIN_AGE)  # born after: under 15
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
            if birth is not None and status == StaffStatus.WORKING and (birth <= oldest or birth > youngest):
                add(
                    number,
                    "date_of_birth",
                    birth,
                    _(
                        "Người đang làm việc phải từ đủ %(min)d đến %(max)d tuổi vào ngày nhập; theo ngày sinh này là"
                        " %(age)d tuổi."
                    )
                    % {"min": MIN_AGE, "max": MAX_AGE, "age": age_on(birth, today)},
                )
            exit_date = v["exit_date"] if has_exit else (record.exit_date if record else None)
            if status and status != StaffStatus.WORKING and exit_date is None and "exit_date" not in row.failed:
                add(
                    number,
                    "exit_date",
                    "",
                    _("Hãy ghi ngày nghỉ: trạng thái “%(status)s” không phải đang làm việc.") % {"status": status},
                )
            elif exit_date is not None and birth is not None and exit_date < birth and has_exit:
                add(number, "exit_date", exit_date, _("Ngày nghỉ không được trước ngày sinh."))
            recruited = v["recruitment_date"] if has_recruit else (record.recruitment_date if record else None)
            if recruited is not None and birth is not None and recruited < add_years(birth, MIN_AGE):
                add(
                    number,
                    "recruitment_date" if has_recruit else "date_of_birth",
                    recruited if has_recruit else birth,
                    _("Ngày tuyển dụng %(date)s trước ngày đủ 15 tuổi (%(limit)s).")
                    % {"date": recruited.strftime("%d/%m/%Y"), "limit": add_years(birth, MIN_AGE).strftime("%d/%m/%Y")},
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
                    if (low is not None and coefficient < low) or (high is not None and coefficient > high):
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
        plan = self._plan(primary, concurrent, current_primary, current_concurrent, ctx)
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

    def _plan(self, primary, concurrent, current_primary, current_concurrent, ctx: StaffContext) -> Plan | None:
        if current_primary is None and not current_concurrent:  # nothing held yet: the common case
            if not (primary or concurrent):
                return _NOTHING
            count = len(concurrent)
            if count > (MAX_CONCURRENT if primary is not None else MAX_CONCURRENT + 1):
                return None
            ref = ctx.position_refs.get
            create = [(p, AssignmentKind.CONCURRENT, CONCURRENT_FTE) for p in concurrent]
            changes = {}
            if primary is not None:
                create.append((primary, AssignmentKind.PRIMARY, _SHARES[count]))
                changes["position"] = (None, ref(primary))
            if concurrent:
                changes["concurrent_positions"] = ([], sorted(ref(p) for p in concurrent))
            return Plan((), (), (), create, changes)
        today = ctx.today
        yesterday = today - dt.timedelta(days=1)
        primary_id = primary
        close, delete, move, create = [], [], [], []
        changes = {}

        def end(h: Held):
            if h.start_date <= yesterday:
                close.append((h.id, yesterday))
            else:
                delete.append(h.id)

        kept_fte = ZERO
        for position_id, h in current_concurrent.items():
            if position_id in concurrent:
                kept_fte += h.fte
            else:
                end(h)
        added = [p for p in concurrent if p not in current_concurrent]
        concurrent_fte = kept_fte + CONCURRENT_FTE * len(added)
        remainder = ONE - concurrent_fte
        if concurrent_fte > ONE or (primary is not None and remainder <= ZERO):
            return None
        for p in added:
            create.append((p, AssignmentKind.CONCURRENT, CONCURRENT_FTE))
        if current_primary is not None and current_primary.position_id == primary:
            if current_primary.fte + concurrent_fte > ONE:
                if current_primary.start_date >= today:
                    move.append((current_primary.id, primary, remainder))
                else:
                    end(current_primary)
                    create.append((primary, AssignmentKind.PRIMARY, remainder))
        else:
            if current_primary is not None:
                if primary is not None and current_primary.start_date >= today:
                    move.append((current_primary.id, primary, remainder))
                    primary = None  # done
                else:
                    end(current_primary)
            if primary is not None:
                create.append((primary, AssignmentKind.PRIMARY, remainder))
        if not (close or delete or move or create):
            return Plan(close, delete, move, create, changes)
        ref = ctx.position_refs.get
        old_primary = ref(current_primary.position_id) if current_primary is not None else None
        new_primary = ref(primary_id) if primary_id is not None else None
        if old_primary != new_primary:
            changes["position"] = [old_primary, new_primary]
        old_c = sorted(ref(p) for p in current_concurrent)
        new_c = sorted(ref(p) for p in concurrent)
        if old_c != new_c:
            changes["concurrent_positions"] = [old_c, new_c]
        if not changes:  # only the primary's share changed
            changes["position_fte"] = [str(current_primary.fte), str(remainder)]
        return Plan(close, delete, move, create, changes)

    # ------------------------------------------------------------------ diff
    def diff(self, rows: list[Row], ctx: StaffContext) -> Diff:
        result = Diff()
        present = ctx.present
        plain = [c for c in self.columns if c.name in present and c.name in PLAIN]
        plain_names = [c.name for c in plain]
        has_pid = "personal_id" in present
        has_rank = "rank_code" in present
        rank_codes = {r.id: r.code for r in ctx.ranks_by_id.values()}
        org_codes = ctx.org_codes
        plans = ctx.plans
        created_columns = [(c.name, c.audit_field) for c in self.columns if c.name in CREATED_AUDIT]
        rating_of = {y: n for n, y in ctx.rating_years}
        sick_of = {y: n for n, y in ctx.sick_years}
        year_columns = [(y, rating_of.get(y), sick_of.get(y)) for y in sorted({*rating_of, *sick_of})]
        records = ctx.records
        annual = ctx.annual
        existing = ctx.existing
        for row in rows:
            v = row.values
            code = v["employee_code"]
            record = existing.get(code)
            # yearly records: written when the file changes them (a new empty year creates nothing)
            year_changes = None
            for year, rating_col, sick_col in year_columns:
                stored = records.get((record.id, year)) if record is not None else None
                old_rating, old_sick = (stored[1], stored[2]) if stored is not None else ("", None)
                rating = v[rating_col] if rating_col else old_rating
                sick = v[sick_col] if sick_col else old_sick
                if rating == old_rating and sick == old_sick:
                    continue
                annual.append((code, year, rating or "", sick))
                if year_changes is None:
                    year_changes = {}
                if rating != old_rating:
                    year_changes[rating_col] = (old_rating or None, rating or None)
                if sick != old_sick:
                    year_changes[sick_col] = (old_sick, sick)
            plan = plans.get(row.number)
            if record is None:
                # a new person: the identifying values (see CREATED_AUDIT)
                changes = {}
                for name, audit in created_columns:
                    value = v.get(name)
                    if value is not None and value != "":
                        changes[audit] = (None, value if value.__class__ in _JSON_PLAIN else _json(value))
                if plan is not None:
                    changes.update(plan.changes)
                row.changes = changes
                result.new.append(row)
                continue
            row.pk = record.id
            changes = {}
            for name in plain_names:
                new = v[name]
                old = getattr(record, name)
                if new != old:
                    changes[name] = (_json(old), _json(new))
            birth = v["date_of_birth"]
            year_only = birth.__class__ is YearOnly
            if birth != record.date_of_birth or year_only != record.birth_year_only:
                old = YearOnly(record.date_of_birth.year, 1, 1) if record.birth_year_only else record.date_of_birth
                changes["date_of_birth"] = [jsonable(old), jsonable(birth)]
            if org_codes.get(record.organization_id) != v["organization_code"]:
                changes["organization"] = [org_codes.get(record.organization_id), v["organization_code"]]
            if has_pid and v["personal_id"] != record.personal_id:
                changes["personal_id"] = [record.personal_id, v["personal_id"]]
            if has_rank:
                old_rank = rank_codes.get(record.rank_id) if record.rank_id else None
                if v["rank_code"] != old_rank:
                    changes["rank"] = [old_rank, v["rank_code"]]
            if year_changes:
                changes.update(year_changes)
            if plan is not None:
                changes.update(plan.changes)
            row.changes = changes
            (result.updated if changes else result.unchanged).append(row)
        return result

    # ------------------------------------------------------------------ write
    STAFF_FIELDS = ("employee_code", *STAFF_DATA_FIELDS)
    # file column → the model fields it writes
    WRITES = {
        "personal_id": ("personal_id",),
        "full_name": ("full_name", "search_key"),
        "date_of_birth": ("date_of_birth", "birth_year_only"),
        "organization_code": ("organization_id",),
        "rank_code": ("rank_id",),
        **{name: (name,) for name in PLAIN if name != "full_name"},
    }
    DEFAULTS = {"heavy_work": False, "redundant": False, "deferral": "", "status": StaffStatus.WORKING}

    def _staff_tuple(self, row: Row, ctx: StaffContext) -> tuple:
        v = row.values
        birth = v["date_of_birth"]
        rank_code = v.get("rank_code")
        get = v.get
        defaults = self.DEFAULTS
        return (
            v["employee_code"],
            get("personal_id"),
            v["full_name"],
            fold_key(v["full_name"])[:120],
            dt.date(birth.year, birth.month, birth.day) if birth.__class__ is YearOnly else birth,
            birth.__class__ is YearOnly,
            v["sex"],
            v["category"],
            ctx.orgs[v["organization_code"]].id,
            ctx.ranks[rank_code].id if rank_code else None,
            get("salary_step"),
            get("salary_coefficient"),
            get("recruitment_date"),
            get("insurance_years"),
            get("heavy_work", defaults["heavy_work"]),
            get("redundant", defaults["redundant"]),
            get("deferral", defaults["deferral"]) or "",
            get("status", defaults["status"]) or StaffStatus.WORKING,
            get("exit_date"),
        )

    def _update_fields(self, ctx: StaffContext) -> list[str]:
        fields = []
        for name in ctx.present:
            fields.extend(self.WRITES.get(name, ()))
        return [f for f in self.STAFF_FIELDS if f in fields]

    def _assignment_ops(self, ctx: StaffContext, rows: list[Row]):
        close, delete, move, create = [], [], [], []
        add = create.append
        today = ctx.today
        plans = ctx.plans
        for row in rows:
            plan = plans.get(row.number)
            if plan is None:
                continue
            if plan.close or plan.delete or plan.move:
                close += plan.close
                delete += plan.delete
                move += plan.move
            code = row.values["employee_code"]
            for position_id, kind, fte in plan.create:
                add((code, position_id, kind, fte, today))
        return close, delete, move, create

    def write(self, new: list[Row], updated: list[Row], ctx: StaffContext) -> None:
        staff_new = [self._staff_tuple(row, ctx) for row in new]
        staff_updated = [(row.pk, *self._staff_tuple(row, ctx)) for row in updated]
        fields = self._update_fields(ctx)
        postgresql = is_postgresql()
        if postgresql:
            self._staff_postgresql(new, staff_new, staff_updated, fields, ctx)
        else:
            self._staff_orm(new, staff_new, staff_updated, fields, ctx)
        ids = {code: record.id for code, record in ctx.existing.items()}
        ids.update((row.values["employee_code"], row.pk) for row in new)
        close, delete, move, create = self._assignment_ops(ctx, new + updated)
        create = [(ids[code], *rest) for code, *rest in create]
        # yearly records: new ones (staff id, year, rating, sick days), streamed to the COPY, and
        # stored ones that change (id, rating, sick days)
        records = ctx.records
        stale = []
        for code, year, rating, sick in ctx.annual:
            stored = records.get((ids[code], year))
            if stored is not None:
                stale.append((stored[0], rating, sick))
        fresh = (
            (
                (ids[code], year, rating, sick)
                for code, year, rating, sick in ctx.annual
                if (ids[code], year) not in records
            )
            if len(ctx.annual) > len(stale)
            else None
        )
        if postgresql:
            with connection.cursor() as cursor:
                self._assignments_postgresql(cursor, close, delete, move, create)
                self._annual_postgresql(cursor, fresh, stale)
        else:
            self._assignments_orm(close, delete, move, create)
            AnnualRecord.objects.bulk_create(
                [AnnualRecord(staff_id=i, year=y, rating=r, sick_days=d) for i, y, r, d in fresh or ()]
            )
            AnnualRecord.objects.bulk_update(
                [AnnualRecord(pk=pk, rating=r, sick_days=d) for pk, r, d in stale], ["rating", "sick_days"]
            )

    def _staff_orm(self, new, staff_new, staff_updated, fields, ctx: StaffContext) -> None:
        names = self.STAFF_FIELDS
        if staff_updated:
            if "personal_id" in fields:
                # release changed personal IDs first, so that two people may swap theirs
                moved = [t[0] for t in staff_updated if ctx.existing[t[1]].personal_id not in (None, t[2])]
                if moved:
                    Staff.objects.filter(pk__in=moved).update(personal_id=None)
            objs = [Staff(pk=t[0], **dict(zip(names, t[1:], strict=True))) for t in staff_updated]
            Staff.objects.bulk_update(objs, fields)
        created = [Staff(**dict(zip(names, t, strict=True))) for t in staff_new]
        Staff.objects.bulk_create(created)
        for row, obj in zip(new, created, strict=True):
            row.pk = obj.pk

    @staticmethod
    def _assignments_orm(close, delete, move, create) -> None:
        for start in range(0, len(delete), 500):
            Assignment.objects.filter(pk__in=delete[start : start + 500]).delete()
        if close:
            Assignment.objects.bulk_update([Assignment(pk=pk, end_date=end) for pk, end in close], ["end_date"])
        if move:
            Assignment.objects.bulk_update(
                [Assignment(pk=pk, position_id=p, fte=fte) for pk, p, fte in move], ["position", "fte"]
            )
        Assignment.objects.bulk_create(
            [
                Assignment(staff_id=staff_id, position_id=p, kind=kind, fte=fte, start_date=start)
                for staff_id, p, kind, fte, start in create
            ]
        )

    def _staff_postgresql(self, new, staff_new, staff_updated, fields, ctx: StaffContext) -> None:
        """New people: COPY straight into the staff table, then their ids in one query; changed
        people: COPY into a temporary table and one UPDATE … FROM (after releasing the personal
        IDs that change, so that two people may swap theirs)."""
        q = connection.ops.quote_name
        opts = Staff._meta
        col = {f.attname: q(f.column) for f in opts.concrete_fields}
        table = opts.db_table
        names = self.STAFF_FIELDS
        with connection.cursor() as cursor:
            if staff_updated:
                temp = "_vtvl_import_staff"
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {temp} (id integer, employee_code varchar(30),"
                    " personal_id varchar(12), full_name varchar(120), search_key varchar(120), date_of_birth date,"
                    " birth_year_only boolean, sex varchar(1), category varchar(4), organization_id integer,"
                    " rank_id integer, salary_step smallint, salary_coefficient numeric(4,2), recruitment_date date,"
                    " insurance_years numeric(4,1), heavy_work boolean, redundant boolean, deferral varchar(2),"
                    " status varchar(4), exit_date date) ON COMMIT DROP"
                )
                copy_rows(cursor, temp, ("id", *names), staff_updated)
                # identifiers come from the model's _meta, values only through COPY
                if "personal_id" in fields:
                    cursor.execute(
                        f"UPDATE {q(table)} AS s SET {col['personal_id']} = NULL FROM {temp} AS t"  # noqa: S608
                        f" WHERE s.{col['id']} = t.id AND s.{col['personal_id']} IS NOT NULL"
                        f" AND s.{col['personal_id']} IS DISTINCT FROM t.personal_id"
                    )
                sets = ", ".join(f"{col[f]} = t.{f}" for f in fields)
                cursor.execute(f"UPDATE {q(table)} AS s SET {sets} FROM {temp} AS t WHERE s.{col['id']} = t.id")  # noqa: S608
                cursor.execute(f"DROP TABLE {temp}")
            if staff_new:
                copy_into(cursor, Staff, names, staff_new)
                codes = [t[0] for t in staff_new]
                cursor.execute(
                    f"SELECT {col['employee_code']}, {col['id']} FROM {q(table)}"  # noqa: S608
                    f" WHERE {col['employee_code']} = ANY(%s)",
                    [codes],
                )
                ids = dict(cursor.fetchall())
                for row in new:
                    row.pk = ids[row.values["employee_code"]]

    @staticmethod
    def _assignments_postgresql(cursor, close, delete, move, create) -> None:
        q = connection.ops.quote_name
        opts = Assignment._meta
        col = {f.attname: q(f.column) for f in opts.concrete_fields}
        table = q(opts.db_table)
        if delete or close or move:
            temp = "_vtvl_import_assignments"
            cursor.execute(
                f"CREATE TEMPORARY TABLE {temp} (op char(1), id integer, position_id integer, fte numeric(3,2),"
                " end_date date) ON COMMIT DROP"
            )
            copy_rows(
                cursor,
                temp,
                ("op", "id", "position_id", "fte", "end_date"),
                [("d", pk, None, None, None) for pk in delete]
                + [("c", pk, None, None, end) for pk, end in close]
                + [("m", pk, p, fte, None) for pk, p, fte in move],
            )
            # identifiers come from the model's _meta, values only through COPY
            if delete:
                cursor.execute(f"DELETE FROM {table} AS a USING {temp} AS t WHERE t.op = 'd' AND a.{col['id']} = t.id")  # noqa: S608
            if close:
                cursor.execute(
                    f"UPDATE {table} AS a SET {col['end_date']} = t.end_date FROM {temp} AS t"  # noqa: S608
                    f" WHERE t.op = 'c' AND a.{col['id']} = t.id"
                )
            if move:
                cursor.execute(
                    f"UPDATE {table} AS a SET {col['position_id']} = t.position_id, {col['fte']} = t.fte"  # noqa: S608
                    f" FROM {temp} AS t WHERE t.op = 'm' AND a.{col['id']} = t.id"
                )
            cursor.execute(f"DROP TABLE {temp}")
        if create:  # after the closes: a person has one open primary position at a time
            copy_into(cursor, Assignment, ("staff_id", "position_id", "kind", "fte", "start_date"), create)

    @staticmethod
    def _annual_postgresql(cursor, fresh, stale) -> None:
        opts = AnnualRecord._meta
        if fresh is not None:
            copy_into(cursor, AnnualRecord, ("staff_id", "year", "rating", "sick_days"), fresh)
        if stale:
            q = connection.ops.quote_name
            col = {f.attname: q(f.column) for f in opts.concrete_fields}
            temp = "_vtvl_import_annual"
            cursor.execute(
                f"CREATE TEMPORARY TABLE {temp} (id integer, rating varchar(6), sick_days smallint) ON COMMIT DROP"
            )
            copy_rows(cursor, temp, ("id", "rating", "sick_days"), stale)
            cursor.execute(
                f"UPDATE {q(opts.db_table)} AS a SET {col['rating']} = t.rating,"  # noqa: S608
                f" {col['sick_days']} = t.sick_days FROM {temp} AS t WHERE a.{col['id']} = t.id"
            )
            cursor.execute(f"DROP TABLE {temp}")

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
