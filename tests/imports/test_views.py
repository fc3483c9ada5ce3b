"""The web import/export screens: who may use them, upload → preview → confirm → result, errors
(table, 1,000 shown + total, errors workbook), size/type checks, idempotent confirm, one import
at a time per scope, the background path with its progress fragment, templates and exports."""

import io
import re

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.tasks.signals import task_enqueued
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from imports import readers, tasks
from imports.exporting import export_bytes
from imports.models import ImportJob, ImportStatus
from portal.models import Organization
from tests.builders import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

A = "000.00.01.H17"
B = "000.00.02.H17"
HEADER = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại hình"]
GOOD = csv_bytes([HEADER, ["N.1", "Phòng Một", "", "PHONG"], ["N.2", "Phòng Hai", "N.1", "PHONG"]])
GOOD_UNDER_A = csv_bytes([HEADER, ["N.1", "Phòng Một", A, "PHONG"], ["N.2", "Phòng Hai", "N.1", "PHONG"]])
BAD = csv_bytes(
    [
        HEADER,
        ["N.1", "Phòng Một", A, "PHONG"],
        ["n 2", "Phòng Hai", A, "<script>alert(1)</script>"],
        ["N.3", "Ba", A, "XA"],
    ]
)


def upload(client, data, name="orgs.csv", *, org=None, kind="organizations", url=None):
    form = {"kind": kind, "file": SimpleUploadedFile(name, data)}
    if org is not None:
        form["organization"] = org.pk
    return client.post(url or reverse("imports:import_start"), form)


def job_of(response) -> ImportJob:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def text(response) -> str:
    return response.content.decode()


