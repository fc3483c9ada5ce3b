"""``seed_national_data``: write the national demo (``staffing.demo.national``) to PostgreSQL with
COPY, in one transaction, then ANALYZE the tables it filled.

- Idempotent: when the database already holds exactly the national demo of the same scale and
  seed (the same ``QG.`` organisations, the same number of ``QG`` staff in each, one assignment
  each, quotas, the demo accounts, and the first people of every province and ministry equal
  to what the generator gives again), nothing is written. Otherwise its own rows are deleted —
  the ``QG.`` organisations with their positions, quotas, memberships and predecessor links, the
  ``QG`` staff in them with their records and assignments — and the whole national demo is
  rebuilt. Other rows pointing at them (someone's import job, staff, or a description added by
  hand) make the rebuild fail with a message, and nothing changes.
- Fast: the people are generated one organisation at a time and written in batches (COPY of
  positions, staff, yearly records and assignments), primary keys taken in blocks from the
  tables' sequences, so memory stays bounded and no row is read back.
- No audit log entries for the generated rows (COPY bypasses django-auditlog, and the accounts
  are written with the audit log off): a million "created" entries would only bury the real
  history; the demo is reproducible from its seed instead.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from auditlog.context import disable_auditlog
from axes.utils import reset as reset_lockout
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, connection, transaction

from imports.sql import copy_into, is_postgresql
from portal.models import Membership, Organization, Role
from portal.text import fold
from positions.models import FrameworkPosition, Position, PositionGroup, Rank
from staffing.demo.constants import DEMO_PASSWORD
from staffing.demo.national import (
    NATIONAL_ADMIN_USERNAME,
    NATIONAL_EMPLOYEE_PREFIX,
    NATIONAL_ORG_PREFIX,
    NATIONAL_USER_PREFIX,
    NationalOrg,
    NationalPlan,
    NationalScale,
    PeopleGenerator,
    UnitPeople,
    build_national_plan,
    build_national_quotas,
)
from staffing.demo.references import load_references
from staffing.models import STAFF_DATA_FIELDS, AnnualRecord, Assignment, Quota, Staff

BATCH_STAFF = 25_000  # people generated before each round of COPY
CREATED_AT = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)  # the positions' timestamps (deterministic)
ORG_LIKE = NATIONAL_ORG_PREFIX + "%"
STAFF_LIKE = NATIONAL_EMPLOYEE_PREFIX + "%"
SAMPLED = 50  # people per province and ministry compared in the "already there" check


class NationalSeedError(Exception):
    """The national demo cannot be written; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class NationalSummary:
    scale: NationalScale
    written: bool  # False: the same national demo was already there
    organisations: Counter = field(default_factory=Counter)  # kind -> count (former units apart)
    former: int = 0
    provinces: int = 0
    ministries: int = 0
    staff: int = 0
    working: int = 0
    exits: Counter = field(default_factory=Counter)
    records: int = 0
    positions: int = 0
    assignments: int = 0
    quotas: int = 0
    users: list[tuple[str, str]] = field(default_factory=list)  # username, where
    seconds: dict[str, float] = field(default_factory=dict)  # step -> seconds

    def as_text(self) -> str:
        def n(value: int) -> str:
            return f"{value:,}".replace(",", ".")

        c = self.organisations
        head = (
            "Đã tạo dữ liệu mẫu toàn quốc." if self.written else "Dữ liệu mẫu toàn quốc đã có sẵn: không thay đổi gì."
        )
        lines = [
            head,
            f"  Quy mô: {self.scale.describe()}.",
            f"  Đơn vị: {n(sum(c.values()))} ({n(self.provinces)} tỉnh, thành phố; {n(self.ministries)} bộ, cơ quan "
            f"ngang bộ; {n(c['SO'])} sở, ban; {n(c['PHONG'])} phòng, vụ, cục; {n(c['SNCL'])} đơn vị sự nghiệp; "
            f"{n(c['XA'])} xã, phường, đặc khu) và {n(self.former)} đơn vị cũ trước sắp xếp.",
            f"  Cán bộ: {n(self.staff)} (đang làm việc {n(self.working)}; đã nghỉ: "
            + ", ".join(f"{k} {n(v)}" for k, v in sorted(self.exits.items()))
            + f"); {n(self.records)} bản ghi đánh giá, nghỉ ốm.",
            f"  Vị trí việc làm: {n(self.positions)}; phân công: {n(self.assignments)}; biên chế được giao: "
            f"{n(self.quotas)} dòng (năm 2015, 2021–2026).",
            f"  Tài khoản (mật khẩu: {DEMO_PASSWORD}): {NATIONAL_ADMIN_USERNAME} (quản trị toàn quốc) và "
            f"{n(len(self.users) - 1)} tài khoản lãnh đạo, ví dụ "
            + ", ".join(f"{u} ({where})" for u, where in self.users[1:3])
            + ".",
        ]
        if self.seconds:
            lines.append("  Thời gian: " + ", ".join(f"{step} {s:.1f} s" for step, s in self.seconds.items()) + ".")
        return "\n".join(lines)


