"""The web flow's job services: upload → preview → confirm, stored in the database; confirming
twice imports once; one import at a time per organisation scope."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from imports.engine import ERRORS_STORED
from imports.errors import ImportBusy, RowError, UnreadableFile
from imports.jobs import confirm_job, create_job, preview_job, run_import
from imports.models import ImportJob, ImportStatus
from portal.models import Organization
from tests.builders import csv_bytes

pytestmark = pytest.mark.django_db

A = "000.00.01.H17"
GOOD = csv_bytes(
    [["code", "name", "kind", "parent_code"], ["N.1", "Phòng 1", "PHONG", A], ["N.2", "Phòng 2", "PHONG", "N.1"]]
)


def org_logs() -> int:
    return LogEntry.objects.filter(content_type__model="organization").count()


def test_upload_preview_confirm(tree, people):
    job = create_job(kind="organizations", data=GOOD, file_name="orgs.csv", scope_org=tree.A, user=people.admin_a)
    assert job.status == ImportStatus.UPLOADED and bytes(job.file_content) == GOOD and len(job.file_sha256) == 64

    seen = []
    preview = preview_job(ImportJob.objects.get(pk=job.pk), progress=seen.append)  # another process: fresh row
    job.refresh_from_db()
    assert (preview.created, preview.written, preview.error_count) == (2, False, 0)
    assert job.status == ImportStatus.READY and job.counts["created"] == 2 and job.progress == 100
    assert seen and seen[-1] == 100
    assert not Organization.objects.filter(code__in=["N.1", "N.2"]).exists()

    result = confirm_job(ImportJob.objects.get(pk=job.pk))
    job.refresh_from_db()
    assert (result.created, result.written) == (2, True)
    assert job.status == ImportStatus.DONE and job.finished_at is not None
    assert Organization.objects.get(code="N.2").parent.code == "N.1"
    assert org_logs() == 2


def test_confirm_twice_imports_once(tree, people):
    job = create_job(kind="organizations", data=GOOD, file_name="orgs.csv", user=people.national)
    preview_job(job)
    first = confirm_job(ImportJob.objects.get(pk=job.pk))
    logs, count = LogEntry.objects.count(), Organization.objects.count()
    again = confirm_job(ImportJob.objects.get(pk=job.pk))  # double click / retried POST
    assert (again.created, again.written, again.job_id) == (first.created, True, first.job_id)
    assert (LogEntry.objects.count(), Organization.objects.count()) == (logs, count)


def test_confirm_without_a_preview_does_nothing(tree):
    job = create_job(kind="organizations", data=GOOD, file_name="orgs.csv")
    result = confirm_job(job)
    assert not result.written and not Organization.objects.filter(code="N.1").exists()
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


def test_confirm_validates_again(tree):
    Organization.objects.create(code="X.P", name="Tạm", kind="SO", parent=tree.A)
    data = csv_bytes([["code", "name", "kind", "parent_code"], ["N.1", "Phòng", "PHONG", "X.P"]])
    job = create_job(kind="organizations", data=data, file_name="orgs.csv")
    assert preview_job(job).created == 1
    Organization.objects.filter(code="X.P").delete()  # the parent went away meanwhile
    result = confirm_job(ImportJob.objects.get(pk=job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED and result.error_count == 1 and not result.written
    assert not Organization.objects.filter(code="N.1").exists()


def test_preview_stores_the_first_1000_errors_and_the_total(tree):
    rows = [["code", "name", "kind", "parent_code"]] + [[f"bad_{i}", f"Phòng {i}", "PHONG", A] for i in range(5000)]
    job = create_job(kind="organizations", data=csv_bytes(rows), file_name="bad.csv")
    result = preview_job(job)
    job.refresh_from_db()
    assert result.error_count == job.error_count == 5000
    assert len(job.errors) == ERRORS_STORED
    first = RowError.from_dict(job.errors[0])
    assert (first.row, first.column) == (2, "code") and "bad_0" in first.message
    assert job.status == ImportStatus.REJECTED and job.counts["errors"] == 5000


def test_preview_of_an_unreadable_file(tree):
    job = create_job(kind="organizations", data=b"MZ\x90\x00" + b"\0" * 100, file_name="virus.xlsx")
    result = preview_job(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED and "không phải là tệp Excel" in job.message
    assert result.fatal and result.errors[0].row is None


def test_upload_over_the_size_limit_is_refused(tree, settings):
    settings.IMPORT_MAX_FILE_SIZE = 100
    with pytest.raises(UnreadableFile):
        create_job(kind="organizations", data=b"x" * 101, file_name="big.csv")
    assert not ImportJob.objects.exists()


def test_one_active_import_per_scope(tree):
    ImportJob.objects.create(kind="organizations", organization=tree.A, file_name="a.csv", status=ImportStatus.RUNNING)
    with pytest.raises(ImportBusy) as info:
        run_import(kind="organizations", data=GOOD, file_name="orgs.csv", scope_org=tree.A)
    assert "Sở Nội vụ" in info.value.message
    waiting = create_job(kind="organizations", data=GOOD, file_name="orgs.csv", scope_org=tree.A)
    with pytest.raises(ImportBusy):
        preview_job(waiting)
    # another organisation is free, and so is a dry run
    other = csv_bytes([["code", "name", "kind", "parent_code"], ["N.9", "Phòng", "PHONG", tree.B.code]])
    assert run_import(kind="organizations", data=other, file_name="b.csv", scope_org=tree.B).created == 1
    assert (
        run_import(kind="organizations", data=GOOD, file_name="orgs.csv", scope_org=tree.A, dry_run=True).created == 2
    )


def test_one_active_import_for_the_whole_portal(tree):
    ImportJob.objects.create(kind="organizations", organization=None, file_name="a.csv", status=ImportStatus.VALIDATING)
    with pytest.raises(ImportBusy):
        run_import(kind="organizations", data=GOOD, file_name="orgs.csv")


def test_a_stale_active_job_does_not_block_forever(tree):
    stale = ImportJob.objects.create(
        kind="organizations", organization=tree.A, file_name="a.csv", status=ImportStatus.RUNNING
    )
    ImportJob.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - dt.timedelta(hours=3))
    assert run_import(kind="organizations", data=GOOD, file_name="orgs.csv", scope_org=tree.A).created == 2
    stale.refresh_from_db()
    assert stale.status == ImportStatus.FAILED


def test_finished_jobs_do_not_block(tree):
    run_import(kind="organizations", data=GOOD, file_name="orgs.csv", scope_org=tree.A)
    again = run_import(kind="organizations", data=GOOD, file_name="orgs.csv", scope_org=tree.A)
    assert again.unchanged == 2
    assert ImportJob.objects.filter(organization=tree.A, status=ImportStatus.DONE).count() == 2


def test_the_heartbeat_timeout_is_a_setting(tree, settings):
    settings.IMPORT_HEARTBEAT_TIMEOUT = 60
    quiet = ImportJob.objects.create(
        kind="organizations", organization=tree.A, file_name="a.csv", status=ImportStatus.RUNNING
    )
    ImportJob.objects.filter(pk=quiet.pk).update(updated_at=timezone.now() - dt.timedelta(seconds=90))
    assert run_import(kind="organizations", data=GOOD, file_name="orgs.csv", scope_org=tree.A).created == 2
    quiet.refresh_from_db()
    assert quiet.status == ImportStatus.FAILED and "dừng đột ngột" in quiet.message


# --------------------------------------------------------------------------- migration


def test_migration_turns_the_old_confirm_queued_flag_into_the_queued_status(db):
    """imports 0002's data step, on the migration's own model state: a ``ready`` job whose
    message was the flag "confirm-queued" becomes ``queued`` (message cleared), other ready
    jobs stay as they are; backwards restores the flag."""
    from types import SimpleNamespace

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(connection)
    [convert] = [
        op for op in loader.get_migration("imports", "0002_queued_status").operations if isinstance(op, RunPython)
    ]
    apps = loader.project_state(("imports", "0002_queued_status")).apps
    editor = SimpleNamespace(connection=connection)
    ImportJob.objects.create(
        kind="organizations", file_name="a.csv", status=ImportStatus.READY, message="confirm-queued"
    )
    ImportJob.objects.create(kind="organizations", file_name="b.csv", status=ImportStatus.READY, message="Đang có…")
    ImportJob.objects.create(
        kind="organizations", file_name="c.csv", status=ImportStatus.DONE, message="confirm-queued"
    )

    def state():
        return {j.file_name: (j.status, j.message) for j in ImportJob.objects.order_by("file_name")}

    convert.code(apps, editor)
    assert state() == {
        "a.csv": (ImportStatus.QUEUED, ""),
        "b.csv": (ImportStatus.READY, "Đang có…"),
        "c.csv": (ImportStatus.DONE, "confirm-queued"),
    }
    convert.reverse_code(apps, editor)
    assert state()["a.csv"] == (ImportStatus.READY, "confirm-queued")
    assert state()["b.csv"] == (ImportStatus.READY, "Đang có…")
