"""The import jobs: an ``ImportJob`` row per import, claimed, heartbeated, recovered, cancelled.

The pipeline (read → map headers → normalise → validate → diff) is ``imports.engine``; this
module runs it as a job and writes its outcome:

- ``run_import(...)``: read, validate and (unless ``dry_run``) write in one go (command line).
- ``create_job(...)`` → ``preview_job(job)`` → ``confirm_job(job)``: the web flow; the uploaded
  bytes and the preview live in the ``ImportJob`` row, and confirming twice imports once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, IntegrityError, OperationalError, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from imports import readers
from imports.audit import write_audit
from imports.engine import (
    ERRORS_IN_MEMORY,
    ERRORS_STORED,
    ImportResult,
    Progress,
    Validated,
    _collector_paused,
    _db_limits,
    _result,
    validate_file,
)
from imports.errors import ImportBusy, ImportFailure, RowError
from imports.preview import build_preview
from imports.registry import get_sheet

HEARTBEAT_EVERY = 5.0  # seconds between two heartbeats of a validating/running job (at most)
CLAIM_LOCK_KEY = 7_310_110  # PostgreSQL advisory lock of the job claims (any constant of this app)

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- the write of a job


class _Lost(Exception):
    """The job was cancelled or recovered while it was written: the write is rolled back."""


def _write(
    validated: Validated,
    *,
    job,
    user,
    file_name: str,
    sha256: str,
    progress: Progress | None,
    result: ImportResult,
) -> None:
    """Write the diff, its audit records and the job's ``done`` in one transaction. The job is
    claimed ``running`` → ``done`` last, in the same transaction: when an admin cancelled it (or
    another process recovered it as dead) meanwhile, nothing is written (``_Lost``)."""
    from imports.models import ImportStatus

    diff = validated.diff
    with transaction.atomic():
        if diff.new or diff.updated:
            validated.sheet.write(diff.new, diff.updated, validated.ctx)
            result.preview = build_preview(sheet=validated.sheet, diff=diff)  # the new records' ids now
        if progress is not None:
            progress(95)
        write_audit(validated, job=job, user=user, file_name=file_name, sha256=sha256)
        if not _finish(job, status=ImportStatus.DONE, result=result, expect=ImportStatus.RUNNING):
            raise _Lost


def run_import(
    *,
    kind: str,
    data: bytes,
    file_name: str,
    scope_org=None,
    user=None,
    dry_run: bool = False,
    progress: Progress | None = None,
    error_limit: int | None = ERRORS_IN_MEMORY,
) -> ImportResult:
    """Import ``data`` (the bytes of ``file_name``) as ``kind`` inside ``scope_org``'s subtree
    (``None``: the whole portal). All or nothing: with any error nothing is written.
    ``dry_run`` validates and counts without writing (and without creating an ImportJob).
    Raises ``UnknownKind``, ``UnreadableFile`` (the CLI's exit 2) and ``ImportBusy``."""
    sheet = get_sheet(kind)
    if dry_run:
        with _collector_paused():  # until the rows are released (see _collector_paused)
            return _result(
                kind,
                validate_file(
                    sheet=sheet,
                    data=data,
                    file_name=file_name,
                    scope_org=scope_org,
                    user=user,
                    progress=progress,
                    error_limit=error_limit,
                ),
                dry_run=True,
                written=False,
            )
    job = _start_job(kind=kind, data=data, file_name=file_name, scope_org=scope_org, user=user)
    with _collector_paused():
        return _execute(job, sheet, data, write=True, progress=progress, error_limit=error_limit, reraise=True)


# --------------------------------------------------------------------------- jobs (web flow)


def _job_model():
    from imports.models import ImportJob

    return ImportJob


def dead_message() -> str:
    return _("Tiến trình xử lý đã dừng đột ngột; dữ liệu không thay đổi. Hãy nhập lại tệp.")


def busy_database_message() -> str:
    return _("Cơ sở dữ liệu đang bận, thử lại sau.")


def recover_stale_jobs() -> int:
    """Mark failed every validating/running job whose heartbeat (``updated_at``, refreshed every
    few seconds by the process doing it) is older than ``IMPORT_HEARTBEAT_TIMEOUT``: its process
    died (kill -9, out of memory, a restart) and it would block its scope. Its file stays for a
    re-run; nothing was written (the write is one transaction). Called by the import tasks, by
    every import attempt and by the job pages. Returns the number of jobs recovered."""
    from imports.models import ACTIVE_IMPORT_STATUSES, ImportStatus

    now = timezone.now()
    stale = now - dt.timedelta(seconds=settings.IMPORT_HEARTBEAT_TIMEOUT)
    dead = _job_model().objects.filter(status__in=ACTIVE_IMPORT_STATUSES, updated_at__lt=stale)
    if not dead.exists():  # the usual case: a read only (an UPDATE would take SQLite's write lock)
        return 0
    return dead.update(status=ImportStatus.FAILED, message=dead_message(), finished_at=now, updated_at=now)


_expire_stale_jobs = recover_stale_jobs  # the former name


def _heartbeat_every() -> float:
    return max(0.5, min(HEARTBEAT_EVERY, settings.IMPORT_HEARTBEAT_TIMEOUT / 4))


class _Heartbeat:
    """PostgreSQL: refresh the job's ``updated_at`` every few seconds from a thread with its own
    connection while the job is validated or written, so a long statement (the COPY of a big
    write, whose own progress is invisible until its transaction commits) does not look dead.
    The thread dies with the process: then the heartbeat stops and the job is recovered."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.stop = threading.Event()
        self.thread = None

    def __enter__(self):
        if connection.vendor == "postgresql":
            self.thread = threading.Thread(target=self._run, name=f"import-heartbeat-{self.job_id}", daemon=True)
            self.thread.start()
        return self

    def _run(self) -> None:
        from imports.models import ACTIVE_IMPORT_STATUSES

        try:
            while not self.stop.wait(_heartbeat_every()):
                _job_model().objects.filter(pk=self.job_id, status__in=ACTIVE_IMPORT_STATUSES).update(
                    updated_at=timezone.now()
                )
        except Exception:
            logger.exception("Import job %s: heartbeat stopped", self.job_id)
        finally:
            connections.close_all()

    def __exit__(self, *exc_info):
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=_heartbeat_every() + 5)
        return False


def overlapping_jobs(scope_org):
    """The validating/running jobs whose scope overlaps ``scope_org``'s subtree: the same
    organisation, an ancestor, a descendant or the whole portal (``None`` overlaps every scope)."""
    from imports.models import ACTIVE_IMPORT_STATUSES

    jobs = _job_model().objects.filter(status__in=ACTIVE_IMPORT_STATUSES)
    if scope_org is None:
        return jobs
    path = scope_org.path
    ancestors = [path[: i + 1] for i, char in enumerate(path) if char == "/" and i > 0]
    return jobs.filter(
        Q(organization__isnull=True) | Q(organization__path__startswith=path) | Q(organization__path__in=ancestors)
    )


@contextmanager
def _claim_lock():
    """One transaction in which a job becomes active only if no overlapping job is: on
    PostgreSQL one advisory lock serialises these short claims (SQLite serialises writes; the
    claim writes first, then checks). A lock held elsewhere longer than ``IMPORT_LOCK_TIMEOUT``
    is the busy message of the database."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('lock_timeout', %s, true)", [f"{int(settings.IMPORT_LOCK_TIMEOUT)}s"]
                    )
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CLAIM_LOCK_KEY])
            yield
    except OperationalError as exc:
        if _is_timeout(exc):
            raise ImportBusy(busy_database_message()) from None
        raise


