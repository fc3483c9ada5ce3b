"""Background work of the web import flow (``django.tasks``), and the choice between running an
import step in the request or in the background.

The uploaded bytes and the preview live in the ``ImportJob`` row, so a step may run in any web
process or ``db_worker``. A file above ``IMPORT_BACKGROUND_ROWS`` rows (or, for a workbook whose
rows are costly to count, above ``IMPORT_BACKGROUND_BYTES``) is validated and written by a task
while the job page shows the job's progress; smaller files are done before the page answers.
"""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from imports import readers
from imports.engine import validate_file
from imports.errors import ImportBusy, ImportFailure, RowError, UnreadableFile
from imports.jobs import confirm_job, create_job, overlapping_jobs, preview_job, recover_stale_jobs
from imports.models import ImportJob, ImportStatus
from imports.registry import get_sheet


def estimated_rows(data: bytes, file_name: str) -> int | None:
    """Rows in the file, counted cheaply; ``None`` when counting would cost as much as reading
    (a big workbook: then it counts as big)."""
    if not data.startswith(readers.ZIP_MAGIC):
        return data.count(b"\n") + 1
    if len(data) > settings.IMPORT_BACKGROUND_BYTES:
        return None
    try:
        return readers.read_table(data, file_name).total
    except UnreadableFile:
        return 0  # the preview reports it, quickly


def runs_in_background(rows: int | None) -> bool:
    return rows is None or rows > settings.IMPORT_BACKGROUND_ROWS


def busy_message(scope_org) -> str | None:
    """The engine's message when another import whose scope overlaps ``scope_org``'s (the same
    organisation, an ancestor, a descendant or the whole portal) is validating or running."""
    from imports.jobs import _busy

    recover_stale_jobs()  # a job whose process died does not block its scope
    return _busy(scope_org).message if overlapping_jobs(scope_org).exists() else None


def start_import(*, kind: str, data: bytes, file_name: str, scope_org, user) -> ImportJob:
    """Store the upload as a job and validate it (here, or in the background for a big file).
    Raises ``ImportBusy`` (another import of the scope is active: nothing is kept),
    ``UnreadableFile`` (over the size limit) and ``UnknownKind``."""
    message = busy_message(scope_org)
    if message:
        raise ImportBusy(message)
    job = create_job(kind=kind, data=data, file_name=file_name, scope_org=scope_org, user=user)
    if runs_in_background(estimated_rows(data, file_name)):
        validate_import.enqueue(str(job.pk))
        return job
    try:
        preview_job(job, statement_timeout=settings.IMPORT_STATEMENT_TIMEOUT)
    except ImportBusy:
        job.delete()  # lost the race against another upload: keep nothing
        raise
    return job


def job_rows(job: ImportJob) -> int:
    counts = job.counts or {}
    return sum(counts.get(k, 0) for k in ("created", "updated", "unchanged", "blank"))


def start_confirm(job: ImportJob) -> None:
    """Write a previewed job (here, or in the background for a big file: ``ready`` → ``queued``
    until a worker claims it). Idempotent: a second call for the same job (double click, retried
    POST) neither queues nor writes again. Raises ``ImportBusy`` when another import of the scope
    is active."""
    if not runs_in_background(job_rows(job)):
        confirm_job(job, statement_timeout=settings.IMPORT_STATEMENT_TIMEOUT)
        return
    queued = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(
        status=ImportStatus.QUEUED, message="", progress=0, updated_at=timezone.now()
    )
    if queued:
        confirm_import.enqueue(str(job.pk))


def rerun(job: ImportJob, *, user) -> ImportJob:
    """A new job from a failed or cancelled job's stored file (validated like a new upload).
    Raises ``ImportFailure`` when the job is not failed/cancelled or its file was not kept (a
    command-line import), and what ``start_import`` raises."""
    content = bytes(job.file_content)
    if not job.can_rerun or not content:
        raise ImportFailure(
            _("Không thể nhập lại lượt này: tệp “%(name)s” không được lưu trên cổng. Hãy tải tệp lên lại.")
            % {"name": job.file_name}
        )
    return start_import(kind=job.kind, data=content, file_name=job.file_name, scope_org=job.organization, user=user)


def all_errors(job: ImportJob) -> list[RowError]:
    """Every error of a rejected job, for the errors workbook: the job keeps the first 1,000, so
    a file with more is validated again (without a limit) to list them all."""
    stored = [RowError.from_dict(e) for e in job.errors or []]
    if job.error_count <= len(stored):
        return stored
    try:
        validated = validate_file(
            sheet=get_sheet(job.kind),
            data=bytes(job.file_content),
            file_name=job.file_name,
            scope_org=job.organization,
            user=job.created_by,
            error_limit=None,
        )
    except ImportFailure:
        return stored
    return validated.errors.sorted() or stored


# --------------------------------------------------------------------------- tasks


def _job(job_id: str) -> ImportJob | None:
    return ImportJob.objects.filter(pk=job_id).first()


@task
def validate_import(job_id: str) -> dict:
    """Validate an uploaded job (``preview_job``); progress is saved on the job as it goes."""
    recover_stale_jobs()  # a worker's first task recovers the jobs of a worker that died
    job = _job(job_id)
    if job is None:
        return {}
    try:
        preview_job(job)
    except ImportBusy as exc:
        _reject(job, exc.message)
    job.refresh_from_db()
    return {"status": job.status, **job.counts}


@task
def confirm_import(job_id: str) -> dict:
    """Write a previewed job (``confirm_job``: validates again, one transaction, audit log)."""
    recover_stale_jobs()  # a worker's first task recovers the jobs of a worker that died
    job = _job(job_id)
    if job is None:
        return {}
    try:
        confirm_job(job)
    except ImportBusy as exc:
        # back to ready: the page says why and offers the button again
        ImportJob.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).update(
            status=ImportStatus.READY, message=exc.message, updated_at=timezone.now()
        )
    job.refresh_from_db()
    return {"status": job.status, **job.counts}


def _reject(job: ImportJob, message: str) -> None:
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk, status=ImportStatus.UPLOADED).update(
        status=ImportStatus.REJECTED,
        message=message,
        errors=[RowError(None, None, "", message).as_dict()],
        error_count=1,
        progress=100,
        updated_at=now,
        finished_at=now,
    )
