# --- test environment (infrastructure; keep at the top) ---
# DJANGO_DEBUG=1 and DJANGO_TASKS_IMMEDIATE=1 are set in tests/env.py, which pytest loads with
# `-p tests.env` (pyproject.toml) *before* Django's settings: pytest-django imports the settings
# before any conftest.py, so setting them here would be too late.

# --- fixtures ---
# Personas and a small organisation tree shared by the whole suite (builders in tests/builders.py):
#
#   P  Thành phố Đà Nẵng (TINH)          M  Bộ Nội vụ (BO, another root)
#   ├── A  Sở Nội vụ (SO)
#   │   ├── A1 Phòng Tổ chức, biên chế (PHONG)
#   │   ├── A2 Văn phòng Sở (PHONG)
#   │   └── A3 Phường Hải Châu (XA)
#   └── B  Sở Tài chính (SO)
#
# Users: national (role only, not superuser), admin_a (org admin of A), hr_a, manager_a, hr_b,
# nobody (no membership). Staff: 2 working + 1 retired in A, 3 working in A1, 1 working in B.
from types import SimpleNamespace

import pytest
from django.test import Client

from portal.models import OrgKind, Role
from staffing.models import StaffStatus
from tests.builders import make_org, make_staff, make_user

PERSONAS = ("national", "admin_a", "hr_a", "manager_a", "hr_b", "nobody")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # DEBUG is off in tests, so settings pick the manifest storage, which needs `collectstatic`.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def tree(db):
    p = make_org("000.00.00.H17", "Thành phố Đà Nẵng", OrgKind.TINH, admin_unit_code="48")
    a = make_org("000.00.01.H17", "Sở Nội vụ", OrgKind.SO, parent=p, short_name="SNV")
    b = make_org("000.00.02.H17", "Sở Tài chính", OrgKind.SO, parent=p)
    a1 = make_org("000.01.01.H17", "Phòng Tổ chức, biên chế", OrgKind.PHONG, parent=a)
    a2 = make_org("000.02.01.H17", "Văn phòng Sở", OrgKind.PHONG, parent=a)
    a3 = make_org("000.03.01.H17", "Phường Hải Châu", OrgKind.XA, parent=a, admin_unit_code="20194")
    m = make_org("000.00.00.G12", "Bộ Nội vụ", OrgKind.BO)
    return SimpleNamespace(P=p, A=a, B=b, A1=a1, A2=a2, A3=a3, M=m)


@pytest.fixture
def staff(tree):
    return [
        make_staff(tree.A, "Nguyễn Văn An"),
        make_staff(tree.A, "Trần Thị Bình"),
        make_staff(tree.A, "Lê Văn Cường", status=StaffStatus.RETIRED),
        make_staff(tree.A1, "Phạm Thị Dung"),
        make_staff(tree.A1, "Hoàng Văn Em"),
        make_staff(tree.A1, "Đặng Thị Giang"),
        make_staff(tree.B, "Vũ Văn Hải"),
    ]


@pytest.fixture
def people(tree):
    return SimpleNamespace(
        national=make_user("national", Role.NATIONAL_ADMIN),
        admin_a=make_user("admin_a", Role.ORG_ADMIN, tree.A),
        hr_a=make_user("hr_a", Role.HR_OFFICER, tree.A),
        manager_a=make_user("manager_a", Role.MANAGER, tree.A),
        hr_b=make_user("hr_b", Role.HR_OFFICER, tree.B),
        nobody=make_user("nobody"),
    )


@pytest.fixture
def login(people):
    """``login("hr_a")`` → a test Client logged in as that persona (``None`` → anonymous)."""

    def _login(persona: str | None, **client_kwargs) -> Client:
        client = Client(**client_kwargs)
        if persona:
            client.force_login(getattr(people, persona))
        return client

    return _login
