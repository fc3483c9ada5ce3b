"""seed_demo --scale national (staffing.demo.national, staffing.demo.national_seed): a mini national
tree (3 provinces — one not merged, one formed from 2, one from 3 —, 2 ministries, 4 communes
each, about 8 people per staffed unit) built twice with COPY on PostgreSQL: nesting and shrinking
quotas, idempotence, exits of every kind, assignments, ranks, the accounts, predecessors; the
refusals (SQLite, DEBUG off, bad options). The full scale is measured by bench/reports.py.

The data is seeded once per module inside an outer transaction rolled back at the end, so the
rest of the suite never sees it.
"""

import datetime
import io
from collections import Counter, defaultdict
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import override_settings

from portal.models import Membership, Organization, Role, scope_for
from positions import seed as positions_seed
from positions.models import Position, Rank
from staffing.demo import national_seed
from staffing.demo.constants import DEMO_PASSWORD, DEMO_QUOTA_YEARS, DEMO_REFERENCE_DATE
from staffing.demo.national import (
    EXIT_FROM,
    NATIONAL_ADMIN_USERNAME,
    NATIONAL_EMPLOYEE_PREFIX,
    NATIONAL_ORG_PREFIX,
    NationalScale,
    PeopleGenerator,
    build_national_plan,
    build_national_quotas,
)
from staffing.demo.national_seed import manager_username
from staffing.demo.references import seed_references
from staffing.models import QUOTA_CATEGORY_OF_STAFF, AnnualRecord, Assignment, Quota, Staff
from staffing.quotas import QuotaRow, nesting_violations
from staffing.retirement import ND135_2020, retirement_date
from tests.builders import FAST_HASHERS

MINI = ["--provinces", "3", "--ministries", "2", "--communes", "4", "--staff-per-unit", "8"]
MINI_SCALE = NationalScale(provinces=3, ministries=2, communes=4, staff_per_unit=8)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="seed_demo --scale national writes with COPY: PostgreSQL only"
)


def _seed(*args: str) -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHERS):
        call_command("seed_demo", "--scale", "national", *args, stdout=out)
    return out.getvalue()


def _snapshot() -> dict:
    """Every national row as plain values (keys included: a re-run must not rewrite anything)."""
    national_orgs = Organization.objects.filter(code__startswith=NATIONAL_ORG_PREFIX)
    national_staff = Staff.objects.filter(employee_code__startswith=NATIONAL_EMPLOYEE_PREFIX)
    return {
        "orgs": list(national_orgs.order_by("pk").values_list()),
        "predecessors": sorted(
            Organization.predecessors.through.objects.filter(from_organization__in=national_orgs).values_list()
        ),
        "staff": list(national_staff.order_by("pk").values_list()),
        "records": list(AnnualRecord.objects.filter(staff__in=national_staff).order_by("pk").values_list()),
        "assignments": list(Assignment.objects.filter(staff__in=national_staff).order_by("pk").values_list()),
        "positions": list(Position.objects.filter(organization__in=national_orgs).order_by("pk").values_list()),
        "quotas": list(Quota.objects.filter(organization__in=national_orgs).order_by("pk").values_list()),
        "memberships": sorted(
            Membership.objects.filter(user__username__startswith="qg_").values_list(
                "user__username", "user__password", "role", "organization__code"
            )
        ),
    }


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("seed_demo --scale national writes with COPY: PostgreSQL only")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # The reference data of the positions migration (groups, ranks, framework): a
            # transactional test that ran before (pytest-django runs those last, but a module
            # fixture is set up when its first test runs) may have flushed it.
            positions_seed.load(django_apps)
            first_output = _seed(*MINI)
            first = _snapshot()
            second_output = _seed(*MINI)
            second = _snapshot()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield SimpleNamespace(first=first, second=second, first_output=first_output, second_output=second_output)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


# --------------------------------------------------------------------------- refusals


@pytest.mark.django_db
def test_refused_on_sqlite_with_exit_code_2(monkeypatch):
    monkeypatch.setattr(national_seed, "is_postgresql", lambda: False)
    with pytest.raises(CommandError) as raised:
        _seed(*MINI)
    assert raised.value.returncode == 2
    assert "chỉ tạo được trên PostgreSQL" in str(raised.value)
    assert "DATABASE_URL=postgres://" in str(raised.value)
    assert not Organization.objects.filter(code__startswith=NATIONAL_ORG_PREFIX).exists()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the real SQLite database")
