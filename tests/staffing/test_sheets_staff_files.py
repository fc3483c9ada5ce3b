"""The ``staff`` sheet (staffing/sheets/staff.py) as whole files: headers, blank rows and extra
cells, duplicated codes, scope, 5,000 bad rows, a rejected file writes nothing, export then
re-import changes nothing, the command line and the query count.

Tree (tests/conftest.py): P 000.00.00.H17 ⊃ A 000.00.01.H17 ⊃ {A1, A2, A3}, P ⊃ B 000.00.02.H17;
M 000.00.00.G12 another root. Persona staff: 3 in A (one retired), 3 in A1, 1 in B. The rows and
checks the three files share (staff_row, staff_sheet, import_staff …) are in tests/builders.py.
"""

import io
import unicodedata

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.engine import ERRORS_STORED
from imports.exporting import export_bytes
from imports.jobs import create_job, preview_job
from imports.models import ImportStatus
from staffing.models import AnnualRecord, AssignmentKind, Staff
from tests.builders import (
    STAFF_EXPORT_HEADERS,
    STAFF_SHEET_BASE,
    STAFF_SHEET_HEADERS,
    csv_bytes,
    error_cells,
    full_staff_row,
    held_positions,
    import_staff,
    import_staff_rejected,
    make_assignment,
    make_rank,
    make_sheet_positions,
    manage,
    run_sheet,
    run_sheet_rejected,
    sheet_errors,
    staff_by_code,
    staff_row,
    staff_sheet,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

A, B, A1 = "000.00.01.H17", "000.00.02.H17", "000.01.01.H17"


@pytest.fixture
def posts(tree):
    """Positions: VT01, KT01, LD01 in A; TC01 in A1; KT01 in B (a code A has too)."""
    return make_sheet_positions(tree)


@pytest.fixture
def rank():
    return make_rank()  # T01.003, coefficients 2.34–4.98


# --------------------------------------------------------------------------- file shape


def test_missing_unknown_duplicated_and_spaced_headers(tree):
    missing = run_sheet_rejected(
        "staff", [["employee_code", "full_name", "sex", "category", "organization_code"], ["H1", "A", "Nam", "CC", A]]
    )
    assert sheet_errors(missing) == [(1, "Ngày sinh", "Thiếu cột bắt buộc “Ngày sinh” (hoặc “date_of_birth”).")]
    unknown = run_sheet_rejected(
        "staff", [[*STAFF_SHEET_BASE, "Xep loai 2024"], ["H1", "A", "1980", "Nam", "CC", A, "HTNV"]]
    )
    assert error_cells(unknown) == [(1, "Xep loai 2024")] and "cột G" in unknown.errors[0].message
    twice = run_sheet_rejected("staff", [[*STAFF_SHEET_BASE, "Họ và tên"], ["H1", "A", "1980", "Nam", "CC", A, "A"]])
    assert error_cells(twice) == [(1, "Họ và tên")]
    year_twice = run_sheet_rejected(
        "staff", [[*STAFF_SHEET_BASE, "Xếp loại 2024", "rating_2024"], ["H1", "A", "1980", "Nam", "CC", A, "", ""]]
    )
    assert error_cells(year_twice) == [(1, "rating_2024")]
    header = [
        unicodedata.normalize("NFD", " Mã cán bộ"),
        "HỌ  VÀ\u00a0TÊN",
        "ngày sinh ",
        "Giới Tính",
        "LOẠI",
        "Mã đơn vị",
        unicodedata.normalize("NFD", "  Xếp loại   2024 "),
    ]
    ok = run_sheet("staff", [header, ["H1", "A", "1980", "Nam", "CC", A, "HTNV"]])
    assert sheet_errors(ok) == [] and staff_by_code("H1").annual_records.get().rating == "HTNV"


def test_blank_rows_are_skipped_and_counted_extra_cells_are_errors(tree):
    rows = staff_sheet(staff_row("B1"), {}, staff_row("B2"))
    rows.insert(3, ["\u00a0", "", "\u200b", "", "", ""])
    result = run_sheet("staff", rows)
    assert (result.created, result.blank) == (2, 2)
    extra = run_sheet_rejected("staff", [list(STAFF_SHEET_BASE), ["B3", "A", "1980", "Nam", "CC", A, "thừa"]])
    assert sheet_errors(extra) == [(2, "G", "Dòng có dữ liệu “thừa” ở cột G nhưng cột này không có tiêu đề (thừa ô).")]


def test_same_employee_code_twice_names_both_rows(tree):
    result = import_staff_rejected(staff_row("E1"), staff_row("E2"), staff_row("E1", full_name="Khác"))
    [(row, column, message)] = sheet_errors(result)
    assert (row, column) == (4, "employee_code") and "E1" in message and "dòng 2" in message and "dòng 4" in message


def test_scope_hides_where_outside_codes_belong(tree, by_name):
    hai = by_name["Hải"]  # works in B, outside A
    result = import_staff_rejected(
        staff_row(hai.employee_code, full_name="Vũ Văn Hải"), staff_row("S1", organization_code=B), scope_org=tree.A
    )
    assert error_cells(result) == [(2, "employee_code"), (3, "organization_code")]
    for error in result.errors:
        assert B not in error.message.replace(f"“{B}”", "") and "Tài chính" not in error.message
        assert "Hải" not in error.message
    unknown = import_staff_rejected(staff_row("S1", organization_code="X.9"), scope_org=tree.A)
    assert result.errors[1].message.replace(B, "?") == unknown.errors[0].message.replace("X.9", "?")
    inside = import_staff(staff_row("S1", organization_code=A1), scope_org=tree.A)
    assert inside.created == 1


def test_5000_bad_rows_keep_the_first_1000_errors_and_the_total(tree, people):
    rows = staff_sheet(*[staff_row(f"Z{i:05d}", sex="?") for i in range(5000)])
    job = create_job(kind="staff", data=csv_bytes(rows), file_name="bad.csv", scope_org=tree.A, user=people.admin_a)
    result = preview_job(job)
    job.refresh_from_db()
    assert (job.status, job.error_count, len(job.errors)) == (ImportStatus.REJECTED, 5000, ERRORS_STORED)
    assert [e["row"] for e in job.errors[:3]] == [2, 3, 4] and job.errors[-1]["row"] == 1001
    assert result.error_count == 5000 and not Staff.objects.filter(employee_code__startswith="Z").exists()


# --------------------------------------------------------------------------- nothing written, export, CLI, queries


def test_rejected_file_writes_nothing(tree, posts, by_name):
    an = by_name["An"]
    make_assignment(an, posts["VT01"])
    rows = [staff_row(f"W{i}", position_code="KT01", rating_2024="HTNV") for i in range(20)]
    rows.append(staff_row(an.employee_code, full_name="Đổi tên", position_code="LD01", rating_2024="HTNV"))
    rows.append(staff_row("W99", sex="?"))
    result = import_staff_rejected(*rows, extra=("position_code", "rating_2024"))
    assert error_cells(result) == [(23, "sex")]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_reimport_changes_nothing(tree, posts, rank, by_name, fmt):
    run_sheet(
        "staff",
        [
            STAFF_SHEET_HEADERS,
            full_staff_row(),
            full_staff_row(
                "CB002",
                **{
                    "Ngày sinh": "1979",
                    "Mã vị trí kiêm nhiệm": f"KT01;{A1}:TC01",
                    "Họ và tên": "=1+2",
                    "Số định danh cá nhân": "000000000001",
                },
            ),
        ],
    )
    run_sheet(
        "staff",
        staff_sheet(
            staff_row(
                "CB003",
                organization_code=A1,
                position_code="TC01",
                concurrent_position_codes=f"{A}:LD01",
                status="NH",
                exit_date="01/01/2025",
                full_name=unicodedata.normalize("NFD", "Đỗ Thị Ánh"),
            ),
            extra=("position_code", "concurrent_position_codes", "status", "exit_date"),
        ),
    )
    AnnualRecord.objects.create(staff=by_name["Hải"], year=2019, sick_days=12)
    make_assignment(by_name["An"], posts["VT01"], fte="0.6")  # set by hand, not by the import's rule
    make_assignment(by_name["An"], posts["KT01"], kind=AssignmentKind.CONCURRENT, fte="0.3")
    data = export_bytes(kind="staff", fmt=fmt)
    header = openpyxl.load_workbook(io.BytesIO(data)).active[1] if fmt == "xlsx" else None
    if header is not None:
        labels = [c.value for c in header]
        assert [label for label in labels if not label[-4:].isdigit()] == STAFF_EXPORT_HEADERS
        assert "Xếp loại 2019" in labels and "Nghỉ ốm 2025" in labels
    result = run_sheet("staff", data, f"export.{fmt}")
    assert sheet_errors(result) == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, Staff.objects.count())
    assert staff_by_code("CB002").birth_year_only and held_positions("CB002")[0][:2] == ("KT01", "concurrent")
    scoped = export_bytes(kind="staff", fmt=fmt, scope_org=tree.A)
    result = run_sheet("staff", scoped, f"a.{fmt}", scope_org=tree.A)
    assert (
        sheet_errors(result) == []
        and result.unchanged == Staff.objects.filter(organization__path__startswith=tree.A.path).count()
    )


