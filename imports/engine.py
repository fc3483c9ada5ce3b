"""The import pipeline: read → map headers → normalise → validate → diff (the write, the audit
and the ``ImportJob`` rows: ``imports.jobs``).

A sheet (``Sheet`` subclass, registered in ``imports.registry``) declares its columns and
implements ``load_context`` (every map it needs, loaded once), ``validate`` (set-wise),
``diff`` (new / updated / unchanged), ``write`` (one transaction, set-wise SQL) and
``export_rows`` (see ``imports.sheets``; re-exported here). The engine does the rest (the audit
log in ``imports.audit``, the jobs in ``imports.jobs``), the same way for the command line, the
web screens and the admin:

- ``imports.jobs.run_import(...)``: read, validate and (unless ``dry_run``) write in one go.
- ``imports.jobs.create_job(...)`` → ``preview_job(job)`` → ``confirm_job(job)``: the web flow;
  the uploaded bytes and the preview live in the ``ImportJob`` row, and confirming twice imports
  once.
"""

from __future__ import annotations

import gc
import logging
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection

from imports import readers
from imports.errors import ErrorSink, RowError, show
from imports.messages import gettext as _
from imports.preview import build_preview
from imports.sheets import Column, Context, Diff, Row, Sheet
from imports.values import Invalid, clean_cell, clean_row, clean_text, number_text

ERRORS_STORED = 1000  # errors kept on an ImportJob (the total is counted separately)
ERRORS_IN_MEMORY = 10_000  # errors kept while validating (memory stays bounded)

Progress = Callable[[int], None]

logger = logging.getLogger(__name__)


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
    # the rows added and changed (``imports.preview.build_preview``), stored on the job
    preview: dict = field(default_factory=dict)

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
            fatal=job.message if job.is_rejected or job.is_failed or job.is_cancelled else "",
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
        preview=build_preview(sheet=validated.sheet, diff=diff) if ok else {},
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


@contextmanager
def _db_limits(statement_timeout: int | None):
    """PostgreSQL: bound the waits of an import step (validation reads and the write) on this
    connection: a lock held by another session (``IMPORT_LOCK_TIMEOUT``) and, in a web request,
    any one statement (``statement_timeout``), so nothing waits longer than the server's
    timeout. The connection's previous values are restored afterwards."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")
        before = cursor.fetchone()
        cursor.execute(
            "SELECT set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)",
            [f"{int(settings.IMPORT_LOCK_TIMEOUT)}s", f"{int(statement_timeout or 0)}s"],
        )
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)",
                    list(before),
                )
        except DatabaseError:  # a broken connection: Django drops it
            logger.warning("Import: could not restore the connection's timeouts", exc_info=True)


__all__ = [
    "Column",
    "Context",
    "Diff",
    "ImportResult",
    "Row",
    "Sheet",
    "validate_file",
]
