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
#
# The rows are written once per test module, inside a transaction rolled back after the module;
# each test runs in a savepoint inside it (pytest-django's ``db``) and gets fresh instances.
from types import SimpleNamespace

import pytest
from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.test import Client, override_settings

from portal.models import Organization, OrgKind, Role
from staffing.models import Staff, StaffStatus
from tests.builders import make_org, make_staff, make_user

PERSONAS = ("national", "admin_a", "hr_a", "manager_a", "hr_b", "nobody")
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


def _build_base_data():
    p = make_org("000.00.00.H17", "Thành phố Đà Nẵng", OrgKind.TINH, admin_unit_code="48")
    a = make_org("000.00.01.H17", "Sở Nội vụ", OrgKind.SO, parent=p, short_name="SNV")
    b = make_org("000.00.02.H17", "Sở Tài chính", OrgKind.SO, parent=p)
    a1 = make_org("000.01.01.H17", "Phòng Tổ chức, biên chế", OrgKind.PHONG, parent=a)
    a2 = make_org("000.02.01.H17", "Văn phòng Sở", OrgKind.PHONG, parent=a)
    a3 = make_org("000.03.01.H17", "Phường Hải Châu", OrgKind.XA, parent=a, admin_unit_code="20194")
    m = make_org("000.00.00.G12", "Bộ Nội vụ", OrgKind.BO)
    orgs = {"P": p, "A": a, "B": b, "A1": a1, "A2": a2, "A3": a3, "M": m}
    users = {
        "national": make_user("national", Role.NATIONAL_ADMIN),
        "admin_a": make_user("admin_a", Role.ORG_ADMIN, a, first_name="Lê", last_name="Quản Trị"),
        "hr_a": make_user("hr_a", Role.HR_OFFICER, a),
        "manager_a": make_user("manager_a", Role.MANAGER, a),
        "hr_b": make_user("hr_b", Role.HR_OFFICER, b),
        "nobody": make_user("nobody"),
    }
    staff = [
        make_staff(a, "Nguyễn Văn An"),
        make_staff(a, "Trần Thị Bình"),
        make_staff(a, "Lê Văn Cường", status=StaffStatus.RETIRED),
        make_staff(a1, "Phạm Thị Dung"),
        make_staff(a1, "Hoàng Văn Em"),
        make_staff(a1, "Đặng Thị Giang"),
        make_staff(b, "Vũ Văn Hải"),
    ]
    return SimpleNamespace(
        orgs={k: o.pk for k, o in orgs.items()},
        users={k: u.pk for k, u in users.items()},
        staff=[s.pk for s in staff],
        sessions={k: _logged_in_session(u) for k, u in users.items()},
    )


def _logged_in_session(user) -> str:
    """A session as ``Client.force_login`` leaves it, without its 18 queries per test."""
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@pytest.fixture(scope="module")
def _base_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with disable_auditlog(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                ids = _build_base_data()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield ids
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def tree(db, _base_data):
    found = Organization.objects.in_bulk(_base_data.orgs.values())
    return SimpleNamespace(**{name: found[pk] for name, pk in _base_data.orgs.items()})


@pytest.fixture
def people(tree, _base_data):
    found = get_user_model().objects.in_bulk(_base_data.users.values())
    return SimpleNamespace(**{name: found[pk] for name, pk in _base_data.users.items()})


@pytest.fixture
def staff(tree, _base_data):
    return list(Staff.objects.filter(pk__in=_base_data.staff).order_by("pk"))


@pytest.fixture
def login(people, _base_data):
    """``login("hr_a")`` → a test Client logged in as that persona (``None`` → anonymous)."""

    def _login(persona: str | None, **client_kwargs) -> Client:
        client = Client(**client_kwargs)
        if persona:
            client.cookies[settings.SESSION_COOKIE_NAME] = _base_data.sessions[persona]
        return client

    return _login