def _busy(scope_org) -> ImportBusy:
    where = f"{scope_org.name} ({scope_org.code})" if scope_org is not None else _("toàn cổng")
    return ImportBusy(
        _(
            "Đang có một lượt nhập dữ liệu khác cho %(where)s (hoặc cho một đơn vị cấp trên, cấp dưới của nó):"
            " hãy chờ lượt đó xong rồi thử lại."
        )
        % {"where": where}
    )


def _start_job(*, kind, data, file_name, scope_org, user, store: bool = False):
    from imports.models import ImportStatus

    recover_stale_jobs()
    job = _job_model()(
        kind=kind,
        organization=scope_org,
        created_by=user if getattr(user, "pk", None) else None,
        file_name=(file_name or "")[:255],
        file_sha256=hashlib.sha256(data).hexdigest(),
        file_content=data if store else b"",
        status=ImportStatus.RUNNING,
    )
    try:
        with _claim_lock():
            job.save(force_insert=True)
            if overlapping_jobs(scope_org).exclude(pk=job.pk).exists():
                raise _busy(scope_org)  # rolls the insert back
    except IntegrityError:
        raise _busy(scope_org) from None
    return job


def create_job(*, kind: str, data: bytes, file_name: str, scope_org=None, user=None):
    """Store an upload as an ``ImportJob`` (status ``uploaded``) for ``preview_job``."""
    from imports.models import ImportStatus

    get_sheet(kind).check_access(scope_org, user)  # raises UnknownKind, ImportFailure
    if len(data) > settings.IMPORT_MAX_FILE_SIZE:
        readers.read_table(data, file_name)  # raises UnreadableFile with the size message
    return _job_model().objects.create(
        kind=kind,
        organization=scope_org,
        created_by=user if getattr(user, "pk", None) else None,
        file_name=(file_name or "")[:255],
        file_sha256=hashlib.sha256(data).hexdigest(),
        file_content=data,
        status=ImportStatus.UPLOADED,
    )


