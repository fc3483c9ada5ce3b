"""Writing the demo to the database: organisations, staff with their yearly records, the demo
accounts, position catalogues with descriptions (tasks, competency levels), assignments and
quotas. Every writer upserts by natural keys — (organisation code), (employee code, year),
(organisation, position code), (position, version), (staff, kind, position, start date),
(organisation, year, category) — deletes the demo rows that are no longer wanted, and leaves rows
that already hold the wanted values untouched, so a second run changes nothing. Bulk operations
throughout (``insert_rows`` for plain INSERTs).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from axes.utils import reset as reset_lockout
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import connection

from portal.models import Membership, Organization, Role
from portal.text import fold
from positions.models import (
    Competency,
    DescriptionCompetency,
    DescriptionTask,
    FrameworkPosition,
    Position,
    PositionDescription,
    PositionGroup,
    Rank,
)
from staffing.demo.constants import (
    APPROVER_A,
    APPROVER_OTHERS,
    AUTHOR_A,
    AUTHOR_OTHERS,
    DEMO_EMPLOYEE_PREFIX,
    DEMO_PASSWORD,
    DEMO_POSITION_PREFIX,
    DEMO_QUOTA_YEARS,
    DEMO_USERS,
)
from staffing.demo.specs import Catalogues, OrgSpec, QuotaSpec, StaffSpec
from staffing.models import STAFF_DATA_FIELDS, AnnualRecord, Assignment, Quota, Staff

# --------------------------------------------------------------------------- organisations, staff, users


def upsert_orgs(specs: list[OrgSpec]) -> dict[str, Organization]:
    """The demo organisations by code, parents before children (``specs`` order)."""
    orgs: dict[str, Organization] = {}
    existing = {o.code: o for o in Organization.objects.filter(code__in=[s.code for s in specs])}
    for spec in specs:
        org = existing.get(spec.code)
        parent_id = orgs[spec.parent_code].pk if spec.parent_code else None
        wanted = (spec.name, spec.short_name, spec.kind, spec.admin_unit_code, parent_id, spec.valid_from, None)
        if org is not None and wanted == (
            org.name,
            org.short_name,
            org.kind,
            org.admin_unit_code,
            org.parent_id,
            org.valid_from,
            org.valid_to,
        ):
            orgs[spec.code] = org  # unchanged: no write
            continue
        org, _created = Organization.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "admin_unit_code": spec.admin_unit_code,
                "parent": orgs[spec.parent_code] if spec.parent_code else None,
                "valid_from": spec.valid_from,
                "valid_to": None,
            },
        )
        orgs[spec.code] = org
    return orgs


def upsert_staff(people: list[StaffSpec], orgs: dict[str, Organization]) -> tuple[int, int]:
    """The demo staff and their yearly records; returns the numbers of staff created and updated."""
    rank_ids = dict(Rank.objects.values_list("code", "pk"))
    existing = {s.employee_code: s for s in Staff.objects.filter(employee_code__startswith=DEMO_EMPLOYEE_PREFIX)}
    wanted = {p.employee_code for p in people}
    stale = [code for code in existing if code not in wanted]
    if stale:
        Staff.objects.filter(employee_code__in=stale).delete()
    to_create, to_update = [], []
    for p in people:
        values = {
            "personal_id": p.personal_id,
            "full_name": p.full_name,
            "search_key": fold(p.full_name)[:120],
            "date_of_birth": p.date_of_birth,
            "birth_year_only": p.birth_year_only,
            "sex": p.sex,
            "category": p.category,
            "organization_id": orgs[p.org_code].pk,
            "rank_id": rank_ids.get(p.rank_code),
            "salary_step": p.salary_step,
            "salary_coefficient": p.salary_coefficient,
            "recruitment_date": p.recruitment_date,
            "insurance_years": p.insurance_years,
            "heavy_work": p.heavy_work,
            "redundant": p.redundant,
            "deferral": p.deferral,
            "status": p.status,
            "exit_date": p.exit_date,
            "training_level": p.training_level,
            "training_field": p.training_field,
            "leadership_allowance": p.leadership_allowance,
            "other_allowance": p.other_allowance,
            "seniority_percent": p.seniority_percent,
            "allowance_percent": p.allowance_percent,
        }
        staff = existing.get(p.employee_code)
        if staff is None:
            to_create.append(Staff(employee_code=p.employee_code, **values))
        elif any(getattr(staff, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(staff, name, value)
            to_update.append(staff)
    Staff.objects.bulk_create(to_create, batch_size=500)
    Staff.objects.bulk_update(to_update, STAFF_DATA_FIELDS, batch_size=500)

    ids = dict(Staff.objects.filter(employee_code__in=wanted).values_list("employee_code", "pk"))
    demo_records = AnnualRecord.objects.filter(staff__employee_code__startswith=DEMO_EMPLOYEE_PREFIX)
    current = {(r.staff_id, r.year): r for r in demo_records}
    keep, new_records, changed_records = set(), [], []
    for p in people:
        for year, rating, sick in p.records:
            key = (ids[p.employee_code], year)
            keep.add(key)
            record = current.get(key)
            if record is None:
                new_records.append(AnnualRecord(staff_id=key[0], year=year, rating=rating, sick_days=sick))
            elif (record.rating, record.sick_days) != (rating, sick):
                record.rating, record.sick_days = rating, sick
                changed_records.append(record)
    extra = [r.pk for key, r in current.items() if key not in keep]
    if extra:
        AnnualRecord.objects.filter(pk__in=extra).delete()
    AnnualRecord.objects.bulk_create(new_records, batch_size=1000)
    AnnualRecord.objects.bulk_update(changed_records, ["rating", "sick_days"], batch_size=1000)
    return len(to_create), len(to_update)


def upsert_users(orgs: dict[str, Organization]) -> list[tuple[str, str, str]]:
    """The demo accounts with their one membership each: (username, full name, role with organisation)."""
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])}
    # One hash of the (public) demo password shared by the demo accounts: hashing costs about a
    # second, and a shared, unchanged hash keeps a re-run from rewriting the user rows.
    hashes = {u.password for u in users.values()}
    if len(users) == len(DEMO_USERS) and len(hashes) == 1 and check_password(DEMO_PASSWORD, next(iter(hashes))):
        encoded = next(iter(hashes))
    else:
        encoded = make_password(DEMO_PASSWORD)
    described = []
    for demo in DEMO_USERS:
        first, _sep, last = demo.full_name.rpartition(" ")
        user = users.get(demo.username) or User(username=demo.username)
        user.first_name, user.last_name = first, last
        user.email = f"{demo.username}@vtvl.example"
        user.is_active, user.is_staff, user.is_superuser = True, demo.is_staff, demo.is_superuser
        user.password = encoded
        user.save()
        org = orgs[demo.org_code] if demo.org_code else None
        Membership.objects.filter(user=user).exclude(role=demo.role, organization=org).delete()
        Membership.objects.get_or_create(user=user, role=demo.role, organization=org)
        where = org.name if org else "toàn quốc"
        described.append((demo.username, demo.full_name, f"{Role(demo.role).label} — {where}"))
    for demo in DEMO_USERS:  # unlock the demo accounts if django-axes locked them out
        reset_lockout(username=demo.username)
    return described


# --------------------------------------------------------------------------- catalogues


@dataclass
class CatalogueCounts:
    positions: int = 0
    descriptions: Counter = field(default_factory=Counter)  # status -> count of latest-or-open versions
    assignments: int = 0
    concurrent: int = 0
    changed: Counter = field(default_factory=Counter)  # what this run created/updated/deleted


def _demo_position_codes(org_ids) -> dict:
    return {
        (org_id, code): pk
        for pk, org_id, code in Position.objects.filter(
            organization_id__in=org_ids, code__regex=rf"^{DEMO_POSITION_PREFIX}[0-9]+$"
        ).values_list("pk", "organization_id", "code")
    }


POSITION_FIELDS = (
    "name",
    "search_key",
    "group_id",
    "subgroup",
    "min_rank_id",
    "max_rank_id",
    "headcount",
    "framework_id",
    "order",
    "required_training_level",
    "required_training_field",
)
CONTENT_FIELDS = PositionDescription.PROSE_FIELDS + PositionDescription.PLAIN_FIELDS
DESCRIPTION_FIELDS = CONTENT_FIELDS + (
    "status",
    "lock_version",
    "created_by_id",
    "updated_by_id",
    "submitted_at",
    "submitted_by_id",
    "decided_at",
    "decided_by_id",
    "return_comment",
    "copied_from",
    "created_at",
    "updated_at",
)


def upsert_catalogues(catalogues: Catalogues, orgs: dict[str, Organization], counts: CatalogueCounts) -> None:
    """Write positions, descriptions (with tasks and competency levels) and assignments."""
    groups = dict(PositionGroup.objects.values_list("code", "pk"))
    rank_ids = dict(Rank.objects.values_list("code", "pk"))
    framework_ids = dict(FrameworkPosition.objects.values_list("code", "pk"))
    competency_ids = dict(Competency.objects.values_list("code", "pk"))
    users = dict(
        get_user_model()
        .objects.filter(username__in={AUTHOR_A, APPROVER_A, AUTHOR_OTHERS, APPROVER_OTHERS})
        .values_list("username", "pk")
    )
    org_ids = [o.pk for o in orgs.values()]

    # ---- positions
    existing = {
        (org_id, code): row
        for org_id, code, *row in Position.objects.filter(
            organization_id__in=org_ids, code__regex=rf"^{DEMO_POSITION_PREFIX}[0-9]+$"
        ).values_list("organization_id", "code", "pk", *POSITION_FIELDS)
    }
    wanted, new, changed = {}, [], []
    for spec in catalogues.positions:
        key = (orgs[spec.org_code].pk, spec.code)
        values = (
            spec.name,
            fold(spec.name)[:255],
            groups[spec.group],
            spec.subgroup,
            rank_ids.get(spec.min_rank),
            rank_ids.get(spec.max_rank),
            spec.headcount,
            framework_ids.get(spec.framework),
            spec.order,
            spec.required_training_level,
            spec.required_training_field,
        )
        wanted[key] = spec
        row = existing.get(key)
        created = spec.descriptions[0].created_at
        if row is None:
            new.append((key[0], spec.code, *values, created, created))
        elif tuple(row[1:]) != values:
            changed.append(Position(pk=row[0], **dict(zip(POSITION_FIELDS, values, strict=True)), updated_at=created))
    stale = [row[0] for key, row in existing.items() if key not in wanted]
    demo_staff = Assignment.objects.filter(staff__employee_code__startswith=DEMO_EMPLOYEE_PREFIX)
    if stale:
        # Demo staff's assignments go first (they are rebuilt below); a position someone else holds stays.
        demo_staff.filter(position_id__in=stale).delete()
        held = set(Assignment.objects.filter(position_id__in=stale).values_list("position_id", flat=True))
        Position.objects.filter(pk__in=[pk for pk in stale if pk not in held]).delete()
    insert_rows(Position, ("organization_id", "code", *POSITION_FIELDS, "created_at", "updated_at"), new)
    Position.objects.bulk_update(changed, [*POSITION_FIELDS, "updated_at"], batch_size=500)
    counts.changed.update({"positions+": len(new), "positions~": len(changed), "positions-": len(stale)})
    position_ids = _demo_position_codes(org_ids)

    # ---- descriptions
    pids = list(position_ids.values())
    current = {
        (pid, version): (pk, row)
        for pid, version, pk, *row in PositionDescription.objects.filter(position_id__in=pids).values_list(
            "position_id", "version", "pk", *DESCRIPTION_FIELDS
        )
    }
    tasks_of: dict[int, list] = defaultdict(list)
    for description_id, task, outputs, criteria in (
        DescriptionTask.objects.filter(description__position_id__in=pids)
        .values_list("description_id", "task", "outputs", "criteria")
        .order_by("description_id", "order")
    ):
        tasks_of[description_id].append((task, outputs, criteria))
    levels_of: dict[int, list] = defaultdict(list)
    for description_id, competency_id, level in (
        DescriptionCompetency.objects.filter(description__position_id__in=pids)
        .values_list("description_id", "competency_id", "level")
        .order_by("description_id", "pk")
    ):
        levels_of[description_id].append((competency_id, level))

    keep, new_rows, changed_rows = set(), [], []
    new_content, rewrite = [], []  # (new description, tasks, levels); (existing pk, tasks, levels)
    for spec in catalogues.positions:
        pid = position_ids[(orgs[spec.org_code].pk, spec.code)]
        for d in spec.descriptions:
            values = tuple(d.content[f] for f in CONTENT_FIELDS) + (
                d.status,
                d.lock_version,
                users.get(d.created_by),
                users.get(d.created_by),
                d.submitted_at,
                users.get(d.submitted_by),
                d.decided_at,
                users.get(d.decided_by),
                d.return_comment,
                d.copied_from,
                d.created_at,
                d.updated_at,
            )
            tasks = list(d.content["tasks"])
            levels = [(competency_ids[c], level) for c, level in d.content["competencies"] if c in competency_ids]
            keep.add((pid, d.version))
            found = current.get((pid, d.version))
            if found is None:
                new_rows.append((pid, d.version, *values))
                new_content.append(((pid, d.version), tasks, levels))
                continue
            pk, row = found
            if tuple(row) != values:
                changed_rows.append(PositionDescription(pk=pk, **dict(zip(DESCRIPTION_FIELDS, values, strict=True))))
            if tasks_of.get(pk, []) != tasks or levels_of.get(pk, []) != levels:
                rewrite.append((pk, tasks, levels))
    extra = [pk for key, (pk, _row) in current.items() if key not in keep]
    if extra:
        PositionDescription.objects.filter(pk__in=extra).delete()
    # A status change could briefly leave two open versions of a position: park the changed rows
    # as approved first, so the one-open-version constraint holds at every step.
    if changed_rows:
        PositionDescription.objects.filter(pk__in=[r.pk for r in changed_rows]).update(status="approved")
        PositionDescription.objects.bulk_update(changed_rows, list(DESCRIPTION_FIELDS), batch_size=300)
    insert_rows(PositionDescription, ("position_id", "version", *DESCRIPTION_FIELDS), new_rows)
    ids = {}
    if new_rows:
        ids = {
            (p, v): pk
            for p, v, pk in PositionDescription.objects.filter(position_id__in=pids).values_list(
                "position_id", "version", "pk"
            )
        }
    counts.changed.update(
        {"descriptions+": len(new_rows), "descriptions~": len(changed_rows), "descriptions-": len(extra)}
    )
    if rewrite:
        stale_ids = [pk for pk, _t, _l in rewrite]
        DescriptionTask.objects.filter(description_id__in=stale_ids).delete()
        DescriptionCompetency.objects.filter(description_id__in=stale_ids).delete()
    rewrite += [(ids[key], tasks, levels) for key, tasks, levels in new_content]
    insert_rows(
        DescriptionTask,
        ("description_id", "order", "task", "outputs", "criteria"),
        [(pk, i, t, o, c) for pk, tasks, _l in rewrite for i, (t, o, c) in enumerate(tasks, start=1)],
    )
    insert_rows(
        DescriptionCompetency,
        ("description_id", "competency_id", "level"),
        [(pk, cid, level) for pk, _t, levels in rewrite for cid, level in levels],
    )

    # ---- assignments
    _upsert_assignments(catalogues, position_ids, orgs, counts)
    counts.positions = len(catalogues.positions)
    counts.descriptions = Counter(d.status for p in catalogues.positions for d in p.descriptions)
    counts.assignments = len(catalogues.assignments)
    counts.concurrent = sum(a.kind == "concurrent" for a in catalogues.assignments)


_CONVERTED = {"DateField", "DateTimeField", "DecimalField"}


def insert_rows(model, names: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT plain rows (values in the order of ``names``, attnames), many rows per statement.

    Faster than ``bulk_create`` (no model instances, no per-value expression compilation) and it
    keeps the demo's own created_at/updated_at, which ``bulk_create`` would stamp with the wall
    clock. Values must be what the fields store (NFC text, sanitised HTML): only dates, times and
    decimals are adapted for the backend."""
    if not rows:
        return
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in names]
    qn = connection.ops.quote_name
    head = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) VALUES "  # noqa: S608
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = min(1000, (connection.features.max_query_params or 65535) // len(fields))
    adapt = [(i, f.get_db_prep_save) for i, f in enumerate(fields) if f.get_internal_type() in _CONVERTED]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            params = []
            for row in batch:
                if adapt:
                    row = list(row)
                    for i, prep in adapt:
                        row[i] = prep(row[i], connection)
                params.extend(row)
            cursor.execute(head + ", ".join([one] * len(batch)), params)


def _upsert_assignments(catalogues: Catalogues, position_ids, orgs, counts: CatalogueCounts) -> None:
    staff_ids = dict(
        Staff.objects.filter(employee_code__startswith=DEMO_EMPLOYEE_PREFIX).values_list("employee_code", "pk")
    )
    current = {
        (staff_id, kind, position_id, start): (pk, fte, end)
        for pk, staff_id, kind, position_id, start, fte, end in Assignment.objects.filter(
            staff_id__in=staff_ids.values()
        ).values_list("pk", "staff_id", "kind", "position_id", "start_date", "fte", "end_date")
    }
    keep, new, changed = set(), [], []
    for a in catalogues.assignments:
        key = (staff_ids[a.employee_code], a.kind, position_ids[(orgs[a.org_code].pk, a.position_code)], a.start_date)
        keep.add(key)
        found = current.get(key)
        if found is None:
            new.append((key[0], a.kind, key[2], a.start_date, a.fte, a.end_date))
        elif (found[1], found[2]) != (a.fte, a.end_date):
            changed.append(Assignment(pk=found[0], fte=a.fte, end_date=a.end_date))
    extra = [pk for key, (pk, _f, _e) in current.items() if key not in keep]
    if extra:
        Assignment.objects.filter(pk__in=extra).delete()
    if changed:
        Assignment.objects.bulk_update(changed, ["fte", "end_date"], batch_size=500)
    insert_rows(Assignment, ("staff_id", "kind", "position_id", "start_date", "fte", "end_date"), new)
    counts.changed.update({"assignments+": len(new), "assignments~": len(changed), "assignments-": len(extra)})


# --------------------------------------------------------------------------- quotas


def upsert_quotas(specs: list[QuotaSpec], orgs: dict[str, Organization]) -> Counter:
    """Write the quotas of the demo organisations for DEMO_QUOTA_YEARS (others' rows and other years
    are left alone); returns counts of created, updated and deleted rows."""
    org_ids = [o.pk for o in orgs.values()]
    names = ("assigned", "decision_number", "decision_date", "issuer", "legal_basis_id")
    current = {
        (org_id, year, category): (pk, list(rest))
        for pk, org_id, year, category, *rest in Quota.objects.filter(
            organization_id__in=org_ids, year__in=DEMO_QUOTA_YEARS
        ).values_list("pk", "organization_id", "year", "category", *names)
    }
    keep, new, changed = set(), [], []
    for q in specs:
        key = (orgs[q.org_code].pk, q.year, q.category)
        keep.add(key)
        values = [q.assigned, q.decision_number, q.decision_date, q.issuer, None]
        found = current.get(key)
        if found is None:
            new.append((*key, *values[:4]))
        elif found[1] != values:
            changed.append(Quota(pk=found[0], **dict(zip(names, values, strict=True))))
    extra = [pk for key, (pk, _rest) in current.items() if key not in keep]
    if extra:
        Quota.objects.filter(pk__in=extra).delete()
    Quota.objects.bulk_update(changed, list(names), batch_size=500)
    insert_rows(
        Quota, ("organization_id", "year", "category", "assigned", "decision_number", "decision_date", "issuer"), new
    )
    return Counter({"quotas+": len(new), "quotas~": len(changed), "quotas-": len(extra)})
