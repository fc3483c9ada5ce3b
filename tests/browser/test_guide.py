"""The screenshots of the user guides (docs/guide/), taken by walking each role's main pages.

Each test logs in as a demo user, opens the pages its guide describes, checks what the guide says
is there, and saves a screenshot per page. With ``VTVL_GUIDE_SCREENSHOTS=1`` (``make guide``) the
pictures are also written to ``docs/guide/img/`` — the ones the guides show; otherwise only to
the gitignored ``screenshots/`` folder, like every browser test's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.browser import SCREENSHOT_DIR, login

GUIDE_IMG = Path(__file__).resolve().parents[2] / "docs" / "guide" / "img"
DESKTOP = {"width": 1280, "height": 760}
PHONE = {"width": 375, "height": 740}  # the width the phone checks use (tests/browser/walk.py)


def guide_shot(page, name: str, viewport: dict = DESKTOP) -> None:
    """The viewport (not the full page: the guides show what a person sees first) as
    ``screenshots/guide-<name>.png``, copied to ``docs/guide/img/<name>.png`` when asked."""
    page.set_viewport_size(viewport)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    path = SCREENSHOT_DIR / f"guide-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    if os.environ.get("VTVL_GUIDE_SCREENSHOTS") == "1":
        GUIDE_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, GUIDE_IMG / f"{name}.png")


def test_hr_officer_guide(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "hr_a")
    assert page.locator("main").get_by_text(org_a.name).count() >= 1
    guide_shot(page, "hr-01-home")

    page.goto(f"/positions/org/{org_a.code}/")
    assert page.locator("main table").count() >= 1
    guide_shot(page, "hr-02-catalogue")

    # A draft description of the department, opened in the editor.
    page.locator("main a[href*='/descriptions/'][href$='/edit/']").first.click()
    page.locator("main form").first.wait_for()
    guide_shot(page, "hr-03-description-editor")

    page.goto("/staff/")
    assert page.locator("main table tbody tr").count() >= 1
    guide_shot(page, "hr-04-staff-list")


def test_hr_officer_guide_training_and_salary(page, live_server, demo_data):
    """A person's training and salary sections (issue 9): the one of Sở Nội vụ trained below their
    position's requirement, found with the staff list's training-level filter."""
    login(page, live_server, "hr_a")
    page.goto("/staff/?training_level=CD")
    page.locator("#staff-table tr.staff-row a").first.click()
    assert page.locator("#training-level").inner_text() == "Cao đẳng"
    assert page.locator("#allowance-percent").inner_text() == "25%"
    guide_shot(page, "hr-05-staff-training")


def test_organisation_admin_guide(page, live_server, demo_data):
    login(page, live_server, "orgadmin_a")
    page.goto("/positions/approvals/")
    assert page.locator("main h1").count() == 1
    guide_shot(page, "orgadmin-01-approvals")

    page.goto("/imports/new/")
    assert page.locator("main input[type=file]").count() == 1
    guide_shot(page, "orgadmin-02-import")

    page.goto("/admin-users/")
    assert page.locator("main table").count() == 1
    guide_shot(page, "orgadmin-03-users")


def test_manager_guide(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "manager_a")
    guide_shot(page, "manager-01-home")

    page.goto(f"/orgs/{org_a.code}/")
    assert page.locator("main h1").inner_text().strip().endswith(org_a.name)
    guide_shot(page, "manager-02-organisation")

    page.goto(f"/positions/org/{org_a.code}/")
    # A manager reads the catalogue; nothing to edit.
    assert page.locator("main a[href$='/edit/']").count() == 0
    guide_shot(page, "manager-03-catalogue")

    # The headcount-reduction dashboard (Tinh giản biên chế): from the home page's panel, the charts drawn.
    page.goto("/")
    page.locator("#home-reductions-link").click()
    page.locator("canvas[data-chart][data-drawn='1']").first.wait_for()
    guide_shot(page, "manager-04-dashboard")
    page.locator("#rd-tree").scroll_into_view_if_needed()
    guide_shot(page, "manager-04-dashboard-tree")

    # The retirement forecast (Dự báo nghỉ hưu): from the reports index, the chart drawn.
    page.goto("/reports/")
    page.locator("#card-retirement a.btn-primary").click()
    page.locator("canvas#rf-chart[data-drawn='1']").wait_for()
    guide_shot(page, "manager-05-forecast")


def test_national_admin_guide(page, live_server, demo_data):
    login(page, live_server, "admin")
    page.goto("/orgs/")
    guide_shot(page, "national-01-tree")

    page.goto("/admin/portal/legaldocument/")
    assert page.locator("#result_list tbody tr").count() >= 18
    guide_shot(page, "national-02-legal-documents")

    page.goto("/imports/new/")
    guide_shot(page, "national-03-import")

    # The whole country's headcount reduction: the roots in the tree table, its chart drawn.
    page.goto("/reports/reductions/")
    assert "Toàn quốc" in page.locator("main h1").inner_text()
    page.locator("main canvas[data-chart][data-drawn]").first.wait_for()
    guide_shot(page, "national-04-reductions")


def test_manager_guide_headcount_reports(page, live_server, demo_data):
    """The manager guide's headcount reports: quota against actual (its chart drawn), exits by kind,
    staffing by job-position group, each opened from its card on the reports index."""
    login(page, live_server, "manager_a")
    page.goto("/reports/")
    page.locator("#card-quotas a.btn-primary").click()
    page.locator("canvas#hc-quota-canvas[data-drawn='1']").wait_for()
    assert page.locator("#hc-quotas tbody tr.hc-row").count() >= 1
    guide_shot(page, "manager-06-quotas")

    page.goto("/reports/")
    page.locator("#card-exits a.btn-primary").click()
    assert page.locator("#hc-exits-by-year tbody tr").count() >= 1
    guide_shot(page, "manager-07-exits")

    page.goto("/reports/")
    page.locator("#card-groups a.btn-primary").click()
    assert page.locator("#hc-groups thead th[data-group]").count() >= 5
    guide_shot(page, "manager-08-groups")


def test_phone_guide(page, live_server, demo_data):
    """Two pages on a 375 px phone (issue 12): a catalogue, whose statuses and buttons stay on screen,
    and the staff list, whose filters fold behind the "Bộ lọc" button."""
    login(page, live_server, "hr_a")
    page.set_viewport_size(PHONE)
    page.goto(f"/positions/org/{demo_data.org_a.code}/")
    assert page.locator("#catalogue .status-badge").first.is_visible()
    guide_shot(page, "phone-01-catalogue", PHONE)

    page.goto("/staff/")
    assert page.locator("#staff-search").is_hidden()
    assert page.locator("#staff-table tr.staff-row").first.is_visible()
    guide_shot(page, "phone-02-staff-list", PHONE)
