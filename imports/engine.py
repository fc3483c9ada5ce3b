"""The import pipeline: read → map headers → normalise → validate → diff → write → audit.

A sheet (``Sheet`` subclass, registered in ``imports.registry``) declares its columns and
implements ``load_context`` (every map it needs, loaded once), ``validate`` (set-wise),
``diff`` (new / updated / unchanged), ``write`` (one transaction, set-wise SQL) and
``export_rows`` (see ``imports.sheets``; re-exported here). The engine does the rest (the audit
log in ``imports.audit``), the same way for the command line, the web screens and the admin:

- ``run_import(...)``: read, validate and (unless ``dry_run``) write in one go (command line).
- ``create_job(...)`` → ``preview_job(job)`` → ``confirm_job(job)``: the web flow; the uploaded
  bytes and the preview live in the ``ImportJob`` row, and confirming twice imports once.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imports import readers
from imports.audit import write_audit
from imports.errors import ErrorSink, ImportBusy, ImportFailure, RowError, show
from imports.registry import get_sheet
from imports.sheets import Column, Context, Diff, Row, Sheet
from imports.values import Invalid, clean_cell, clean_row, clean_text, number_text

ERRORS_STORED = 1000  # errors kept on an ImportJob (the total is counted separately)
ERRORS_IN_MEMORY = 10_000  # errors kept while validating (memory stays bounded)

Progress = Callable[[int], None]


# --------------------------------------------------------------------------- results


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    blank: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    written: bool = False
    dry_run: bool = False
    fatal: str = ""  # set when the file could not be read at all
    job_id: uuid.UUID | None = None

    def counts(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "blank": self.blank,
            "errors": self.error_count,
        }

    def summary_line(self) -> str:
        line = f"created={self.created} updated={self.updated} unchanged={self.unchanged}"
        return f"dry run: {line}" if self.dry_run else line

    @classmethod
    def from_job(cls, job) -> ImportResult:
        counts = job.counts or {}
        return cls(
            kind=job.kind,
            created=counts.get("created", 0),
            updated=counts.get("updated", 0),
            unchanged=counts.get("unchanged", 0),
            blank=counts.get("blank", 0),
            errors=[RowError.from_dict(e) for e in job.errors or []],
            error_count=job.error_count,
            written=job.is_done,
            dry_run=not job.is_done,
            fatal=job.message if job.is_rejected or job.is_failed else "",
            job_id=job.pk,
        )


@dataclass
class Parsed:
    rows: list[Row]
    columns: tuple[Column, ...]
    blank: int
    header_ok: bool


# --------------------------------------------------------------------------- read + map + normalise


def _cell_label(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return clean_text(cell)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return number_text(cell)
    return clean_text(str(cell))


def map_header(sheet: Sheet, cells: list, errors: ErrorSink) -> tuple[list[tuple[int, Column]], set[int]]:
    """Match the header row to the sheet's columns. Returns ``[(index, column)]`` and the
    indexes of blank header cells; unknown, duplicated and missing columns are errors."""
    mapped: list[tuple[int, Column]] = []
    blank: set[int] = set()
    seen: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(cells):
        label = _cell_label(cell)
        if not label:
            blank.add(index)
            continue
        column = sheet.column_for(label)
        letter = readers.column_letter(index)
        if column is None:
            errors.add_at(
                1,
                label,
                label,
                _(
                    "Cột “%(label)s” (cột %(letter)s) không có trong mẫu “%(title)s”. Các cột được chấp nhận:"
                    " %(allowed)s. Hãy sửa tên cột (có thể gõ sai) hoặc xoá cột."
                )
                % {
                    "label": label,
                    "letter": letter,
                    "title": sheet.title,
                    "allowed": ", ".join(f"{c.header} ({c.name})" for c in sheet.columns),
                },
            )
            continue
        if column.name in seen:
            first_index, first_label = seen[column.name]
            errors.add_at(
                1,
                label,
                label,
                _(
                    "Cột “%(label)s” (cột %(letter)s) trùng với cột “%(first)s” (cột %(first_letter)s):"
                    " mỗi cột chỉ được một lần."
                )
                % {
                    "label": label,
                    "letter": letter,
                    "first": first_label,
                    "first_letter": readers.column_letter(first_index),
                },
            )
            continue
        seen[column.name] = (index, label)
        mapped.append((index, column))
        errors.labels[column.name] = label
    for column in sheet.columns:
        if column.required and not column.per_year and column.name not in seen:
            errors.add_at(
                1,
                column.header,
                "",
                _("Thiếu cột bắt buộc “%(header)s” (hoặc “%(alias)s”).")
                % {"header": column.header, "alias": column.name},
            )
        errors.labels.setdefault(column.name, column.header)
    return mapped, blank


_MISS = object()
_NONE_FAILED: frozenset = frozenset()
_CACHE_LIMIT = 50_000  # distinct texts remembered per cacheable column
# Texts and the numbers of an XLSX are remembered (one Decimal per distinct coefficient instead
# of one per cell); never ints or booleans, which share a key with the equal float
# (1 == 1.0 == True) and would get its result.
_CACHED_TYPES = frozenset({str, float})


def _extra_cells(number: int, norm: list, width: int, blank_columns: set[int], errors: ErrorSink) -> None:
    extra = [j for j in range(width, len(norm)) if norm[j] != ""]
    extra += [j for j in sorted(blank_columns) if j < len(norm) and norm[j] != ""]
    for j in sorted(extra):
        letter = readers.column_letter(j)
        errors.add_at(
            number,
            letter,
            norm[j],
            _("Dòng có dữ liệu “%(value)s” ở cột %(letter)s nhưng cột này không có tiêu đề (thừa ô).")
            % {"value": show(norm[j]), "letter": letter},
        )


def parse_rows(
    sheet: Sheet, data: bytes, file_name: str, errors: ErrorSink, progress: Progress | None = None
) -> Parsed:
    """Read the file, map its header and parse every row (collecting every error)."""
    table = readers.read_table(data, file_name)
    rows_iter = iter(table.rows)
    first = next(rows_iter, None)
    if first is None:
        errors.add(None, None, "", _("Tệp “%(name)s” trống: không có dòng tiêu đề và dữ liệu.") % {"name": file_name})
        return Parsed([], (), 0, False)
    header_cells = list(first[1])
    while header_cells and _cell_label(header_cells[-1]) == "":
        header_cells.pop()
    if not header_cells:
        if any(any(clean_cell(c) != "" for c in cells) for _n, cells in rows_iter):
            errors.add_at(1, None, "", _("Dòng 1 phải là dòng tiêu đề (tên các cột) nhưng đang để trống."))
        else:
            errors.add(
                None, None, "", _("Tệp “%(name)s” trống: không có dòng tiêu đề và dữ liệu.") % {"name": file_name}
            )
        return Parsed([], (), 0, False)

    before = errors.total
    mapped, blank_columns = map_header(sheet, header_cells, errors)
    columns = tuple(column for _i, column in mapped)
    if errors.total > before:
        return Parsed([], columns, 0, False)

    width = len(header_cells)
    # per column: index, name, parser, required, empty value, cache of parsed texts (or None)
    plan = [(i, c.name, c.parser, c.required, c.parser.empty, {} if c.parser.cacheable else None) for i, c in mapped]
    labels = errors.labels
    rows: list[Row] = []
    blank = pending_blank = 0
    total = max(table.total, 1)
    step = max(total // 50, 1000)
    add = errors.add
    for number, cells in rows_iter:
        norm = clean_row(cells)
        size = len(norm)
        if norm.count("") == size:
            pending_blank += 1
            continue
        blank += pending_blank
        pending_blank = 0
        if progress is not None and number % step == 0:
            progress(min(70, 70 * number // total))
        if size > width or blank_columns:
            _extra_cells(number, norm, width, blank_columns, errors)
        values: dict = {}
        failed = None
        for i, name, parse, required, empty, cache in plan:
            value = norm[i] if i < size else ""
            if value == "":
                if required:
                    add(number, name, "", _("Thiếu giá trị ở cột bắt buộc “%(label)s”.") % {"label": labels[name]})
                    failed = (failed or set()) | {name}
                    values[name] = None
                else:
                    values[name] = empty
                continue
            if cache is not None and value.__class__ in _CACHED_TYPES:
                parsed = cache.get(value, _MISS)
                if parsed is not _MISS:
                    values[name] = parsed
                    continue
            try:
                parsed = parse(value)
            except Invalid as exc:
                add(number, name, value, exc.message)
                failed = (failed or set()) | {name}
                values[name] = None
                continue
            values[name] = parsed
            if cache is not None and value.__class__ in _CACHED_TYPES and len(cache) < _CACHE_LIMIT:
                cache[value] = parsed
        rows.append(Row(number, values, frozenset(failed) if failed else _NONE_FAILED))
    if not rows:
        errors.add(
            2, None, "", _("Tệp “%(name)s” chỉ có dòng tiêu đề, không có dòng dữ liệu nào.") % {"name": file_name}
        )
    return Parsed(rows, columns, blank, True)


# --------------------------------------------------------------------------- the pipeline


@dataclass
class Validated:
    sheet: Sheet
    rows: list[Row]
    ctx: Context | None
    blank: int
    errors: ErrorSink
    diff: Diff | None


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while an import runs. A large file becomes hundreds
    of thousands of long-lived containers (rows, their values, the diff) and every collection
    walks them: about 2.5 s of a 100,000-row staff import, for no garbage (reference counting
    frees everything as usual). The block should end after the rows are released, or the
    first collection walks them all once more. A nested or concurrent block leaves the
    collector as it found it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def validate_file(
    *,
    sheet: Sheet,
    data: bytes,
    file_name: str,
    scope_org=None,
    user=None,
    progress: Progress | None = None,
    error_limit: int | None = ERRORS_IN_MEMORY,
) -> Validated:
    """Read, map, normalise and validate; compute the diff when there is no error.
    Raises ``UnreadableFile`` when the file cannot be read at all."""
    sheet.check_access(scope_org, user)
    errors = ErrorSink(error_limit)
    with _collector_paused():
        parsed = parse_rows(sheet, data, file_name, errors, progress)
        ctx = None
        diff = None
        if parsed.header_ok and parsed.rows:
            ctx = sheet.load_context(scope_org)
            ctx.present = frozenset(c.name for c in parsed.columns)
            ctx.columns = parsed.columns
            ctx.user = user
            sheet.validate(parsed.rows, ctx, errors)
            if progress is not None:
                progress(80)
            if not errors:
                diff = sheet.diff(parsed.rows, ctx)
    return Validated(sheet, parsed.rows, ctx, parsed.blank, errors, diff)


def _result(kind: str, validated: Validated, *, dry_run: bool, written: bool, job=None) -> ImportResult:
    diff = validated.diff or Diff()
    ok = not validated.errors
    return ImportResult(
        kind=kind,
        created=len(diff.new) if ok else 0,
        updated=len(diff.updated) if ok else 0,
        unchanged=len(diff.unchanged) if ok else 0,
        blank=validated.blank,
        errors=validated.errors.sorted(),
        error_count=validated.errors.total,
        written=written,
        dry_run=dry_run,
        job_id=job.pk if job is not None else None,
    )


def _write(validated: Validated, *, job, user, file_name: str, sha256: str, progress: Progress | None) -> None:
    """Write the diff and its audit records in one transaction."""
    diff = validated.diff
    with transaction.atomic():
        if diff.new or diff.updated:
            validated.sheet.write(diff.new, diff.updated, validated.ctx)
        if progress is not None:
            progress(95)
        write_audit(validated, job=job, user=user, file_name=file_name, sha256=sha256)


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


def _expire_stale_jobs() -> None:
    """A validating/running job whose process died would block its scope forever: after
    ``IMPORT_JOB_TIMEOUT`` seconds without progress it is marked failed."""
    from imports.models import ACTIVE_IMPORT_STATUSES, ImportStatus

    now = timezone.now()
    stale = now - dt.timedelta(seconds=settings.IMPORT_JOB_TIMEOUT)
    _job_model().objects.filter(status__in=ACTIVE_IMPORT_STATUSES, updated_at__lt=stale).update(
        status=ImportStatus.FAILED,
        message=_("Lượt nhập bị dừng giữa chừng (quá thời gian chờ)."),
        finished_at=now,
        updated_at=now,
    )


def _busy(scope_org) -> ImportBusy:
    where = f"{scope_org.name} ({scope_org.code})" if scope_org is not None else _("toàn cổng")
    return ImportBusy(
        _("Đang có một lượt nhập dữ liệu khác cho %(where)s: hãy chờ lượt đó xong rồi thử lại.") % {"where": where}
    )


def _start_job(*, kind, data, file_name, scope_org, user, store: bool = False):
    from imports.models import ImportStatus

    _expire_stale_jobs()
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
        with transaction.atomic():
            job.save(force_insert=True)
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
    (so two requests never both win). Raises ``ImportBusy`` when another job of the scope is
    active."""
    _expire_stale_jobs()
    now = timezone.now()
    try:
        with transaction.atomic():
            claimed = (
                _job_model()
                .objects.filter(pk=job.pk, status__in=from_statuses)
                .update(status=to_status, progress=0, message="", updated_at=now)
            )
    except IntegrityError:
        raise _busy(job.organization) from None
    if claimed:
        job.status = to_status
    return bool(claimed)


