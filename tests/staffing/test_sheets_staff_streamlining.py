"""The ``staff`` sheet's columns of issue 9 (docs/import-format.md §6): training level and field,
the allowance coefficients and percentages the salary formula needs, on SQLite and PostgreSQL.
They are optional: a file without them (the format before issue 9) imports as it did and leaves
their stored values alone; an export re-imported unchanged changes nothing; the template has them.

Tree (tests/conftest.py): P 000.00.00.H17 ⊃ A 000.00.01.H17 ⊃ {A1, A2, A3}, P ⊃ B 000.00.02.H17.
The rows and checks are in tests/builders.py (staff_row, import_staff …).
"""

import io
from decimal import Decimal

import openpyxl
import pytest
from auditlog.models import LogEntry

from imports.exporting import export_bytes, template_xlsx
from staffing.models import Staff
from tests.builders import (
    STAFF_SHEET_HEADERS,
    STAFF_SHEET_STREAMLINING,
    error_cells,
    full_staff_row,
    import_staff,
    import_staff_rejected,
    make_rank,
    make_sheet_positions,
    run_sheet,
    sheet_errors,
    staff_row,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

COLUMNS = (
    "training_level",
    "training_field",
    "leadership_allowance",
    "other_allowance",
    "seniority_percent",
    "allowance_percent",
)


def stored(code) -> tuple:
    return tuple(Staff.objects.filter(employee_code=code).values_list(*COLUMNS).get())


def test_creates_people_with_training_and_allowances(tree, people):
    result = import_staff(
        staff_row(
            "T1",
            training_level="DH",
            training_field="Luật, Quản lý nhà nước",
            leadership_allowance="0,60",
            other_allowance="0.2",
            seniority_percent="7",
            allowance_percent="25",
        ),
        staff_row("T2", training_level="thạc sĩ", allowance_percent="25 %", seniority_percent="5,5%"),
        staff_row("T3", training_level="Thạc sỹ", leadership_allowance="1,3"),
        staff_row("T4", training_level="CAO ĐẲNG"),
        staff_row("T5"),
        extra=COLUMNS,
        user=people.admin_a,
    )
    assert sheet_errors(result) == [] and result.created == 5
    assert stored("T1") == ("DH", "Luật, Quản lý nhà nước", Decimal("0.60"), Decimal("0.20"), Decimal(7), Decimal(25))
    assert stored("T2") == ("THS", "", None, None, Decimal("5.50"), Decimal(25))
    assert stored("T3")[0] == "THS" and stored("T3")[2] == Decimal("1.30")
    assert stored("T4")[0] == "CD"
    assert stored("T5") == ("", "", None, None, None, None)  # empty cells: nothing recorded


def test_a_change_is_logged_before_and_after(tree, people, by_name):
    an = by_name["An"]
    row = staff_row(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980")
    assert import_staff({**row, "training_level": "CD", "allowance_percent": "25"}, extra=COLUMNS).updated == 1
    result = import_staff({**row, "training_level": "DH", "allowance_percent": "25"}, extra=COLUMNS, user=people.hr_a)
    assert result.updated == 1
    log = LogEntry.objects.filter(content_type__model="staff", object_pk=str(an.pk)).latest("pk")
    assert log.changes == {"training_level": ["CD", "DH"]}


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("training_level", "Cao học", ["“Cao học”", "SC (Sơ cấp)", "DH (Đại học)", "TS (Tiến sĩ)"]),
        ("training_level", "Đại học trở lên", ["“Đại học trở lên”"]),  # a requirement's wording, not a level
        ("training_field", "x" * 201, ["201", "200"]),
        ("leadership_allowance", "10,01", ["10.01", "từ 0 đến 10"]),
        ("leadership_allowance", "0,605", ["0,605", "2 chữ số thập phân"]),
        ("leadership_allowance", "-0,1", ["-0.10", "từ 0 đến 10"]),
        ("other_allowance", "hai", ["“hai”", "số thập phân"]),
        ("other_allowance", "０,６", ["０,６", "0–9"]),
        ("seniority_percent", "101", ["101.00", "từ 0 đến 100"]),
        ("seniority_percent", "0,25", ["0,25", "25 cho 25%"]),  # Excel's percentage cell
        ("allowance_percent", "25‰", ["25‰"]),
    ],
)
def test_bad_values_name_the_row_column_value_and_what_is_allowed(tree, column, value, words):
    result = import_staff_rejected(staff_row("B1"), staff_row("B2", **{column: value}), extra=COLUMNS)
    assert error_cells(result) == [(3, column)]
    message = result.errors[0].message
    assert all(word in message for word in words), message


def test_a_percentage_cell_of_excel_is_refused_not_read_as_a_fraction(tree):
    """A cell formatted as a percentage holds 0.25 for 25 %: refused, with the way to write it."""
    header = ["employee_code", "full_name", "date_of_birth", "sex", "category", "organization_code"]
    base = ["P1", "Lê Văn Phúc", "15/06/1985", "Nam", "CC", "000.00.01.H17"]
    refused = run_sheet("staff", xlsx_bytes([[*header, "allowance_percent"], [*base, 0.25]]), "p.xlsx")
    assert error_cells(refused) == [(2, "allowance_percent")] and "25 cho 25%" in refused.errors[0].message
    typed = run_sheet("staff", xlsx_bytes([[*header, "allowance_percent"], [*base, 25]]), "p.xlsx")
    assert typed.created == 1 and stored("P1")[5] == Decimal(25)


