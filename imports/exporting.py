"""Exports (XLSX/CSV), import templates and errors-only workbooks.

Exports use the sheet's own headers and its parsers' ``to_cell``, so export → re-import reports
every row unchanged. Text that a spreadsheet would take for a formula (starting with ``= + - @``,
tab or CR) is written with a leading ``'`` — the import removes exactly that quote again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from imports import readers
from imports.errors import RowError, UnreadableFile
from imports.registry import get_sheet
from imports.sheets import Column, Sheet, worksheet_title
from imports.values import Code, Date, Invalid, escape_formula
from portal.exporting import XLSX_TYPE  # noqa: F401 - the import and export views answer with it

FORMATS = ("xlsx", "csv")
DATE_FORMAT = "DD/MM/YYYY"


def format_for(path: str) -> str:
    """``xlsx`` or ``csv`` from a file name; ``UnreadableFile`` otherwise."""
    ext = readers.extension(str(path)).lstrip(".")
    if ext not in FORMATS:
        raise UnreadableFile(_("Tệp xuất “%(name)s” phải có đuôi .xlsx hoặc .csv.") % {"name": Path(str(path)).name})
    return ext


def export_cells(sheet: Sheet, scope_org=None) -> tuple[list[Column], Iterator[list]]:
    """The export's columns and its rows as cell values (formula-escaped text, dates as dates)."""
    sheet.check_access(scope_org, None)
    columns = sheet.export_columns(scope_org)
    plan = [(c.name, c.parser.to_cell) for c in columns]

    def rows():
        for record in sheet.export_rows(scope_org):
            cells = []
            for name, to_cell in plan:
                cell = to_cell(record.get(name))
                if cell.__class__ is str:
                    cell = escape_formula(cell)
                cells.append(cell)
            yield cells

    return columns, rows()


def _xlsx_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def write_xlsx(columns: list[Column], rows: Iterable[list], stream: BinaryIO, *, title: str = "") -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=worksheet_title(title or "Data"))
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    kinds = ["date" if isinstance(c.parser, Date) else "text" if isinstance(c.parser, Code) else "" for c in columns]
    count = 0
    for values in rows:
        out = []
        for kind, value in zip(kinds, values, strict=False):
            if value.__class__ is str:
                value = _xlsx_text(value)
            if kind == "date" and isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                value = cell
            elif kind == "text" and value != "":
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "@"
                value = cell
            out.append(value)
        sheet.append(out)
        count += 1
    workbook.save(stream)
    return count


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(columns: list[Column], rows: Iterable[list], stream: BinaryIO) -> int:
    """UTF-8 with BOM (so Excel opens it as UTF-8), comma-separated."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    count = 0
    for values in rows:
        writer.writerow([_csv_cell(v) for v in values])
        count += 1
    text.flush()
    text.detach()
    return count


def export_to(stream: BinaryIO, *, kind: str, fmt: str, scope_org=None) -> int:
    """Write the export of ``kind`` in ``scope_org``'s subtree (None: everything) to ``stream``.
    Returns the number of rows."""
    sheet = get_sheet(kind)
    columns, rows = export_cells(sheet, scope_org)
    if fmt == "csv":
        return write_csv(columns, rows, stream)
    return write_xlsx(columns, rows, stream, title=sheet.worksheet_name())


def export_bytes(*, kind: str, fmt: str = "xlsx", scope_org=None) -> bytes:
    buffer = io.BytesIO()
    export_to(buffer, kind=kind, fmt=fmt, scope_org=scope_org)
    return buffer.getvalue()


# --------------------------------------------------------------------------- template


def _list_rule(sheet_title: str, letter: str, count: int, *, column: Column, strict: bool) -> DataValidation:
    """A drop-down over rows 2–``count + 1`` of ``letter`` on the list sheet ``sheet_title``."""
    quoted = sheet_title.replace("'", "''")
    return DataValidation(
        type="list",
        formula1=f"='{quoted}'!${letter}$2:${letter}${count + 1}",
        allow_blank=not column.required,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        error=column.allowed()[:255],
    )


def _write_list(sheet, index: int, header: str, values: list) -> str:
    """``values`` under ``header`` in the list sheet's column ``index`` (0-based); its letter."""
    letter = readers.column_letter(index)
    sheet.cell(row=1, column=index + 1, value=header)
    for offset, value in enumerate(values, start=2):
        sheet.cell(row=offset, column=index + 1, value=escape_formula(value) if isinstance(value, str) else value)
    return letter


