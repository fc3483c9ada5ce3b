"""The generic parts of the engine other sheets build on: the registry, year columns, the
template and the errors-only workbook."""

import io

import openpyxl
import pytest

from imports import registry
from imports.engine import Column, Context, Diff, Sheet, validate_file
from imports.errors import UnknownKind
from imports.exporting import errors_xlsx, template_xlsx
from imports.jobs import run_import
from imports.values import Choice, Code, Integer, Text
from portal import registry as portal_registry
from portal.models import Organization
from tests.builders import csv_bytes, xlsx_bytes


class YearSheet(Sheet):
    """A test sheet with per-year columns, shaped like the staff sheet's ratings."""

    kind = "test_years"
    title = "Thử"
    model = Organization
    key = ("employee_code",)
    columns = (
        Column("employee_code", "Mã cán bộ", Code(r"^[A-Z0-9]+$", "chữ và số"), required=True),
        Column("full_name", "Họ và tên", Text(max_length=50), required=True),
        Column("rating_YYYY", "Xếp loại YYYY", Choice([("HTNV", "Hoàn thành nhiệm vụ")]), per_year=True),
        Column("sick_days_YYYY", "Nghỉ ốm YYYY", Integer(min_value=0), per_year=True),
    )

    def load_context(self, scope):
        return Context(scope=scope)

    def diff(self, rows, ctx):
        return Diff(new=list(rows))


@pytest.fixture
def year_sheet():
    sheet = registry.register(YearSheet())
    yield sheet
    portal_registry.sheets.pop(sheet.kind, None)


def test_unknown_and_not_yet_registered_kinds():
    with pytest.raises(UnknownKind) as info:
        registry.get_sheet("nhan_su")
    assert "organizations, quotas, positions, staff" in info.value.message
    assert registry.get_sheet("organizations").kind == "organizations"
    assert registry.registered_kinds()[0] == "organizations"


def test_year_columns_match_any_year_in_either_language(year_sheet, db):
    data = csv_bytes(
        [
            ["Mã cán bộ", "Họ và tên", "Xếp loại 2024", "rating_2025", "NGHỈ ỐM 2025"],
            ["CB1", "An", "hoàn thành nhiệm vụ", "HTNV", "3"],
        ]
    )
    validated = validate_file(sheet=year_sheet, data=data, file_name="y.csv")
    assert not validated.errors
    assert [c.name for c in validated.ctx.columns] == [
        "employee_code",
        "full_name",
        "rating_2024",
        "rating_2025",
        "sick_days_2025",
    ]
    assert validated.ctx.columns[2].year == 2024 and validated.ctx.columns[2].base == "rating"
    assert validated.rows[0].values == {
        "employee_code": "CB1",
        "full_name": "An",
        "rating_2024": "HTNV",
        "rating_2025": "HTNV",
        "sick_days_2025": 3,
    }


def test_year_columns_can_repeat_only_once_per_year(year_sheet, db):
    data = csv_bytes([["Mã cán bộ", "Họ và tên", "Xếp loại 2024", "rating_2024"], ["CB1", "An", "HTNV", "HTNV"]])
    validated = validate_file(sheet=year_sheet, data=data, file_name="y.csv")
    assert [e.column for e in validated.errors.kept] == ["rating_2024"]


def test_cell_under_a_blank_header_is_an_error(year_sheet, db):
    data = csv_bytes([["Mã cán bộ", "", "Họ và tên"], ["CB1", "", "An"], ["CB2", "lạc", "Bình"]])
    validated = validate_file(sheet=year_sheet, data=data, file_name="y.csv")
    assert [(e.row, e.column, e.value) for e in validated.errors.kept] == [(3, "B", "lạc")]


def test_dry_run_on_a_registered_sheet(year_sheet, db):
    data = xlsx_bytes([["employee_code", "full_name"], ["CB1", "An"], ["CB2", "Bình"]])
    result = run_import(kind="test_years", data=data, file_name="y.xlsx", dry_run=True)
    assert (result.created, result.error_count) == (2, 0)


def test_template_has_headers_notes_dropdowns_and_text_code_columns(tree):
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("organizations", prefixes=(tree.A.path,))))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers == ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại hình", "Mã ĐVHC", "Hiệu lực từ"]
    assert "bắt buộc" in sheet["A1"].comment.text and "35 ký tự" in sheet["A1"].comment.text
    assert sheet["A2"].value == "DV-MOI-01" and sheet["A3"].number_format == "@"  # a new unit's code
    assert sheet["C2"].value == "000.00.01.H17"  # its parent: the scope's own unit
    parent, kind = sheet.data_validations.dataValidation
    assert parent.type == kind.type == "list" and "C2:C1000" in str(parent.sqref) and "D2:D1000" in str(kind.sqref)
    lists = book["Danh mục"]
    assert [lists.cell(row=r, column=1).value for r in range(1, 4)] == ["Loại hình", "BO", "CQCP"]
    assert book["Hướng dẫn"]["A2"].value == "Mã đơn vị"


def test_template_reimports_its_sample_row(tree):
    data = template_xlsx("organizations", prefixes=(tree.A.path,))
    result = run_import(kind="organizations", data=data, file_name="t.xlsx", scope_org=tree.A, dry_run=True)
    assert result.error_count == 0 and result.created == 1  # the sample: a new unit under Sở Nội vụ


def test_errors_workbook_keeps_the_bad_rows_and_adds_the_messages(tree):
    data = csv_bytes([["code", "name", "kind"], ["N.1", "Tốt", "SO"], ["N.2", "=Xấu", "ZZ"], ["n3", "Xấu nữa", "SO"]])
    result = run_import(kind="organizations", data=data, file_name="e.csv", dry_run=True)
    book = openpyxl.load_workbook(io.BytesIO(errors_xlsx(data=data, file_name="e.csv", errors=result.errors)))
    rows = [[c.value for c in row] for row in book.active.iter_rows()]
    assert rows[0] == ["Dòng", "code", "name", "kind", "Lỗi"]
    assert [r[:4] for r in rows[1:]] == [[3, "N.2", "'=Xấu", "ZZ"], [4, "n3", "Xấu nữa", "SO"]]
    assert rows[1][4].startswith("kind: “ZZ” không phải là giá trị được chấp nhận")
