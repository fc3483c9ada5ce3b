"""Browser test infrastructure: a live server with the demo data, Debian's Chromium driven by
Playwright (sync API), console/page-error checks and screenshots.

Every test under ``tests/browser/`` is marked ``browser`` automatically (no ``pytestmark`` needed):
``pytest -m browser`` runs only them, ``pytest -m "not browser"`` skips them. Without a
``chromium`` on PATH they are skipped with a reason, except when ``CI=true``, where a missing
Chromium fails. Playwright never downloads a browser: it launches ``shutil.which("chromium")``.

Fixtures for browser test modules (add a ``tests/browser/test_<topic>.py`` and use them):

``page``
    A fresh Playwright ``Page`` in its own browser context (Vietnamese locale, Asia/Ho_Chi_Minh,
    1366×900, ``base_url`` = the live server, so ``page.goto("/orgs/")`` works), with the demo data
    in the database. Every console error (Content-Security-Policy violations included: inline
    script or style, a foreign origin, …) and every uncaught page error FAILS the test when its
    body ends; on any failure a full-page screenshot is saved as
    ``screenshots/FAILED-<test name>.png``. Default timeout 10 s.
``browser_log``
    What that page logged (``.messages``, ``.errors``). ``browser_log.allow(r"regex")`` accepts
    console errors the test provokes on purpose, e.g. Chrome's "Failed to load resource: … 404"
    for a page that must answer 404.
``demo_data``
    The demo data (``manage.py seed_demo``: the Quảng Ninh province, a ministry, 2,000 staff, the
    users admin, hr_a, manager_a, hr_b, orgadmin_a with ``DEMO_PASSWORD``) for this test, as a
    namespace with ``org_a`` and ``org_b`` (``Organization`` rows, fresh per test). ``page``
    requests it already; the ORM may be used in the test body (``DJANGO_ALLOW_ASYNC_UNSAFE`` is
    set here because Playwright's sync API runs an event loop in the test thread).
``live_server``
    pytest-django's live server (``live_server.url``); it makes the test transactional: the
    database is flushed after each test, so tests never see each other's writes.
``browser_context`` / ``chromium_browser``
    The context behind ``page`` (for a second page or cookies) and the Chromium shared by all
    browser tests (package scope; headless, the flags in ``CHROMIUM_ARGS``).

Helpers (plain functions) are in ``tests/browser/__init__.py``::

    from tests.browser import DEMO_PASSWORD, login, logout, screenshot, texts
    login(page, live_server, "hr_a")            # through the real login form; asserts it worked
    screenshot(page, "positions-01-list")       # -> screenshots/positions-01-list.png
    texts(page.locator("main li"))              # visible texts, whitespace-collapsed

(``tests/conftest.py`` has a ``login`` *fixture* giving a logged-in Django test ``Client``; browser
tests import the ``login`` function above instead and do not request that fixture.) Name
screenshots ``<module>-<NN>-<step>`` and look at them after changing a template; they are
gitignored.

How the demo data gets there fast: ``seed_demo`` (2,000 staff, about 3 s) runs once per test
session, then the whole database is snapshotted (``_Snapshot``). Before every browser test the
snapshot is put back, which undoes both the previous test's writes and the flush that
``live_server``'s transactional teardown does: SQLite's backup API for the in-memory test
database (milliseconds), a table-by-table copy in a ``browser_snapshot`` schema on PostgreSQL
(a fraction of a second). Tests may therefore change data freely (hr_a's password, roles, …).
The database is empty again after the last browser test (pytest-django's flush), so the rest
of the suite never sees the demo data.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

# Playwright's sync API runs an asyncio loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless this is set. It has to be set before any browser test runs.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402

from tests.browser import screenshot  # noqa: E402

BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEFAULT_TIMEOUT_MS = 10_000
LOG_KEY = pytest.StashKey["BrowserLog"]()


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _is_browser_test(item: pytest.Item) -> bool:
    return BROWSER_DIR in Path(item.path).resolve().parents


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config, items):
    missing = shutil.which("chromium") is None and not _on_ci()
    for item in items:
        if not _is_browser_test(item):
            continue
        item.add_marker(pytest.mark.browser)
        if missing:
            item.add_marker(
                pytest.mark.skip(reason="browser tests need Debian's chromium on PATH (apt-get install chromium)")
            )


# --------------------------------------------------------------------------- console / errors


@dataclass
class BrowserLog:
    """Console messages and uncaught errors of the test's page."""

    messages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Accept console errors matching ``pattern`` (a regex searched in the message)."""
        self.allowed.append(re.compile(pattern))

    def on_console(self, msg) -> None:
        location = msg.location or {}
        where = f" ({location.get('url', '')}:{location.get('lineNumber', '')})" if location.get("url") else ""
        line = f"console.{msg.type}: {msg.text}{where}"
        self.messages.append(line)
        if msg.type in {"error", "assert"}:
            self.errors.append(line)

    def on_page_error(self, error) -> None:
        line = f"uncaught page error: {error}"
        self.messages.append(line)
        self.errors.append(line)

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test (not just error at teardown) on console errors; screenshot failures."""
    try:
        result = yield
    except BaseException:
        _failure_screenshot(item)
        raise
    log = item.stash.get(LOG_KEY, None)
    if log is not None and (bad := log.unexpected()):
        _failure_screenshot(item)
        pytest.fail("the browser reported errors:\n  " + "\n  ".join(bad), pytrace=False)
    return result


