"""Diff and write of the ``staff`` sheet (``staffing.sheets.staff``): the plan of a person's
assignments (``plan_assignments``, run by the validation), the changes of each row (``diff``) and
the writes of people, assignments and yearly records (``write``), both methods of
``StaffWriter``, which ``StaffSheet`` inherits.

The sheet writes set-wise in the engine's transaction: on PostgreSQL COPY into temporary tables
and INSERT … SELECT / INSERT … ON CONFLICT / UPDATE … FROM; elsewhere bulk_create/bulk_update.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection

from imports.lookups import fold_key
from imports.sheets import Diff, Row, jsonable
from imports.sql import copy_into, copy_rows, is_postgresql
from imports.values import YearOnly
from staffing.models import STAFF_DATA_FIELDS, AnnualRecord, Assignment, AssignmentKind, Staff, StaffStatus
from staffing.rules import MAX_FTE, fte_fits
from staffing.sheets.staff_context import Held, Plan, StaffContext

CONCURRENT_FTE = Decimal("0.10")
ZERO = Decimal(0)
MAX_CONCURRENT = 9  # with a primary position: 9 × 0.1 leaves it 0.1
_SHARES = [MAX_FTE - CONCURRENT_FTE * k for k in range(MAX_CONCURRENT + 1)]  # the primary's share
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
    "training_level",
    "training_field",
    "leadership_allowance",
    "other_allowance",
    "seniority_percent",
    "allowance_percent",
)


def plan_assignments(
    primary: int | None,
    concurrent: list[int],
    current_primary: Held | None,
    current_concurrent: dict[int, Held],
    ctx: StaffContext,
) -> Plan | None:
    """What the import does to a person's assignments so that they hold ``primary`` and
    ``concurrent`` (position ids) from the import date (the module docstring of
    ``staffing.sheets.staff``), or None when the FTE would not fit."""
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
    remainder = MAX_FTE - concurrent_fte
    if concurrent_fte > MAX_FTE or (primary is not None and remainder <= ZERO):
        return None
    for p in added:
        create.append((p, AssignmentKind.CONCURRENT, CONCURRENT_FTE))
    if current_primary is not None and current_primary.position_id == primary:
        if not fte_fits(current_primary.fte, concurrent_fte):
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


class StaffWriter:
    """The diff and the write of ``StaffSheet`` (its ``columns`` and ``key``)."""

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
            get("training_level") or "",
            get("training_field") or "",
            get("leadership_allowance"),
            get("other_allowance"),
            get("seniority_percent"),
            get("allowance_percent"),
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
                    " status varchar(4), exit_date date, training_level varchar(3), training_field varchar(200),"
                    " leadership_allowance numeric(4,2), other_allowance numeric(4,2), seniority_percent numeric(5,2),"
                    " allowance_percent numeric(5,2)) ON COMMIT DROP"
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
