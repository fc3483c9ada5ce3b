"""Import reliability (issue 11, items 1, 3, 12): a job whose process died is recovered by its
heartbeat; admins cancel and re-run jobs; one active import per subtree; database errors are
logged, never stored or shown. The fault tests with real processes are in
test_reliability_pg.py (PostgreSQL)."""

import datetime as dt
import logging
import uuid

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from imports import jobs, tasks
from imports.errors import ImportBusy
from imports.jobs import cancel_job, confirm_job, create_job, preview_job, recover_stale_jobs, run_import
from imports.models import ImportJob, ImportStatus
from imports.registry import get_sheet
from portal.models import Organization
from tests.builders import csv_bytes, manage, write_file

pytestmark = pytest.mark.django_db

HEADER = ["code", "name", "parent_code", "kind"]
DEAD = "Tiến trình xử lý đã dừng đột ngột; dữ liệu không thay đổi. Hãy nhập lại tệp."


def good_under(org) -> bytes:
    return csv_bytes([HEADER, [f"{org.code}.N1", "Phòng Một", org.code, "PHONG"]])


def active_job(org, status=ImportStatus.RUNNING, *, age: int = 0, content: bytes = b"") -> ImportJob:
    job = ImportJob.objects.create(
        kind="organizations", organization=org, file_name="a.csv", status=status, file_content=content
    )
    if age:
        ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(seconds=age))
    return job


def status_of(job) -> str:
    job.refresh_from_db()
    return job.status


# --------------------------------------------------------------------------- heartbeat + recovery


@pytest.mark.parametrize("status", [ImportStatus.VALIDATING, ImportStatus.RUNNING])
def test_a_stale_heartbeat_is_recovered_by_the_next_import(tree, settings, status):
    settings.IMPORT_HEARTBEAT_TIMEOUT = 120
    dead = active_job(tree.A, status, age=121)
    assert run_import(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A).created == 1
    dead.refresh_from_db()
    assert (dead.status, dead.message) == (ImportStatus.FAILED, DEAD) and dead.finished_at


def test_a_fresh_heartbeat_still_blocks(tree, settings):
    settings.IMPORT_HEARTBEAT_TIMEOUT = 120
    alive = active_job(tree.A, age=100)
    with pytest.raises(ImportBusy):
        run_import(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A)
    assert status_of(alive) == ImportStatus.RUNNING


def test_a_stale_heartbeat_is_recovered_by_the_workers_next_task(tree, settings):
    dead = active_job(tree.A, age=settings.IMPORT_HEARTBEAT_TIMEOUT + 1)
    tasks.confirm_import.enqueue(str(uuid.uuid4()))  # any import task, even one with nothing to do
    assert status_of(dead) == ImportStatus.FAILED
    dead2 = active_job(tree.A, ImportStatus.VALIDATING, age=settings.IMPORT_HEARTBEAT_TIMEOUT + 1)
    tasks.validate_import.enqueue(str(uuid.uuid4()))
    assert status_of(dead2) == ImportStatus.FAILED


def test_a_stale_heartbeat_is_recovered_by_the_job_page(login, tree, settings):
    dead = active_job(tree.A, age=settings.IMPORT_HEARTBEAT_TIMEOUT + 1, content=good_under(tree.A))
    page = login("admin_a").get(reverse("imports:import_detail", args=[dead.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and DEAD in text and 'id="rerun-button"' in text
    assert 'id="cancel-button"' not in text and "Đang ghi dữ liệu" not in text
    assert status_of(dead) == ImportStatus.FAILED
    # the list of imports shows it failed
    again = active_job(tree.A1, age=settings.IMPORT_HEARTBEAT_TIMEOUT + 1)
    assert login("admin_a").get(reverse("imports:import_list")).status_code == 200
    assert status_of(again) == ImportStatus.FAILED
    # the progress fragment the page polls recovers too (and sends the browser to the page)
    other = active_job(tree.B, age=settings.IMPORT_HEARTBEAT_TIMEOUT + 1)
    status = login("national").get(reverse("imports:import_status", args=[other.pk]), HTTP_HX_REQUEST="true")
    assert status.status_code == 204 and status_of(other) == ImportStatus.FAILED


def test_progress_refreshes_the_heartbeat_every_few_seconds(tree, monkeypatch):
    job = active_job(tree.A, ImportStatus.VALIDATING, age=60)
    clock = iter([0.0, 1.0, 10.0])
    monkeypatch.setattr(jobs.time, "monotonic", lambda: next(clock))
    report = jobs._job_progress(job, None)  # reads the clock once (t=0)
    report(1)  # t=1: less than 5 % and less than a few seconds: nothing saved
    job.refresh_from_db()
    assert (timezone.now() - job.updated_at).total_seconds() > 50
    report(2)  # t=10: no 5 % step, but the heartbeat is due
    job.refresh_from_db()
    assert (timezone.now() - job.updated_at).total_seconds() < 5


def test_a_recovered_job_is_not_overwritten_by_its_late_process(tree, monkeypatch):
    """The process was only slow: it finds its job recovered as dead, drops its preview."""
    job = create_job(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A)
    sheet = get_sheet("organizations")
    original = type(sheet).validate

    def validate_late(self, rows, ctx, errors):
        original(self, rows, ctx, errors)
        ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))
        recover_stale_jobs()

    monkeypatch.setattr(type(sheet), "validate", validate_late)
    preview_job(job)
    job.refresh_from_db()
    assert (job.status, job.message) == (ImportStatus.FAILED, DEAD)


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit])
def test_a_process_stopped_mid_import_leaves_the_job_failed(tree, monkeypatch, exc):
    job = create_job(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A)
    preview_job(job)

    def stop(*args, **kwargs):
        raise exc()

    monkeypatch.setattr(type(get_sheet("organizations")), "write", stop)
    with pytest.raises(exc):
        confirm_job(job)
    job.refresh_from_db()
    assert (job.status, job.message) == (ImportStatus.FAILED, DEAD)
    assert not Organization.objects.filter(code=f"{tree.A.code}.N1").exists()


