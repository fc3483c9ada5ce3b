"""seed_demo (demo organisations, staff and users) and the seeded legal documents.

The demo data is seeded twice once per module, inside an outer transaction that is rolled back at
the end of the module, so the rest of the suite never sees it.
"""

import datetime
import importlib
import io
import os
import subprocess
import sys
import unicodedata
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from portal.models import LegalDocument, Membership, Organization, OrgKind, Role, scope_for
from portal.text import fold
from staffing import demo
from staffing.models import AnnualRecord, Rating, Staff, StaffCategory, StaffStatus

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
RULE_SET_CODES = ("ND135-2020", "NQ39-2015", "KL40-2022", "BNV10989-2025", "ND154-2025")


def _run_seed_demo() -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHERS):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def _snapshot() -> dict:
    """Every row seed_demo writes, as plain values (primary keys included: nothing may be
    deleted and recreated on a second run)."""
    demo_users = [u.username for u in demo.DEMO_USERS]
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
                "personal_id",
                "full_name",
                "search_key",
                "date_of_birth",
                "birth_year_only",
                "sex",
                "category",
                "organization_id",
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
        ),
        "records": sorted(AnnualRecord.objects.values_list("pk", "staff_id", "year", "rating", "sick_days")),
        "users": sorted(
            get_user_model()
            .objects.filter(username__in=demo_users)
            .values_list("pk", "username", "first_name", "last_name", "password", "is_staff", "is_superuser")
        ),
        "memberships": sorted(Membership.objects.values_list("pk", "user__username", "role", "organization__code")),
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
    assert not Staff.objects.filter(employee_code__startswith=demo.DEMO_EMPLOYEE_PREFIX).exists()


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
    assert seeded.first["staff"], "the first run created no staff"
    assert seeded.second == seeded.first
    assert "thêm mới 2.000, cập nhật 0" in seeded.first_output
    assert "thêm mới 0, cập nhật 0" in seeded.second_output


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

    csv_units = {u["unit_code"]: u for u in demo.load_admin_units() if u["province_code"] == "22"}
    for commune in Organization.objects.filter(kind=OrgKind.XA):
        assert commune.parent_id == province.pk
        assert commune.admin_unit_code in csv_units
        assert commune.name == csv_units[commune.admin_unit_code]["unit_full_name"]
        assert commune.valid_from == datetime.date(2025, 7, 1)

    for dept in Organization.objects.filter(kind=OrgKind.SO):
        assert dept.parent_id == province.pk
        assert 3 <= dept.children.filter(kind=OrgKind.PHONG).count() <= 6, dept.name
    assert Organization.objects.get(code=demo.DEMO_ORG_A_CODE).name == "Sở Nội vụ"
    assert Organization.objects.get(code=demo.DEMO_ORG_B_CODE).name == "Sở Tài chính"

    ministry = Organization.objects.get(kind=OrgKind.BO)
    assert ministry.code == demo.DEMO_MINISTRY_CODE
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
    assert any(s.organization.path.startswith(f"/{demo.DEMO_MINISTRY_CODE}/") for s in staff)

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
        assert s.insurance_years >= 0
        if s.status == StaffStatus.WORKING:  # nobody still working past their retirement date
            assert demo.retirement_date(s.sex, s.date_of_birth, year_only=s.birth_year_only) > (
                demo.DEMO_REFERENCE_DATE
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


# --------------------------------------------------------------------------- users


@pytest.mark.django_db
def test_demo_users_roles_and_password(seeded, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    User = get_user_model()
    org_a = Organization.objects.get(code=demo.DEMO_ORG_A_CODE)
    org_b = Organization.objects.get(code=demo.DEMO_ORG_B_CODE)
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
        assert user.check_password(demo.DEMO_PASSWORD), username
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
    province = Organization.objects.get(code=demo.DEMO_PROVINCE_CODE)
    Membership.objects.create(user=hr_a, role=Role.HR_OFFICER, organization=province)

    _run_seed_demo()

    hr_a.refresh_from_db()
    assert hr_a.check_password(demo.DEMO_PASSWORD)
    assert list(hr_a.memberships.values_list("role", "organization__code")) == [(Role.HR_OFFICER, demo.DEMO_ORG_A_CODE)]


# --------------------------------------------------------------------------- legal documents


@pytest.mark.django_db
def test_migrate_seeds_the_rule_set_documents():
    docs = {d.code: d for d in LegalDocument.objects.filter(code__in=RULE_SET_CODES)}
    assert set(docs) == set(RULE_SET_CODES)
    assert docs["ND135-2020"].number == "135/2020/NĐ-CP"
    assert docs["ND135-2020"].effective_from == datetime.date(2021, 1, 1)
    assert docs["NQ39-2015"].issued_on == datetime.date(2015, 4, 17)
    assert docs["KL40-2022"].issued_on == datetime.date(2022, 7, 18)
    assert docs["BNV10989-2025"].verified is False
    assert "kiểm tra" in docs["BNV10989-2025"].note
    nd154 = docs["ND154-2025"]
    assert (nd154.effective_from, nd154.effective_to) == (datetime.date(2025, 6, 16), datetime.date(2030, 12, 31))

    everything = list(LegalDocument.objects.all())
    assert len(everything) >= 18
    for doc in everything:
        for text in (doc.number, doc.issuer, doc.title, doc.note):
            assert unicodedata.is_normalized("NFC", text)
        assert doc.verified or doc.note, f"{doc.code} is unverified without a note saying why"
    # Decree 29/2023 was replaced by 154/2025: only the new one is in force after 16/6/2025.
    in_force = set(LegalDocument.in_force(datetime.date(2025, 7, 1)).values_list("code", flat=True))
    assert "ND154-2025" in in_force and "ND29-2023" not in in_force
    assert "ND29-2023" in set(LegalDocument.in_force(datetime.date(2024, 1, 1)).values_list("code", flat=True))


@pytest.mark.django_db
def test_legal_document_migration_is_idempotent_and_reversible():
    migration = importlib.import_module("portal.migrations.0002_seed_legal_documents")
    seeded_codes = [row["code"] for row in migration.LEGAL_DOCUMENTS]
    LegalDocument.objects.filter(code="ND135-2020").update(title="sửa tay")

    migration.seed(django_apps, None)
    migration.seed(django_apps, None)
    assert LegalDocument.objects.filter(code__in=seeded_codes).count() == len(seeded_codes)
    assert LegalDocument.objects.get(code="ND135-2020").title == "Quy định về tuổi nghỉ hưu"

    # Unapplying it first unapplies what depends on it: the positions reference data links these documents.
    importlib.import_module("positions.migrations.0002_seed_reference").backwards(django_apps, None)
    migration.unseed(django_apps, None)
    assert not LegalDocument.objects.filter(code__in=seeded_codes).exists()


# --------------------------------------------------------------------------- pure builders


def test_retirement_date_examples_from_domain():
    assert demo.retirement_date("M", datetime.date(1961, 9, 10)) == datetime.date(2021, 12, 31)
    assert demo.retirement_date("M", datetime.date(1961, 10, 10)) == datetime.date(2022, 4, 30)
    assert demo.retirement_date("M", datetime.date(1962, 7, 1)) == datetime.date(2023, 4, 30)


def test_builders_are_deterministic():
    units = demo.load_admin_units()
    orgs = demo.build_org_specs(units)
    assert orgs == demo.build_org_specs(units)
    people = demo.build_staff_specs(orgs, total=300)
    assert people == demo.build_staff_specs(orgs, total=300)
    assert len(people) == 300
    assert demo.allocate([3, 5, 7], 100) == [20, 33, 47]
    assert sum(demo.allocate([1] * 7, 50)) == 50