def manager_username(root_code: str) -> str:
    """``qg_manager_h01`` for QG.H01, ``qg_manager_g04`` for QG.G04."""
    return f"{NATIONAL_USER_PREFIX}manager_{root_code.removeprefix(NATIONAL_ORG_PREFIX).lower()}"


# --------------------------------------------------------------------------- entry point


def seed_national_data(
    scale: NationalScale | None = None, *, progress: Callable[[str], None] | None = None
) -> NationalSummary:
    """Build the national demo of ``scale`` (default: everything; PostgreSQL only); idempotent."""
    scale = scale or NationalScale()
    if not is_postgresql():
        raise NationalSeedError(
            "Dữ liệu mẫu toàn quốc (--scale national) chỉ tạo được trên PostgreSQL (ghi bằng lệnh COPY); "
            f"cơ sở dữ liệu đang dùng là {connection.vendor}. Hãy chạy lại với "
            "DATABASE_URL=postgres://… trỏ tới một cơ sở dữ liệu riêng."
        )
    say = progress or (lambda _message: None)
    clock = _Clock()
    plan = build_national_plan(scale)
    _framework, ranks = load_references()
    people = PeopleGenerator(ranks, seed=scale.seed)
    clock.tick("lập kế hoạch")
    if _already_there(plan, people):
        clock.tick("kiểm tra")
        summary = _summary(plan, written=False)
        summary.seconds = clock.seconds
        return summary
    clock.tick("kiểm tra")
    try:
        with transaction.atomic(), disable_auditlog():
            with connection.cursor() as cursor:
                # Foreign keys checked after each statement, not queued for millions of rows to the commit.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            deleted = _delete_national_rows()
            if deleted:
                say(f"Đã xoá dữ liệu mẫu toàn quốc cũ ({deleted:,} cán bộ).".replace(",", "."))
            clock.tick("xoá dữ liệu cũ")
            org_ids = _write_orgs(plan)
            clock.tick("đơn vị")
            working = _write_people(plan, people, org_ids, say)
            clock.tick("cán bộ, vị trí, phân công")
            _write_quotas(plan, working, org_ids)
            _write_users(plan, org_ids)
            clock.tick("biên chế, tài khoản")
    except IntegrityError as error:
        raise NationalSeedError(
            "Không ghi được dữ liệu mẫu toàn quốc: có dữ liệu khác đang gắn với các đơn vị hoặc cán bộ mẫu toàn "
            f"quốc (mã {NATIONAL_ORG_PREFIX}…, {NATIONAL_EMPLOYEE_PREFIX}…), nên không xoá để tạo lại được. "
            f"Chi tiết: {error}"
        ) from error
    clock.tick("ghi (commit)")
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE portal_organization, portal_organization_predecessors, positions_position, staffing_staff, "
            "staffing_annualrecord, staffing_assignment, staffing_quota"
        )
    clock.tick("ANALYZE")
    summary = _summary(plan, written=True)
    summary.seconds = clock.seconds
    return summary