def test_an_old_file_leaves_the_stored_training_and_allowances_untouched(tree, by_name):
    """A file in the format before issue 9 (STAFF_SHEET_HEADERS, without the six columns): its
    people are updated and created as before; the stored values of the six stay (on PostgreSQL
    the update is a COPY into a temporary table and an UPDATE of the file's columns only)."""
    values = ("DH", "Luật", Decimal("0.60"), Decimal("0.10"), Decimal("5.00"), Decimal("25.00"))
    an = by_name["An"]
    Staff.objects.filter(pk=an.pk).update(**dict(zip(COLUMNS, values, strict=True)))
    make_rank()
    make_sheet_positions(tree)
    old_file = [
        STAFF_SHEET_HEADERS,
        full_staff_row(
            an.employee_code,
            **{"Họ và tên": "Nguyễn Văn An", "Ngày sinh": "17/05/1980", "Loại": "CC", "Số định danh cá nhân": ""},
        ),
        full_staff_row("CB009"),
    ]
    for name, data in (("old.csv", None), ("old.xlsx", xlsx_bytes(old_file))):
        result = run_sheet("staff", data or old_file, name)
        assert sheet_errors(result) == []
        assert stored(an.employee_code) == values
        assert stored("CB009") == ("", "", None, None, None, None)
    an.refresh_from_db()
    assert (an.salary_step, an.insurance_years, an.deferral) == (3, Decimal("15.5"), "TS")  # the file's columns


def test_a_file_with_some_of_the_columns_changes_only_those(tree, by_name):
    an = by_name["An"]
    Staff.objects.filter(pk=an.pk).update(training_level="CD", training_field="Kế toán", seniority_percent=5)
    row = staff_row(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", training_level="DH")
    assert import_staff(row, extra=("training_level",)).updated == 1
    assert stored(an.employee_code)[:2] == ("DH", "Kế toán") and stored(an.employee_code)[4] == Decimal(5)
    assert import_staff({**row, "training_field": ""}, extra=("training_level", "training_field")).updated == 1
    assert stored(an.employee_code)[:2] == ("DH", "")  # an empty cell of a column in the file clears it


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_has_the_columns_and_reimports_unchanged(tree, fmt):
    import_staff(
        staff_row("E1", training_level="TS", training_field="=Kinh tế", leadership_allowance="0,6"),
        staff_row("E2", other_allowance="0,25", seniority_percent="7,5", allowance_percent="25"),
        staff_row("E3"),
        extra=COLUMNS,
    )
    data = export_bytes(kind="staff", fmt=fmt, scope_org=tree.A)
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        header = [c.value for c in sheet[1]]
        assert set(STAFF_SHEET_STREAMLINING) <= set(header)
        e1 = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "E1")
        cells = dict(zip(header, e1, strict=True))
        assert cells["Trình độ đào tạo"] == "TS" and cells["Chuyên ngành đào tạo"] == "'=Kinh tế"
        assert cells["Hệ số phụ cấp chức vụ lãnh đạo"] == 0.6  # a number cell
    result = run_sheet("staff", data, f"export.{fmt}", scope_org=tree.A)
    assert sheet_errors(result) == []
    assert (result.updated, result.unchanged) == (
        0,
        Staff.objects.filter(organization__path__startswith=tree.A.path).count(),
    )
    assert stored("E1")[1] == "=Kinh tế" and stored("E2")[3:] == (Decimal("0.25"), Decimal("7.50"), Decimal(25))


def test_the_template_has_the_columns_and_a_list_of_training_levels(tree):
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("staff")))
    data = book.worksheets[0]
    header = [c.value for c in data[1]]
    assert set(STAFF_SHEET_STREAMLINING) <= set(header)
    level = header.index("Trình độ đào tạo") + 1
    assert "training_level" in data.cell(row=1, column=level).comment.text
    lists = book["Danh mục"]
    columns = {lists.cell(row=1, column=c).value: c for c in range(1, lists.max_column + 1)}
    codes = [lists.cell(row=r, column=columns["Trình độ đào tạo"]).value for r in range(2, 8)]
    assert codes == ["SC", "TC", "CD", "DH", "THS", "TS"]
    percent = header.index("Phụ cấp khác theo tỷ lệ (%)") + 1
    assert "allowance_percent" in data.cell(row=1, column=percent).comment.text
    assert "25" in data.cell(row=1, column=percent).comment.text
    guide = {row[0]: row for row in book["Hướng dẫn"].iter_rows(min_row=2, values_only=True)}
    assert guide["Hệ số phụ cấp chức vụ lãnh đạo"][1] == "leadership_allowance"
    # the sample row is a valid import (the engine's own template test does the same for organisations)
    sample = {h: data.cell(row=2, column=i + 1).value for i, h in enumerate(header)}
    assert sample["Trình độ đào tạo"] == "DH" and sample["Phụ cấp khác theo tỷ lệ (%)"] == 25
