"""Report workbooks (XLSX): one sheet per view, the title block (organisation, report, rule set,
as-of date) above a frozen header row, Vietnamese headers, numbers as numbers, column widths;
every text cell formula-escaped (``imports.values.escape_formula``), so a spreadsheet never
evaluates a value it was given."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from imports.exporting import XLSX_TYPE  # noqa: F401 - the report views answer with it
from imports.values import escape_formula

SHEET_TITLE_MAX = 31  # Excel's limit


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


def _cell(value):
    return escape_formula(value) if isinstance(value, str) else value


def workbook(sheets: Sequence[ReportSheet]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:SHEET_TITLE_MAX])
        for line in sheet.lines:
            ws.append([_cell(line)])
            ws.cell(ws.max_row, 1).font = bold if ws.max_row == 1 else Font()
        ws.append([])
        ws.append([_cell(h) for h, _w in sheet.headers])
        header_row = ws.max_row
        for cell in ws[header_row]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, row in enumerate(sheet.rows):
            ws.append([_cell(v) for v in row])
            if i in sheet.bold_rows:
                for cell in ws[ws.max_row]:
                    cell.font = bold
        ws.freeze_panes = ws.cell(header_row + 1, 1)
        for i, (_h, width) in enumerate(sheet.headers, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