class _Clock:
    def __init__(self):
        self.last = time.monotonic()
        self.seconds: dict[str, float] = {}

    def tick(self, step: str) -> None:
        now = time.monotonic()
        self.seconds[step] = self.seconds.get(step, 0.0) + now - self.last
        self.last = now


# --------------------------------------------------------------------------- already there?


def _already_there(plan: NationalPlan, people: PeopleGenerator) -> bool:
    """The database holds this very plan: the same organisations, staff counts, one assignment
    per person, quotas, the accounts, and the first ``SAMPLED`` people of each province and
    ministry as the generator gives them (which tells another seed apart)."""
    wanted_orgs = {
        o.code: (o.name, o.short_name, o.kind, o.parent_code, o.admin_unit_code, o.valid_from, o.valid_to)
        for o in plan.orgs
    }
    stored_orgs = {
        code: (name, short, kind, parent, admin, valid_from, valid_to)
        for code, name, short, kind, parent, admin, valid_from, valid_to in Organization.objects.filter(
            code__startswith=NATIONAL_ORG_PREFIX
        ).values_list("code", "name", "short_name", "kind", "parent__code", "admin_unit_code", "valid_from", "valid_to")
    }
    if stored_orgs != wanted_orgs:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT o.code, count(*) FROM staffing_staff s JOIN portal_organization o ON o.id = s.organization_id"
            " WHERE s.employee_code LIKE %s GROUP BY o.code",
            [STAFF_LIKE],
        )
        stored_staff = dict(cursor.fetchall())
        if stored_staff != {o.code: o.staff for o in plan.orgs if o.staff}:
            return False
        cursor.execute(
            "SELECT count(*) FROM staffing_assignment a JOIN staffing_staff s ON s.id = a.staff_id"
            " WHERE s.employee_code LIKE %s",
            [STAFF_LIKE],
        )
        if cursor.fetchone()[0] != plan.staff:
            return False
    if plan.staff and not Quota.objects.filter(organization__code__startswith=NATIONAL_ORG_PREFIX).exists():
        return False
    wanted_users = {NATIONAL_ADMIN_USERNAME, *(manager_username(c) for c in plan.province_codes + plan.ministry_codes)}
    if (
        set(Membership.objects.filter(user__username__in=wanted_users).values_list("user__username", flat=True))
        != wanted_users
    ):
        return False
    return _sample_matches(plan, people)


def _sample_matches(plan: NationalPlan, people: PeopleGenerator) -> bool:
    """The first people of each province and ministry, generated again, equal the stored rows."""
    index = 1
    wanted: dict[str, tuple] = {}
    seen_roots: Counter = Counter()
    for org in plan.orgs:
        if org.staff and seen_roots[org.root] < SAMPLED:
            unit = people.unit(org, index)
            for row in unit.people[: SAMPLED - seen_roots[org.root]]:
                wanted[row[0]] = row
            seen_roots[org.root] += len(unit.people)
        index += org.staff
    names = (
        "employee_code",
        "personal_id",
        "full_name",
        "search_key",
        "date_of_birth",
        "birth_year_only",
        "sex",
        "category",
        "organization__code",
        "rank__code",
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
    stored = {row[0]: row for row in Staff.objects.filter(employee_code__in=list(wanted)).values_list(*names)}
    return stored == wanted


# --------------------------------------------------------------------------- writing


def _reserve_ids(cursor, table: str, count: int) -> int:
    """Take ``count`` primary keys from ``table``'s sequence in one block; returns the first."""
    if count <= 0:
        return 0
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
        [table, table, count],
    )
    return cursor.fetchone()[0] - count + 1