def test_command_line_import_of_staff(tree, by_name, tmp_path):
    good = tmp_path / "staff.xlsx"
    good.write_bytes(
        xlsx_bytes(
            staff_sheet(
                staff_row("K1"),
                {},
                staff_row(by_name["An"].employee_code, full_name="Nguyễn Văn An", date_of_birth="17/05/1980"),
            )
        )
    )
    code, lines, _err = manage("import_data", "staff", good, "--org", A, "--dry-run")
    assert code == 0 and lines[-1] == "dry run: created=1 updated=0 unchanged=1"
    assert not Staff.objects.filter(employee_code="K1").exists()
    code, lines, _err = manage("import_data", "staff", good, "--org", A)
    assert code == 0 and lines[-1] == "created=1 updated=0 unchanged=1" and "Đã bỏ qua 1 dòng trống." in lines
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(staff_sheet(staff_row("K2", organization_code=B), staff_row("K3", sex="X"))))
    code, lines, _err = manage("import_data", "staff", bad, "--org", A)
    assert code == 1 and lines[-1] == "rejected: 2 errors, nothing written"
    assert lines[0].startswith("row 2, column organization_code: Mã đơn vị “000.00.02.H17” không có trong phạm vi")
    assert lines[1].startswith("row 3, column sex: “X” không phải là giá trị được chấp nhận")
    assert not Staff.objects.filter(employee_code__in=["K2", "K3"]).exists()
    code, _lines, err = manage("import_data", "staff", good, "--org", "KHONG.CO")
    assert code == 2 and "KHONG.CO" in err


