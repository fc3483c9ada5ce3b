"""imports.preview without a database: what a job stores of a diff (bounded), and how a stored
change reads — each field under its column's header, each value as a file holds it."""

import datetime as dt
import json
from decimal import Decimal

from django.utils import translation

from imports.preview import build_preview, display_value, field_label, preview_rows
from imports.registry import get_sheet
from imports.sheets import Diff, Row


def staff_row(number, code, name, *, pk=None, changes=None) -> Row:
    row = Row(number, {"employee_code": code, "full_name": name, "date_of_birth": dt.date(1985, 6, 15)})
    row.pk = pk
    row.changes = changes or {}
    return row


def test_the_stored_preview_keeps_key_name_id_and_changes_and_is_bounded():
    sheet = get_sheet("staff")
    diff = Diff(
        new=[staff_row(n, f"CB{n}", f"Người {n}") for n in range(2, 7)],
        updated=[
            staff_row(
                9,
                "CB9",
                "Lê Văn Chín",
                pk=41,
                changes={"full_name": ("Lê Văn Chin", "Lê Văn Chín"), "insurance_years": (Decimal("3.5"), None)},
            )
        ],
    )
    stored = json.loads(json.dumps(build_preview(sheet=sheet, diff=diff, limit=3)))
    assert stored["new"] == [
        {"row": 2, "key": ["CB2"], "name": "Người 2", "pk": None},
        {"row": 3, "key": ["CB3"], "name": "Người 3", "pk": None},
        {"row": 4, "key": ["CB4"], "name": "Người 4", "pk": None},
    ]
    assert stored["updated"] == [
        {
            "row": 9,
            "key": ["CB9"],
            "name": "Lê Văn Chín",
            "pk": 41,
            "changes": {"full_name": ["Lê Văn Chin", "Lê Văn Chín"], "insurance_years": ["3.5", None]},
        }
    ]


def test_fields_read_under_their_column_headers():
    staff, positions = get_sheet("staff"), get_sheet("positions")
    assert field_label(sheet=staff, name="full_name") == "Họ và tên"
    assert field_label(sheet=staff, name="organization") == "Mã đơn vị"  # the column's audit field
    assert field_label(sheet=staff, name="rating_2024") == "Xếp loại 2024"  # a year column
    assert field_label(sheet=staff, name="position_fte") == "Tỷ lệ thời gian (FTE) của vị trí chính"
    assert field_label(sheet=positions, name="framework") == "Mã vị trí khung"
    assert field_label(sheet=positions, name="no_such_field") == "no_such_field"


def test_values_read_as_a_file_holds_them():
    staff = get_sheet("staff")
    column = {c.name: c for c in staff.columns}
    with translation.override("vi"):
        assert display_value(column=column["date_of_birth"], value="1985-06-15") == "15/06/1985"
        assert display_value(column=column["date_of_birth"], value="1985") == "1985"  # a year only
        assert display_value(column=column["heavy_work"], value=True) == "Có"
        assert display_value(column=column["sex"], value="F") == "Nữ"  # Nam / Nữ, as the export writes
        assert display_value(column=column["category"], value="CC") == "CC (Công chức)"
        assert display_value(column=None, value=["A:VT01", "B:KT01"]) == "A:VT01; B:KT01"
        assert display_value(column=column["salary_step"], value=None) == ""
    with translation.override("en"):
        assert display_value(column=column["heavy_work"], value=False) == "No"
        assert display_value(column=column["category"], value="CC").startswith("CC (") and "Công" not in (
            display_value(column=column["category"], value="CC")
        )


def test_a_page_of_entries_as_the_page_shows_it():
    sheet = get_sheet("staff")
    entries = [
        {"row": 9, "key": ["CB9"], "name": "Lê Văn Chín", "pk": 41, "changes": {"sex": ["M", "F"]}},
        {"row": 10, "key": ["CB10"], "name": "", "pk": 42, "changes": {}},
    ]
    with translation.override("vi"):
        first, second = preview_rows(sheet=sheet, entries=entries, links={41: "/staff/CB9/"})
    assert (first.number, first.key, first.name, first.url) == (9, "CB9", "Lê Văn Chín", "/staff/CB9/")
    assert [(c.label, c.old, c.new) for c in first.changes] == [("Giới tính", "Nam", "Nữ")]
    assert second.url is None  # a record the reader may not open: no link