# --------------------------------------------------------------------------- re-run and cancel


def test_the_rerun_button_imports_the_stored_file_again(login, tree):
    data = good_under(tree.A)
    failed = active_job(tree.A, ImportStatus.FAILED, content=data)
    client = login("admin_a")
    response = client.post(reverse("imports:import_rerun", args=[failed.pk]))
    new = ImportJob.objects.exclude(pk=failed.pk).get()
    assert response.status_code == 302 and response.url == reverse("imports:import_detail", args=[new.pk])
    assert bytes(new.file_content) == data and new.status == ImportStatus.READY and new.counts["created"] == 1
    assert new.created_by.username == "admin_a" and new.organization == tree.A
    assert 'id="confirm-button"' in client.get(response.url).content.decode()  # its preview
    # a job that did not fail has no re-run; a job without a stored file gets a message
    done = active_job(tree.A, ImportStatus.DONE, content=data)
    assert client.post(reverse("imports:import_rerun", args=[done.pk])).status_code == 302
    cli = active_job(tree.A, ImportStatus.FAILED)
    page = client.post(reverse("imports:import_rerun", args=[cli.pk]), follow=True)
    assert "không được lưu trên cổng" in page.content.decode()
    assert ImportJob.objects.count() == 4


def test_rerun_and_cancel_are_scoped_and_post_only(login, tree):
    job = active_job(tree.B, ImportStatus.FAILED, content=good_under(tree.B))
    for name in ("import_rerun", "import_cancel"):
        url = reverse(f"imports:{name}", args=[job.pk])
        assert login("admin_a").post(url).status_code == 404  # B is outside admin_a's scope
        assert login("national").get(url).status_code == 405
    assert status_of(job) == ImportStatus.FAILED and ImportJob.objects.count() == 1


@pytest.mark.parametrize(
    "status", [ImportStatus.UPLOADED, ImportStatus.VALIDATING, ImportStatus.QUEUED, ImportStatus.RUNNING]
)
def test_an_admin_cancels_a_pending_job(login, tree, status):
    job = active_job(tree.A, status, content=good_under(tree.A))
    client = login("admin_a")
    assert 'id="cancel-button"' in client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    page = client.post(reverse("imports:import_cancel", args=[job.pk]), follow=True).content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED and "bị huỷ bởi admin_a" in job.message and job.finished_at
    assert "bị huỷ bởi admin_a" in page and 'id="rerun-button"' in page
    # the scope is free again; cancelling a settled job says so
    assert run_import(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A).written
    again = client.post(reverse("imports:import_cancel", args=[job.pk]), follow=True).content.decode()
    assert "đã kết thúc" in again and status_of(job) == ImportStatus.CANCELLED


