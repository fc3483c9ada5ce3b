"""Importing in a real browser, as an organisation admin (orgadmin_a): the admin menu → the job
list → the template → upload a file with errors → the errors table and the errors workbook → fix →
upload again (a "big" file: validated in the background, the page polls a progress bar) → preview
→ confirm (written in the background, progress again) → the result; then an export.

Background work: the tasks backend is Django's dummy backend here, so uploads and confirmations
really wait in the queue; the test plays the worker (``task.call``) while the page polls.

Screenshots: ``screenshots/import-*.png``.
"""

import csv
import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from imports import tasks
from imports.models import ImportJob, ImportStatus
from portal.models import Organization
from tests.browser import login, screenshot, texts

HEADER = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại hình"]


def roster(parent: str, *, bad: bool) -> bytes:
    rows = [HEADER]
    for i in range(1, 13):
        code, name, kind = f"TN.{i:02d}", f"Tổ thử nghiệm số {i}", "PHONG"
        if bad and i == 3:
            code = "tn 3"  # lower case and a space: not a code
        if bad and i == 7:
            kind = "PHÒNG BAN"  # not one of the kinds
        rows.append([code, name, parent, kind])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def job_id(page) -> str:
    return re.search(r"/imports/([0-9a-f-]{36})/", page.url)[1]