def preview_job(job, *, progress: Progress | None = None) -> ImportResult:
    """Validate an uploaded job without writing: status ``ready`` (counts) or ``rejected``
    (errors). A job that is no longer uploaded/ready is returned as it stands."""
    from imports.models import ImportStatus

    if not _claim(job, (ImportStatus.UPLOADED, ImportStatus.READY), ImportStatus.VALIDATING):
        job.refresh_from_db()
        return ImportResult.from_job(job)
    sheet = get_sheet(job.kind)
    with _collector_paused():
        return _execute(job, sheet, bytes(job.file_content), write=False, progress=progress)


def confirm_job(job, *, progress: Progress | None = None) -> ImportResult:
    """Import a previewed job (``ready``, or ``queued`` for a worker): validate again (the data
    may have changed since the preview) and write. Idempotent: a second call (double click,
    retried POST) finds the job no longer ready or queued and returns its recorded result
    without importing again."""
    from imports.models import ImportStatus

    if not _claim(job, (ImportStatus.READY, ImportStatus.QUEUED), ImportStatus.RUNNING):
        job.refresh_from_db()
        return ImportResult.from_job(job)
    sheet = get_sheet(job.kind)
    with _collector_paused():
        return _execute(job, sheet, bytes(job.file_content), write=True, progress=progress)