def _claim(job, from_statuses, to_status) -> bool:
    """Move ``job`` from one of ``from_statuses`` to ``to_status`` with one conditional UPDATE
    (so two requests never both win). Raises ``ImportBusy`` when another job whose scope
    overlaps this one's (same organisation, ancestor, descendant, whole portal) is active."""
    from imports.models import ACTIVE_IMPORT_STATUSES

    recover_stale_jobs()
    now = timezone.now()
    try:
        with _claim_lock():
            claimed = (
                _job_model()
                .objects.filter(pk=job.pk, status__in=from_statuses)
                .update(status=to_status, progress=0, message="", updated_at=now)
            )
            if (
                claimed
                and to_status in ACTIVE_IMPORT_STATUSES
                and overlapping_jobs(job.organization).exclude(pk=job.pk).exists()
            ):
                raise _busy(job.organization)  # rolls the claim back
    except IntegrityError:
        raise _busy(job.organization) from None
    if claimed:
        job.status = to_status
    return bool(claimed)


def preview_job(job, *, progress: Progress | None = None, statement_timeout: int | None = None) -> ImportResult:
    """Validate an uploaded job without writing: status ``ready`` (counts) or ``rejected``
    (errors). A job that is no longer uploaded/ready is returned as it stands.
    ``statement_timeout``: as for ``confirm_job``."""
    from imports.models import ImportStatus

    if not _claim(job, (ImportStatus.UPLOADED, ImportStatus.READY), ImportStatus.VALIDATING):
        job.refresh_from_db()
        return ImportResult.from_job(job)
    sheet = get_sheet(job.kind)
    with _collector_paused():
        return _execute(
            job, sheet, bytes(job.file_content), write=False, progress=progress, statement_timeout=statement_timeout
        )


