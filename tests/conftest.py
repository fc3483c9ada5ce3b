# --- test environment (infrastructure; keep at the top) ---
# DJANGO_DEBUG=1 and DJANGO_TASKS_IMMEDIATE=1 are set in tests/env.py, which pytest loads with
# `-p tests.env` (pyproject.toml) *before* Django's settings: pytest-django imports the settings
# before any conftest.py, so setting them here would be too late.

# --- fixtures ---
# The persona tree every test module shares (built by tests.builders.make_persona_tree):
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
# Builders (rows, files, constants) live in tests/builders.py: conftest files hold fixtures only.
from types import SimpleNamespace

import pytest
from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings

from portal.models import Organization
from staffing.models import Staff
from tests.builders import FAST_HASHERS, logged_in_session, make_persona_tree


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="module")
def _base_data(django_db_setup, django_db_blocker):
    """The persona tree's primary keys and a logged-in session key per persona."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with disable_auditlog(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                built = make_persona_tree()
                ids = SimpleNamespace(
                    orgs={k: o.pk for k, o in built.orgs.items()},
                    users={k: u.pk for k, u in built.users.items()},
                    staff=[s.pk for s in built.staff],
                    sessions={k: logged_in_session(u) for k, u in built.users.items()},
                )
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
