"""The streamlining candidate list in the browser, on the demo data: orgadmin_a (Sở Nội vụ) opens
the list from the reports index, saves it, records a case-d decision with its note on one person,
excludes another with a reason, saves again, compares the two saved lists, downloads the saved
list's XLSX and opens its A4 print; hr_b (Sở Tài chính) gets 404 on org A's list, saved list and
comparison. No console error (CSP included)."""

from __future__ import annotations

import io
import re

import openpyxl

from staffing.demo.constants import DEMO_REVIEW_YEAR
from tests.browser import login, logout, screenshot, texts

DECISION_NOTE = "Quyết định 25/QĐ-SNV ngày 10/11/2026 về rà soát, sắp xếp lại nhân sự"
EXCLUSION_REASON = "Đã có quyết định điều động sang Sở Tư pháp từ 01/12/2026"


def _row_codes(page, table: str) -> list[str]:
    return page.locator(f"#{table} > tbody > tr.sl-row").evaluate_all("rows => rows.map(r => r.dataset.code)")


def _save(page, note: str) -> str:
    """Save the list shown; returns the saved list's URL."""
    page.locator("#sl-note").fill(note)
    page.locator("#sl-save").click()
    page.locator("#sl-frozen").wait_for()
    return page.url


def test_an_org_admin_decides_excludes_saves_compares_and_exports(page, live_server, demo_data, browser_log):
    org_a = demo_data.org_a
    login(page, live_server, "orgadmin_a")
    page.goto("/reports/")
    page.locator("#card-streamlining a.btn-primary").click()
    page.wait_for_url("**/reports/streamlining/")
    # The demo is made for review year 2026 (its ratings and sick days are of 2023–2025): the list
    # of that year, whatever year the tests run in (the page's default is the current year).
    list_url = f"/reports/streamlining/?org={org_a.code}&year={DEMO_REVIEW_YEAR}"
    page.goto(list_url)
    assert org_a.name in page.locator("main h1").inner_text()
    assert "ND154-2025" in page.locator("#sl-basis").inner_text()
    candidates = _row_codes(page, "sl-candidates")
    assert len(candidates) >= 3
    screenshot(page, "streamlining-01-list")

    first_url = _save(page, "Lập lần đầu")
    assert "bản lưu số 1" in page.locator("main h1").inner_text()
    page.goto(list_url)

    # A case-d decision with its note, from the person's row.
    decided, excluded = candidates[0], candidates[1]
    page.locator(f"#sl-candidates tr[data-code='{decided}'] a").first.click()
    page.locator("#sl-decide-form").wait_for()
    page.locator("#id_case").select_option("d")
    page.locator("#id_note").fill(DECISION_NOTE)
    page.locator("#sl-decide").click()
    assert "Đã ghi trường hợp (d)" in page.locator("main .alert-success").inner_text()
    assert DECISION_NOTE in page.locator("#sl-decisions").inner_text()
    screenshot(page, "streamlining-02-decision")

    # An exclusion with its reason.
    page.locator("#sl-back").click()
    page.locator(f"#sl-candidates tr[data-code='{excluded}'] a").first.click()
    page.locator("#id_reason").fill("")
    page.locator("#sl-exclude").click()  # without a reason: refused on the form, nothing written
    assert "Hãy ghi lý do" in page.locator("#sl-exclude-form").inner_text()
    page.locator("#id_reason").fill(EXCLUSION_REASON)
    page.locator("#sl-exclude").click()
    assert "không đưa" in page.locator("main .alert-success").inner_text()
    page.locator("#sl-back").click()
    assert excluded in _row_codes(page, "sl-excluded") and excluded not in _row_codes(page, "sl-candidates")
    assert EXCLUSION_REASON in page.locator("#sl-excluded").inner_text()
    badges = texts(page.locator(f"#sl-candidates tr[data-code='{decided}'] .sl-case"))
    assert "d" in badges
    screenshot(page, "streamlining-03-after-changes")

    # Saved again, compared with the first.
    second_url = _save(page, "Sau rà soát")
    assert second_url != first_url and "bản lưu số 2" in page.locator("main h1").inner_text()
    page.locator("#sl-compare-previous").click()
    page.locator("#sl-cmp-totals").wait_for()
    assert page.locator(f"#sl-dropped tr[data-code='{excluded}']").count() == 1
    assert EXCLUSION_REASON in page.locator(f"#sl-dropped tr[data-code='{excluded}']").inner_text()
    assert "Thêm trường hợp (d)." in page.locator(f"#sl-changed tr[data-code='{decided}']").inner_text()
    screenshot(page, "streamlining-04-compare")

    # The saved list's XLSX: the official list's rows, the excluded person not among them.
    page.goto(second_url)
    with page.expect_download() as download:
        page.locator("#sl-export").click()
    assert re.fullmatch(
        rf"danh-sach-tinh-gian-{re.escape(org_a.code)}-\d{{4}}-so-2\.xlsx", download.value.suggested_filename
    )
    wb = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    listed = [r[1] for r in wb.worksheets[0].iter_rows(values_only=True) if r and isinstance(r[0], int)]
    assert decided in listed and excluded not in listed

    # The A4 print of the saved list.
    page.locator("#sl-print").click()
    page.locator(".a4-sheet.sl-landscape").wait_for()
    assert "DANH SÁCH ĐỐI TƯỢNG TINH GIẢN BIÊN CHẾ" in page.locator("h1.doc-title").inner_text()
    assert "Danh sách đã lưu số 2" in page.locator("#sl-print-basis").inner_text()
    assert page.locator("#sl-print-candidates tbody tr").count() == len(candidates) - 1
    screenshot(page, "streamlining-05-print")

    # Sở Tài chính's HR officer reaches none of it.
    page.goto("/reports/")
    logout(page)
    login(page, live_server, "hr_b")
    browser_log.allow(r"status of 404")  # Chrome logs the 404 document loads as console errors
    snapshot_path = second_url.split(live_server.url, 1)[-1]
    pk = re.search(r"/snapshots/(\d+)/", snapshot_path).group(1)
    for url in (
        f"/reports/streamlining/?org={org_a.code}",
        f"/reports/streamlining/snapshots/?org={org_a.code}",
        snapshot_path,
        f"/reports/streamlining/snapshots/{pk}.xlsx",
        f"/reports/streamlining/compare/?a={pk}&b={pk}",
        f"/reports/streamlining/person/?code={decided}",
    ):
        assert page.request.get(url).status == 404, url
    response = page.goto(f"/reports/streamlining/?org={org_a.code}")
    assert response.status == 404
