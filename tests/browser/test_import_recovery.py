"""Import jobs that end without being written, in a real browser (orgadmin_a): an admin cancels a
waiting import (after a confirmation dialog) and re-runs it with one click; a job whose process
died shows as failed with the re-run button once its heartbeat is stale.

Background work: Django's dummy tasks backend, so uploads really wait; the test plays the worker
(``task.call``). Screenshots: ``screenshots/import-recovery-*.png``.
"""

import csv
import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from imports import tasks
from imports.models import ImportJob, ImportStatus
from portal.models import Organization
from tests.browser import login, screenshot

DEAD = "Tiến trình xử lý đã dừng đột ngột; dữ liệu không thay đổi. Hãy nhập lại tệp."


def roster(parent: str) -> bytes:
    buffer = io.StringIO()
    rows = [["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại hình"]]
    rows += [[f"TH.{i:02d}", f"Tổ huỷ thử {i}", parent, "PHONG"] for i in range(1, 9)]
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def job_id(page) -> str:
    return re.search(r"/imports/([0-9a-f-]{36})/", page.url)[1]


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.IMPORT_BACKGROUND_ROWS = 5


def test_an_admin_cancels_a_waiting_import_and_runs_it_again(page, live_server, demo_data, queued_tasks):
    org_a = demo_data.org_a
    login(page, live_server, "orgadmin_a")
    page.goto(f"{live_server.url}/imports/new/")
    page.locator("#id_kind").select_option("organizations")
    page.locator("#id_file").set_input_files(
        files=[{"name": "to-huy-thu.csv", "mimeType": "text/csv", "buffer": roster(org_a.code)}]
    )
    page.locator("#upload-button").click()
    page.wait_for_url(re.compile(r"/imports/[0-9a-f-]{36}/$"))
    first = job_id(page)
    expect(page.locator("#cancel-button")).to_be_visible()
    screenshot(page, "import-recovery-01-waiting")

    # Dismissing the confirmation keeps the job; accepting it cancels.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("#cancel-button").click()
    expect(page.locator("#cancel-button")).to_be_visible()
    assert ImportJob.objects.get(pk=first).status == ImportStatus.UPLOADED
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#cancel-button").click()
    expect(page.locator("#job-outcome")).to_contain_text("Lượt nhập đã bị huỷ bởi orgadmin_a")
    expect(page.locator("#job-status")).to_contain_text("Đã huỷ")
    expect(page.locator("#cancel-button")).to_have_count(0)
    assert ImportJob.objects.get(pk=first).status == ImportStatus.CANCELLED
    tasks.validate_import.call(first)  # the worker comes later: the cancel stays
    assert ImportJob.objects.get(pk=first).status == ImportStatus.CANCELLED
    screenshot(page, "import-recovery-02-cancelled")

    # One click imports the same stored file again: a new job, checked by the worker.
    page.locator("#rerun-button").click()
    page.wait_for_url(re.compile(r"/imports/[0-9a-f-]{36}/$"))
    second = job_id(page)
    assert second != first
    expect(page.locator("#job-progress-label")).to_contain_text("Đang chờ kiểm tra tệp")
    tasks.validate_import.call(second)
    expect(page.locator("#confirm-button")).to_be_visible()
    expect(page.locator("#count-created")).to_have_text("8")
    assert not Organization.objects.filter(code__startswith="TH.").exists()
    screenshot(page, "import-recovery-03-rerun-preview")


def test_a_job_whose_process_died_shows_as_failed_with_the_rerun_button(page, live_server, demo_data, settings):
    org_a = demo_data.org_a
    job = ImportJob.objects.create(
        kind="organizations",
        organization=org_a,
        file_name="to-huy-thu.csv",
        file_content=roster(org_a.code),
        status=ImportStatus.RUNNING,
        progress=80,
    )
    ImportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - dt.timedelta(seconds=settings.IMPORT_HEARTBEAT_TIMEOUT + 5)
    )
    login(page, live_server, "orgadmin_a")
    page.goto(f"{live_server.url}/imports/{job.pk}/")
    expect(page.locator("#job-outcome")).to_contain_text(DEAD)
    expect(page.locator("#job-status")).to_contain_text("Lỗi hệ thống")
    expect(page.locator("#rerun-button")).to_be_visible()
    expect(page.locator("#job-progress")).to_have_count(0)
    screenshot(page, "import-recovery-04-dead")
    page.locator("#rerun-button").click()
    page.wait_for_url(re.compile(r"/imports/[0-9a-f-]{36}/$"))
    expect(page.locator("#confirm-button")).to_be_visible()  # a small file: checked at once