def confirm_job(job, *, progress: Progress | None = None, statement_timeout: int | None = None) -> ImportResult:
    """Import a previewed job (``ready``, or ``queued`` for a worker): validate again (the data
    may have changed since the preview) and write. Idempotent: a second call (double click,
    retried POST) finds the job no longer ready or queued and returns its recorded result
    without importing again. ``statement_timeout`` (seconds, PostgreSQL): the longest one
    statement of the write may run (a web request: below the server's timeout)."""
    from imports.models import ImportStatus

    if not _claim(job, (ImportStatus.READY, ImportStatus.QUEUED), ImportStatus.RUNNING):
        job.refresh_from_db()
        return ImportResult.from_job(job)
    sheet = get_sheet(job.kind)
    with _collector_paused():
        return _execute(
            job, sheet, bytes(job.file_content), write=True, progress=progress, statement_timeout=statement_timeout
        )


def cancel_job(job, *, user) -> bool:
    """Stop a job that is not settled yet (waiting, validating or running): ``cancelled`` with a
    message; nothing is written. A process still working on it finds it no longer claimed: its
    preview is dropped and its write rolled back (``_write`` claims ``done`` in the write's own
    transaction). Returns False when the job had already settled."""
    from imports.models import ACTIVE_IMPORT_STATUSES, WAITING_IMPORT_STATUSES, ImportStatus

    now = timezone.now()
    message = _("Lượt nhập đã bị huỷ bởi %(user)s; dữ liệu không thay đổi.") % {"user": user.get_username()}
    cancelled = (
        _job_model()
        .objects.filter(pk=job.pk, status__in=ACTIVE_IMPORT_STATUSES + WAITING_IMPORT_STATUSES)
        .update(status=ImportStatus.CANCELLED, message=message, finished_at=now, updated_at=now)
    )
    job.refresh_from_db()
    return bool(cancelled)


def _job_progress(job, outer: Progress | None) -> Progress:
    """Save the progress on the job (every 5 %) and its heartbeat (at least every few seconds)."""
    state = {"last": -1, "beat": time.monotonic()}
    every = _heartbeat_every()

    def report(percent: int) -> None:
        percent = max(0, min(100, int(percent)))
        now = time.monotonic()
        if percent >= state["last"] + 5 or percent == 100 or now - state["beat"] >= every:
            state["last"] = max(state["last"], percent)
            state["beat"] = now
            _job_model().objects.filter(pk=job.pk, status=job.status).update(
                progress=percent, updated_at=timezone.now()
            )
        if outer is not None:
            outer(percent)

    return report


def _finish(job, *, status, result: ImportResult | None = None, message: str = "", progress=None, expect=None) -> bool:
    """Record the outcome of a step: ``ready`` (previewed: the job goes on), or ``rejected``,
    ``done``, ``failed`` (finished) — only if the job is still ``expect`` (default: its status
    now), so a cancel or a recovery is never overwritten. Returns whether it was recorded."""
    from imports.models import ImportStatus

    expect = job.status if expect is None else expect
    now = timezone.now()
    fields = {"status": status, "message": message, "updated_at": now, "progress": 100}
    if result is not None:
        fields.update(
            counts=result.counts(),
            errors=[e.as_dict() for e in result.errors[:ERRORS_STORED]],
            error_count=result.error_count,
            preview=result.preview,
        )
    if status != ImportStatus.READY:
        fields["finished_at"] = now
    if not _job_model().objects.filter(pk=job.pk, status=expect).update(**fields):
        return False
    for name, value in fields.items():
        setattr(job, name, value)
    if progress is not None:
        progress(100)
    return True


def _is_timeout(exc: BaseException) -> bool:
    """A PostgreSQL lock or statement timeout (``lock_not_available``, ``query_canceled``)."""
    cause = exc.__cause__ or exc
    return getattr(cause, "pgcode", None) in ("55P03", "57014")


def _settled(job) -> ImportResult:
    job.refresh_from_db()
    return ImportResult.from_job(job)