def error_table(page: str) -> list[list[str]]:
    """The cells of the errors table's body rows (HTML-escaped as sent)."""
    body = page.split('id="error-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


# --------------------------------------------------------------------------- permissions


PAGES = ["imports:import_list", "imports:import_start", "imports:export"]


@pytest.fixture
def job_a(tree, people):
    return ImportJob.objects.create(
        kind="organizations", organization=tree.A, created_by=people.admin_a, file_name="a.csv", file_content=BAD
    )


@pytest.fixture
def job_b(tree):
    return ImportJob.objects.create(kind="organizations", organization=tree.B, file_name="b.csv", file_content=BAD)


@pytest.fixture
def job_portal(tree):
    return ImportJob.objects.create(kind="organizations", organization=None, file_name="all.csv", file_content=BAD)


def job_urls(job):
    return [
        ("get", reverse("imports:import_detail", args=[job.pk])),
        ("get", reverse("imports:import_status", args=[job.pk])),
        ("get", reverse("imports:import_errors", args=[job.pk])),
        ("post", reverse("imports:import_confirm", args=[job.pk])),
    ]


@pytest.mark.parametrize("persona", ["hr_a", "manager_a", "hr_b", "nobody"])
def test_non_admins_get_403_everywhere(login, persona, job_a):
    client = login(persona)
    urls = [("get", reverse(name)) for name in PAGES]
    urls += [("get", reverse("imports:import_template", args=["organizations"]))] + job_urls(job_a)
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 403, url
    assert upload(client, GOOD_UNDER_A).status_code == 403
    assert ImportJob.objects.count() == 1


def test_anonymous_is_sent_to_login(login, job_a):
    client = login(None)
    urls = [("get", reverse(name)) for name in PAGES] + job_urls(job_a)
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_org_admin_reaches_own_jobs_only(login, job_a, job_b, job_portal):
    client = login("admin_a")
    for page in PAGES:
        assert client.get(reverse(page)).status_code == 200
    assert client.get(reverse("imports:import_detail", args=[job_a.pk])).status_code == 200
    for other in (job_b, job_portal):
        for method, url in job_urls(other):
            assert getattr(client, method)(url).status_code == 404, url
    listed = text(client.get(reverse("imports:import_list")))
    assert "a.csv" in listed and "b.csv" not in listed and "all.csv" not in listed


def test_national_admin_reaches_every_job(login, job_a, job_b, job_portal):
    client = login("national")
    for job in (job_a, job_b, job_portal):
        assert client.get(reverse("imports:import_detail", args=[job.pk])).status_code == 200
    listed = text(client.get(reverse("imports:import_list")))
    assert all(name in listed for name in ("a.csv", "b.csv", "all.csv"))


def test_scope_choices_are_the_admins_subtree(login, tree):
    page = text(login("admin_a").get(reverse("imports:import_start")))
    assert f'value="{tree.A.pk}"' in page and f'value="{tree.A1.pk}"' in page
    assert f'value="{tree.B.pk}"' not in page and "Toàn cổng" not in page
    national = text(login("national").get(reverse("imports:import_start")))
    assert "Toàn cổng (mọi đơn vị)" in national and f'value="{tree.B.pk}"' in national


def test_org_admin_cannot_post_another_scope(login, tree):
    response = upload(login("admin_a"), GOOD, org=tree.B)
    assert response.status_code == 200 and 'name="organization" class="select form-select is-invalid"' in text(response)
    assert not ImportJob.objects.exists()


def test_admin_menu_offers_import_and_export(login):
    page = text(login("admin_a").get(reverse("portal:home")))
    assert reverse("imports:import_list") in page and reverse("imports:export") in page
    assert reverse("imports:import_list") not in text(login("hr_a").get(reverse("portal:home")))


# --------------------------------------------------------------------------- the flow


def test_upload_preview_confirm_result(login, tree, people):
    client = login("admin_a")
    assert "Sở Nội vụ" in text(client.get(reverse("imports:import_start") + "?kind=organizations"))
    job = job_of(upload(client, GOOD_UNDER_A, org=tree.A))
    assert job.status == ImportStatus.READY and job.created_by == people.admin_a and job.organization == tree.A
    assert bytes(job.file_content) == GOOD_UNDER_A  # in the database, for any web process

    preview = text(client.get(reverse("imports:import_detail", args=[job.pk])))
    assert 'id="count-created">2<' in preview and 'id="count-unchanged">0<' in preview
    assert 'id="confirm-form"' in preview and "Chưa có gì được ghi" in preview
    assert job.file_sha256 in preview and "orgs.csv" in preview and "admin_a" in preview
    assert not Organization.objects.filter(code__in=["N.1", "N.2"]).exists()

    response = client.post(reverse("imports:import_confirm", args=[job.pk]))
    assert response.status_code == 302 and response.url == reverse("imports:import_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Organization.objects.get(code="N.2").parent.code == "N.1"
    result = text(client.get(response.url))
    assert "Đã nhập xong" in result and 'id="count-created">2<' in result and 'id="confirm-form"' not in result
    summary = LogEntry.objects.get(object_pk=str(job.pk))
    assert summary.actor == people.admin_a and summary.additional_data["file_sha256"] == job.file_sha256


def test_blank_rows_are_counted(login, tree):
    data = csv_bytes([HEADER, ["N.1", "Một", A, "PHONG"], ["", "", "", ""], ["N.2", "Hai", A, "PHONG"]])
    job = job_of(upload(login("admin_a"), data, org=tree.A))
    page = text(login("admin_a").get(reverse("imports:import_detail", args=[job.pk])))
    assert 'id="count-blank">1<' in page and 'id="count-created">2<' in page


def test_errors_table_and_errors_workbook(login, tree):
    client = login("admin_a")
    job = job_of(upload(client, BAD, name="bad.csv", org=tree.A))
    assert job.status == ImportStatus.REJECTED and job.error_count == 2
    page = text(client.get(reverse("imports:import_detail", args=[job.pk])))
    assert 'id="error-table"' in page and 'id="confirm-form"' not in page and "chưa ghi gì" in page
    table = error_table(page)
    assert table[0] == ["3", "Mã đơn vị", "n 2", table[0][3]] and "“n 2” không hợp lệ" in table[0][3]
    assert table[1][:3] == ["3", "Loại hình", "&lt;script&gt;alert(1)&lt;/script&gt;"]  # escaped
    assert "Chọn một trong: BO" in table[1][3]  # what is allowed
    assert "<script>alert" not in page and len(table) == 2
    assert not Organization.objects.filter(code="N.1").exists()

    response = client.get(reverse("imports:import_errors", args=[job.pk]))
    assert response.status_code == 200 and "loi-bad.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Dòng", *HEADER, "Lỗi"]
    assert rows[1][:5] == [3, "n 2", "Phòng Hai", A, "<script>alert(1)</script>"]  # the original row
    assert "Mã đơn vị:" in rows[1][5] and "Loại hình:" in rows[1][5]
    assert len(rows) == 2  # only the bad row


def test_more_than_1000_errors_shows_1000_and_the_total_and_downloads_all(login, tree):
    data = csv_bytes([HEADER] + [[f"bad_{i}", f"Phòng {i}", A, "PHONG"] for i in range(1200)])
    client = login("admin_a")
    job = job_of(upload(client, data, org=tree.A))
    page = text(client.get(reverse("imports:import_detail", args=[job.pk])))
    assert len(error_table(page)) == 1000
    assert "Hiển thị 1.000 lỗi đầu tiên trên tổng số 1.200 lỗi" in page
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("imports:import_errors", args=[job.pk])).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 1 + 1200 and rows[-1][1] == "bad_1199" and "bad_1199" in rows[-1][-1]


