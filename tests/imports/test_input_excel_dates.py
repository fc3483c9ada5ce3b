"""A real Excel date cell holding serial 60, Excel's 29/02/1900 that never was (hardening issue
item 8): calamine reads it as 28/02/1900; the reader hands it on as the text "29/02/1900", which
every date column refuses like the same value typed as text."""

import datetime

import pytest

from imports.readers import read_table
from imports.values import Date, Invalid
from tests.builders import run_sheet_rejected, staff_row, xlsx_bytes

DATE_FORMAT = "dd/mm/yyyy"


def rows_of(data):
    return list(read_table(data, "f.xlsx").rows)


def test_serial_60_is_the_text_excel_shows_and_59_61_stay_dates():
    data = xlsx_bytes(
        [["Ngày", "Số", "Giờ"], [59, 60, 60.5], [60, 61, 60]],
        number_formats={"A2": DATE_FORMAT, "A3": DATE_FORMAT, "B3": DATE_FORMAT, "C2": "dd/mm/yyyy hh:mm"},
    )
    rows = rows_of(data)
    assert rows[1] == (2, [datetime.date(1900, 2, 28), 60.0, "29/02/1900 12:00"])  # B2: a plain number
    assert rows[2] == (3, ["29/02/1900", datetime.date(1900, 3, 1), 60.0])


def test_serial_60_after_a_padded_first_column_and_in_a_text_cell():
    data = xlsx_bytes([[None, None, "x"], [None, None, 60], [None, None, "60"]], number_formats={"C2": DATE_FORMAT})
    rows = rows_of(data)
    assert rows[1][1][2] == "29/02/1900"
    assert rows[2][1][2] == "60"  # text, not a date: the Date parser decides


def test_the_date_parser_refuses_both_spellings_alike():
    with pytest.raises(Invalid) as as_text:
        Date()("29/02/1900")
    message = as_text.value.message
    assert "không tồn tại" in message
    with pytest.raises(Invalid, match="không phải là ngày hợp lệ"):
        Date()(60)


@pytest.mark.django_db
def test_staff_import_refuses_a_birth_date_cell_of_serial_60(tree):
    header = ["employee_code", "full_name", "date_of_birth", "sex", "category", "organization_code"]
    row = staff_row("CB060")
    data = xlsx_bytes(
        [header, [row[h] if h != "date_of_birth" else 60 for h in header]], number_formats={"C2": DATE_FORMAT}
    )
    result = run_sheet_rejected("staff", data, "staff.xlsx")
    [(line, column, message)] = [(e.row, e.column, e.message) for e in result.errors]
    assert (line, column) == (2, "date_of_birth")
    assert "29/02/1900" in message and "không tồn tại" in message
