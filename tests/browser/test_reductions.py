"""The headcount-reduction dashboard in the browser, as manager_a (Sở Nội vụ) on the demo data: the
home page is the dashboard's summary; the full dashboard with its charts drawn; another rule set
picked; a row of the tree expanded (htmx) and collapsed; the XLSX downloaded and opened; the A4
print; no console error; hr_b gets 404 on org A's dashboard.

Screenshots: ``screenshots/reductions-*.png``.
"""

import re
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import expect

from portal.models import Organization, OrgKind
from tests.browser import login, logout, screenshot

KL40_USED = re.compile(r"Tính theo bộ quy tắc KL40-2022 .*số liệu đến ngày \d\d/\d\d/20\d\d")


def test_the_dashboard_as_a_manager(page, live_server, demo_data, browser_log):
    org_a = demo_data.org_a
    # A unit below one of A's divisions, so that a row of A's tree has children to load.
    office = Organization.objects.filter(parent=org_a, kind=OrgKind.PHONG).order_by("code").first()
    team = Organization.objects.create(code="000.98.02.H22", name="Tổ Văn thư", kind=OrgKind.PHONG, parent=office)

    # The home page is the dashboard's summary, under the rule set in force today.
    login(page, live_server, "manager_a")
    panel = page.locator("#home-reductions")
    expect(panel).to_be_visible()
    expect(panel.locator("#rd-used")).to_contain_text("KL40-2022")
    expect(panel.locator(".rd-card")).to_have_count(2)  # CBCC and VC
    expect(page.locator("#home-staff-count")).to_be_visible()  # the home page's own content stays
    screenshot(page, "reductions-01-home")

    # The dashboard: cards, the charts drawn, the roadmap tables, the tree of A.
    panel.locator("#home-reductions-link").click()
    page.wait_for_url("**/reports/reductions/?*")
    expect(page.locator("main h1")).to_contain_text(org_a.name)
    expect(page.locator("#rd-used")).to_have_text(KL40_USED)
    expect(page.locator("#rd-rulesets a.active")).to_have_attribute("data-code", "KL40-2022")
    charts = page.locator("canvas[data-chart]")
    expect(charts).to_have_count(2)
    for i in range(2):
        expect(charts.nth(i)).to_have_attribute("data-drawn", "1")
    assert page.locator("canvas[data-chart]").first.bounding_box()["height"] > 100
    tree = page.locator("#rd-tree tbody")
    expect(tree.locator(f"tr[data-code='{org_a.code}']")).to_be_visible()
    children = Organization.objects.filter(parent=org_a).count()
    expect(tree.locator("tr.rd-level-1")).to_have_count(children)
    expect(tree).to_contain_text("chưa giao biên chế")
    screenshot(page, "reductions-02-dashboard")

    # Another rule set: the 2026–2031 guidance, not binding.
    page.locator("#rd-rulesets a[data-code='BNV10989-2025']").click()
    page.wait_for_url("**rule_set=BNV10989-2025**")
    expect(page.locator("#rd-used")).to_contain_text("BNV10989-2025")
    expect(page.locator("#rd-used")).to_contain_text("Hướng dẫn, chưa bắt buộc")
    expect(page.locator("#rd-rulesets a.active")).to_have_attribute("data-code", "BNV10989-2025")
    expect(page.locator("canvas[data-chart][data-drawn='1']").first).to_be_visible()
    screenshot(page, "reductions-03-guidance")

    # Back to Conclusion 40; expand the division that has a unit below it: htmx loads its row.
    page.locator("#rd-rulesets a[data-code='KL40-2022']").click()
    page.wait_for_url("**rule_set=KL40-2022**")
    row = tree.locator(f"tr[data-code='{office.code}']")
    toggle = row.locator(".rd-toggle")
    with page.expect_response(re.compile(r"/reports/reductions/children/\?")) as loaded:
        toggle.click()
    assert loaded.value.status == 200
    child = tree.locator(f"tr[data-code='{team.code}']")
    expect(child).to_be_visible()
    expect(child).to_have_class(re.compile(r"rd-level-2"))
    expect(child).to_contain_text("chưa giao biên chế")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    screenshot(page, "reductions-04-expanded")
    toggle.click()  # collapse: hidden again, without a request
    expect(child).to_be_hidden()
    toggle.click()
    expect(child).to_be_visible()
    expect(tree.locator(f"tr[data-code='{team.code}']")).to_have_count(1)  # loaded once

    # The export downloads a workbook that opens, with the rule set and the date.
    with page.expect_download() as download:
        page.locator("#rd-export").click()
    assert download.value.suggested_filename.startswith(f"tinh-gian-bien-che-{org_a.code}-KL40-2022-")
    book = load_workbook(BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115, PTH123
    assert book.sheetnames == ["Tổng hợp", "Lộ trình", "Theo đơn vị"]
    assert book["Tổng hợp"]["A3"].value.startswith("Bộ quy tắc: KL40-2022")
    assert isinstance(book["Tổng hợp"]["B7"].value, int)

    # The A4 print, with the administrative header.
    page.locator("#rd-print").click()
    page.wait_for_url("**/reports/reductions/print/?*")
    expect(page.locator(".doc-nation")).to_have_text("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(page.locator(".doc-title")).to_have_text("BÁO CÁO TÌNH HÌNH THỰC HIỆN TINH GIẢN BIÊN CHẾ")
    expect(page.locator("#print-rule-set")).to_contain_text("KL40-2022")
    expect(page.locator("#print-button")).to_be_visible()
    screenshot(page, "reductions-05-print")

    # Another department's officer: 404 on org A's dashboard, its export and its print.
    page.goto("/")
    logout(page)
    login(page, live_server, "hr_b")
    browser_log.allow(r"status of 404")
    for url in ("/reports/reductions/", "/reports/reductions/print/", "/reports/reductions/children/"):
        response = page.goto(f"{url}?org={org_a.code}")
        assert response.status == 404, url
    assert page.request.get(f"/reports/reductions.xlsx?org={org_a.code}").status == 404
    screenshot(page, "reductions-06-hr-b-404")


def test_a_bad_date_gives_the_message_on_the_page(page, live_server, demo_data):
    login(page, live_server, "manager_a")
    page.goto("/reports/reductions/")
    page.locator("#rd-as-of").fill("31/02/2026")
    page.locator("#rd-submit").click()
    expect(page.locator("#rd-error")).to_contain_text("Ngày báo cáo “31/02/2026” không hợp lệ")
    page.locator("#rd-as-of").fill("30/06/2019")
    page.locator("#rd-submit").click()
    expect(page.locator("#rd-used")).to_contain_text("NQ39-2015")  # the rule set in force then
    expect(page.locator("#rd-used")).to_contain_text("30/06/2019")
    screenshot(page, "reductions-07-older-date")