def _failure_screenshot(item) -> None:
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if page is None:
        return
    try:
        screenshot(page, "FAILED-" + re.sub(r"[^\w.-]+", "_", item.name))
    except Exception:  # noqa: BLE001, S110 - a closed page must not hide the real failure
        pass


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="package")
def chromium_browser():
    """Debian's Chromium, headless, launched once for the browser tests (never downloaded).

    Package scope: stopped right after the last browser test, before the session's fixtures
    (live server, test database) are torn down. Playwright's sync API keeps an asyncio loop
    running in the main thread and runs the code after it in another context, where Django hands
    out other connection objects: those are closed here too, or PostgreSQL could not drop the
    test database.
    """
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        message = "browser tests need Debian's chromium on PATH (apt-get install chromium)"
        if _on_ci():
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        connections.close_all()
        playwright.stop()


@pytest.fixture
def browser_context(chromium_browser, live_server):
    context = chromium_browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1366, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def browser_log(request) -> BrowserLog:
    log = BrowserLog()
    request.node.stash[LOG_KEY] = log
    return log


@pytest.fixture
def page(browser_context, browser_log, demo_data):
    page = browser_context.new_page()
    page.on("console", browser_log.on_console)
    page.on("pageerror", browser_log.on_page_error)
    return page


# --------------------------------------------------------------------------- demo data


def _seed_demo() -> None:
    with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHERS):
        call_command("seed_demo", stdout=io.StringIO())


class _Snapshot:
    """A copy of the whole test database, taken once, put back in milliseconds.

    SQLite (in memory): SQLite's online backup API, into and out of a second in-memory database.
    PostgreSQL: every table copied into a ``browser_snapshot`` schema; restoring truncates the
    tables and copies the rows back in one transaction (foreign keys are deferred until commit;
    sequences are left where they are, as Django's own teardown flush does, so they stay ahead of
    every restored id).
    """

    SCHEMA = "browser_snapshot"

    def __init__(self, alias: str = "default"):
        self.alias = alias
        self.sqlite_copy = None
        self.tables: list[str] = []

    @property
    def connection(self):
        # Looked up at each use: once Playwright's sync API has started, the test code runs in
        # another context and Django hands it another connection object than before.
        return connections[self.alias]

    def take(self) -> None:
        connection = self.connection
        connection.ensure_connection()
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            self.sqlite_copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.sqlite_copy)
        elif connection.vendor == "postgresql":
            self.tables = sorted(connection.introspection.django_table_names(only_existing=True))
            qn = connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")
                cursor.execute(f"CREATE SCHEMA {self.SCHEMA}")
                for table in self.tables:
                    cursor.execute(f"CREATE TABLE {self.SCHEMA}.{qn(table)} AS TABLE {qn(table)}")
        else:
            raise NotImplementedError(f"browser tests run on SQLite (in memory) or PostgreSQL, not {connection.vendor}")

    def restore(self) -> None:
        connection = self.connection
        connection.ensure_connection()
        if self.sqlite_copy is not None:
            self.sqlite_copy.backup(connection.connection)
        else:
            qn = connection.ops.quote_name
            with transaction.atomic(using=self.alias), connection.cursor() as cursor:
                cursor.execute("TRUNCATE " + ", ".join(qn(t) for t in self.tables))
                for table in self.tables:
                    cursor.execute(f"INSERT INTO {qn(table)} SELECT * FROM {self.SCHEMA}.{qn(table)}")  # noqa: S608

    def drop(self) -> None:
        if self.sqlite_copy is not None:
            self.sqlite_copy.close()
        elif self.tables:
            with self.connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    """Seed once per session and snapshot the database.

    Instantiated inside the first browser test (pytest-django runs transactional tests after the
    others), so the database then holds exactly what the migrations wrote.
    """
    snapshot = _Snapshot("default")
    with django_db_blocker.unblock():
        _seed_demo()
        snapshot.take()
    try:
        yield snapshot
    finally:
        with django_db_blocker.unblock():
            snapshot.drop()


@pytest.fixture
def demo_data(transactional_db, _demo_snapshot):
    from django.contrib.contenttypes.models import ContentType

    from portal.models import Organization
    from staffing.demo import DEMO_ORG_A_CODE, DEMO_ORG_B_CODE

    # Undo the previous test's writes and the flush that ended it (harmless on the first test).
    _demo_snapshot.restore()
    ContentType.objects.clear_cache()  # the flush's post_migrate re-created them with other ids
    orgs = Organization.objects.in_bulk([DEMO_ORG_A_CODE, DEMO_ORG_B_CODE], field_name="code")
    return SimpleNamespace(org_a=orgs[DEMO_ORG_A_CODE], org_b=orgs[DEMO_ORG_B_CODE])