def test_query_count_does_not_grow_with_rows(tree, posts, django_assert_num_queries):
    extra = (
        "position_code",
        "concurrent_position_codes",
        "personal_id",
        "rating_2024",
        "sick_days_2024",
        "training_level",
        "leadership_allowance",
        "allowance_percent",
    )

    def rows(n, prefix, **values):
        return staff_sheet(
            *[
                staff_row(
                    f"{prefix}{i:04d}",
                    **{
                        "personal_id": f"{'WSL'.index(prefix) + 1:03d}{i:09d}",
                        "position_code": "VT01",
                        "concurrent_position_codes": "TC01",
                        "rating_2024": "HTNV",
                        "sick_days_2024": "2",
                        "training_level": "DH",
                        "leadership_allowance": "0,4",
                        "allowance_percent": "25",
                        **values,
                    },
                )
                for i in range(n)
            ],
            extra=extra,
        )

    run_sheet("staff", rows(2, "W"))  # caches (content types …)
    with CaptureQueriesContext(connection) as small:
        assert run_sheet("staff", rows(10, "S")).created == 10
    with django_assert_num_queries(len(small)):
        assert run_sheet("staff", rows(300, "L")).created == 300
    with CaptureQueriesContext(connection) as small_update:
        assert (
            run_sheet("staff", rows(10, "S", position_code="KT01", rating_2024="HTTNV", training_level="THS")).updated
            == 10
        )
    with django_assert_num_queries(len(small_update)):
        assert (
            run_sheet("staff", rows(300, "L", position_code="KT01", rating_2024="HTTNV", training_level="THS")).updated
            == 300
        )