def test_no_errors_download_for_a_clean_job(login, tree):
    job = job_of(upload(login("admin_a"), GOOD_UNDER_A, org=tree.A))
    assert login("admin_a").get(reverse("imports:import_errors", args=[job.pk])).status_code == 404


def test_oversize_upload_is_refused_before_parsing(login, tree, settings, monkeypatch):
    settings.IMPORT_MAX_FILE_SIZE = 100

    def never(*args, **kwargs):
        raise AssertionError("an oversize file must not be read")

    monkeypatch.setattr("imports.readers.read_table", never)
    response = upload(login("admin_a"), GOOD_UNDER_A + b"x" * 200, name="big.csv", org=tree.A)
    assert response.status_code == 200
    assert "“big.csv” quá lớn" in text(response) and "tối đa 100" in text(response)
    assert not ImportJob.objects.exists()
    assert 'data-max-size="100"' in text(response)  # the browser checks it too (importing.js)


def test_wrong_file_type_gives_the_readers_message(login, tree):
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 500
    job = job_of(upload(login("admin_a"), exe, name="virus.xlsx", org=tree.A))
    assert job.status == ImportStatus.REJECTED
    page = text(login("admin_a").get(reverse("imports:import_detail", args=[job.pk])))
    assert "“virus.xlsx” không phải là tệp Excel .xlsx hợp lệ" in page and "cả tệp" in page
    errors = login("admin_a").get(reverse("imports:import_errors", args=[job.pk]))
    assert errors.status_code == 200  # the message alone, no rows


def test_xlsx_upload(login, tree):
    data = xlsx_bytes([HEADER, ["N.1", "Phòng Một", A, "PHONG"]])
    job = job_of(upload(login("admin_a"), data, name="orgs.xlsx", org=tree.A))
    assert job.status == ImportStatus.READY and job.counts["created"] == 1


def test_double_confirm_imports_once(login, tree):
    client = login("admin_a")
    job = job_of(upload(client, GOOD_UNDER_A, org=tree.A))
    url = reverse("imports:import_confirm", args=[job.pk])
    assert client.post(url).status_code == 302
    orgs, logs = Organization.objects.count(), LogEntry.objects.count()
    assert client.post(url).status_code == 302  # double click / retried POST
    assert (Organization.objects.count(), LogEntry.objects.count()) == (orgs, logs)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.counts["created"] == 2


def test_confirm_is_post_only(login, tree):
    job = job_of(upload(login("admin_a"), GOOD_UNDER_A, org=tree.A))
    assert login("admin_a").get(reverse("imports:import_confirm", args=[job.pk])).status_code == 405
    job.refresh_from_db()
    assert job.status == ImportStatus.READY


def test_a_second_import_for_the_same_scope_gets_a_message(login, tree):
    ImportJob.objects.create(kind="organizations", organization=tree.A, file_name="x.csv", status=ImportStatus.RUNNING)
    response = upload(login("admin_a"), GOOD_UNDER_A, org=tree.A)
    assert response.status_code == 200
    assert "Đang có một lượt nhập dữ liệu khác cho Sở Nội vụ" in text(response)
    assert ImportJob.objects.count() == 1
    # a unit inside A's subtree is blocked too (one active import per subtree) ...
    child = upload(login("admin_a"), GOOD_UNDER_A.replace(A.encode(), tree.A1.code.encode()), org=tree.A1)
    assert child.status_code == 200 and "Đang có một lượt nhập dữ liệu khác cho Phòng Tổ chức" in text(child)
    # ... an organisation outside it is not
    assert job_of(upload(login("national"), GOOD_UNDER_A.replace(A.encode(), tree.B.code.encode()), org=tree.B))


