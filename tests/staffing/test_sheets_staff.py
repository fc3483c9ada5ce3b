"""The ``staff`` sheet (staffing/sheets/staff.py) on the import engine (docs/import-format.md; issue 4
"Bad input"), on SQLite and PostgreSQL: people with their yearly records, every rule and text
normalisation. Positions are in test_sheets_staff_assignments.py; the file's shape, scope, export
then re-import, the command line and queries in test_sheets_staff_files.py.

Tree (tests/conftest.py): P 000.00.00.H17 ⊃ A 000.00.01.H17 ⊃ {A1, A2, A3}, P ⊃ B 000.00.02.H17;
M 000.00.00.G12 another root. Persona staff: 3 in A (one retired), 3 in A1, 1 in B. The rows and
checks the three files share (staff_row, staff_sheet, import_staff …) are in tests/builders.py.
"""

import datetime as dt
import io
import unicodedata
from decimal import Decimal

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from imports.exporting import export_bytes
from imports.jobs import run_import
from staffing.models import AnnualRecord, AssignmentKind
from tests.builders import (
    STAFF_SHEET_HEADERS,
    csv_bytes,
    error_cells,
    full_staff_row,
    held_positions,
    import_staff,
    import_staff_rejected,
    make_rank,
    make_sheet_positions,
    run_sheet,
    run_sheet_rejected,
    sheet_errors,
    staff_by_code,
    staff_row,
    staff_sheet,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

A, A1 = "000.00.01.H17", "000.01.01.H17"
TODAY = dt.date.today()


def years_ago(n: int, days: int = 0) -> dt.date:
    try:
        day = TODAY.replace(year=TODAY.year - n)
    except ValueError:
        day = TODAY.replace(year=TODAY.year - n, day=28)
    return day + dt.timedelta(days=days)


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def posts(tree):
    """Positions: VT01, KT01, LD01 in A; TC01 in A1; KT01 in B (a code A has too)."""
    return make_sheet_positions(tree)


@pytest.fixture
def rank():
    return make_rank()  # T01.003, coefficients 2.34–4.98


def test_creates_a_person_with_yearly_records_and_a_position(tree, posts, rank, people):
    result = run_import(
        kind="staff", data=csv_bytes([STAFF_SHEET_HEADERS, full_staff_row()]), file_name="s.csv", user=people.admin_a
    )
    assert sheet_errors(result) == [] and (result.created, result.updated, result.unchanged) == (1, 0, 0)
    lan = staff_by_code("CB001")
    assert (lan.personal_id, lan.full_name, lan.search_key, lan.date_of_birth, lan.birth_year_only) == (
        "048085001234",
        "Trần Thị Lan",
        "tran thi lan",
        dt.date(1985, 3, 25),
        False,
    )
    assert (lan.sex, lan.category, lan.organization, lan.rank, lan.salary_step) == ("F", "VC", tree.A, rank, 3)
    assert (lan.salary_coefficient, lan.insurance_years, lan.recruitment_date) == (
        Decimal("3.00"),
        Decimal("15.5"),
        dt.date(2010, 9, 1),
    )
    assert (lan.heavy_work, lan.redundant, lan.deferral, lan.status, lan.exit_date) == (True, False, "TS", "DLV", None)
    assert sorted(lan.annual_records.values_list("year", "rating", "sick_days")) == [
        (2024, "HTTNV", 3),
        (2025, "HTXSNV", None),
    ]
    assert held_positions("CB001") == [("VT01", AssignmentKind.PRIMARY, Decimal("1.00"), TODAY)]
    log = LogEntry.objects.get(content_type__model="staff", object_pk=str(lan.pk))
    assert log.actor == people.admin_a and log.changes["full_name"] == [None, "Trần Thị Lan"]
    assert log.changes["position"] == [None, f"{A}:VT01"] and log.changes["rank"] == [None, "T01.003"]
    # a creation lists who, where and how employed; later changes log [old, new]
    assert set(log.changes) == {
        "employee_code",
        "full_name",
        "date_of_birth",
        "sex",
        "category",
        "organization",
        "rank",
        "status",
        "position",
    }


def test_updates_a_person_column_by_column_and_counts_unchanged(tree, posts, rank, by_name):
    an = by_name["An"]
    an.personal_id = "001080000001"
    an.heavy_work = True
    an.save()
    AnnualRecord.objects.create(staff=an, year=2024, rating="HTNV", sick_days=4)
    result = import_staff(
        staff_row(an.employee_code, full_name="Nguyễn Văn An", date_of_birth="17/05/1980", rating_2024="HTTNV"),
        staff_row(by_name["Bình"].employee_code, full_name="Trần Thị Bình", date_of_birth="17/05/1980"),
        extra=("rating_2024",),
    )
    assert sheet_errors(result) == [] and (result.created, result.updated, result.unchanged) == (0, 1, 1)
    an.refresh_from_db()
    assert (an.personal_id, an.heavy_work) == ("001080000001", True)  # columns absent: kept
    assert an.annual_records.get(year=2024).sick_days == 4  # sick days column absent: kept
    assert an.annual_records.get(year=2024).rating == "HTTNV"
    log = LogEntry.objects.filter(content_type__model="staff", object_pk=str(an.pk)).latest("pk")
    assert log.changes == {"rating_2024": ["HTNV", "HTTNV"]}


def test_moving_a_person_within_the_scope_and_year_only_birth(tree, by_name):
    an = by_name["An"]
    result = import_staff(
        staff_row(an.employee_code, full_name="Nguyễn Văn An", date_of_birth="1980", organization_code=A1)
    )
    assert result.updated == 1
    an.refresh_from_db()
    assert (an.organization, an.date_of_birth, an.birth_year_only) == (tree.A1, dt.date(1980, 1, 1), True)
    again = import_staff(
        staff_row(an.employee_code, full_name="Nguyễn Văn An", date_of_birth="1980", organization_code=A1)
    )
    assert again.unchanged == 1
    full_date = import_staff(
        staff_row(an.employee_code, full_name="Nguyễn Văn An", date_of_birth="01/01/1980", organization_code=A1)
    )
    assert full_date.updated == 1 and staff_by_code(an.employee_code).birth_year_only is False


def test_status_defaults_to_working_and_leaving_needs_an_exit_date(tree):
    result = import_staff(
        staff_row("N1"), staff_row("N2", status="NH", exit_date="01/07/2025"), extra=("status", "exit_date")
    )
    assert result.created == 2
    assert (staff_by_code("N1").status, staff_by_code("N2").status, staff_by_code("N2").exit_date) == (
        "DLV",
        "NH",
        dt.date(2025, 7, 1),
    )
    result = import_staff_rejected(
        staff_row("N3", status="Thôi việc"), staff_row("N4", status="xx"), extra=("status", "exit_date")
    )
    assert error_cells(result) == [(2, "exit_date"), (3, "status")]
    assert "ngày nghỉ" in result.errors[0].message.lower()
    # an existing person who has left: the stored exit date counts
    assert import_staff(staff_row("N2", status="NH"), extra=("status",)).unchanged == 1
    result = import_staff_rejected(staff_row("N1", status="TV"), extra=("status",))
    assert error_cells(result) == [(2, "Ngày nghỉ")]  # the column is not in the file: its header is named


def test_working_age_between_15_and_70_on_the_import_date(tree):
    result = import_staff_rejected(
        staff_row("O1", date_of_birth=dmy(years_ago(71))),
        staff_row("Y1", date_of_birth=dmy(years_ago(15, days=1))),
        staff_row("Y2", date_of_birth=str(TODAY.year - 10)),
    )
    assert error_cells(result) == [(2, "date_of_birth"), (3, "date_of_birth"), (4, "date_of_birth")]
    assert "71 tuổi" in result.errors[0].message and "14 tuổi" in result.errors[1].message
    ok = import_staff(
        staff_row("O2", date_of_birth=dmy(years_ago(71, days=1))),  # 70 until tomorrow
        staff_row("Y3", date_of_birth=dmy(years_ago(15))),
        staff_row("R1", date_of_birth="1940", status="NH", exit_date="01/01/2000"),  # retired: any age
        extra=("status", "exit_date"),
    )
    assert sheet_errors(ok) == [] and ok.created == 3


def test_recruitment_not_before_the_15th_birthday(tree):
    result = import_staff_rejected(
        staff_row("R1", date_of_birth="15/06/1985", recruitment_date="14/06/2000"), extra=("recruitment_date",)
    )
    assert error_cells(result) == [(2, "recruitment_date")] and "15/06/2000" in result.errors[0].message
    ok = import_staff(
        staff_row("R1", date_of_birth="15/06/1985", recruitment_date="15/06/2000"), extra=("recruitment_date",)
    )
    assert ok.created == 1


def test_salary_coefficient_inside_the_rank_range(tree, rank):
    extra = ("rank_code", "salary_coefficient", "salary_step")
    result = import_staff_rejected(
        staff_row("S1", rank_code="T01.003", salary_coefficient="5,10"),
        staff_row("S2", rank_code="T01.003", salary_coefficient="2.33"),
        staff_row("S3", rank_code="KHONG.CO", salary_coefficient="3"),
        staff_row("S4", rank_code="T01.003", salary_step="13"),
        staff_row("S5", rank_code="T01.003", salary_coefficient="3,456"),
        extra=extra,
    )
    assert error_cells(result) == [
        (2, "salary_coefficient"),
        (3, "salary_coefficient"),
        (4, "rank_code"),
        (5, "salary_step"),
        (6, "salary_coefficient"),
    ]
    assert "2,34 – 4,98" in result.errors[0].message
    ok = import_staff(staff_row("S1", rank_code="T01.003", salary_coefficient="4.98", salary_step="12"), extra=extra)
    assert ok.created == 1 and staff_by_code("S1").salary_coefficient == Decimal("4.98")
    # the stored rank counts when the file has only the coefficient
    result = import_staff_rejected(staff_row("S1", salary_coefficient="6"), extra=("salary_coefficient",))
    assert error_cells(result) == [(2, "salary_coefficient")]


def test_ratings_and_sick_days_per_year(tree):
    extra = ("Xếp loại 2023", "Nghỉ ốm 2023", "rating_2024")
    result = import_staff_rejected(
        staff_row("Y1", **{"Xếp loại 2023": "Tốt", "Nghỉ ốm 2023": "-1", "rating_2024": "HTNV"}),
        staff_row("Y2", **{"Xếp loại 2023": "htxsnv", "Nghỉ ốm 2023": "2,5", "rating_2024": "X"}),
        extra=extra,
    )
    assert error_cells(result) == [(2, "Xếp loại 2023"), (2, "Nghỉ ốm 2023"), (3, "Nghỉ ốm 2023"), (3, "rating_2024")]
    assert "HTXSNV (Hoàn thành xuất sắc nhiệm vụ)" in result.errors[0].message
    result = import_staff(
        staff_row("Y1", **{"Xếp loại 2023": "không hoàn thành nhiệm vụ", "Nghỉ ốm 2023": "0", "rating_2024": ""}),
        extra=extra,
    )
    assert result.created == 1
    assert list(staff_by_code("Y1").annual_records.values_list("year", "rating", "sick_days")) == [(2023, "KHTNV", 0)]
    bad_year = import_staff_rejected(staff_row("Y3", rating_1999="HTNV"), extra=("rating_1999",))
    assert error_cells(bad_year) == [(1, "rating_1999")]


def test_personal_id_is_12_digits_unique_in_the_file_and_the_portal(tree, by_name):
    hai = by_name["Hải"]  # in B
    hai.personal_id = "048085000009"
    hai.save()
    result = import_staff_rejected(
        staff_row("P1", personal_id="048085000001"),
        staff_row("P2", personal_id="048085000001"),
        staff_row("P3", personal_id="48085000001"),
        staff_row("P4", personal_id="048085000009"),
        extra=("personal_id",),
        scope_org=tree.A,
    )
    assert error_cells(result) == [(3, "personal_id"), (4, "personal_id"), (5, "personal_id")]
    assert "dòng 2" in result.errors[0].message and "dòng 3" in result.errors[0].message
    assert "Vũ Văn Hải" not in result.errors[2].message and hai.employee_code not in result.errors[2].message
    ok = import_staff(staff_row("P1", personal_id="048085000001"), staff_row("P2"), extra=("personal_id",))
    assert (
        ok.created == 2
        and staff_by_code("P1").personal_id == "048085000001"
        and staff_by_code("P2").personal_id is None
    )
    # two people swap their IDs in one file
    import_staff(staff_row("P2", personal_id="048085000002"), extra=("personal_id",))
    swap = import_staff(
        staff_row("P1", personal_id="048085000002"), staff_row("P2", personal_id="048085000001"), extra=("personal_id",)
    )
    assert sheet_errors(swap) == [] and swap.updated == 2
    assert (staff_by_code("P1").personal_id, staff_by_code("P2").personal_id) == ("048085000002", "048085000001")


def test_codes_mangled_into_numbers_are_errors(tree):
    result = import_staff_rejected(
        staff_row("M1", personal_id="1.2E+11"),
        staff_row("M2", personal_id="048085000001.0"),
        staff_row("1090012345.0"),
        staff_row("new"),
        extra=("personal_id",),
    )
    assert error_cells(result) == [(2, "personal_id"), (3, "personal_id"), (4, "employee_code"), (5, "employee_code")]
    assert all("Excel" in e.message for e in result.errors[:3])
    numeric = run_sheet_rejected(
        "staff",
        xlsx_bytes(staff_sheet(staff_row(1234), staff_row("M5", personal_id=48085000001), extra=("personal_id",))),
        "s.xlsx",
    )
    assert error_cells(numeric) == [(2, "employee_code"), (3, "personal_id")]
    as_text = run_sheet(
        "staff",
        xlsx_bytes(staff_sheet(staff_row("0012", personal_id="048085000001"), extra=("personal_id",))),
        "t.xlsx",
    )
    assert as_text.created == 1 and staff_by_code("0012").personal_id == "048085000001"


def test_dates_future_impossible_us_order_and_excel_serials(tree):
    result = import_staff_rejected(
        staff_row("D1", date_of_birth="03/25/1990"),
        staff_row("D2", date_of_birth="30/02/1990"),
        staff_row("D3", date_of_birth=dmy(TODAY + dt.timedelta(days=1))),
        staff_row("D4", date_of_birth="25/03/1990", recruitment_date="2999-01-01"),
        staff_row("D5", date_of_birth="ngày 1"),
        extra=("recruitment_date",),
    )
    assert error_cells(result) == [
        (2, "date_of_birth"),
        (3, "date_of_birth"),
        (4, "date_of_birth"),
        (5, "recruitment_date"),
        (6, "date_of_birth"),
    ]
    assert "03/25/1990" in result.errors[0].message and "dd/mm/yyyy" in result.errors[0].message
    serial = import_staff(staff_row("D1", date_of_birth="32957"))  # 25/03/1990
    assert serial.created == 1 and staff_by_code("D1").date_of_birth == dt.date(1990, 3, 25)
    typed = run_sheet(
        "staff",
        xlsx_bytes(
            staff_sheet(staff_row("D2", date_of_birth=32957), staff_row("D3", date_of_birth=dt.datetime(1990, 3, 25)))
        ),
        "d.xlsx",
    )
    assert typed.created == 2 and staff_by_code("D2").date_of_birth == staff_by_code("D3").date_of_birth == dt.date(
        1990, 3, 25
    )


def test_sex_and_category_codes_or_labels(tree):
    ok = import_staff(
        staff_row("X1", sex="male", category="Công chức"),
        staff_row("X2", sex="F", category="vctc"),
        staff_row("X3", sex="NỮ", category="Người lao động hợp đồng"),
    )
    assert ok.created == 3 and [staff_by_code(c).sex for c in ("X1", "X2", "X3")] == ["M", "F", "F"]
    result = import_staff_rejected(staff_row("X4", sex="Khác"), staff_row("X5", category="CBCC"))
    assert error_cells(result) == [(2, "sex"), (3, "category")]


# --------------------------------------------------------------------------- text


def test_nfd_names_are_stored_nfc_and_equal_their_nfc_twins(tree):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert nfd != "Nguyễn Thị Hương"
    assert import_staff(staff_row("T1", full_name=nfd)).created == 1
    assert staff_by_code("T1").full_name == "Nguyễn Thị Hương" and staff_by_code("T1").search_key == "nguyen thi huong"
    assert import_staff(staff_row("T1", full_name="Nguyễn Thị Hương")).unchanged == 1
    assert import_staff(staff_row("T1", full_name=nfd)).unchanged == 1


def test_nbsp_zero_width_nul_and_control_characters(tree):
    result = import_staff(
        staff_row("T2\u200b", full_name="\u00a0Lê\u00a0Văn\u200b Tám\x00\x07 ", organization_code=f"\ufeff{A}")
    )
    assert sheet_errors(result) == [] and staff_by_code("T2").full_name == "Lê Văn Tám"


def test_formula_like_and_script_names_are_text_and_exported_escaped(tree, login):
    names = ['=HYPERLINK("http://x","y")', "+84 236", "-Nam", "@An", "<script>alert(1)</script>"]
    assert import_staff(*[staff_row(f"F{i}", full_name=n) for i, n in enumerate(names)]).created == 5
    assert [staff_by_code(f"F{i}").full_name for i in range(5)] == names
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(kind="staff", fmt="xlsx", scope_org=tree.A)))
    exported = {r[0].value: r[2] for r in book.active.iter_rows(min_row=2)}
    assert exported["F0"].value == "'" + names[0] and exported["F0"].data_type == "s"
    assert [exported[f"F{i}"].value for i in range(1, 4)] == ["'+84 236", "'-Nam", "'@An"]
    assert "F1,,'+84 236," in export_bytes(kind="staff", fmt="csv").decode("utf-8-sig")
    page = login("hr_a").get(reverse("staffing:staff_detail", args=["F4"]))
    assert page.status_code == 200
    assert b"<script>alert(1)</script>" not in page.content and b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content