def _failed(job, claimed, exc: BaseException, *, reraise: bool) -> None:
    """Record an unexpected end. The database's own message (it may quote a row: a person's ID,
    name, birth date) is only logged, with a short reference the stored message names."""
    from imports.models import ImportStatus

    ref = uuid.uuid4().hex[:8]
    if not isinstance(exc, Exception):  # SystemExit, KeyboardInterrupt: the process is going
        message, status = dead_message(), ImportStatus.FAILED
        logger.warning("Import job %s stopped by %s (error %s)", job.pk, type(exc).__name__, ref)
    elif isinstance(exc, DatabaseError) and _is_timeout(exc):
        # back to ready (the page offers the button again); a command-line job fails
        message = busy_database_message()
        status = ImportStatus.FAILED if reraise or claimed != ImportStatus.RUNNING else ImportStatus.READY
        logger.warning("Import job %s: database timeout (error %s): %s", job.pk, ref, exc)
    elif isinstance(exc, DatabaseError):
        message = _("Lỗi cơ sở dữ liệu khi ghi; dữ liệu không thay đổi. Mã lỗi: %(ref)s") % {"ref": ref}
        status = ImportStatus.FAILED
        logger.exception("Import job %s: database error (error %s)", job.pk, ref)
    else:
        message = _("Lỗi hệ thống khi xử lý tệp; dữ liệu không thay đổi. Mã lỗi: %(ref)s") % {"ref": ref}
        status = ImportStatus.FAILED
        logger.exception("Import job %s: unexpected error (error %s)", job.pk, ref)
    try:
        _finish(job, status=status, message=message, expect=claimed)
    except Exception:
        logger.exception("Import job %s: could not record its failure (error %s)", job.pk, ref)


def _execute(
    job,
    sheet,
    data,
    *,
    write,
    progress=None,
    error_limit=ERRORS_IN_MEMORY,
    reraise=False,
    statement_timeout: int | None = None,
) -> ImportResult:
    from imports.models import ImportStatus

    claimed = job.status  # validating or running: every outcome is recorded only if still so
    report = _job_progress(job, progress)
    try:
        with _Heartbeat(job.pk), _db_limits(statement_timeout):
            validated = validate_file(
                sheet=sheet,
                data=data,
                file_name=job.file_name,
                scope_org=job.organization,
                user=job.created_by,
                progress=report,
                error_limit=error_limit,
            )
            if validated.errors:
                result = _result(job.kind, validated, dry_run=not write, written=False, job=job)
                if not _finish(job, status=ImportStatus.REJECTED, result=result, progress=progress):
                    return _settled(job)
                return result
            if not write:
                result = _result(job.kind, validated, dry_run=True, written=False, job=job)
                if not _finish(job, status=ImportStatus.READY, result=result, progress=progress):
                    return _settled(job)
                return result
            result = _result(job.kind, validated, dry_run=False, written=True, job=job)
            try:
                _write(
                    validated,
                    job=job,
                    user=job.created_by,
                    file_name=job.file_name,
                    sha256=job.file_sha256,
                    progress=progress,  # not the job's row: the write's transaction would lock it
                    result=result,
                )
            except _Lost:
                job.status = claimed
                return _settled(job)
            except BaseException:
                job.status = claimed  # the write's transaction was rolled back
                raise
            if progress is not None:
                progress(100)
            return result
    except ImportFailure as exc:
        error = RowError(None, None, "", exc.message)
        result = ImportResult(kind=job.kind, errors=[error], error_count=1, fatal=exc.message, job_id=job.pk)
        _finish(job, status=ImportStatus.REJECTED, result=result, message=exc.message, expect=claimed)
        if reraise:
            raise
        return result
    except BaseException as exc:
        _failed(job, claimed, exc, reraise=reraise)
        if isinstance(exc, DatabaseError) and _is_timeout(exc):
            if reraise:
                raise ImportBusy(busy_database_message()) from None
            return _settled(job)
        raise


__all__ = [
    "cancel_job",
    "confirm_job",
    "create_job",
    "overlapping_jobs",
    "preview_job",
    "recover_stale_jobs",
    "run_import",
]