def test_refused_on_the_real_sqlite_database():
    with pytest.raises(CommandError) as raised:
        _seed("--provinces", "1")
    assert raised.value.returncode == 2
    assert "cơ sở dữ liệu đang dùng là sqlite" in str(raised.value)


@pytest.mark.django_db
def test_refused_when_debug_is_off():
    with pytest.raises(CommandError) as raised:
        call_command("seed_demo", "--scale", "national", *MINI, stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert "chỉ chạy khi DEBUG bật" in str(raised.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--provinces", "0"], "--provinces 0 không hợp lệ: chỉ nhận từ 1 đến 34."),
        (["--provinces", "35"], "--provinces 35 không hợp lệ: chỉ nhận từ 1 đến 34."),
        (["--ministries", "18"], "--ministries 18 không hợp lệ: chỉ nhận từ 0 đến 17."),
        (["--communes", "0"], "--communes 0 không hợp lệ: chỉ nhận từ 1 trở lên."),
        (["--staff", "2000000"], "--staff 2000000 không hợp lệ: toàn quốc nhận từ 0 đến 1.000.000 cán bộ."),
        (["--staff", "10", "--staff-per-unit", "3"], "Chỉ dùng một trong hai tuỳ chọn --staff và --staff-per-unit."),
    ],
)
def test_bad_national_options_are_refused(args, message):
    with pytest.raises(CommandError) as raised:
        _seed(*args)
    assert raised.value.returncode == 2
    assert str(raised.value) == message


