"""The headcount reports in the browser, as manager_a (Sở Nội vụ) on the demo data: quota against
actual (its chart drawn by charts.js from a json_script configuration), exits by kind and the
staffing report by job-position group, each opened from the reports index, downloaded as XLSX and
printed — with no console error (CSP included)."""

from __future__ import annotations

import io
import re

import openpyxl

from tests.browser import login, screenshot, texts


def download(page, locator):
    with page.expect_download() as info:
        page.locator(locator).click()
    value = info.value
    return value.suggested_filename, openpyxl.load_workbook(io.BytesIO(value.path().read_bytes()))


def open_print(page, name: str) -> None:
    page.locator("#hc-print").click()
    page.wait_for_url(f"**/reports/{name}/print/**")
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.locator(".doc-header").inner_text()
    assert page.locator("table.doc-table.hc-print-table").count() >= 1


def test_quota_against_actual(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "manager_a")
    page.goto("/reports/")
    page.locator("#card-quotas a.btn-primary").click()
    page.wait_for_url("**/reports/quotas/")
    assert org_a.name in page.locator("main h1").inner_text()
    canvas = page.locator("canvas#hc-quota-canvas[data-drawn='1']")
    canvas.wait_for()
    box = canvas.bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    rows = page.locator("#hc-quotas tbody tr.hc-row")
    assert rows.count() >= 4
    assert page.locator(f"#hc-quotas tbody tr[data-unit='{org_a.code}'][data-category='CBCC']").count() == 1
    assert "ND135-2020" in page.locator("#hc-notes").inner_text()
    screenshot(page, "headcount-01-quotas")

    # One category and an older year: the filter keeps the organisation.
    page.locator("#hc-category").select_option("VC")
    page.locator("#hc-year").select_option("2021")
    page.locator("#hc-submit").click()
    page.wait_for_url(re.compile(r"year=2021"))
    assert set(texts(page.locator("#hc-quotas tbody tr.hc-row td:nth-child(3)"))) <= {
        "Viên chức hưởng lương từ ngân sách"
    }
    page.locator("canvas#hc-quota-canvas[data-drawn='1']").wait_for()

    name, wb = download(page, "#hc-export")
    assert name.startswith(f"bien-che-va-thuc-co-{org_a.code}-")
    ws = wb.active
    assert ws["A3"].value == "Năm biên chế: 2021"
    assert any(str(c.value).startswith("Tính đến ngày: ") for c in ws["A"][:6])
    assert isinstance(ws["E9"].value, int)

    # A unit below: its name opens the same report for it, with the way back up.
    page.locator("#hc-quotas tbody th.hc-level-1 a").first.click()
    page.wait_for_url(re.compile(r"org="))
    page.locator("#hc-up").click()
    page.wait_for_url(re.compile(rf"org={re.escape(org_a.code)}"))

    open_print(page, "quotas")
    assert "BIÊN CHẾ ĐƯỢC GIAO SO VỚI THỰC CÓ" in page.locator("h1.doc-title").inner_text()
    screenshot(page, "headcount-02-quotas-print")


def test_exits_by_kind(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "manager_a")
    page.goto("/reports/")
    page.locator("#card-exits a.btn-primary").click()
    page.wait_for_url("**/reports/exits/")
    assert "KL40-2022" in page.locator("#hc-rule-set").inner_text()
    years = texts(page.locator("#hc-exits-by-year tbody th"))
    assert years == ["2022", "2023", "2024", "2025", "2026"]
    total = int(page.locator("#hc-exits-total").inner_text().replace(".", ""))
    assert total > 0
    assert page.locator("#hc-exits-by-unit tbody tr[data-own='1']").count() == 1
    screenshot(page, "headcount-03-exits")

    page.locator("#hc-from").fill("2024")
    page.locator("#hc-to").fill("2026")
    page.locator("#hc-submit").click()
    page.wait_for_url(re.compile(r"from=2024"))
    assert texts(page.locator("#hc-exits-by-year tbody th")) == ["2024", "2025", "2026"]
    assert page.locator("#hc-rule-set").count() == 0

    name, wb = download(page, "#hc-export")
    assert name.startswith(f"ra-khoi-bien-che-{org_a.code}-")
    assert wb.sheetnames == ["Theo năm", "Theo đơn vị"]

    open_print(page, "exits")
    screenshot(page, "headcount-04-exits-print")


def test_staffing_by_group(page, live_server, demo_data, browser_log):
    org_a = demo_data.org_a
    login(page, live_server, "manager_a")
    page.goto("/reports/")
    page.locator("#card-groups a.btn-primary").click()
    page.wait_for_url("**/reports/groups/")
    heads = texts(page.locator("#hc-groups thead th[data-group]"))
    assert heads == [
        "Lãnh đạo, quản lý",
        "Chuyên môn, nghiệp vụ chuyên ngành",
        "Chuyên môn, nghiệp vụ dùng chung",
        "Hỗ trợ, phục vụ",
        "Chưa bố trí vị trí",
    ]
    assert page.locator("#hc-groups tbody tr.hc-subtotal").count() >= 1
    screenshot(page, "headcount-05-groups")

    name, wb = download(page, "#hc-export")
    assert name.startswith(f"bien-che-theo-nhom-vi-tri-{org_a.code}-")
    assert wb.active.title == "Theo nhóm vị trí"

    open_print(page, "groups")
    screenshot(page, "headcount-06-groups-print")

    # Outside the subtree: 404, for the page as for its export.
    browser_log.allow(r"Failed to load resource: .*404")
    response = page.goto(f"/reports/groups/?org={demo_data.org_b.code}")
    assert response.status == 404