@pytest.fixture
def queued_tasks(settings):
    """Background tasks wait (dummy backend) and every file counts as big."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.IMPORT_BACKGROUND_ROWS = 5


def test_org_admin_imports_a_file_with_errors_fixes_it_and_confirms(page, live_server, demo_data, queued_tasks):
    org_a = demo_data.org_a
    login(page, live_server, "orgadmin_a")

    # The admin menu leads to the imports.
    page.locator("#mainnav .dropdown-toggle", has_text="Quản trị").click()
    page.locator(".dropdown-menu").get_by_role("link", name="Nhập dữ liệu").click()
    page.wait_for_url("**/imports/")
    expect(page.locator("main h1")).to_have_text("Nhập dữ liệu")
    expect(page.locator("#job-table")).to_contain_text("Chưa có lượt nhập nào")
    screenshot(page, "import-01-list")

    # The upload page, with a template per kind.
    page.locator("#new-import").click()
    page.wait_for_url("**/imports/new/")
    expect(page.locator("#id_organization option:checked")).to_have_text(f"{org_a.name} ({org_a.code})")
    with page.expect_download() as download:
        page.locator("#template-links a[data-kind=organizations]").click()
    template = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert [c.value for c in template.worksheets[0][1]][:4] == HEADER
    assert template.worksheets[0].data_validations.dataValidation  # drop-down lists
    screenshot(page, "import-02-start")

    # A file with errors: it waits for the worker, then every error is listed and nothing is written.
    page.locator("#id_kind").select_option("organizations")
    page.locator("#id_file").set_input_files(
        files=[{"name": "to-thu-nghiem.csv", "mimeType": "text/csv", "buffer": roster(org_a.code, bad=True)}]
    )
    page.locator("#upload-button").click()
    page.wait_for_url(re.compile(r"/imports/[0-9a-f-]{36}/$"))
    first_job = job_id(page)
    expect(page.locator("#job-progress-label")).to_contain_text("Đang chờ kiểm tra tệp")
    expect(page.locator("#job-status")).to_contain_text("Đang chờ xử lý")
    screenshot(page, "import-03-queued")
    tasks.validate_import.call(first_job)  # the worker
    expect(page.locator("#job-outcome")).to_contain_text("Tệp có 2 lỗi: chưa ghi gì vào cổng")
    rows = page.locator("#error-table tbody tr")
    expect(rows).to_have_count(2)
    assert texts(rows.nth(0).locator("td"))[:3] == ["4", "Mã đơn vị", "tn 3"]
    assert texts(rows.nth(1).locator("td"))[:3] == ["8", "Loại hình", "PHÒNG BAN"]
    expect(rows.nth(1)).to_contain_text("Chọn một trong: BO")
    assert not Organization.objects.filter(code__startswith="TN.").exists()
    screenshot(page, "import-04-errors")

    # The errors workbook: the bad rows as they were, plus the messages.
    with page.expect_download() as download:
        page.locator("#download-errors").click()
    assert download.value.suggested_filename == "loi-to-thu-nghiem.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    lines = [[c.value for c in row] for row in sheet.iter_rows()]
    assert lines[0] == ["Dòng", *HEADER, "Lỗi"]
    assert [line[:5] for line in lines[1:]] == [
        [4, "tn 3", "Tổ thử nghiệm số 3", org_a.code, "PHONG"],
        [8, "TN.07", "Tổ thử nghiệm số 7", org_a.code, "PHÒNG BAN"],
    ]
    assert lines[2][5].startswith("Loại hình: “PHÒNG BAN” không phải là giá trị được chấp nhận")

    # Fixed, uploaded again: validated in the background while the page shows the progress.
    page.locator("#upload-again").click()
    page.wait_for_url("**/imports/new/?kind=organizations*")
    expect(page.locator("#id_kind")).to_have_value("organizations")
    page.locator("#id_file").set_input_files(
        files=[{"name": "to-thu-nghiem-da-sua.csv", "mimeType": "text/csv", "buffer": roster(org_a.code, bad=False)}]
    )
    page.locator("#upload-button").click()
    page.wait_for_url(re.compile(r"/imports/[0-9a-f-]{36}/$"))
    job = ImportJob.objects.get(pk=job_id(page))
    assert job.status == ImportStatus.UPLOADED and str(job.pk) != first_job
    bar = page.locator("#job-progress .progress-bar")
    expect(bar).to_have_class(re.compile(r"\bimp-w-0\b"))
    # the worker has started and is 45 % through: the page catches up by itself
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.VALIDATING, progress=45)
    expect(bar).to_have_class(re.compile(r"\bimp-w-45\b"))
    expect(bar).to_have_text("45%")
    expect(page.locator("#job-status")).to_contain_text("Đang kiểm tra")
    expect(page.locator("#job-progress-label")).to_contain_text("Đang kiểm tra tệp (chưa ghi gì)")
    screenshot(page, "import-05-progress")
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.UPLOADED, progress=0)
    tasks.validate_import.call(str(job.pk))

    # The preview: 12 new rows, nothing written yet.
    expect(page.locator("#confirm-form")).to_be_visible()
    expect(page.locator("#count-created")).to_have_text("12")
    expect(page.locator("#count-updated")).to_have_text("0")
    expect(page.locator("#job-outcome")).to_contain_text("Tệp hợp lệ")
    expect(page.locator("#job-sha256")).to_have_text(job.file_sha256)
    assert not Organization.objects.filter(code__startswith="TN.").exists()
    screenshot(page, "import-06-preview")

    # Confirm: queued for the worker (a double click sends the form once), written in the background.
    confirms = []
    page.on("request", lambda r: confirms.append(r.url) if r.method == "POST" and "/confirm/" in r.url else None)
    page.locator("#confirm-button").dblclick()
    expect(page.locator("#job-progress-label")).to_contain_text("Đang chờ ghi dữ liệu")
    expect(page.locator("#job-status")).to_contain_text("Đang chờ xử lý")
    assert len(confirms) == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED and not Organization.objects.filter(code__startswith="TN.").exists()
    screenshot(page, "import-07-writing")
    tasks.confirm_import.call(str(job.pk))
    expect(page.locator("#job-outcome")).to_contain_text("Đã nhập xong")
    expect(page.locator("#count-created")).to_have_text("12")
    expect(page.locator("#confirm-form")).to_have_count(0)
    assert Organization.objects.filter(code__startswith="TN.", parent=org_a).count() == 12
    screenshot(page, "import-08-result")

    # The list shows both jobs.
    page.locator("nav[aria-label='Đường dẫn'] a", has_text="Nhập dữ liệu").click()
    page.wait_for_url("**/imports/")
    rows = page.locator("#job-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Đã nhập xong")
    expect(rows.nth(1)).to_contain_text("2 lỗi")
    screenshot(page, "import-09-list-after")


def test_org_admin_exports_and_the_export_reimports_unchanged(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "orgadmin_a")
    page.goto("/exports/")
    expect(page.locator("#id_organization option:checked")).to_have_text(f"{org_a.name} ({org_a.code})")
    page.locator("#id_format_1").check()  # CSV
    screenshot(page, "import-10-export")
    with page.expect_download() as download:
        page.locator("#export-button").click()
    assert download.value.suggested_filename.startswith(f"organizations-{org_a.code}-")
    data = download.value.path().read_bytes()
    subtree = Organization.objects.filter(path__startswith=org_a.path).count()
    assert data.decode("utf-8-sig").count("\n") == subtree + 1

    page.goto("/imports/new/?kind=organizations")
    page.locator("#id_file").set_input_files(files=[{"name": "xuat.csv", "mimeType": "text/csv", "buffer": data}])
    page.locator("#upload-button").click()
    page.wait_for_url(re.compile(r"/imports/[0-9a-f-]{36}/$"))
    expect(page.locator("#count-unchanged")).to_have_text(str(subtree))
    expect(page.locator("#count-created")).to_have_text("0")
    expect(page.locator("#count-updated")).to_have_text("0")
    screenshot(page, "import-11-reimport-unchanged")


def test_the_django_admin_import_button_leads_to_the_same_screen(page, live_server, demo_data, browser_log):
    browser_log.allow(r"favicon\.ico")  # the Django admin's pages have no favicon link
    login(page, live_server, "orgadmin_a")
    page.goto("/admin/portal/organization/")
    page.locator("a.import_link").click()
    page.wait_for_url("**/imports/new/?kind=organizations")
    expect(page.locator("#id_kind")).to_have_value("organizations")
    page.goto("/admin/portal/organization/")
    page.locator("a.export_link").click()
    page.wait_for_url("**/exports/?kind=organizations")
    expect(page.locator("#export-form")).to_be_visible()