@pytest.mark.django_db
def test_national_options_need_the_national_scale():
    with pytest.raises(CommandError) as raised, override_settings(DEBUG=True):
        call_command("seed_demo", "--provinces", "2", "--communes", "3", stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert str(raised.value) == "Tuỳ chọn --provinces, --communes chỉ dùng với --scale national."


# --------------------------------------------------------------------------- the plan (pure)


def test_full_plan_has_the_national_shape():
    plan = build_national_plan()
    current = [o for o in plan.orgs if o.valid_to is None]
    kinds = Counter(o.kind for o in current)
    assert kinds["TINH"] == 34
    assert kinds["BO"] == 17
    assert kinds["XA"] == 3321  # every commune, ward and special zone of the 2025 list
    assert 19_000 <= len(current) <= 22_000
    assert plan.staff == 1_000_000
    former = [o for o in plan.orgs if o.valid_to is not None]
    assert len([o for o in former if o.kind == "TINH"]) == 52  # 63 provinces before 1/7/2025, 11 not merged
    by_code = plan.by_code()
    merged = Counter(len(by_code[c].predecessors) for c in plan.province_codes)
    assert merged == {0: 11, 2: 17, 3: 6}
    # The benchmark's province: Hà Nội, the first one built.
    assert plan.province_codes[0] == "QG.H01"
    hanoi = [o for o in plan.orgs if o.root == "QG.H01"]
    assert 600 <= len(hanoi) <= 800
    assert 45_000 <= sum(o.staff for o in hanoi) <= 60_000
    assert len({o.code for o in plan.orgs}) == len(plan.orgs)


def test_a_subset_keeps_the_full_scale_numbers_of_its_units():
    full = {o.code: o.staff for o in build_national_plan().orgs}
    part = build_national_plan(NationalScale(provinces=2, ministries=1))
    assert part.province_codes == ["QG.H01", "QG.H31"]
    assert part.ministry_codes == ["QG.G01"]
    assert all(o.staff == full[o.code] for o in part.orgs if o.root.startswith("QG.H"))


def test_people_are_deterministic_and_consistent():
    plan = build_national_plan(MINI_SCALE)
    _framework, ranks = seed_references()
    first = PeopleGenerator(ranks)
    again = PeopleGenerator(ranks)
    index = 1
    for org in plan.orgs:
        if not org.template:
            continue
        unit = first.unit(org, index)
        assert unit == again.unit(org, index)
        assert len(unit.people) == org.staff
        index += org.staff
        for row in unit.people:
            code, _pid, name, key, born, year_only, sex, category, org_code, rank, step, coefficient, recruited = row[
                :13
            ]
            status, exit_date = row[17], row[18]
            assert code.startswith(NATIONAL_EMPLOYEE_PREFIX) and org_code == org.code
            assert (status == "DLV") == (exit_date is None)
            if status == "DLV":
                assert retirement_date(ND135_2020, sex, born, year_only=year_only) > DEMO_REFERENCE_DATE
            else:
                assert EXIT_FROM <= exit_date < DEMO_REFERENCE_DATE
                assert recruited < exit_date
            if rank:
                assert ranks[rank].low <= coefficient <= ranks[rank].high, (rank, coefficient)


def test_quotas_nest_and_shrink_in_the_plan():
    plan = build_national_plan(MINI_SCALE)
    _framework, ranks = seed_references()
    people = PeopleGenerator(ranks)
    working, index = {}, 1
    for org in plan.orgs:
        if org.template:
            working[org.code] = people.unit(org, index).working
            index += org.staff
    rows = build_national_quotas(plan, working)
    assert rows == build_national_quotas(plan, working)
    parent = {o.code: o.parent_code for o in plan.orgs}

    def path(code):
        return f"{path(parent[code])}{code}/" if parent[code] else f"/{code}/"

    assert nesting_violations([QuotaRow(path(r[0]), r[1], r[2], r[3]) for r in rows]) == []


# --------------------------------------------------------------------------- the mini national demo


@on_postgresql
def test_second_run_changes_nothing(national):
    assert national.first_output.startswith("Đã tạo dữ liệu mẫu toàn quốc.")
    assert national.second_output.startswith("Dữ liệu mẫu toàn quốc đã có sẵn: không thay đổi gì.")
    assert national.second == national.first
    assert national.first["staff"] and national.first["quotas"] and national.first["records"]


@on_postgresql
@pytest.mark.django_db
def test_another_scale_rebuilds_only_the_national_rows(national):
    others = Organization.objects.exclude(code__startswith=NATIONAL_ORG_PREFIX).count()
    output = _seed("--provinces", "1", "--ministries", "0", "--communes", "2", "--staff-per-unit", "2")
    assert output.startswith("Đã tạo dữ liệu mẫu toàn quốc.")
    roots = Organization.objects.filter(code__startswith=NATIONAL_ORG_PREFIX, parent=None, valid_to=None)
    assert list(roots.values_list("code", flat=True)) == ["QG.H01"]
    assert Organization.objects.exclude(code__startswith=NATIONAL_ORG_PREFIX).count() == others
    assert not Membership.objects.filter(user__username="qg_manager_h31").exists()
    # (the test's transaction rolls this back: the module's mini demo is unchanged for the others)


@on_postgresql
@pytest.mark.django_db
def test_quotas_nest_for_every_year_and_category(national):
    rows = [
        QuotaRow(path, year, category, assigned)
        for path, year, category, assigned in Quota.objects.filter(
            organization__code__startswith=NATIONAL_ORG_PREFIX
        ).values_list("organization__path", "year", "category", "assigned")
    ]
    assert {r.year for r in rows} == set(DEMO_QUOTA_YEARS)
    assert nesting_violations(rows) == []


@on_postgresql
@pytest.mark.django_db
def test_quotas_shrink_year_by_year(national):
    by_holder = defaultdict(dict)
    for code, year, category, assigned in Quota.objects.filter(
        organization__code__startswith=NATIONAL_ORG_PREFIX
    ).values_list("organization__code", "year", "category", "assigned"):
        by_holder[(code, category)][year] = assigned
    for key, by_year in by_holder.items():
        assert sorted(by_year) == list(DEMO_QUOTA_YEARS), key
        numbers = [by_year[y] for y in DEMO_QUOTA_YEARS]
        assert numbers == sorted(numbers, reverse=True), (key, numbers)
    for root in ("QG.H01", "QG.H31", "QG.H37", "QG.G01"):
        cbcc = by_holder[(root, "CBCC")]
        assert cbcc[2015] > cbcc[2021] > cbcc[2026], root
        assert cbcc[2026] <= cbcc[2021] * 0.97  # about 5 % from 2021 to 2026


@on_postgresql
@pytest.mark.django_db
def test_predecessors_of_merged_provinces_and_ministries(national):
    def former(code):
        org = Organization.objects.get(code=code)
        return sorted(org.predecessors.values_list("name", flat=True))

    assert former("QG.H01") == []
    assert former("QG.H31") == ["Thành phố Hải Phòng", "Tỉnh Hải Dương"]
    assert former("QG.H37") == ["Tỉnh Hà Nam", "Tỉnh Nam Định", "Tỉnh Ninh Bình"]
    assert len(former("QG.G01")) == 2  # Bộ Nội vụ: with the former labour ministry
    assert former("QG.G10") == []  # Bộ Tư pháp
    closed = Organization.objects.filter(code__startswith="QG.CU.")
    assert closed.count() == 2 + 3 + 2
    assert not closed.filter(valid_to=None).exists()
    assert not Quota.objects.filter(organization__in=closed).exists()


@on_postgresql
@pytest.mark.django_db
def test_exits_of_every_kind_and_working_staff(national):
    staff = Staff.objects.filter(employee_code__startswith=NATIONAL_EMPLOYEE_PREFIX)
    total = staff.count()
    statuses = Counter(staff.values_list("status", flat=True))
    assert set(statuses) == {"DLV", "NH", "TV", "CCT", "TGBC", "CHET"}
    left = total - statuses["DLV"]
    assert 0.015 * total <= left <= 0.05 * total
    assert not staff.filter(status="DLV", exit_date__isnull=False).exists()
    exits = staff.exclude(status="DLV")
    assert not exits.filter(exit_date__lt=datetime.date(2022, 1, 1)).exists()
    assert not exits.filter(exit_date__gte=DEMO_REFERENCE_DATE).exists()
    assert {d.year for d in exits.values_list("exit_date", flat=True)} == {2022, 2023, 2024, 2025, 2026}


@on_postgresql
@pytest.mark.django_db
def test_retirements_in_every_one_of_the_next_ten_years(national):
    years = Counter(
        retirement_date(ND135_2020, sex, born, year_only=year_only).year
        for sex, born, year_only in Staff.objects.filter(
            employee_code__startswith=NATIONAL_EMPLOYEE_PREFIX, status="DLV"
        ).values_list("sex", "date_of_birth", "birth_year_only")
    )
    assert all(years[y] > 0 for y in range(2026, 2036)), years


@on_postgresql
@pytest.mark.django_db
def test_everyone_holds_a_position_of_their_unit(national):
    staff = Staff.objects.filter(employee_code__startswith=NATIONAL_EMPLOYEE_PREFIX)
    rows = Assignment.objects.filter(staff__in=staff).values_list(
        "staff_id", "staff__status", "staff__exit_date", "staff__organization_id", "position__organization_id",
        "kind", "end_date", "fte",
    )  # fmt: skip
    per_person = Counter(r[0] for r in rows)
    assert set(per_person.values()) == {1} and len(per_person) == staff.count()
    for _pk, status, exit_date, org, position_org, kind, end, fte in rows:
        assert position_org == org and kind == "primary" and fte == 1
        assert end == (None if status == "DLV" else exit_date)
    groups = set(
        Position.objects.filter(organization__code__startswith=NATIONAL_ORG_PREFIX).values_list(
            "group__code", flat=True
        )
    )
    assert groups == {"LDQL", "CMNV", "HTPV"}


@on_postgresql
@pytest.mark.django_db
def test_ranks_coefficients_categories_and_records(national):
    staff = Staff.objects.filter(employee_code__startswith=NATIONAL_EMPLOYEE_PREFIX)
    ranges = {pk: (low, high) for pk, low, high in Rank.objects.values_list("pk", "coefficient_min", "coefficient_max")}
    ranked = 0
    for rank_id, coefficient in staff.exclude(rank=None).values_list("rank_id", "salary_coefficient"):
        low, high = ranges[rank_id]
        assert low <= coefficient <= high
        ranked += 1
    assert ranked >= 0.8 * staff.count()
    assert set(staff.values_list("category", flat=True)) == set(QUOTA_CATEGORY_OF_STAFF)
    years = set(AnnualRecord.objects.filter(staff__in=staff).values_list("year", flat=True))
    assert years == {2023, 2024, 2025}
    assert AnnualRecord.objects.filter(staff__in=staff, sick_days__gt=0).exists()


@on_postgresql
@pytest.mark.django_db
def test_managers_and_the_national_admin(national):
    User = get_user_model()
    admin = User.objects.get(username=NATIONAL_ADMIN_USERNAME)
    assert admin.check_password(DEMO_PASSWORD)
    assert list(admin.memberships.values_list("role", "organization")) == [(Role.NATIONAL_ADMIN, None)]
    for root in ("QG.H01", "QG.H31", "QG.H37", "QG.G01", "QG.G10"):
        manager = User.objects.get(username=manager_username(root))
        assert manager.check_password(DEMO_PASSWORD)
        assert list(manager.memberships.values_list("role", "organization__code")) == [(Role.MANAGER, root)]
        scope = scope_for(manager)
        assert not scope.national
        assert scope.prefixes() == (Organization.objects.get(code=root).path,)
    assert manager_username("QG.H01") == "qg_manager_h01"
