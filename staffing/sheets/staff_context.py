"""What the ``staff`` sheet knows while it imports (``staffing.sheets.staff``): the stored
people of the file (``StaffRecord``), their open assignments (``Held``) and yearly records, the
positions the file names, and the plan of each row's assignments (``Plan``).

``load_rows_maps`` loads the maps that depend on the file with ``fetch_in``, in a number of
queries that does not grow with the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from imports.lookups import OrgRef
from imports.sheets import Context, Row
from imports.sql import fetch_in
from positions.models import Position
from positions.sheets.positions import RankRef
from staffing.models import AnnualRecord, Assignment, Staff


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
    training_level: str
    training_field: str
    leadership_allowance: Decimal | None
    other_allowance: Decimal | None
    seniority_percent: Decimal | None
    allowance_percent: Decimal | None


# StaffRecord fields whose values repeat across people (unit, its path, dates, category,
# coefficient, insurance years, status, training, allowances)
_SHARED_STAFF_FIELDS = (2, 3, 6, 9, 12, 13, 14, 18, 19, 20, 21, 22, 23, 24, 25)

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
    rating_years: tuple[tuple[str, int], ...] = ()  # (column name, year)
    sick_years: tuple[tuple[str, int], ...] = ()
    # filled by diff: yearly records to write: (employee code, year, rating, sick days)
    annual: list[tuple[str, int, str, int | None]] = field(default_factory=list)


def load_rows_maps(rows: list[Row], ctx: StaffContext) -> None:
    """The maps that depend on the file: its people (wherever they are), their yearly
    records for the file's years and, with position columns, the positions and open
    assignments (``load_positions``)."""
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
        load_positions(rows, ids, ctx)
    years = {year for _name, year in ctx.rating_years + ctx.sick_years}
    if years:
        qs = AnnualRecord.objects.filter(year__in=years).order_by()
        fields = ("staff_id", "year", "id", "rating", "sick_days")
        year_of, rating_of = {}.setdefault, {}.setdefault
        ctx.records = {
            (r[0], year_of(r[1], r[1])): (r[2], rating_of(r[3], r[3]), r[4])
            for r in fetch_in(qs, "staff_id", ids, fields)
        }


def load_positions(rows: list[Row], staff_ids: list[int], ctx: StaffContext) -> None:
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
    fte_of, start_of = {}.setdefault, {}.setdefault  # repeated values kept once (see load_rows_maps)
    for pk, staff_id, position_id, kind, fte, start, org_code, code in fetch_in(
        open_.order_by("start_date", "id"), "staff_id", staff_ids, fields
    ):
        ref = refs.setdefault(position_id, f"{org_code}:{code}")
        held = Held(pk, position_id, kind, fte_of(fte, fte), start_of(start, start), ref)
        ctx.held.setdefault(staff_id, []).append(held)