def template_xlsx(kind: str, *, prefixes: tuple[str, ...] | None = None) -> bytes:
    """An import template: the headers (with what each column allows as a comment), a sample
    row, drop-down lists for every enumeration (the sheet *Danh mục*) and for the code columns
    the sheet fills with the user's own codes (``Sheet.template_lists(prefixes)``: the
    organisation subtrees whose paths start with ``prefixes``, ``None`` for the whole portal; a
    hidden sheet holds them), codes formatted as text, and a help sheet. The sample row uses
    the user's codes (a placeholder where they have none). Year columns (``Xếp loại YYYY``)
    appear once, for last year; more years may be added."""
    sheet_def = get_sheet(kind)
    last_year = timezone.localdate().year - 1
    columns = [c.for_year(last_year) if c.per_year else c for c in sheet_def.columns]
    code_lists = sheet_def.template_lists(prefixes)
    workbook = Workbook()
    data = workbook.active
    data.title = sheet_def.worksheet_name()
    lists = workbook.create_sheet(worksheet_title(_("Danh mục")))
    codes = None
    if any(found.codes for found in code_lists.values()):
        codes = workbook.create_sheet(worksheet_title(_("Mã trong phạm vi của bạn")))
        codes.sheet_state = "hidden"
    bold = Font(bold=True)
    list_count = code_count = 0
    for index, column in enumerate(columns, start=1):
        cell = data.cell(row=1, column=index, value=column.header)
        cell.font = bold
        required = _("bắt buộc") if column.required else _("không bắt buộc")
        cell.comment = Comment(f"{column.name} — {required}\n{column.allowed()}", "VTVL")
        letter = readers.column_letter(index - 1)
        data.column_dimensions[letter].width = max(14, min(40, len(column.header) + 4))
        if isinstance(column.parser, Code):
            for row in range(2, 1001):
                data.cell(row=row, column=index).number_format = "@"
        if isinstance(column.parser, Date):
            for row in range(2, 1001):
                data.cell(row=row, column=index).number_format = DATE_FORMAT
        found = code_lists.get(column.name)
        if found is not None:  # the user's codes: the sample is one of them (a placeholder without)
            values = list(found.codes)
            sample = found.sample
            if sample is None:
                sample = column.sample if column.sample in set(values) else found.sample_value()
            data.cell(row=2, column=index, value=_sample_cell(column, sample))
            if not values:
                continue
            source = _write_list(codes, code_count, column.header, values)
            code_count += 1
            rule = _list_rule(codes.title, source, len(values), column=column, strict=found.strict)
        else:
            data.cell(row=2, column=index, value=_sample_cell(column, column.sample))
            choices = column.parser.choices()
            if not choices:
                continue
            source = _write_list(lists, list_count, column.header, choices)
            list_count += 1
            rule = _list_rule(lists.title, source, len(choices), column=column, strict=True)
        data.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}1000")
    data.freeze_panes = "A2"
    guide = workbook.create_sheet(worksheet_title(_("Hướng dẫn")), index=2)
    guide.append([_("Cột"), _("Tên tiếng Anh"), _("Bắt buộc"), _("Giá trị được chấp nhận")])
    for column in sheet_def.columns:
        guide.append([column.header, column.name, _("Có") if column.required else "", column.allowed()])
    for cell in guide[1]:
        cell.font = bold
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sample_cell(column: Column, sample):
    """The template's example value: a sample given as text is what a user would type (``2,34``),
    so it is parsed first, then written as an export would write it."""
    if sample in (None, ""):
        return ""
    if isinstance(sample, str):
        try:
            sample = column.parser(sample)
        except Invalid:
            return escape_formula(sample)
    cell = column.parser.to_cell(sample)
    return escape_formula(cell) if isinstance(cell, str) else cell


# --------------------------------------------------------------------------- errors-only workbook


def errors_xlsx(*, data: bytes, file_name: str, errors: Iterable[RowError]) -> bytes:
    """The rows of the uploaded file that have errors, as they were, plus a last column with
    the messages; errors about the whole file come first."""
    by_row: dict[int, list[str]] = {}
    general: list[str] = []
    for error in errors:
        text = f"{error.column}: {error.message}" if error.column else error.message
        if error.row is None:
            general.append(text)
        else:
            by_row.setdefault(error.row, []).append(text)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Lỗi"))
    header: list = []
    width = 0
    try:
        rows = readers.read_table(data, file_name).rows
        for number, cells in rows:
            if number == 1:
                header = [_excel_value(c) for c in cells]
                width = len(header)
                sheet.append([_("Dòng"), *header, _("Lỗi")])
                for text in general + by_row.get(1, []):
                    sheet.append([1, *([""] * width), text])
                continue
            if number in by_row:
                values = [_excel_value(c) for c in cells]
                values += [""] * (width - len(values))
                sheet.append([number, *values, "; ".join(by_row[number])])
    except UnreadableFile:
        pass
    if not header:
        sheet.append([_("Dòng"), _("Lỗi")])
        for text in general:
            sheet.append(["", text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_value(value):
    if isinstance(value, str):
        return escape_formula(_xlsx_text(value))
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    return value