# The national demo's own rows (named parameters: staff, org, user), deleted in an order the
# foreign keys accept, and counted for the summary.
DELETE_STATEMENTS = (
    (
        "DELETE FROM staffing_assignment WHERE staff_id IN (SELECT s.id FROM staffing_staff s JOIN "
        "portal_organization o ON o.id = s.organization_id WHERE s.employee_code LIKE %(staff)s AND "
        "o.code LIKE %(org)s)"
    ),
    (
        "DELETE FROM staffing_annualrecord WHERE staff_id IN (SELECT s.id FROM staffing_staff s JOIN "
        "portal_organization o ON o.id = s.organization_id WHERE s.employee_code LIKE %(staff)s AND "
        "o.code LIKE %(org)s)"
    ),
    (
        "DELETE FROM staffing_staff WHERE id IN (SELECT s.id FROM staffing_staff s JOIN "
        "portal_organization o ON o.id = s.organization_id WHERE s.employee_code LIKE %(staff)s AND "
        "o.code LIKE %(org)s)"
    ),
    (
        "DELETE FROM positions_position WHERE organization_id IN (SELECT id FROM portal_organization "
        "WHERE code LIKE %(org)s)"
    ),
    (
        "DELETE FROM staffing_quota WHERE organization_id IN (SELECT id FROM portal_organization WHERE "
        "code LIKE %(org)s)"
    ),
    (
        "DELETE FROM portal_membership WHERE organization_id IN (SELECT id FROM portal_organization "
        "WHERE code LIKE %(org)s) OR user_id IN (SELECT id FROM auth_user WHERE username LIKE %(user)s)"
    ),
    (
        "DELETE FROM portal_organization_predecessors WHERE from_organization_id IN (SELECT id FROM "
        "portal_organization WHERE code LIKE %(org)s) OR to_organization_id IN (SELECT id FROM "
        "portal_organization WHERE code LIKE %(org)s)"
    ),
    ("DELETE FROM portal_organization WHERE code LIKE %(org)s"),
)
COUNT_STATEMENTS = {
    "records": (
        "SELECT count(*) FROM staffing_annualrecord WHERE staff_id IN (SELECT s.id FROM staffing_staff s "
        "JOIN portal_organization o ON o.id = s.organization_id WHERE s.employee_code LIKE %(staff)s AND "
        "o.code LIKE %(org)s)"
    ),
    "assignments": (
        "SELECT count(*) FROM staffing_assignment WHERE staff_id IN (SELECT s.id FROM staffing_staff s "
        "JOIN portal_organization o ON o.id = s.organization_id WHERE s.employee_code LIKE %(staff)s AND "
        "o.code LIKE %(org)s)"
    ),
    "positions": (
        "SELECT count(*) FROM positions_position WHERE organization_id IN (SELECT id FROM "
        "portal_organization WHERE code LIKE %(org)s)"
    ),
    "quotas": (
        "SELECT count(*) FROM staffing_quota WHERE organization_id IN (SELECT id FROM "
        "portal_organization WHERE code LIKE %(org)s)"
    ),
}
_PARAMS = {"staff": STAFF_LIKE, "org": ORG_LIKE, "user": NATIONAL_USER_PREFIX.replace("_", "\\_") + "%"}


def _delete_national_rows() -> int:
    """Delete the national demo's own rows; returns the number of staff deleted."""
    deleted = 0
    with connection.cursor() as cursor:
        for statement in DELETE_STATEMENTS:
            cursor.execute(statement, _PARAMS)
            if statement.startswith("DELETE FROM staffing_staff "):
                deleted = cursor.rowcount
    return deleted