def test_losing_the_race_for_the_scope_is_a_message_not_a_500(login, tree, monkeypatch):
    """Both uploads passed the check; the database constraint decides (IntegrityError → message)."""
    ImportJob.objects.create(kind="organizations", organization=tree.A, file_name="x.csv", status=ImportStatus.RUNNING)
    monkeypatch.setattr(tasks, "busy_message", lambda scope_org: None)
    response = upload(login("admin_a"), GOOD_UNDER_A, org=tree.A)
    assert response.status_code == 200 and "Đang có một lượt nhập dữ liệu khác" in text(response)
    assert ImportJob.objects.count() == 1


def test_confirm_while_another_import_runs_gets_a_message(login, tree):
    client = login("admin_a")
    job = job_of(upload(client, GOOD_UNDER_A, org=tree.A))
    ImportJob.objects.create(kind="organizations", organization=tree.A, file_name="x.csv", status=ImportStatus.RUNNING)
    page = text(client.post(reverse("imports:import_confirm", args=[job.pk]), follow=True))
    assert "Đang có một lượt nhập dữ liệu khác" in page
    job.refresh_from_db()
    assert job.status == ImportStatus.READY and not Organization.objects.filter(code="N.1").exists()


# --------------------------------------------------------------------------- background


@pytest.fixture
def enqueued():
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append(task_result.task.name)

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


def test_big_files_validate_and_write_in_the_background(login, tree, settings, enqueued):
    settings.IMPORT_BACKGROUND_ROWS = 1  # GOOD_UNDER_A has 2 rows (3 lines)
    client = login("admin_a")
    job = job_of(upload(client, GOOD_UNDER_A, org=tree.A))
    assert enqueued == ["validate_import"]  # the immediate backend ran it already
    job.refresh_from_db()
    assert job.status == ImportStatus.READY and job.progress == 100

    client.post(reverse("imports:import_confirm", args=[job.pk]))
    assert enqueued == ["validate_import", "confirm_import"]
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Organization.objects.filter(code="N.2").exists()
    client.post(reverse("imports:import_confirm", args=[job.pk]))  # again: nothing queued
    assert enqueued == ["validate_import", "confirm_import"]


def test_small_files_do_not_use_the_background(login, tree, enqueued):
    job_of(upload(login("admin_a"), GOOD_UNDER_A, org=tree.A))
    assert enqueued == []


def test_big_workbooks_go_to_the_background_without_counting(login, tree, settings, enqueued, monkeypatch):
    settings.IMPORT_BACKGROUND_BYTES = 100
    data = xlsx_bytes([HEADER, ["N.1", "Phòng Một", A, "PHONG"]])
    job = job_of(upload(login("admin_a"), data, name="orgs.xlsx", org=tree.A))
    assert enqueued == ["validate_import"] and tasks.estimated_rows(data, "orgs.xlsx") is None
    job.refresh_from_db()
    assert job.status == ImportStatus.READY


def test_status_fragment_reports_progress_then_sends_to_the_job_page(login, tree, people):
    job = ImportJob.objects.create(
        kind="organizations",
        organization=tree.A,
        file_name="big.csv",
        file_content=GOOD_UNDER_A,
        status=ImportStatus.VALIDATING,
        progress=37,
    )
    client = login("admin_a")
    url = reverse("imports:import_status", args=[job.pk])
    fragment = text(client.get(url, headers={"HX-Request": "true"}))
    assert 'hx-trigger="every 1s"' in fragment and 'aria-valuenow="37"' in fragment and "imp-w-35" in fragment
    assert "Đang kiểm tra tệp" in fragment and "<html" not in fragment
    assert 'id="job-status" hx-swap-oob="true"' in fragment and 'data-status="validating"' in fragment  # the badge
    page = text(client.get(reverse("imports:import_detail", args=[job.pk])))
    assert 'id="job-progress"' in page and 'hx-get="' + url in page and "có thể rời trang" in page

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, progress=95)
    assert "imp-w-95" in text(client.get(url, headers={"HX-Request": "true"}))

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, progress=100)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Redirect"] == reverse("imports:import_detail", args=[job.pk])
    assert 'hx-trigger="every 1s"' not in text(client.get(url))  # no polling once finished