def test_a_job_cancelled_while_validating_is_not_written(tree, people, monkeypatch):
    """The cancel lands while the confirming process validates: its write is rolled back and the
    cancel stays."""
    job = create_job(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A)
    preview_job(job)
    sheet = get_sheet("organizations")
    original = type(sheet).validate

    def validate_then_cancelled(self, rows, ctx, errors):
        original(self, rows, ctx, errors)
        cancel_job(ImportJob.objects.get(pk=job.pk), user=people.admin_a)

    monkeypatch.setattr(type(sheet), "validate", validate_then_cancelled)
    result = confirm_job(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED and not result.written
    assert not Organization.objects.filter(code=f"{tree.A.code}.N1").exists()


def test_a_cancelled_queued_job_is_not_written_by_the_worker(tree, people):
    job = create_job(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A)
    preview_job(job)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
    assert cancel_job(job, user=people.admin_a)
    tasks.confirm_import.enqueue(str(job.pk))
    assert status_of(job) == ImportStatus.CANCELLED
    assert not Organization.objects.filter(code=f"{tree.A.code}.N1").exists()


# --------------------------------------------------------------------------- one import per subtree


def test_a_parent_import_blocks_its_children(tree):
    active_job(tree.A)
    for org in (tree.A1, tree.A2):
        with pytest.raises(ImportBusy, match="cấp trên, cấp dưới"):
            run_import(kind="organizations", data=good_under(org), file_name="o.csv", scope_org=org)
    assert run_import(kind="organizations", data=good_under(tree.B), file_name="o.csv", scope_org=tree.B).written


def test_a_child_import_blocks_its_ancestors_and_the_whole_portal(tree):
    active_job(tree.A1)
    for org in (tree.A, tree.P, None):
        with pytest.raises(ImportBusy):
            run_import(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=org)
    # the sibling A2 and the other branch are free
    assert run_import(kind="organizations", data=good_under(tree.A2), file_name="o.csv", scope_org=tree.A2).written


def test_a_whole_portal_import_blocks_every_scope(tree):
    active_job(None, ImportStatus.VALIDATING)
    for org in (tree.P, tree.A, tree.A1, tree.B, tree.M):
        with pytest.raises(ImportBusy):
            run_import(kind="organizations", data=good_under(org), file_name="o.csv", scope_org=org)


def test_preview_and_confirm_claims_check_the_subtree(tree):
    job = create_job(kind="organizations", data=good_under(tree.A1), file_name="o.csv", scope_org=tree.A1)
    parent = active_job(tree.P)
    with pytest.raises(ImportBusy):
        preview_job(job)
    assert status_of(job) == ImportStatus.UPLOADED  # the claim was rolled back
    ImportJob.objects.filter(pk=parent.pk).update(status=ImportStatus.DONE)
    preview_job(job)
    active_job(None)
    with pytest.raises(ImportBusy):
        confirm_job(job)
    assert status_of(job) == ImportStatus.READY


def test_the_upload_page_names_only_the_users_own_scope(login, tree):
    """The busy message names the scope asked for, never the other (maybe unreadable) job's."""
    active_job(tree.P)
    response = login("admin_a").post(
        reverse("imports:import_start"),
        {"kind": "organizations", "file": _upload(good_under(tree.A1)), "organization": tree.A1.pk},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "Đang có một lượt nhập dữ liệu khác cho Phòng Tổ chức" in text
    assert tree.P.name not in text.split("Đang có một lượt nhập")[1][:300]


def _upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("o.csv", data)


# --------------------------------------------------------------------------- database errors


def test_a_database_error_is_logged_never_stored(tree, monkeypatch, caplog):
    secret = 'COPY portal_staff, line 7: "024178706573,Nguyễn Văn Bí Mật,1980-02-29"'
    job = create_job(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A)
    preview_job(job)

    def fail(*args, **kwargs):
        raise DatabaseError(f"canceling statement due to statement timeout\nCONTEXT: {secret}")

    monkeypatch.setattr(type(get_sheet("organizations")), "write", fail)
    with caplog.at_level(logging.ERROR, logger="imports.jobs"), pytest.raises(DatabaseError):
        confirm_job(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "024178706573" not in job.message and "Bí Mật" not in job.message and "COPY" not in job.message
    assert job.message.startswith("Lỗi cơ sở dữ liệu khi ghi; dữ liệu không thay đổi. Mã lỗi: ")
    ref = job.message.rsplit(" ", 1)[1]
    assert len(ref) == 8
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert ref in logged and "024178706573" in caplog.text
    assert not Organization.objects.filter(code=f"{tree.A.code}.N1").exists()


def test_the_job_page_never_shows_a_raw_error(login, tree, monkeypatch):
    job = create_job(kind="organizations", data=good_under(tree.A), file_name="o.csv", scope_org=tree.A)
    preview_job(job)

    def fail(*args, **kwargs):
        raise RuntimeError("024178706573 Nguyễn Văn Bí Mật")

    monkeypatch.setattr(type(get_sheet("organizations")), "write", fail)
    with pytest.raises(RuntimeError):
        confirm_job(job)
    page = login("admin_a").get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    assert "024178706573" not in page and "RuntimeError" not in page and "Mã lỗi" in page


@pytest.mark.parametrize("running", ["A", "whole portal"])
def test_the_command_line_gets_the_busy_message_not_a_traceback(tree, tmp_path, running):
    """``import_data … --org A`` while an import of the whole portal runs (or the same without
    ``--org`` while one of A runs): exit 2 with the message, nothing written."""
    active_job(tree.A if running == "A" else None)
    path = write_file(tmp_path, "o.csv", good_under(tree.A))
    args = ("import_data", "organizations", path) + (("--org", tree.A.code) if running != "A" else ())
    code, out, err = manage(*args)
    assert code == 2 and "Đang có một lượt nhập dữ liệu khác" in err
    assert "Traceback" not in err and "UniqueViolation" not in err and "IntegrityError" not in err
    assert not Organization.objects.filter(code=f"{tree.A.code}.N1").exists()
