"""seed_demo (demo organisations, staff, users, position catalogues with descriptions,
assignments and quotas): the refusal without DEBUG, idempotence and the shape of the data it writes.
The demo package's pure builders and the order of its modules are in test_demo_builders.py.

The demo data is seeded twice once per module, inside an outer transaction that is rolled back at
the end of the module, so the rest of the suite never sees it.
"""

import datetime
import io
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from portal.models import Membership, Organization, OrgKind, Role, scope_for
from portal.text import fold
from positions import reports as position_reports
from positions.diffing import diff_sections
from positions.models import DescriptionCompetency, DescriptionStatus, DescriptionTask, Position, PositionDescription
from positions.rules import training_level_below
from positions.services import can_approve, can_edit, clean_content, content_from_sample, content_of
from positions.views import PAGE_SIZE as APPROVAL_PAGE_SIZE
from staffing.demo.constants import (
    DEMO_EMPLOYEE_PREFIX,
    DEMO_MINISTRY_CODE,
    DEMO_ORG_A_CODE,
    DEMO_ORG_B_CODE,
    DEMO_PASSWORD,
    DEMO_PROVINCE_CODE,
    DEMO_REFERENCE_DATE,
    DEMO_USERS,
)
from staffing.demo.database import DESCRIPTION_FIELDS
from staffing.demo.orgs import load_admin_units
from staffing.models import (
    QUOTA_CATEGORY_OF_STAFF,
    STAFF_DATA_FIELDS,
    AnnualRecord,
    Assignment,
    AssignmentKind,
    Quota,
    Rating,
    Staff,
    StaffCategory,
    StaffStatus,
)
from staffing.quotas import QuotaRow, nesting_violations
from staffing.retirement import ND135_2020, retirement_date
from tests.builders import make_user

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _run_seed_demo() -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHERS):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def _snapshot() -> dict:
    """Every row seed_demo writes, as plain values (primary keys included: nothing may be
    deleted and recreated on a second run)."""
    demo_users = [u.username for u in DEMO_USERS]
    return {
        "orgs": sorted(
            Organization.objects.values_list(
                "pk", "code", "name", "short_name", "kind", "admin_unit_code", "parent_id", "path", "valid_from"
            )
        ),
        "staff": sorted(
            Staff.objects.values_list(
                "pk",
                "employee_code",
                *STAFF_DATA_FIELDS,
            )
        ),
        "records": sorted(AnnualRecord.objects.values_list("pk", "staff_id", "year", "rating", "sick_days")),
        "users": sorted(
            get_user_model()
            .objects.filter(username__in=demo_users)
            .values_list("pk", "username", "first_name", "last_name", "password", "is_staff", "is_superuser")
        ),
        "memberships": sorted(Membership.objects.values_list("pk", "user__username", "role", "organization__code")),
        "positions": sorted(
            Position.objects.values_list(
                "pk",
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
                "required_training_field",
                "created_at",
                "updated_at",
            )
        ),
        "descriptions": sorted(
            PositionDescription.objects.values_list(
                "pk",
                "position_id",
                "version",
                *DESCRIPTION_FIELDS,
            )
        ),
        "tasks": sorted(
            DescriptionTask.objects.values_list("pk", "description_id", "order", "task", "outputs", "criteria")
        ),
        "competencies": sorted(
            DescriptionCompetency.objects.values_list("pk", "description_id", "competency_id", "level")
        ),
        "assignments": sorted(
            Assignment.objects.values_list("pk", "staff_id", "position_id", "kind", "fte", "start_date", "end_date")
        ),
        "quotas": sorted(
            Quota.objects.values_list(
                "pk",
                "organization_id",
                "year",
                "category",
                "assigned",
                "decision_number",
                "decision_date",
                "issuer",
                "legal_basis_id",
            )
        ),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            first_output = _run_seed_demo()
            first = _snapshot()
            second_output = _run_seed_demo()
            second = _snapshot()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield SimpleNamespace(first=first, second=second, first_output=first_output, second_output=second_output)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


# --------------------------------------------------------------------------- refusal


@pytest.mark.django_db
def test_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as raised:
        call_command("seed_demo")
    assert raised.value.returncode == 2
    assert "chỉ chạy khi DEBUG bật" in str(raised.value)
    assert not Staff.objects.filter(employee_code__startswith=DEMO_EMPLOYEE_PREFIX).exists()


def test_refused_with_exit_code_2_from_the_shell(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(django_settings.BASE_DIR / "manage.py"), "seed_demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "chỉ chạy khi DEBUG bật" in done.stderr


# --------------------------------------------------------------------------- idempotence


@pytest.mark.django_db
def test_second_run_leaves_exactly_the_same_rows(seeded):
    for part in ("staff", "positions", "descriptions", "tasks", "competencies", "assignments", "quotas"):
        assert seeded.first[part], f"the first run created no {part}"
    for part, rows in seeded.first.items():  # part by part, for a readable failure
        assert seeded.second[part] == rows, part
    assert "thêm mới 2.000, cập nhật 0" in seeded.first_output
    assert "thêm mới 0, cập nhật 0" in seeded.second_output
    assert "vị trí +0 ~0 -0; bản mô tả +0 ~0 -0; phân công +0 ~0 -0; biên chế +0 ~0 -0." in seeded.second_output
    assert re.search(r"vị trí \+[1-9][\d.]* ~0 -0; bản mô tả \+[1-9]", seeded.first_output)


@pytest.mark.django_db
def test_no_duplicates(seeded):
    codes = Staff.objects.values_list("employee_code", flat=True)
    assert len(codes) == len(set(codes))
    ids = [p for p in Staff.objects.values_list("personal_id", flat=True) if p]
    assert len(ids) == len(set(ids))
    assert all(len(p) == 12 and p.isdigit() for p in ids)
    pairs = AnnualRecord.objects.values_list("staff_id", "year")
    assert len(pairs) == len(set(pairs))


# --------------------------------------------------------------------------- shape of the data


@pytest.mark.django_db
def test_organisation_tree(seeded):
    kinds = Counter(Organization.objects.values_list("kind", flat=True))
    assert kinds[OrgKind.TINH] == 1
    assert kinds[OrgKind.BO] == 1
    assert kinds[OrgKind.XA] == 20
    assert kinds[OrgKind.SO] >= 10
    assert kinds[OrgKind.SNCL] >= 10

    province = Organization.objects.get(kind=OrgKind.TINH)
    assert (province.code, province.admin_unit_code, province.name) == ("000.00.00.H22", "22", "Tỉnh Quảng Ninh")
    assert province.valid_from == datetime.date(2025, 7, 1)

    csv_units = {u["unit_code"]: u for u in load_admin_units() if u["province_code"] == "22"}
    for commune in Organization.objects.filter(kind=OrgKind.XA):
        assert commune.parent_id == province.pk
        assert commune.admin_unit_code in csv_units
        assert commune.name == csv_units[commune.admin_unit_code]["unit_full_name"]
        assert commune.valid_from == datetime.date(2025, 7, 1)

    for dept in Organization.objects.filter(kind=OrgKind.SO):
        assert dept.parent_id == province.pk
        assert 3 <= dept.children.filter(kind=OrgKind.PHONG).count() <= 6, dept.name
    assert Organization.objects.get(code=DEMO_ORG_A_CODE).name == "Sở Nội vụ"
    assert Organization.objects.get(code=DEMO_ORG_B_CODE).name == "Sở Tài chính"

    ministry = Organization.objects.get(kind=OrgKind.BO)
    assert ministry.code == DEMO_MINISTRY_CODE
    assert ministry.children.filter(kind=OrgKind.PHONG).exists()
    assert ministry.children.filter(kind=OrgKind.SNCL).exists()


@pytest.mark.django_db
def test_staff_numbers_and_categories_are_plausible(seeded):
    staff = list(Staff.objects.select_related("organization"))
    assert len(staff) == 2000
    by_kind = {kind: Counter() for kind in OrgKind.values}
    for s in staff:
        by_kind[s.organization.kind][s.category] += 1
    assert set(by_kind[OrgKind.SNCL]) <= {StaffCategory.VC, StaffCategory.VCTC, StaffCategory.HD}
    assert by_kind[OrgKind.SNCL][StaffCategory.VC] and by_kind[OrgKind.SNCL][StaffCategory.VCTC]
    assert set(by_kind[OrgKind.PHONG]) <= {StaffCategory.CC, StaffCategory.HD}
    assert set(by_kind[OrgKind.XA]) <= {StaffCategory.CB, StaffCategory.CC, StaffCategory.HD}
    assert by_kind[OrgKind.XA][StaffCategory.CB] and by_kind[OrgKind.XA][StaffCategory.CC]
    # Staff of every organisation of the tree, communes and the ministry included.
    assert {s.organization.kind for s in staff} >= {OrgKind.SO, OrgKind.PHONG, OrgKind.SNCL, OrgKind.XA}
    assert any(s.organization.path.startswith(f"/{DEMO_MINISTRY_CODE}/") for s in staff)

    statuses = Counter(s.status for s in staff)
    assert statuses[StaffStatus.WORKING] / len(staff) > 0.93
    assert statuses[StaffStatus.RETIRED] >= 5 and statuses[StaffStatus.RESIGNED] >= 5
    for s in staff:
        assert 1962 <= s.date_of_birth.year <= 2003
        adult = datetime.date(s.date_of_birth.year + 18, s.date_of_birth.month, min(s.date_of_birth.day, 28))
        assert s.recruitment_date > adult, s
        assert (s.status == StaffStatus.WORKING) == (s.exit_date is None), s
        assert s.exit_date is None or s.exit_date > s.recruitment_date
        assert 1 <= s.salary_step <= 12 and Decimal("1.86") <= s.salary_coefficient <= Decimal("8.00")
        assert s.insurance_years is None or s.insurance_years >= 0
        if s.status == StaffStatus.WORKING:  # nobody still working past their retirement date
            assert retirement_date(ND135_2020, s.sex, s.date_of_birth, year_only=s.birth_year_only) > (
                DEMO_REFERENCE_DATE
            )
    assert 5 <= sum(s.birth_year_only for s in staff) <= 100
    assert all(s.date_of_birth.timetuple()[1:3] == (1, 1) for s in staff if s.birth_year_only)
    assert 10 <= sum(s.heavy_work for s in staff) <= 200
    assert 5 <= sum(s.redundant for s in staff) <= 100
    assert 5 <= sum(bool(s.deferral) for s in staff) <= 100


@pytest.mark.django_db
def test_ratings_and_sick_days_are_plausible(seeded):
    records = list(AnnualRecord.objects.values_list("year", "rating", "sick_days"))
    assert {year for year, _r, _s in records} == {2023, 2024, 2025}
    assert 2000 * 2 < len(records) <= 2000 * 3
    share = {rating: n / len(records) for rating, n in Counter(r for _y, r, _s in records).items()}
    assert 0.07 < share[Rating.EXCELLENT] < 0.13
    assert 0.01 < share[Rating.NOT_DONE] < 0.04
    assert share[Rating.GOOD] + share[Rating.DONE] > 0.8
    sick = [s for _y, _r, s in records]
    assert sum(s <= 10 for s in sick) / len(sick) > 0.9
    assert sum(s >= 30 for s in sick) >= 10


@pytest.mark.django_db
def test_names_are_nfc_and_realistic(seeded):
    names = list(Staff.objects.values_list("full_name", "search_key"))
    for full_name, search_key in names:
        assert unicodedata.is_normalized("NFC", full_name), full_name
        assert 3 <= len(full_name.split()) <= 4, full_name
        assert search_key == fold(full_name)
    for name in Organization.objects.values_list("name", flat=True):
        assert unicodedata.is_normalized("NFC", name), name
    families = Counter(full_name.split()[0] for full_name, _k in names)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert 0.2 < families["Nguyễn"] / len(names) < 0.45
    assert len(families) >= 15
    assert len({n for n, _k in names}) > 0.5 * len(names)  # not a handful of names repeated
    # The search folds diacritics: a name found without them.
    some_name = names[0][0]
    assert Staff.objects.search(fold(some_name)).filter(full_name=some_name).exists()


# --------------------------------------------------------------------------- positions and descriptions


def _demo_positions():
    return Position.objects.filter(code__regex=r"^VT[0-9]+$").select_related("organization")


@pytest.mark.django_db
def test_every_staffed_organisation_has_a_catalogue(seeded):
    staffed = set(Staff.objects.values_list("organization_id", flat=True))
    per_org = Counter(_demo_positions().values_list("organization_id", flat=True))
    assert set(per_org) == staffed
    assert all(6 <= n <= 15 for n in per_org.values()), per_org
    codes = defaultdict(list)
    for org_id, code in _demo_positions().values_list("organization_id", "code"):
        codes[org_id].append(code)
    for org_codes in codes.values():  # VT01, VT02 … without gaps
        assert sorted(org_codes) == [f"VT{i:02d}" for i in range(1, len(org_codes) + 1)]

    positions = list(_demo_positions().select_related("framework", "group", "min_rank", "max_rank"))
    from_framework = [p for p in positions if p.framework_id]
    assert len(from_framework) / len(positions) > 0.7
    for p in positions:
        assert p.search_key == fold(p.name)
        assert unicodedata.is_normalized("NFC", p.name)
        if p.min_rank_id and p.max_rank_id:
            assert p.min_rank.level <= p.max_rank.level, p
        if p.framework_id and p.name == p.framework.name:  # taken over unchanged
            assert (p.group_id, p.subgroup) == (p.framework.group_id, p.framework.subgroup)
            assert (p.min_rank_id, p.max_rank_id) == (p.framework.min_rank_id, p.framework.max_rank_id)
        assert p.headcount >= 1

    # Sector-specific positions of their own in every department's subtree, e.g. Sở Y tế.
    for dept in Organization.objects.filter(kind=OrgKind.SO):
        own = [p for p in positions if p.organization.path.startswith(dept.path) and not p.framework_id]
        assert own, dept.name
    health = Organization.objects.get(kind=OrgKind.SO, name="Sở Y tế")
    names = {p.name for p in positions if p.organization.path.startswith(health.path)}
    assert {"Quản lý hành nghề y", "Bác sĩ", "Điều dưỡng"} <= names

    # Headcounts add up to about the people working there.
    working = Staff.objects.filter(status=StaffStatus.WORKING).count()
    needed = sum(p.headcount for p in positions)
    assert working <= needed <= working * 1.25


@pytest.mark.django_db
def test_descriptions_in_every_state_for_org_a(seeded):
    org_a = Organization.objects.get(code=DEMO_ORG_A_CODE)
    own = PositionDescription.objects.filter(position__organization=org_a)
    assert set(own.values_list("status", flat=True)) == set(DescriptionStatus.values)
    hr_a = get_user_model().objects.get(username="hr_a")
    seen = PositionDescription.objects.for_user(hr_a)
    assert set(seen.values_list("status", flat=True)) == set(DescriptionStatus.values)
    org_b = Organization.objects.get(code=DEMO_ORG_B_CODE)
    assert not seen.filter(position__organization__path__startswith=org_b.path).exists()
    # An approved v1 with an open v2 whose diff shows a change.
    v2 = own.filter(version=2, status=DescriptionStatus.DRAFT).first()
    assert v2 is not None
    v1 = v2.position.descriptions.get(version=1)
    assert v1.status == DescriptionStatus.APPROVED
    diffs = diff_sections(position_reports.description_sections(v1), position_reports.description_sections(v2))
    assert 1 <= sum(d.changed for d in diffs) <= 2
    returned = own.get(status=DescriptionStatus.RETURNED)
    assert returned.return_comment.startswith(("Đề nghị", "Sản phẩm", "Phạm vi", "Nhiệm vụ"))


@pytest.mark.django_db
def test_descriptions_across_the_demo(seeded):
    statuses = Counter(PositionDescription.objects.values_list("status", flat=True))
    total = sum(statuses.values())
    assert statuses[DescriptionStatus.APPROVED] / total > 0.6
    assert all(statuses[s] >= 10 for s in DescriptionStatus.values), statuses
    v2 = PositionDescription.objects.filter(version=2)
    assert v2.count() >= 30
    assert not v2.exclude(status=DescriptionStatus.DRAFT).exists()
    assert (
        not PositionDescription.objects.filter(version=1, position__descriptions__version=2)
        .exclude(status=DescriptionStatus.APPROVED)
        .exists()
    )


@pytest.mark.django_db
def test_workflow_fields_are_coherent(seeded):
    descriptions = PositionDescription.objects.select_related(
        "position__organization__parent", "created_by", "submitted_by", "decided_by"
    )
    end_of_demo = datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC)
    editors, approvers = {}, {}  # (user, organisation) -> a description: permissions checked once per pair
    for d in descriptions:
        assert d.created_at <= d.updated_at < end_of_demo, d
        editors.setdefault((d.created_by_id, d.position.organization_id), d)
        if d.status == DescriptionStatus.DRAFT:
            assert (d.submitted_at, d.submitted_by, d.decided_at, d.decided_by) == (None, None, None, None), d
            assert d.return_comment == ""
            continue
        assert d.submitted_by == d.created_by and d.created_at <= d.submitted_at <= d.updated_at, d
        if d.status == DescriptionStatus.SUBMITTED:
            assert d.decided_at is None and d.decided_by is None, d
            continue
        assert d.submitted_at < d.decided_at == d.updated_at, d
        approvers.setdefault((d.decided_by_id, d.position.organization_id), d)
        assert bool(d.return_comment) == (d.status == DescriptionStatus.RETURNED), d
    assert all(can_edit(d.created_by, d.position) for d in editors.values())
    assert all(can_approve(d.decided_by, d) for d in approvers.values())
    org_a = Organization.objects.get(code=DEMO_ORG_A_CODE)
    in_a = descriptions.filter(position__organization__path__startswith=org_a.path)
    assert set(in_a.values_list("created_by__username", flat=True)) == {"hr_a"}
    assert set(in_a.exclude(decided_by=None).values_list("decided_by__username", flat=True)) == {"admin", "orgadmin_a"}
    # The submitted descriptions fit on the first page of the province approver's queue.
    province = Organization.objects.get(code=DEMO_PROVINCE_CODE)
    approver = make_user("duyet_tinh_seed", Role.ORG_ADMIN, province)
    assert 0 < position_reports.approval_queue(approver).count() < APPROVAL_PAGE_SIZE // 2


@pytest.mark.django_db
def test_description_content_comes_from_the_framework_sample(seeded):
    v1 = (
        PositionDescription.objects.filter(version=1, position__framework__isnull=False)
        .select_related("position__framework")
        .order_by("pk")
    )
    assert v1.count() > 500
    for d in v1[:40]:
        stored = content_of(d)
        sample = clean_content(content_from_sample(d.position.framework.sample))
        assert stored.fields == sample.fields
        assert stored.tasks == [t for t in sample.tasks if t["task"].strip()]
        assert sorted(stored.competencies) == sorted(sample.competencies)
        assert d.copied_from == str(d.position.framework)
    for d in PositionDescription.objects.filter(position__framework__isnull=True)[:40]:
        assert d.objective.startswith("<p>") and d.tasks.count() >= 3 and d.competencies.count() >= 5
        assert d.training_field


# --------------------------------------------------------------------------- assignments and ranks


@pytest.mark.django_db
def test_everyone_working_holds_one_primary_position_of_their_organisation(seeded):
    assignments = list(Assignment.objects.select_related("staff", "position"))
    open_primary = Counter(a.staff_id for a in assignments if a.kind == AssignmentKind.PRIMARY and not a.end_date)
    working = set(Staff.objects.filter(status=StaffStatus.WORKING).values_list("pk", flat=True))
    assert set(open_primary) == working
    assert set(open_primary.values()) == {1}
    fte = Counter()
    for a in assignments:
        assert a.position.organization_id == a.staff.organization_id, a
        if a.kind == AssignmentKind.PRIMARY:  # held since recruitment or the first position schemes
            assert a.start_date == max(a.staff.recruitment_date, datetime.date(2020, 1, 1)), a
        if a.staff.status == StaffStatus.WORKING:
            assert a.end_date is None, a
            fte[a.staff_id] += a.fte
        else:
            assert a.end_date == a.staff.exit_date, a
    assert max(fte.values()) <= 1
    concurrent = [a for a in assignments if a.kind == AssignmentKind.CONCURRENT]
    assert 0.03 < len(concurrent) / len(working) < 0.08
    holders = {a.staff_id for a in concurrent}
    assert all(fte[s] == 1 for s in holders)
    primary_fte = {a.staff_id: a.fte for a in assignments if a.kind == AssignmentKind.PRIMARY}
    assert all(primary_fte[s] < 1 for s in holders)
    # Every leaver's post ended on the day they left.
    leavers = Staff.objects.exclude(status=StaffStatus.WORKING)
    assert leavers.exists()
    assert not Assignment.objects.filter(staff__in=leavers, end_date__isnull=True).exists()


@pytest.mark.django_db
def test_ranks_come_from_the_position_and_fit_the_salary(seeded):
    primary = {
        a.staff_id: a.position
        for a in Assignment.objects.filter(kind=AssignmentKind.PRIMARY).select_related(
            "position__min_rank", "position__max_rank"
        )
    }
    staff = list(Staff.objects.select_related("rank"))
    ranked = [s for s in staff if s.rank_id]
    civil = [s for s in staff if s.category in (StaffCategory.CC, StaffCategory.VC, StaffCategory.VCTC)]
    assert len(ranked) / len(civil) > 0.6
    assert not [s for s in ranked if s.category in (StaffCategory.HD, StaffCategory.CB)]
    for s in ranked:
        position = primary[s.pk]
        low, high = position.min_rank, position.max_rank or position.min_rank
        assert s.rank.field == low.field and low.level <= s.rank.level <= high.level, (s, position)
        assert s.rank.coefficient_min <= s.salary_coefficient <= s.rank.coefficient_max, s


# --------------------------------------------------------------------------- quotas


@pytest.mark.django_db
def test_quotas_nest_every_year_and_category(seeded):
    quotas = list(Quota.objects.select_related("organization"))
    assert {q.year for q in quotas} == {2015, 2021, 2022, 2023, 2024, 2025, 2026}
    rows = [QuotaRow(q.organization.path, q.year, q.category, q.assigned, ref=q.pk) for q in quotas]
    assert nesting_violations(rows) == []
    for year in {q.year for q in quotas}:
        for category in {q.category for q in quotas}:
            some = [r for r in rows if (r.year, r.category) == (year, category)]
            assert some and nesting_violations(some) == []
    # The province keeps a reserve.
    province = Organization.objects.get(code=DEMO_PROVINCE_CODE)
    for q in (q for q in quotas if q.organization_id == province.pk):
        children = [
            c.assigned
            for c in quotas
            if c.organization.parent_id == province.pk and (c.year, c.category) == (q.year, q.category)
        ]
        assert sum(children) < q.assigned

    ministry = Organization.objects.get(code=DEMO_MINISTRY_CODE)
    holders = {q.organization.kind for q in quotas}
    assert holders == {OrgKind.TINH, OrgKind.SO, OrgKind.SNCL, OrgKind.XA, OrgKind.BO, OrgKind.PHONG}
    assert not [q for q in quotas if q.organization.kind == OrgKind.PHONG and q.organization.parent.kind != OrgKind.BO]
    for q in quotas:
        assert re.fullmatch(r"\d{3,4}/QĐ-(UBND|BNV)", q.decision_number), q.decision_number
        assert q.decision_date.year == q.year - 1
        in_ministry = q.organization.path.startswith(ministry.path)
        expected = "Bộ Nội vụ" if in_ministry or q.organization_id == province.pk else "UBND tỉnh Quảng Ninh"
        assert q.issuer == expected


@pytest.mark.django_db
def test_quotas_shrink_and_mostly_cover_the_headcount(seeded):
    series = defaultdict(dict)
    for q in Quota.objects.select_related("organization"):
        series[(q.organization.path, q.category)][q.year] = q.assigned
    for key, by_year in series.items():
        numbers = [by_year[y] for y in sorted(by_year)]
        assert numbers == sorted(numbers, reverse=True), key
    province = Organization.objects.get(code=DEMO_PROVINCE_CODE).path
    cbcc, vc = series[(province, "CBCC")], series[(province, "VC")]
    assert cbcc[2021] <= cbcc[2015] * 0.9 and vc[2021] <= vc[2015] * 0.9  # Resolution 39: ≥ 10 %
    assert cbcc[2026] <= cbcc[2021] * 0.95 and vc[2026] <= vc[2021] * 0.9  # Conclusion 40
    assert all(cbcc[y] > cbcc[y + 1] for y in range(2021, 2026))  # about 1 % a year

    working = Counter()
    categories_of = defaultdict(set)
    for path, category in Staff.objects.filter(status=StaffStatus.WORKING).values_list(
        "organization__path", "category"
    ):
        parts = [p for p in path.split("/") if p]
        for i in range(1, len(parts) + 1):
            working[("/" + "/".join(parts[:i]) + "/", QUOTA_CATEGORY_OF_STAFF[category])] += 1
            categories_of["/" + "/".join(parts[:i]) + "/"].add(QUOTA_CATEGORY_OF_STAFF[category])
    covered = [by_year[2026] >= working[key] for key, by_year in series.items()]
    assert sum(covered) / len(covered) > 0.85
    assert not all(covered)  # a few units are over their quota
    for (path, category), _by_year in series.items():
        assert category in categories_of[path], (path, category)  # only categories they have staff in


# --------------------------------------------------------------------------- users


@pytest.mark.django_db
def test_demo_users_roles_and_password(seeded, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    User = get_user_model()
    org_a = Organization.objects.get(code=DEMO_ORG_A_CODE)
    org_b = Organization.objects.get(code=DEMO_ORG_B_CODE)
    assert org_a.parent_id == org_b.parent_id  # siblings

    expected = {
        "admin": (Role.NATIONAL_ADMIN, None),
        "hr_a": (Role.HR_OFFICER, org_a),
        "manager_a": (Role.MANAGER, org_a),
        "hr_b": (Role.HR_OFFICER, org_b),
        "orgadmin_a": (Role.ORG_ADMIN, org_a),
    }
    for username, (role, org) in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        assert list(user.memberships.values_list("role", "organization")) == [(role, org.pk if org else None)]
        assert user.get_full_name() and unicodedata.is_normalized("NFC", user.get_full_name())
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert User.objects.get(username="orgadmin_a").is_staff
    assert not User.objects.get(username="hr_a").is_staff

    # What the roles reach: hr_a sees Sở Nội vụ's staff (its divisions and units too), not B's.
    hr_a = User.objects.get(username="hr_a")
    visible = Staff.objects.for_user(hr_a)
    assert visible.count() == Staff.objects.filter(organization__path__startswith=org_a.path).count() > 20
    assert not visible.filter(organization__path__startswith=org_b.path).exists()
    assert scope_for(User.objects.get(username="admin")).national


@pytest.mark.django_db
def test_rerun_resets_password_and_roles(seeded, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    User = get_user_model()
    hr_a = User.objects.get(username="hr_a")
    hr_a.set_password("changed")
    hr_a.save()
    hr_a.memberships.all().delete()
    province = Organization.objects.get(code=DEMO_PROVINCE_CODE)
    Membership.objects.create(user=hr_a, role=Role.HR_OFFICER, organization=province)

    _run_seed_demo()

    hr_a.refresh_from_db()
    assert hr_a.check_password(DEMO_PASSWORD)
    assert list(hr_a.memberships.values_list("role", "organization__code")) == [(Role.HR_OFFICER, DEMO_ORG_A_CODE)]


# --------------------------------------------------------------------------- streamlining (issue 9)


def _primary_positions():
    """Each working person's open primary position."""
    return {
        a.staff_id: a.position
        for a in Assignment.objects.filter(kind=AssignmentKind.PRIMARY, end_date__isnull=True).select_related(
            "position__group"
        )
    }


@pytest.mark.django_db
def test_positions_require_a_training_level_people_have_one_and_their_allowances(seeded):
    positions = list(_demo_positions().select_related("group"))
    professional = [p for p in positions if p.group.code in ("LDQL", "CMNV")]
    assert sum(p.required_training_level == "DH" for p in professional) / len(professional) > 0.8
    assert {p.required_training_level for p in positions} <= {"", "TC", "CD", "DH"}
    assert all(p.required_training_field for p in positions if p.required_training_level)
    assert {p.required_training_level for p in positions if p.group.code == "HTPV"} <= {"", "TC"}

    staff = list(Staff.objects.filter(status=StaffStatus.WORKING))
    levels = Counter(s.training_level for s in staff)
    assert levels["DH"] / len(staff) > 0.5 and levels["THS"] > 100 and levels["TS"] >= 1
    assert all(s.training_level and s.training_field for s in staff if s.category != StaffCategory.HD)
    primary = _primary_positions()
    below = [s for s in staff if training_level_below(s.training_level, primary[s.pk].required_training_level)]
    assert len(below) == 1  # org A's case e, nobody else
    assert all(s.allowance_percent == 25 for s in staff if s.category in (StaffCategory.CC, StaffCategory.CB))
    assert not [s for s in staff if s.category in (StaffCategory.VC, StaffCategory.VCTC) and s.allowance_percent]
    leaders = [s for s in staff if primary[s.pk].group.code == "LDQL"]
    assert sum(s.leadership_allowance is not None for s in leaders) / len(leaders) > 0.9
    assert all(Decimal("0.20") <= s.leadership_allowance <= Decimal("1.00") for s in leaders if s.leadership_allowance)
    assert not [s for s in staff if s.leadership_allowance and primary[s.pk].group.code != "LDQL"]
    assert all(s.seniority_percent >= 5 for s in staff if s.seniority_percent is not None)
    assert 50 <= sum(s.seniority_percent is not None for s in staff) <= 500


@pytest.mark.django_db
def test_org_a_has_people_under_every_computable_case_for_2026(seeded):
    """Sở Nội vụ's working people for review year 2026 (cases g and h look at 2025 and 2026): every
    computable case, deferrals, missing data, near misses, early retirement and resignation."""
    org_a = Organization.objects.get(code=DEMO_ORG_A_CODE)
    working = {
        s.pk: s for s in Staff.objects.filter(organization__path__startswith=org_a.path, status=StaffStatus.WORKING)
    }
    year = {
        s: (r, d)
        for s, r, d in AnnualRecord.objects.filter(staff__in=working, year=2025).values_list(
            "staff", "rating", "sick_days"
        )
    }
    older = {
        s for (s,) in AnnualRecord.objects.filter(staff__in=working, year=2024, rating="KHTNV").values_list("staff")
    }
    rated_g = {pk for pk, (rating, _d) in year.items() if rating == Rating.NOT_DONE}
    assert len([pk for pk in rated_g if not working[pk].deferral]) >= 3  # case g
    assert [s for s in working.values() if s.redundant and not s.deferral]  # case a
    # case h: 45 days with 18 insured years (maximum 40); 50 in heavy work with 15–30 years (exactly
    # the maximum); 29 days with 12 years (one below the maximum of 30: not a case)
    sick = {(working[pk].insurance_years, working[pk].heavy_work, days) for pk, (_r, days) in year.items()}
    assert {(Decimal("18.0"), False, 45), (Decimal("12.0"), False, 29)} <= sick
    assert [s for s, heavy, days in sick if heavy and days == 50 and s is not None and 15 <= s < 30]
    # rated "không hoàn thành" in 2024 only: not a case
    assert [pk for pk in older if pk not in rated_g and not working[pk].redundant]
    # case e: the one person trained below their position's requirement
    primary = _primary_positions()
    below = [
        s for s in working.values() if training_level_below(s.training_level, primary[s.pk].required_training_level)
    ]
    assert len(below) == 1 and below[0].category in (StaffCategory.CC, StaffCategory.VC)
    # deferred, with a case: TS rated "không hoàn thành", KL redundant
    assert {"TS", "KL"} <= {s.deferral for pk, s in working.items() if pk in rated_g or s.redundant}
    # missing data: sick days that are a case for some insured years, none recorded
    assert [pk for pk, (_r, days) in year.items() if working[pk].insurance_years is None and days >= 30]
    # near retirement (2 to 5 years after the end of 2026 and after the demo's "today"), with a case:
    # early retirement with ≥ 15 insured years, resignation with fewer
    near = []
    for s in working.values():
        if s.pk in rated_g or s.redundant:
            retires = retirement_date(ND135_2020, s.sex, s.date_of_birth, year_only=s.birth_year_only)
            if all(
                2 <= (retires - start).days / 365.25 <= 5
                for start in (DEMO_REFERENCE_DATE, datetime.date(2026, 12, 31))
            ):
                near.append(s.insurance_years)
    assert sum(y >= 15 for y in near) >= 2 and sum(y < 15 for y in near) >= 1


@pytest.mark.django_db
def test_org_b_has_candidates_hr_a_cannot_see(seeded):
    org_b = Organization.objects.get(code=DEMO_ORG_B_CODE)
    in_b = Staff.objects.filter(organization__path__startswith=org_b.path, status=StaffStatus.WORKING)
    rated = in_b.filter(annual_records__year=2025, annual_records__rating=Rating.NOT_DONE)
    assert rated.exists() and in_b.filter(redundant=True).exists()
    hr_a = get_user_model().objects.get(username="hr_a")
    visible = Staff.objects.for_user(hr_a)
    assert not visible.filter(pk__in=rated.values("pk")).exists()
    assert not visible.filter(pk__in=in_b.filter(redundant=True).values("pk")).exists()
