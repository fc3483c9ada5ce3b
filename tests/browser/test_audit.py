"""The audit log in a browser: an organisation admin opens it from the menu, follows an import's
line to its entries, filters by type; the page fits a phone; the log stays closed to others."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser import login, screenshot, texts
from tests.builders import make_audit_history


def test_an_organisation_admin_reads_the_log_of_their_subtree(page, live_server, demo_data):
    history = make_audit_history(demo_data.org_a)
    login(page, live_server, "orgadmin_a")
    page.locator("nav").get_by_role("button", name="Quản trị").or_(
        page.locator("nav").get_by_role("link", name="Quản trị")
    ).first.click()
    page.get_by_role("link", name="Nhật ký thay đổi").click()
    page.wait_for_url("**/audit/")
    import_line = page.locator("#auditlog-table .audit-import")
    expect(import_line).to_contain_text("can-bo-so-noi-vu.csv")
    expect(import_line).to_contain_text("0 thêm mới · 2 cập nhật")
    screenshot(page, "audit-01-org-admin")

    page.get_by_role("link", name="Xem 2 thay đổi").click()
    rows = page.locator("#auditlog-table tr.audit-row")
    expect(rows).to_have_count(2)
    assert all("(sửa)" in t and "Nhập từ tệp can-bo-so-noi-vu.csv" in t for t in texts(rows))
    expect(page.locator("#audit-import-banner a.audit-job-link")).to_have_attribute(
        "href", history.job.get_absolute_url()
    )

    page.goto("/audit/")
    page.locator("#id_type").select_option(label="Bản mô tả công việc")
    page.locator("#audit-filters button[type=submit]").click()
    expect(rows.first).to_contain_text("Bản mô tả công việc")
    assert all("Bản mô tả công việc" in t for t in texts(rows))
    expect(page.locator("#auditlog-table .audit-diff ins").first).to_be_visible()


def test_the_log_fits_a_phone_and_is_closed_to_hr_officers(page, live_server, demo_data, browser_log):
    make_audit_history(demo_data.org_a)
    login(page, live_server, "admin")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/audit/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "audit-02-phone")

    browser_log.allow(r"status of 403")
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})  # the login helper waits for the user menu
    login(page, live_server, "hr_b")
    response = page.goto("/audit/")
    assert response.status == 403
    assert "can-bo-so-noi-vu.csv" not in page.content()
