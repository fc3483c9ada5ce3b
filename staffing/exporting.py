"""Report workbooks (XLSX): one sheet per view, the title block (organisation, report, rule set,
as-of date) above a frozen header row, Vietnamese headers, numbers as numbers, dates as dates
(dd/mm/yyyy), column widths; every text cell formula-escaped (``imports.values.escape_formula``),
so a spreadsheet never evaluates a value it was given. Written in openpyxl's write-only mode, so a
sheet of tens of thousands of rows costs seconds, not minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from imports.exporting import XLSX_TYPE  # noqa: F401 - the report views answer with it
from imports.values import escape_formula

SHEET_TITLE_MAX = 31  # Excel's limit
DATE_FORMAT = "DD/MM/YYYY"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class ReportSheet:
    """One sheet: ``title`` (≤ 31 characters), ``lines`` above the table (organisation, report
    name, rule set, as-of date…), ``headers`` with a width each, ``rows`` of values (numbers stay
    numbers; None is an empty cell) and the row indexes to show in bold (totals)."""

    title: str
    lines: Sequence[str]
    headers: Sequence[tuple[str, int]]
    rows: Iterable[Sequence] = ()
    bold_rows: set[int] = field(default_factory=set)


def _cell(ws, value, *, bold=False, wrap=False):
    cell = WriteOnlyCell(ws, value=escape_formula(value) if isinstance(value, str) else value)
    if isinstance(value, dt.date):
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
            ws.append([_cell(ws, v, bold=bold) for v in row])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