def _job_progress(job, outer: Progress | None) -> Progress:
    state = {"last": -1}

    def report(percent: int) -> None:
        percent = max(0, min(100, int(percent)))
        if percent >= state["last"] + 5 or percent == 100:
            state["last"] = percent
            _job_model().objects.filter(pk=job.pk).update(progress=percent, updated_at=timezone.now())
        if outer is not None:
            outer(percent)

    return report


def _finish(job, *, status, result: ImportResult | None = None, message: str = "", progress=None) -> None:
    """Record the outcome of a step: ``ready`` (previewed: the job goes on), or ``rejected``,
    ``done``, ``failed`` (finished)."""
    from imports.models import ImportStatus

    now = timezone.now()
    job.status = status
    job.message = message
    job.updated_at = now
    fields = ["status", "message", "updated_at", "progress"]
    job.progress = 100
    if result is not None:
        job.counts = result.counts()
        job.errors = [e.as_dict() for e in result.errors[:ERRORS_STORED]]
        job.error_count = result.error_count
        fields += ["counts", "errors", "error_count"]
    if status != ImportStatus.READY:
        job.finished_at = now
        fields.append("finished_at")
    job.save(update_fields=fields)
    if progress is not None:
        progress(100)


def _execute(job, sheet, data, *, write, progress=None, error_limit=ERRORS_IN_MEMORY, reraise=False) -> ImportResult:
    from imports.models import ImportStatus

    report = _job_progress(job, progress)
    try:
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
            _finish(job, status=ImportStatus.REJECTED, result=result, progress=progress)
            return result
        if not write:
            result = _result(job.kind, validated, dry_run=True, written=False, job=job)
            _finish(job, status=ImportStatus.READY, result=result, progress=progress)
            return result
        _write(
            validated,
            job=job,
            user=job.created_by,
            file_name=job.file_name,
            sha256=job.file_sha256,
            progress=report,
        )
        result = _result(job.kind, validated, dry_run=False, written=True, job=job)
        _finish(job, status=ImportStatus.DONE, result=result, progress=progress)
        return result
    except ImportFailure as exc:
        error = RowError(None, None, "", exc.message)
        result = ImportResult(kind=job.kind, errors=[error], error_count=1, fatal=exc.message, job_id=job.pk)
        _finish(job, status=ImportStatus.REJECTED, result=result, message=exc.message)
        if reraise:
            raise
        return result
    except Exception as exc:
        _finish(job, status=ImportStatus.FAILED, message=f"{type(exc).__name__}: {exc}"[:2000])
        raise


__all__ = [
    "Column",
    "Context",
    "Diff",
    "ImportResult",
    "Row",
    "Sheet",
    "confirm_job",
    "create_job",
    "preview_job",
    "run_import",
    "validate_file",
]
