"""The import preview in a real browser (issue 12), as an organisation admin (orgadmin_a): a staff
file (the export of Sở Nội vụ with 55 names changed, one person's sex changed and 3 new people) →
the preview lists the new people and, under the other tab, each changed field as old → new, 50 rows
a page → confirm → the result lists the rows written, each key a link to the person's page.

Screenshots: ``screenshots/import-preview-*.png``.
"""

import io
import re

import openpyxl
from playwright.sync_api import expect

from imports.exporting import export_bytes
from staffing.models import Staff
from tests.browser import login, screenshot, texts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RENAMED = 55
NEW = 3


def staff_changes(org) -> tuple[bytes, dict]:
    """The staff export of ``org`` with the first ``RENAMED`` people's names ending in " Mới", the
    second person's sex switched and ``NEW`` new people (MOI001…, after the exported rows); and
    what the test checks: the first person's (code, name), the second person's (code, old sex, new
    sex), the row number of the first new person."""
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(kind="staff", fmt="xlsx", scope_org=org)))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    code, name, sex, pid = (
        header.index(h) + 1 for h in ("Mã cán bộ", "Họ và tên", "Giới tính", "Số định danh cá nhân")
    )
    assert sheet.max_row - 1 >= RENAMED
    first = (sheet.cell(2, code).value, sheet.cell(2, name).value)
    for row in range(2, RENAMED + 2):
        sheet.cell(row, name).value = f"{sheet.cell(row, name).value} Mới"
    old_sex = sheet.cell(3, sex).value
    new_sex = "Nam" if old_sex == "Nữ" else "Nữ"
    sheet.cell(3, sex).value = new_sex
    template = [c.value for c in sheet[2]]
    first_new = sheet.max_row + 1
    for i in range(1, NEW + 1):
        values = list(template)
        values[code - 1], values[name - 1], values[pid - 1] = f"MOI{i:03d}", f"Người mới số {i}", None
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), {"first": first, "sex": (sheet.cell(3, code).value, old_sex, new_sex), "new": first_new}


def upload_staff(page, data: bytes) -> None:
    page.goto("/imports/new/?kind=staff")
    page.locator("#id_file").set_input_files(files=[{"name": "can-bo.xlsx", "mimeType": XLSX, "buffer": data}])
    page.locator("#upload-button").click()
    page.wait_for_url(re.compile(r"/imports/[0-9a-f-]{36}/$"))


def test_org_admin_reads_the_preview_pages_through_it_and_opens_the_people_imported(page, live_server, demo_data):
    org_a = demo_data.org_a
    data, facts = staff_changes(org_a)
    login(page, live_server, "orgadmin_a")
    upload_staff(page, data)
    expect(page.locator("#count-created")).to_have_text(str(NEW))
    expect(page.locator("#count-updated")).to_have_text(str(RENAMED))

    # The rows to add: row number, code and name.
    rows = page.locator("#preview-table tbody tr")
    expect(page.locator("#preview-tab-new")).to_have_attribute("aria-current", "page")
    expect(rows).to_have_count(NEW)
    assert texts(rows.nth(0).locator("td")) == [str(facts["new"]), "MOI001 Người mới số 1"]
    screenshot(page, "import-preview-01-new")

    # The fields to change, old → new, 50 rows a page.
    page.locator("#preview-tab-updated").click()
    expect(page.locator("#preview-table")).to_have_attribute("data-show", "updated")
    expect(rows).to_have_count(50)
    code, name = facts["first"]
    assert texts(rows.nth(0).locator("td"))[:2] == ["2", f"{code} {name} Mới"]
    expect(rows.nth(0)).to_contain_text(f"Họ và tên: {name} → {name} Mới")
    sex_code, old_sex, new_sex = facts["sex"]
    expect(page.locator("#preview-table tbody tr", has_text=sex_code)).to_contain_text(
        f"Giới tính: {old_sex} → {new_sex}"
    )
    screenshot(page, "import-preview-02-changes")
    page.locator("#job-preview .pagination a[rel=next]").click()
    expect(page.locator("#job-preview .pagination")).to_contain_text("Trang 2/2")
    expect(rows).to_have_count(RENAMED - 50)
    assert not Staff.objects.filter(full_name__endswith=" Mới").exists()  # nothing written yet
    assert not Staff.objects.filter(employee_code="MOI001").exists()

    # Confirm: the rows written, each a link to the person.
    page.locator("#confirm-button").click()
    expect(page.locator("#job-outcome")).to_contain_text("Đã nhập xong")
    expect(page.locator("#preview-title")).to_have_text("Các dòng đã ghi")
    assert Staff.objects.filter(full_name__endswith=" Mới").count() == RENAMED
    screenshot(page, "import-preview-03-written")
    page.locator("#preview-table a", has_text="MOI001").click()
    page.wait_for_url("**/staff/MOI001/")
    expect(page.locator("main h1")).to_contain_text("Người mới số 1")
