"""XLSX workbooks of the portal's pages (the report sheets, the audit log): one sheet per view,
the title block (organisation, report, filters…) above a frozen header row, Vietnamese headers,
numbers as numbers, dates as dates (dd/mm/yyyy) and date-times to the minute, column widths;
every text cell formula-escaped (``escape_formula``), so a spreadsheet never evaluates a value
it was given. Written in openpyxl's write-only mode, so a sheet of tens of thousands of rows
costs seconds, not minutes.

Here in ``portal``, the lowest layer, so every app can write one (``staffing.exporting``
re-exports it for the report pages; ``imports`` takes the formula escape from here)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_MAX = 31  # Excel's limit
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")

# Cells starting with one of = + - @ tab CR are formulas to a spreadsheet: an export prefixes
# them with a single quote (``escape_formula``), and the import removes exactly that quote again
# (``imports.values.clean_cell``).
FORMULA_START = r"[=+\-@\t\r]"
_NEEDS_ESCAPE = re.compile(rf"^'*{FORMULA_START}")


def escape_formula(text: str) -> str:
    """What an export writes for a text value: a leading ``'`` when a spreadsheet would read
    the text as a formula (and one more when it already starts with such an escape)."""
    return "'" + text if text and _NEEDS_ESCAPE.match(text) else text


@dataclass
class ReportSheet:
    """One sheet: ``title`` (≤ 31 characters), ``lines`` above the table (organisation, report
    name, rule set, as-of date…), ``headers`` with a width each, ``rows`` of values (numbers stay
    numbers; None is an empty cell), the row indexes to show in bold (totals) and whether long
    text wraps in its cell (``wrap``)."""

    title: str
    lines: Sequence[str]
    headers: Sequence[tuple[str, int]]
    rows: Iterable[Sequence] = ()
    bold_rows: set[int] = field(default_factory=set)
    wrap: bool = False


def _cell(ws, value, *, bold=False, wrap=False):
    cell = WriteOnlyCell(ws, value=escape_formula(value) if isinstance(value, str) else value)
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = BOLD
    if wrap:
        cell.alignment = WRAP
    return cell


def workbook(sheets: Sequence[ReportSheet]) -> bytes:
    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:SHEET_TITLE_MAX])
        for i, (_h, width) in enumerate(sheet.headers, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header_row = len(sheet.lines) + 2
        ws.freeze_panes = f"A{header_row + 1}"
        for n, line in enumerate(sheet.lines):
            ws.append([_cell(ws, line, bold=n == 0)])
        ws.append([])
        ws.append([_cell(ws, h, bold=True, wrap=True) for h, _w in sheet.headers])
        for i, row in enumerate(sheet.rows):
            bold = i in sheet.bold_rows
            ws.append([_cell(ws, v, bold=bold, wrap=sheet.wrap and isinstance(v, str)) for v in row])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
