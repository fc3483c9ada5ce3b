"""The retirement forecast in the browser, as manager_a (Sở Nội vụ) on the demo data: opened from
the reports index, filtered, the chart drawn (Chart.js from a json_script configuration, no inline
script), the XLSX downloaded, another organisation chosen, the A4 print opened — with no console
error (CSP included)."""

from __future__ import annotations

import io
import re

import openpyxl

from tests.browser import login, screenshot, texts


def test_the_forecast_as_a_manager(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "manager_a")
    page.goto("/reports/")
    page.locator("#card-retirement a.btn-primary").click()
    page.wait_for_url("**/reports/retirement/")
    assert org_a.name in page.locator("main h1").inner_text()
    assert "ND135-2020" in page.locator("#rf-rule-set").inner_text()
    total = int(page.locator("#rf-total").inner_text().replace(".", ""))
    assert total > 0
    # The chart: charts.js drew the canvas (it marks it) at a real size.
    canvas = page.locator("canvas#rf-chart[data-drawn='1']")
    canvas.wait_for()
    box = canvas.bounding_box()
    assert box["width"] > 300 and box["height"] > 200
    assert page.locator("#rf-years tr.rf-year").count() == 10
    assert page.locator("#rf-units tr.rf-unit").count() >= 2
    assert page.locator("#rf-people tr.rf-person").count() == min(total, 50)
    screenshot(page, "forecast-01-page")

    # Women only: the list, the total and the table follow.
    page.locator("#rf-sex").select_option("F")
    page.locator("#rf-submit").click()
    page.wait_for_url(re.compile(r"sex=F"))
    women = int(page.locator("#rf-total").inner_text().replace(".", ""))
    assert 0 < women < total
    assert set(texts(page.locator("#rf-people tr.rf-person td:nth-child(5)"))) == {"Nữ"}
    page.locator("canvas#rf-chart[data-drawn='1']").wait_for()
    screenshot(page, "forecast-02-women")

    # The XLSX of what is shown: one sheet per view, the rule set in the title block.
    with page.expect_download() as download:
        page.locator("#rf-export").click()
    assert download.value.suggested_filename.startswith(f"du-bao-nghi-huu-{org_a.code}-")
    wb = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert wb.sheetnames == ["Theo năm", "Theo đơn vị", "Danh sách"]
    assert "ND135-2020" in wb["Theo năm"]["A3"].value
    assert wb["Theo năm"]["A5"].value == "Lọc: Nữ"

    # Another organisation: the list of units is reloaded for it (forecast.js submits the form).
    first_child = page.locator("#rf-units tr.rf-unit th a").first
    child_name = first_child.inner_text()
    first_child.click()
    page.wait_for_url(re.compile(r"org="))
    assert child_name in page.locator("main h1").inner_text()
    page.locator("#rf-org").select_option(org_a.code)
    page.wait_for_url(re.compile(rf"org={re.escape(org_a.code)}"))
    assert org_a.name in page.locator("main h1").inner_text()

    # The A4 print, with the administrative header.
    page.locator("#rf-print").click()
    page.wait_for_url("**/reports/retirement/print/**")
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.locator(".doc-header").inner_text()
    assert "DỰ BÁO NGHỈ HƯU GIAI ĐOẠN" in page.locator("h1.doc-title").inner_text()
    assert "ND135-2020" in page.locator("#rf-print-lines").inner_text()
    assert page.locator("#rf-print-people tbody tr").count() >= 1
    screenshot(page, "forecast-03-print")
