"""Report workbooks: title block, frozen header, numbers as numbers, formula-escaped text."""

import datetime as dt
import io

import openpyxl

from portal.exporting import ReportSheet, workbook


def test_a_report_sheet_has_its_title_block_a_frozen_header_and_numbers():
    data = workbook(
        [
            ReportSheet(
                title="Tinh giản biên chế theo đơn vị và loại biên chế",  # longer than Excel allows
                lines=["Sở Nội vụ", "Bộ quy tắc: KL40-2022", "Tính đến ngày 30/06/2026"],
                headers=[("Đơn vị", 40), ("Biên chế năm gốc", 14)],
                rows=[['=HYPERLINK("x")', 120], ["Tổng cộng", 120], [dt.date(2026, 6, 30), None]],
                bold_rows={1},
            )
        ]
    )
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.title == "Tinh giản biên chế theo đơn vị và loại biên chế"[:31]
    assert [ws.cell(i, 1).value for i in (1, 2, 3)] == [
        "Sở Nội vụ",
        "Bộ quy tắc: KL40-2022",
        "Tính đến ngày 30/06/2026",
    ]
    assert [c.value for c in ws[5]] == ["Đơn vị", "Biên chế năm gốc"]
    assert ws.freeze_panes == "A6"
    assert ws["A6"].value == '\'=HYPERLINK("x")' and ws["B6"].value == 120
    assert ws["A7"].font.bold and not ws["A6"].font.bold
    assert ws.column_dimensions["A"].width == 40
    assert ws["A8"].value == dt.datetime(2026, 6, 30) and ws["A8"].number_format == "DD/MM/YYYY"
    assert ws["B8"].value is None
