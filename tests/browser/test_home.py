"""Every demo user's home page (issue 12) in the browser: the panels of their roles and nothing
else, counts that open the list they count, the menu's "Phê duyệt" badge for approvers, and an
organisation's page as its hub; no console errors (CSP included) on any of them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import login, screenshot

PANELS = {
    "hr_a": ["home-descriptions", "home-missing", "home-imports"],
    "hr_b": ["home-descriptions", "home-missing", "home-imports"],
    "orgadmin_a": ["home-approvals", "home-imports", "home-users"],
    "manager_a": [],
    "admin": ["home-approvals", "home-imports", "home-users", "home-reference"],
}


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _shown_panels(page) -> list[str]:
    ids = page.locator("#home-panels > div > section[id^='home-']").evaluate_all("(els) => els.map((e) => e.id)")
    return [i for i in ids if i != "home-reductions"]


@pytest.mark.parametrize("username", sorted(PANELS))
def test_each_demo_users_home_page(page, live_server, demo_data, username):
    login(page, live_server, username)
    expect(page.locator("main h1")).to_contain_text("Xin chào")
    assert _shown_panels(page) == PANELS[username]
    approvals = page.locator("#nav-positions-approval-queue")
    if "home-approvals" in PANELS[username]:
        expect(approvals).to_be_visible()
        waiting = _number(page.locator("#home-approvals-count").inner_text())
        expect(approvals.locator(".nav-badge")).to_have_text(f"{waiting} đang chờ")  # the hidden words read too
        expect(approvals.locator(".visually-hidden")).to_have_text("đang chờ")
    else:
        expect(approvals).to_have_count(0)
    if username == "manager_a":
        expect(page.locator("#home-reductions #rd-used")).to_be_visible()  # the dashboard's summary
    if username != "admin":  # the national admin holds no organisation
        expect(page.locator("#home-org")).to_contain_text(
            demo_data.org_a.name if username.endswith("_a") else demo_data.org_b.name
        )
    screenshot(page, f"home-{username}")


def test_an_hr_officers_count_opens_the_list_it_counts(page, live_server, demo_data):
    login(page, live_server, "hr_a")
    count = _number(page.locator("#home-missing-rank").inner_text())
    assert count > 0  # the demo data leaves some ranks empty
    page.locator("#home-missing-rank-link").click()
    page.wait_for_url("**/staff/?missing=rank")
    expect(page.locator("#id_missing")).to_have_value("rank")
    assert _number(page.locator("#result-count").inner_text()) == count

    page.goto("/")
    drafts = _number(page.locator("#home-descriptions-draft").inner_text())
    page.locator("#home-descriptions-draft-link").click()
    page.wait_for_url("**/positions/?status=draft")
    assert _number(page.locator("#result-count").inner_text()) == drafts


def test_the_approval_badge_follows_a_decision(page, live_server, demo_data):
    login(page, live_server, "orgadmin_a")
    badge = page.locator("#nav-positions-approval-queue .nav-badge")
    before = _number(badge.inner_text())
    assert before >= 1
    page.locator("#nav-positions-approval-queue").click()
    page.wait_for_url("**/positions/approvals/")
    expect(page.locator("#nav-positions-approval-queue")).to_have_attribute("aria-current", "page")
    expect(page.locator("#approval-queue tbody tr.queue-row")).to_have_count(before)
    page.once("dialog", lambda dialog: dialog.accept())  # "Phê duyệt phiên bản này?"
    page.locator("#approval-queue tbody tr.queue-row").first.locator("form[action$='/approve/'] button").click()
    expect(page.locator("main .alert-success")).to_contain_text("Đã phê duyệt")
    expect(page.locator("#approval-queue tbody tr.queue-row")).to_have_count(before - 1)
    if before == 1:
        expect(page.locator("#nav-positions-approval-queue .nav-badge")).to_have_count(0)
    else:
        expect(page.locator("#nav-positions-approval-queue .nav-badge")).to_contain_text(str(before - 1))


def test_an_organisation_page_is_its_hub(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "manager_a")
    page.goto(f"/orgs/{org_a.code}/")
    for element in ("#hub-catalogue", "#hub-staff", "#hub-quotas", "#hub-report-reductions", "#hub-report-retirement"):
        expect(page.locator(element)).to_be_visible()
    for element in ("#hub-position-add", "#hub-staff-add", "#hub-import"):  # a manager reads
        expect(page.locator(element)).to_have_count(0)
    headers = [t.strip() for t in page.locator("#org-children thead th").all_inner_texts()]
    assert all(headers) and "Người đang làm việc" in headers
    staff = _number(page.locator("#org-staff-count").inner_text())
    screenshot(page, "home-hub-manager")
    page.locator("#org-staff-count").click()
    page.wait_for_url(f"**/staff/?organization={org_a.pk}")
    assert _number(page.locator("#result-count").inner_text()) == staff

    page.goto(f"/orgs/{org_a.code}/")
    page.locator("#hub-report-retirement").click()
    page.wait_for_url(f"**/reports/retirement/?org={org_a.code}")
    expect(page.locator("main h1")).to_contain_text(org_a.name)


def test_hr_b_reaches_nothing_of_org_a(page, live_server, demo_data, browser_log):
    browser_log.allow(r"Failed to load resource: the server responded with a status of 404")
    login(page, live_server, "hr_b")
    expect(page.locator("main")).not_to_contain_text(demo_data.org_a.name)
    response = page.goto(f"/orgs/{demo_data.org_a.code}/")
    assert response.status == 404


def test_the_home_page_fits_a_phone(page, live_server, demo_data):
    for username in ("hr_a", "orgadmin_a", "admin"):
        page.set_viewport_size({"width": 1366, "height": 900})  # the login helper waits for the user menu
        login(page, live_server, username)
        page.set_viewport_size({"width": 375, "height": 800})
        for path in ("/", f"/orgs/{demo_data.org_a.code}/"):
            page.goto(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (username, path, width)
        screenshot(page, f"home-375-{username}")
        page.context.clear_cookies()