def test_a_queued_upload_shows_the_waiting_bar(login, tree):
    job = ImportJob.objects.create(
        kind="organizations", organization=tree.A, file_name="big.csv", file_content=GOOD_UNDER_A
    )
    page = text(login("admin_a").get(reverse("imports:import_detail", args=[job.pk])))
    assert "Đang chờ kiểm tra tệp" in page and "imp-w-0" in page and 'hx-trigger="every 1s"' in page


def test_a_background_job_that_finds_the_scope_busy_is_rejected_with_the_message(tree):
    ImportJob.objects.create(kind="organizations", organization=tree.A, file_name="x.csv", status=ImportStatus.RUNNING)
    job = ImportJob.objects.create(kind="organizations", organization=tree.A, file_name="y.csv", file_content=GOOD)
    tasks.validate_import.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED and "Đang có một lượt nhập dữ liệu khác" in job.errors[0]["message"]


@pytest.fixture
def worker_waits(settings, enqueued):
    """Background tasks wait in the queue (dummy backend; the test plays the worker) and every
    file counts as big."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.IMPORT_BACKGROUND_ROWS = 1
    return enqueued


def previewed(client, org, data=GOOD_UNDER_A) -> ImportJob:
    job = job_of(upload(client, data, org=org))
    tasks.validate_import.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.READY
    return job


def test_a_queued_confirmation_waits_for_the_worker_then_writes_once(login, tree, worker_waits):
    client = login("admin_a")
    job = previewed(client, tree.A)
    confirm = reverse("imports:import_confirm", args=[job.pk])
    client.post(confirm)
    client.post(confirm)  # double click / retried POST: queued once
    assert worker_waits == ["validate_import", "confirm_import"]
    job.refresh_from_db()
    assert (job.status, job.message, job.progress) == (ImportStatus.QUEUED, "", 0)
    assert not Organization.objects.filter(code="N.1").exists()

    page = text(client.get(reverse("imports:import_detail", args=[job.pk])))
    assert "Đang chờ ghi dữ liệu…" in page and 'hx-trigger="every 1s"' in page and 'id="confirm-form"' not in page
    assert 'data-status="queued">Đang chờ xử lý</span>' in page  # the badge
    fragment = client.get(reverse("imports:import_status", args=[job.pk]), headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "Đang chờ ghi dữ liệu…" in text(fragment)
    listed = text(client.get(reverse("imports:import_list")))
    assert "Đang chờ xử lý" in listed and "mới 2 · cập nhật 0 · không đổi 0" in listed

    tasks.confirm_import.call(str(job.pk))  # the worker
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Organization.objects.filter(code__in=["N.1", "N.2"]).count() == 2
    tasks.confirm_import.call(str(job.pk))  # a task run twice writes nothing more
    assert LogEntry.objects.filter(content_type__model="importjob").count() == 1


def test_a_queued_confirmation_does_not_block_another_upload_of_the_scope(login, tree, worker_waits):
    """Only validating and running jobs hold the scope: a second file may be uploaded while a
    confirmation waits; the worker's claim is what finds the scope busy."""
    client = login("admin_a")
    job = previewed(client, tree.A)
    client.post(reverse("imports:import_confirm", args=[job.pk]))
    second = job_of(upload(client, GOOD_UNDER_A, org=tree.A))
    assert second.status == ImportStatus.UPLOADED
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED and not job.is_active


def test_a_queued_confirmation_that_finds_the_scope_busy_is_ready_again(login, tree, worker_waits):
    client = login("admin_a")
    job = previewed(client, tree.A)
    confirm = reverse("imports:import_confirm", args=[job.pk])
    client.post(confirm)
    other = ImportJob.objects.create(
        kind="organizations", organization=tree.A, file_name="x.csv", status=ImportStatus.RUNNING
    )
    tasks.confirm_import.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.READY and "Đang có một lượt nhập dữ liệu khác" in job.message
    page = text(client.get(reverse("imports:import_detail", args=[job.pk])))
    assert "Đang có một lượt nhập dữ liệu khác" in page and 'id="confirm-form"' in page
    assert not Organization.objects.filter(code="N.1").exists()

    ImportJob.objects.filter(pk=other.pk).update(status=ImportStatus.DONE)
    client.post(confirm)  # the button again: queued again, the old message gone
    job.refresh_from_db()
    assert (job.status, job.message) == (ImportStatus.QUEUED, "")
    assert worker_waits == ["validate_import", "confirm_import", "confirm_import"]
    tasks.confirm_import.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Organization.objects.filter(code="N.1").exists()