def _write_orgs(plan: NationalPlan) -> dict[str, int]:
    """COPY the organisations (path, depth and search key as ``Organization.save`` derives them)
    and their predecessor links; returns their ids by code."""
    with connection.cursor() as cursor:
        first = _reserve_ids(cursor, Organization._meta.db_table, len(plan.orgs))
        ids = {o.code: first + i for i, o in enumerate(plan.orgs)}
        paths: dict[str, str] = {}
        rows = []
        for org in plan.orgs:
            path = Organization.build_path(paths[org.parent_code] if org.parent_code else None, org.code)
            paths[org.code] = path
            rows.append(
                (
                    ids[org.code],
                    org.code,
                    org.name,
                    org.short_name,
                    "",
                    org.kind,
                    org.admin_unit_code,
                    ids[org.parent_code] if org.parent_code else None,
                    path,
                    path.count("/") - 2,
                    fold(" ".join(filter(None, [org.name, org.short_name])))[:255],
                    org.valid_from,
                    org.valid_to,
                )
            )
        names = ("id", "code", "name", "short_name", "name_en", "kind", "admin_unit_code", "parent_id", "path")
        names += ("depth", "search_key", "valid_from", "valid_to")
        copy_into(cursor, Organization, names, rows)
        links = [(ids[o.code], ids[p]) for o in plan.orgs for p in o.predecessors]
        copy_into(cursor, Organization.predecessors.through, ("from_organization_id", "to_organization_id"), links)
    return ids


def _write_people(
    plan: NationalPlan, generator: PeopleGenerator, org_ids: dict[str, int], say: Callable[[str], None]
) -> dict[str, Counter]:
    """Generate and COPY positions, staff, yearly records and assignments, a batch at a time;
    returns each organisation's working people per quota category (for the quotas)."""
    rank_ids = dict(Rank.objects.values_list("code", "pk"))
    group_ids = dict(PositionGroup.objects.values_list("code", "pk"))
    framework_ids = dict(FrameworkPosition.objects.values_list("code", "pk"))
    working: dict[str, Counter] = {}
    batch: list[UnitPeople] = []
    pending = 0
    index = 1
    done = 0
    started = time.monotonic()
    with connection.cursor() as cursor:
        for org in plan.orgs:
            if not org.template:
                continue
            unit = generator.unit(org, index)
            index += org.staff
            working[org.code] = unit.working
            batch.append(unit)
            pending += len(unit.people)
            if pending >= BATCH_STAFF:
                _copy_batch(cursor, batch, org_ids, rank_ids, group_ids, framework_ids)
                done += pending
                say(f"  {done:>9,} / {plan.staff:,} cán bộ ({time.monotonic() - started:.0f} s)".replace(",", "."))
                batch, pending = [], 0
        _copy_batch(cursor, batch, org_ids, rank_ids, group_ids, framework_ids)
    return working


def _copy_batch(cursor, batch: list[UnitPeople], org_ids, rank_ids, group_ids, framework_ids) -> None:
    if not batch:
        return
    position_count = sum(len(u.positions) for u in batch)
    staff_count = sum(len(u.people) for u in batch)
    position_id = _reserve_ids(cursor, Position._meta.db_table, position_count)
    staff_id = _reserve_ids(cursor, Staff._meta.db_table, staff_count)
    positions, staff, records, assignments = [], [], [], []
    for unit in batch:
        org_id = org_ids[unit.org.code]
        ids = {}
        for p in unit.positions:
            ids[p.code] = position_id
            positions.append(
                (
                    position_id,
                    org_id,
                    p.code,
                    p.name,
                    fold(p.name)[:255],
                    group_ids[p.group],
                    p.subgroup,
                    rank_ids.get(p.min_rank),
                    rank_ids.get(p.max_rank),
                    p.headcount,
                    framework_ids.get(p.framework),
                    p.order,
                    p.required_training_level,
                    CREATED_AT,
                    CREATED_AT,
                )
            )
            position_id += 1
        for row, position, yearly, start in zip(unit.people, unit.position_of, unit.records, unit.started, strict=True):
            staff.append((staff_id, *row[:8], org_id, rank_ids.get(row[9]), *row[10:]))
            for year, rating, sick in yearly:
                records.append((staff_id, year, rating, sick))
            assignments.append((staff_id, "primary", ids[position], start, "1.00", row[18]))
            staff_id += 1
    copy_into(
        cursor,
        Position,
        (
            "id",
            "organization_id",
            "code",
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
            "created_at",
            "updated_at",
        ),
        positions,
    )
    copy_into(
        cursor,
        Staff,
        ("id", "employee_code", *STAFF_DATA_FIELDS),
        staff,
    )
    copy_into(cursor, AnnualRecord, ("staff_id", "year", "rating", "sick_days"), records)
    copy_into(cursor, Assignment, ("staff_id", "kind", "position_id", "start_date", "fte", "end_date"), assignments)


