"""Browser tests (Playwright + Debian Chromium) and the helpers every browser test module uses.

Fixtures live in ``tests/browser/conftest.py`` (read its docstring); the plain helpers are here so
that test modules can import them::

    from tests.browser import DEMO_PASSWORD, login, screenshot
"""

from __future__ import annotations

import re
from pathlib import Path

from staffing.demo import DEMO_PASSWORD

__all__ = ["DEMO_PASSWORD", "SCREENSHOT_DIR", "login", "logout", "screenshot", "texts"]

#: Full-page screenshots land here (repository root; gitignored, never committed).
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG as ``screenshots/<name>.png`` and return its path.

    Use descriptive, ordered names per module, e.g. ``core-03-tree-expanded``.
    """
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form and wait for the page the portal lands on.

    Asserts the login worked (the user menu is shown): a wrong password fails here, not three
    steps later. ``live_server`` is pytest-django's fixture (or its ``.url`` string).
    """
    base = getattr(live_server, "url", live_server)
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    # Either the portal (user menu) or the login page again, with its error.
    page.locator("#user-menu, main .alert-danger").first.wait_for()
    if page.locator("#user-menu").count() != 1:
        raise AssertionError(f"login as {username!r} failed on {page.url}: {page.locator('main').inner_text()[:300]!r}")


def logout(page) -> None:
    """Log out through the user menu (a POST form, as the portal requires)."""
    page.locator("#user-menu").click()
    page.locator("#logout-button").click()
    page.wait_for_url("**/accounts/login/**")


def texts(locator) -> list[str]:
    """The visible texts of every element a locator matches, whitespace-collapsed."""
    return [re.sub(r"\s+", " ", t).strip() for t in locator.all_inner_texts()]