# --------------------------------------------------------------------------- query budget


def _preview_queries(client, job) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("imports:import_detail", args=[job.pk])).status_code == 200
    return len(queries)


def test_preview_page_queries_do_not_grow_with_the_errors(login, tree, django_assert_num_queries):
    client = login("admin_a")
    few = job_of(upload(client, csv_bytes([HEADER] + [[f"x{i}", "P", A, "PHONG"] for i in range(10)]), org=tree.A))
    many = job_of(upload(client, csv_bytes([HEADER] + [[f"x{i}", "P", A, "PHONG"] for i in range(1000)]), org=tree.A))
    assert (few.error_count, many.error_count) == (10, 1000)
    expected = _preview_queries(client, few)
    with django_assert_num_queries(expected):
        client.get(reverse("imports:import_detail", args=[many.pk]))


# --------------------------------------------------------------------------- templates and exports


def test_template_download_has_headers_a_sample_row_and_dropdowns(login):
    response = login("admin_a").get(reverse("imports:import_template", args=["organizations"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [*HEADER, "Mã ĐVHC", "Hiệu lực từ"]
    assert sheet["A2"].value and sheet["B2"].value and sheet["C2"].value == A and sheet["D2"].value == "PHONG"
    parent, kind = sheet.data_validations.dataValidation  # the admin's unit codes; the kinds
    assert parent.type == kind.type == "list" and "C2:C1000" in str(parent.sqref) and "D2:D1000" in str(kind.sqref)


def test_template_of_an_unknown_kind_is_404(login):
    assert login("admin_a").get(reverse("imports:import_template", args=["nothing"])).status_code == 404


def test_start_page_lists_a_template_per_registered_kind(login):
    """Whatever sheets the apps registered; reference data of the whole portal for national
    admins only."""
    from imports.registry import sheets

    admin_page = text(login("admin_a").get(reverse("imports:import_start")))
    national_page = text(login("national").get(reverse("imports:import_start")))
    for sheet in sheets():
        url = reverse("imports:import_template", args=[sheet.kind])
        assert url in national_page and f'<option value="{sheet.kind}"' in national_page
        national_only = getattr(sheet, "national_only", False)
        assert (url in admin_page) is not national_only, sheet.kind
        assert (f'<option value="{sheet.kind}"' in admin_page) is not national_only, sheet.kind
        if national_only:
            assert login("admin_a").get(url).status_code == 404


def test_yes_no_columns_get_a_dropdown_too():
    from imports.values import YesNo

    assert YesNo().choices() == ["Có", "Không"]


def test_every_registered_template_has_a_dropdown_for_every_enumeration(login):
    """Whatever kinds are registered: each enumeration column (year columns included, once for
    last year) has a list validation over its data rows."""
    from imports.readers import column_letter
    from imports.registry import sheets

    client = login("national")
    for sheet_def in sheets():
        book = openpyxl.load_workbook(
            io.BytesIO(client.get(reverse("imports:import_template", args=[sheet_def.kind])).content)
        )
        data = book.worksheets[0]
        rules = {str(rule.sqref): rule for rule in data.data_validations.dataValidation}
        headers = [c.value for c in data[1]]
        assert len(headers) == len(sheet_def.columns), sheet_def.kind
        for index, header in enumerate(headers):
            column = sheet_def.column_for(header)
            assert column is not None, header
            if column.parser.choices():
                letter = column_letter(index)
                rule = rules.get(f"{letter}2:{letter}1000")
                assert rule is not None and rule.type == "list", (sheet_def.kind, header)


def test_export_is_formula_escaped(login, tree):
    Organization.objects.create(code="F.1", name='=HYPERLINK("http://x")', kind="PHONG", parent=tree.A)
    Organization.objects.create(code="F.2", name="+1 Phòng", kind="PHONG", parent=tree.A)
    client = login("admin_a")
    url = reverse("imports:export")
    xlsx = client.get(url, {"kind": "organizations", "organization": tree.A.pk, "format": "xlsx"})
    assert xlsx.status_code == 200 and f"organizations-{A}-" in xlsx["Content-Disposition"]
    names = [row[1] for row in openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names and "'+1 Phòng" in names and "Sở Tài chính" not in names
    csv = client.get(url, {"kind": "organizations", "organization": tree.A.pk, "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "'+1 Phòng" in body and "Sở Tài chính" not in body


def test_export_form_and_scope(login, tree):
    client = login("admin_a")
    page = text(client.get(reverse("imports:export") + "?kind=organizations"))
    assert 'id="export-form"' in page and 'value="xlsx"' in page
    other = client.get(reverse("imports:export"), {"kind": "organizations", "organization": tree.B.pk, "format": "csv"})
    assert other.status_code == 200 and "text/html" in other["Content-Type"]  # the form again, with the error
    national = login("national").get(reverse("imports:export"), {"kind": "organizations", "format": "csv"})
    assert "Bộ Nội vụ" in national.content.decode("utf-8-sig")  # the whole portal


def cells(data: bytes, fmt: str) -> list[list]:
    table = readers.read_table(data, f"export.{fmt}")
    return [list(row) for _number, row in table.rows]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_reimport_through_the_web_changes_nothing(login, tree, fmt):
    client = login("admin_a")
    exported = client.get(
        reverse("imports:export"), {"kind": "organizations", "organization": tree.A.pk, "format": fmt}
    )
    # The same cells as the engine's export (a workbook's bytes also hold the time it was written).
    expected = export_bytes(kind="organizations", fmt=fmt, scope_org=tree.A)
    assert cells(exported.content, fmt) == cells(expected, fmt)
    job = job_of(upload(client, exported.content, name=f"export.{fmt}", org=tree.A))
    subtree = Organization.objects.filter(path__startswith=tree.A.path).count()
    assert job.status == ImportStatus.READY
    assert job.counts == {"created": 0, "updated": 0, "unchanged": subtree, "blank": 0, "errors": 0}
    page = text(client.get(reverse("imports:import_detail", args=[job.pk])))
    assert f'id="count-unchanged">{subtree}<' in page


# --------------------------------------------------------------------------- the reader's language


@pytest.fixture
def keep_language():
    """The language active before the test, again after it: the locale middleware activates the
    language of each request in the test's thread, and an English request would leave English
    active for the tests that run after this one."""
    with translation.override(translation.get_language()):
        yield


def in_language(client, code: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def test_errors_found_in_vietnamese_read_in_english_on_the_page_and_in_the_errors_workbook(login, tree, keep_language):
    client = login("admin_a")
    job = job_of(upload(client, BAD, name="bad.csv", org=tree.A))  # validated in Vietnamese
    assert job.errors[0]["message"]["msgid"] == "Mã “%(value)s” không hợp lệ: %(rule)s"  # not the text
    english = text(in_language(login("admin_a"), "en").get(reverse("imports:import_detail", args=[job.pk])))
    table = error_table(english)
    assert table[0][3].startswith("Invalid code “n 2”: up to 35 characters: digits")
    assert "not an accepted value. Choose one of: BO (" in table[1][3] and "không hợp lệ" not in english
    book = in_language(login("admin_a"), "en").get(reverse("imports:import_errors", args=[job.pk]))
    row = list(openpyxl.load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))[1]
    assert "Mã đơn vị: Invalid code “n 2”" in row[-1] and "is not an accepted value" in row[-1]
    vietnamese = text(login("admin_a").get(reverse("imports:import_detail", args=[job.pk])))
    assert "“n 2” không hợp lệ" in error_table(vietnamese)[0][3]


def test_errors_found_in_english_read_in_vietnamese(login, tree, keep_language):
    job = job_of(upload(in_language(login("admin_a"), "en"), BAD, name="bad.csv", org=tree.A))
    page = text(login("admin_a").get(reverse("imports:import_detail", args=[job.pk])))
    assert "Mã “n 2” không hợp lệ: tối đa 35 ký tự" in error_table(page)[0][3] and "Invalid code" not in page


def test_errors_stored_as_text_before_still_show_as_stored(login, tree, people, keep_language):
    job = ImportJob.objects.create(
        kind="organizations",
        organization=tree.A,
        created_by=people.admin_a,
        file_name="old.csv",
        status=ImportStatus.REJECTED,
        errors=[{"row": 2, "column": "Mã đơn vị", "value": "x", "message": "Mã “x” không hợp lệ (cũ)."}],
        error_count=1,
    )
    page = text(in_language(login("admin_a"), "en").get(reverse("imports:import_detail", args=[job.pk])))
    assert error_table(page) == [["2", "Mã đơn vị", "x", "Mã “x” không hợp lệ (cũ)."]]