def _write_quotas(plan: NationalPlan, working: dict[str, Counter], org_ids: dict[str, int]) -> None:
    rows = build_national_quotas(plan, working)
    with connection.cursor() as cursor:
        copy_into(
            cursor,
            Quota,
            ("organization_id", "year", "category", "assigned", "decision_number", "decision_date", "issuer"),
            ((org_ids[code], *rest) for code, *rest in rows),
        )


def _write_users(plan: NationalPlan, org_ids: dict[str, int]) -> None:
    """``qg_admin`` (national admin) and a manager for each province and ministry, with the demo
    password (one hash for all, kept when it still matches)."""
    User = get_user_model()
    by_code = plan.by_code()
    wanted = [(NATIONAL_ADMIN_USERNAME, None, Role.NATIONAL_ADMIN)] + [
        (manager_username(code), code, Role.MANAGER) for code in plan.province_codes + plan.ministry_codes
    ]
    users = {u.username: u for u in User.objects.filter(username__in=[w[0] for w in wanted])}
    hashes = {u.password for u in users.values()}
    if len(hashes) == 1 and check_password(DEMO_PASSWORD, next(iter(hashes))):
        encoded = next(iter(hashes))
    else:
        encoded = make_password(DEMO_PASSWORD)
    for username, code, role in wanted:
        user = users.get(username) or User(username=username)
        user.first_name = "Quản trị" if code is None else "Lãnh đạo"
        user.last_name = "toàn quốc" if code is None else _org_name(by_code[code])
        user.email = f"{username}@vtvl.example"
        user.is_active, user.is_staff, user.is_superuser = True, code is None, False
        user.password = encoded
        user.save()
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(user=user, role=role, organization_id=org_ids[code] if code else None)
        reset_lockout(username=username)


def _org_name(org: NationalOrg) -> str:
    return org.name[:150]


# --------------------------------------------------------------------------- summary


def _summary(plan: NationalPlan, *, written: bool) -> NationalSummary:
    summary = NationalSummary(scale=plan.scale, written=written)
    current = [o for o in plan.orgs if o.valid_to is None]
    summary.organisations = Counter(o.kind for o in current)
    summary.former = len(plan.orgs) - len(current)
    summary.provinces = len(plan.province_codes)
    summary.ministries = len(plan.ministry_codes)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.status, count(*) FROM staffing_staff s WHERE s.employee_code LIKE %s GROUP BY s.status",
            [STAFF_LIKE],
        )
        statuses = dict(cursor.fetchall())
        summary.staff = sum(statuses.values())
        summary.working = statuses.pop("DLV", 0)
        summary.exits = Counter(statuses)
        for name, statement in COUNT_STATEMENTS.items():
            cursor.execute(statement, _PARAMS)
            setattr(summary, name, cursor.fetchone()[0])
    summary.users = [(NATIONAL_ADMIN_USERNAME, "toàn quốc")] + [
        (manager_username(code), plan.by_code()[code].name) for code in plan.province_codes + plan.ministry_codes
    ]
    return summary
