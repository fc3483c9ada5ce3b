"""The ``staff`` sheet (staffing/sheets/staff.py) on the import engine (docs/import-format.md; issue 4
"Bad input"), on SQLite and PostgreSQL: people with their yearly records and positions, every
rule, text normalisation, file shape, scope, export then re-import, the command line, queries.

Tree (tests/conftest.py): P 000.00.00.H17 ⊃ A 000.00.01.H17 ⊃ {A1, A2, A3}, P ⊃ B 000.00.02.H17;
M 000.00.00.G12 another root. Persona staff: 3 in A (one retired), 3 in A1, 1 in B.
"""

import datetime as dt
import io
import unicodedata
from decimal import Decimal

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imports.engine import ERRORS_STORED, create_job, preview_job, run_import
from imports.exporting import export_bytes
from imports.models import ImportStatus
from staffing.models import AnnualRecord, Assignment, AssignmentKind, Staff
from tests.builders import (
    LONG_AGO,
    csv_bytes,
    make_assignment,
    make_position,
    make_rank,
    manage,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

P, A, B, A1, A2, M = (
    "000.00.00.H17",
    "000.00.01.H17",
    "000.00.02.H17",
    "000.01.01.H17",
    "000.02.01.H17",
    "000.00.00.G12",
)
TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)


def years_ago(n: int, days: int = 0) -> dt.date:
    try:
        day = TODAY.replace(year=TODAY.year - n)
    except ValueError:
        day = TODAY.replace(year=TODAY.year - n, day=28)
    return day + dt.timedelta(days=days)


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def run(kind, rows, name=None, **kwargs):
    data = rows if isinstance(rows, bytes) else csv_bytes(rows)
    return run_import(kind=kind, data=data, file_name=name or f"{kind}.csv", **kwargs)


def errors_of(result) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in result.errors]


def cells(result) -> list[tuple]:
    return [(e.row, e.column) for e in result.errors]


def snapshot():
    return (
        sorted(Staff.objects.values_list("employee_code", "full_name", "organization__code", "personal_id", "status")),
        sorted(AnnualRecord.objects.values_list("staff__employee_code", "year", "rating", "sick_days")),
        sorted(Assignment.objects.values_list("staff__employee_code", "position__code", "kind", "fte", "end_date")),
        LogEntry.objects.exclude(content_type__model="importjob").count(),
    )


def rejected(kind, rows, name=None, **kwargs):
    before = snapshot()
    result = run(kind, rows, name, **kwargs)
    assert result.error_count > 0 and not result.written
    assert snapshot() == before
    return result


BASE = ("employee_code", "full_name", "date_of_birth", "sex", "category", "organization_code")
FULL = [
    "Mã cán bộ",
    "Số định danh cá nhân",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Loại",
    "Mã đơn vị",
    "Mã vị trí",
    "Mã vị trí kiêm nhiệm",
    "Mã ngạch",
    "Bậc lương",
    "Hệ số lương",
    "Ngày tuyển dụng",
    "Số năm đóng BHXH",
    "Xếp loại 2024",
    "Xếp loại 2025",
    "Nghỉ ốm 2024",
    "Nghỉ ốm 2025",
    "Nặng nhọc, độc hại",
    "Diện dôi dư",
    "Hoãn xét tinh giản",
    "Trạng thái",
    "Ngày nghỉ",
]


def person(code, **values):
    row = {
        "employee_code": code,
        "full_name": "Nguyễn Văn Nam",
        "date_of_birth": "15/06/1985",
        "sex": "Nam",
        "category": "CC",
        "organization_code": A,
    }
    row.update(values)
    return row


def sheet(*people, extra=()):
    header = [*BASE, *extra]
    return [header] + [[p.get(h, "") for h in header] for p in people]


def staff_run(*people, extra=(), **kwargs):
    return run("staff", sheet(*people, extra=extra), **kwargs)


def staff_rejected(*people, extra=(), **kwargs):
    return rejected("staff", sheet(*people, extra=extra), **kwargs)


def get(code):
    return Staff.objects.select_related("organization", "rank").get(employee_code=code)


def held(code, *, open_only=True):
    qs = Assignment.objects.filter(staff__employee_code=code)
    if open_only:
        qs = qs.filter(end_date__isnull=True)
    return sorted((a.position.code, a.kind, a.fte, a.start_date) for a in qs.select_related("position"))


@pytest.fixture
def posts(tree):
    """Positions: VT01, KT01, LD01 in A; TC01 in A1; KT01 in B (a code A has too)."""
    return {
        "VT01": make_position(tree.A, "VT01", "Văn thư"),
        "KT01": make_position(tree.A, "KT01", "Kế toán"),
        "LD01": make_position(tree.A, "LD01", "Giám đốc"),
        "TC01": make_position(tree.A1, "TC01", "Tổ chức"),
        "B:KT01": make_position(tree.B, "KT01", "Kế toán"),
    }


@pytest.fixture
def rank():
    return make_rank()  # T01.003, coefficients 2.34–4.98


def full_row(code="CB001", **values):
    row = {
        "Mã cán bộ": code,
        "Số định danh cá nhân": "048085001234",
        "Họ và tên": "Trần Thị Lan",
        "Ngày sinh": "25/03/1985",
        "Giới tính": "Nữ",
        "Loại": "VC",
        "Mã đơn vị": A,
        "Mã vị trí": "VT01",
        "Mã vị trí kiêm nhiệm": "",
        "Mã ngạch": "T01.003",
        "Bậc lương": "3",
        "Hệ số lương": "3,00",
        "Ngày tuyển dụng": "01/09/2010",
        "Số năm đóng BHXH": "15,5",
        "Xếp loại 2024": "HTTNV",
        "Xếp loại 2025": "Hoàn thành xuất sắc nhiệm vụ",
        "Nghỉ ốm 2024": "3",
        "Nghỉ ốm 2025": "",
        "Nặng nhọc, độc hại": "x",
        "Diện dôi dư": "Không",
        "Hoãn xét tinh giản": "TS",
        "Trạng thái": "",
        "Ngày nghỉ": "",
    }
    row.update(values)
    return [row[h] for h in FULL]


def test_creates_a_person_with_yearly_records_and_a_position(tree, posts, rank, people):
    result = run_import(kind="staff", data=csv_bytes([FULL, full_row()]), file_name="s.csv", user=people.admin_a)
    assert errors_of(result) == [] and (result.created, result.updated, result.unchanged) == (1, 0, 0)
    lan = get("CB001")
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
    assert held("CB001") == [("VT01", AssignmentKind.PRIMARY, Decimal("1.00"), TODAY)]
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
    result = staff_run(
        person(an.employee_code, full_name="Nguyễn Văn An", date_of_birth="17/05/1980", rating_2024="HTTNV"),
        person(by_name["Bình"].employee_code, full_name="Trần Thị Bình", date_of_birth="17/05/1980"),
        extra=("rating_2024",),
    )
    assert errors_of(result) == [] and (result.created, result.updated, result.unchanged) == (0, 1, 1)
    an.refresh_from_db()
    assert (an.personal_id, an.heavy_work) == ("001080000001", True)  # columns absent: kept
    assert an.annual_records.get(year=2024).sick_days == 4  # sick days column absent: kept
    assert an.annual_records.get(year=2024).rating == "HTTNV"
    log = LogEntry.objects.filter(content_type__model="staff", object_pk=str(an.pk)).latest("pk")
    assert log.changes == {"rating_2024": ["HTNV", "HTTNV"]}


def test_moving_a_person_within_the_scope_and_year_only_birth(tree, by_name):
    an = by_name["An"]
    result = staff_run(person(an.employee_code, full_name="Nguyễn Văn An", date_of_birth="1980", organization_code=A1))
    assert result.updated == 1
    an.refresh_from_db()
    assert (an.organization, an.date_of_birth, an.birth_year_only) == (tree.A1, dt.date(1980, 1, 1), True)
    again = staff_run(person(an.employee_code, full_name="Nguyễn Văn An", date_of_birth="1980", organization_code=A1))
    assert again.unchanged == 1
    full_date = staff_run(
        person(an.employee_code, full_name="Nguyễn Văn An", date_of_birth="01/01/1980", organization_code=A1)
    )
    assert full_date.updated == 1 and get(an.employee_code).birth_year_only is False


def test_status_defaults_to_working_and_leaving_needs_an_exit_date(tree):
    result = staff_run(person("N1"), person("N2", status="NH", exit_date="01/07/2025"), extra=("status", "exit_date"))
    assert result.created == 2
    assert (get("N1").status, get("N2").status, get("N2").exit_date) == ("DLV", "NH", dt.date(2025, 7, 1))
    result = staff_rejected(person("N3", status="Thôi việc"), person("N4", status="xx"), extra=("status", "exit_date"))
    assert cells(result) == [(2, "exit_date"), (3, "status")]
    assert "ngày nghỉ" in result.errors[0].message.lower()
    # an existing person who has left: the stored exit date counts
    assert staff_run(person("N2", status="NH"), extra=("status",)).unchanged == 1
    result = staff_rejected(person("N1", status="TV"), extra=("status",))
    assert cells(result) == [(2, "Ngày nghỉ")]  # the column is not in the file: its header is named


def test_working_age_between_15_and_70_on_the_import_date(tree):
    result = staff_rejected(
        person("O1", date_of_birth=dmy(years_ago(71))),
        person("Y1", date_of_birth=dmy(years_ago(15, days=1))),
        person("Y2", date_of_birth=str(TODAY.year - 10)),
    )
    assert cells(result) == [(2, "date_of_birth"), (3, "date_of_birth"), (4, "date_of_birth")]
    assert "71 tuổi" in result.errors[0].message and "14 tuổi" in result.errors[1].message
    ok = staff_run(
        person("O2", date_of_birth=dmy(years_ago(71, days=1))),  # 70 until tomorrow
        person("Y3", date_of_birth=dmy(years_ago(15))),
        person("R1", date_of_birth="1940", status="NH", exit_date="01/01/2000"),  # retired: any age
        extra=("status", "exit_date"),
    )
    assert errors_of(ok) == [] and ok.created == 3


def test_recruitment_not_before_the_15th_birthday(tree):
    result = staff_rejected(
        person("R1", date_of_birth="15/06/1985", recruitment_date="14/06/2000"), extra=("recruitment_date",)
    )
    assert cells(result) == [(2, "recruitment_date")] and "15/06/2000" in result.errors[0].message
    ok = staff_run(person("R1", date_of_birth="15/06/1985", recruitment_date="15/06/2000"), extra=("recruitment_date",))
    assert ok.created == 1


def test_salary_coefficient_inside_the_rank_range(tree, rank):
    extra = ("rank_code", "salary_coefficient", "salary_step")
    result = staff_rejected(
        person("S1", rank_code="T01.003", salary_coefficient="5,10"),
        person("S2", rank_code="T01.003", salary_coefficient="2.33"),
        person("S3", rank_code="KHONG.CO", salary_coefficient="3"),
        person("S4", rank_code="T01.003", salary_step="13"),
        person("S5", rank_code="T01.003", salary_coefficient="3,456"),
        extra=extra,
    )
    assert cells(result) == [
        (2, "salary_coefficient"),
        (3, "salary_coefficient"),
        (4, "rank_code"),
        (5, "salary_step"),
        (6, "salary_coefficient"),
    ]
    assert "2,34 – 4,98" in result.errors[0].message
    ok = staff_run(person("S1", rank_code="T01.003", salary_coefficient="4.98", salary_step="12"), extra=extra)
    assert ok.created == 1 and get("S1").salary_coefficient == Decimal("4.98")
    # the stored rank counts when the file has only the coefficient
    result = staff_rejected(person("S1", salary_coefficient="6"), extra=("salary_coefficient",))
    assert cells(result) == [(2, "salary_coefficient")]


def test_ratings_and_sick_days_per_year(tree):
    extra = ("Xếp loại 2023", "Nghỉ ốm 2023", "rating_2024")
    result = staff_rejected(
        person("Y1", **{"Xếp loại 2023": "Tốt", "Nghỉ ốm 2023": "-1", "rating_2024": "HTNV"}),
        person("Y2", **{"Xếp loại 2023": "htxsnv", "Nghỉ ốm 2023": "2,5", "rating_2024": "X"}),
        extra=extra,
    )
    assert cells(result) == [(2, "Xếp loại 2023"), (2, "Nghỉ ốm 2023"), (3, "Nghỉ ốm 2023"), (3, "rating_2024")]
    assert "HTXSNV (Hoàn thành xuất sắc nhiệm vụ)" in result.errors[0].message
    result = staff_run(
        person("Y1", **{"Xếp loại 2023": "không hoàn thành nhiệm vụ", "Nghỉ ốm 2023": "0", "rating_2024": ""}),
        extra=extra,
    )
    assert result.created == 1
    assert list(get("Y1").annual_records.values_list("year", "rating", "sick_days")) == [(2023, "KHTNV", 0)]
    bad_year = staff_rejected(person("Y3", rating_1999="HTNV"), extra=("rating_1999",))
    assert cells(bad_year) == [(1, "rating_1999")]


def test_personal_id_is_12_digits_unique_in_the_file_and_the_portal(tree, by_name):
    hai = by_name["Hải"]  # in B
    hai.personal_id = "048085000009"
    hai.save()
    result = staff_rejected(
        person("P1", personal_id="048085000001"),
        person("P2", personal_id="048085000001"),
        person("P3", personal_id="48085000001"),
        person("P4", personal_id="048085000009"),
        extra=("personal_id",),
        scope_org=tree.A,
    )
    assert cells(result) == [(3, "personal_id"), (4, "personal_id"), (5, "personal_id")]
    assert "dòng 2" in result.errors[0].message and "dòng 3" in result.errors[0].message
    assert "Vũ Văn Hải" not in result.errors[2].message and hai.employee_code not in result.errors[2].message
    ok = staff_run(person("P1", personal_id="048085000001"), person("P2"), extra=("personal_id",))
    assert ok.created == 2 and get("P1").personal_id == "048085000001" and get("P2").personal_id is None
    # two people swap their IDs in one file
    staff_run(person("P2", personal_id="048085000002"), extra=("personal_id",))
    swap = staff_run(
        person("P1", personal_id="048085000002"), person("P2", personal_id="048085000001"), extra=("personal_id",)
    )
    assert errors_of(swap) == [] and swap.updated == 2
    assert (get("P1").personal_id, get("P2").personal_id) == ("048085000002", "048085000001")


def test_codes_mangled_into_numbers_are_errors(tree):
    result = staff_rejected(
        person("M1", personal_id="1.2E+11"),
        person("M2", personal_id="048085000001.0"),
        person("1090012345.0"),
        person("new"),
        extra=("personal_id",),
    )
    assert cells(result) == [(2, "personal_id"), (3, "personal_id"), (4, "employee_code"), (5, "employee_code")]
    assert all("Excel" in e.message for e in result.errors[:3])
    numeric = rejected(
        "staff",
        xlsx_bytes(sheet(person(1234), person("M5", personal_id=48085000001), extra=("personal_id",))),
        "s.xlsx",
    )
    assert cells(numeric) == [(2, "employee_code"), (3, "personal_id")]
    as_text = run(
        "staff", xlsx_bytes(sheet(person("0012", personal_id="048085000001"), extra=("personal_id",))), "t.xlsx"
    )
    assert as_text.created == 1 and get("0012").personal_id == "048085000001"


def test_dates_future_impossible_us_order_and_excel_serials(tree):
    result = staff_rejected(
        person("D1", date_of_birth="03/25/1990"),
        person("D2", date_of_birth="30/02/1990"),
        person("D3", date_of_birth=dmy(TODAY + dt.timedelta(days=1))),
        person("D4", date_of_birth="25/03/1990", recruitment_date="2999-01-01"),
        person("D5", date_of_birth="ngày 1"),
        extra=("recruitment_date",),
    )
    assert cells(result) == [
        (2, "date_of_birth"),
        (3, "date_of_birth"),
        (4, "date_of_birth"),
        (5, "recruitment_date"),
        (6, "date_of_birth"),
    ]
    assert "03/25/1990" in result.errors[0].message and "dd/mm/yyyy" in result.errors[0].message
    serial = staff_run(person("D1", date_of_birth="32957"))  # 25/03/1990
    assert serial.created == 1 and get("D1").date_of_birth == dt.date(1990, 3, 25)
    typed = run(
        "staff",
        xlsx_bytes(sheet(person("D2", date_of_birth=32957), person("D3", date_of_birth=dt.datetime(1990, 3, 25)))),
        "d.xlsx",
    )
    assert typed.created == 2 and get("D2").date_of_birth == get("D3").date_of_birth == dt.date(1990, 3, 25)


def test_sex_and_category_codes_or_labels(tree):
    ok = staff_run(
        person("X1", sex="male", category="Công chức"),
        person("X2", sex="F", category="vctc"),
        person("X3", sex="NỮ", category="Người lao động hợp đồng"),
    )
    assert ok.created == 3 and [get(c).sex for c in ("X1", "X2", "X3")] == ["M", "F", "F"]
    result = staff_rejected(person("X4", sex="Khác"), person("X5", category="CBCC"))
    assert cells(result) == [(2, "sex"), (3, "category")]


# --------------------------------------------------------------------------- text


def test_nfd_names_are_stored_nfc_and_equal_their_nfc_twins(tree):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert nfd != "Nguyễn Thị Hương"
    assert staff_run(person("T1", full_name=nfd)).created == 1
    assert get("T1").full_name == "Nguyễn Thị Hương" and get("T1").search_key == "nguyen thi huong"
    assert staff_run(person("T1", full_name="Nguyễn Thị Hương")).unchanged == 1
    assert staff_run(person("T1", full_name=nfd)).unchanged == 1


def test_nbsp_zero_width_nul_and_control_characters(tree):
    result = staff_run(
        person("T2\u200b", full_name="\u00a0Lê\u00a0Văn\u200b Tám\x00\x07 ", organization_code=f"\ufeff{A}")
    )
    assert errors_of(result) == [] and get("T2").full_name == "Lê Văn Tám"


def test_formula_like_and_script_names_are_text_and_exported_escaped(tree, login):
    names = ['=HYPERLINK("http://x","y")', "+84 236", "-Nam", "@An", "<script>alert(1)</script>"]
    assert staff_run(*[person(f"F{i}", full_name=n) for i, n in enumerate(names)]).created == 5
    assert [get(f"F{i}").full_name for i in range(5)] == names
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(kind="staff", fmt="xlsx", scope_org=tree.A)))
    exported = {r[0].value: r[2] for r in book.active.iter_rows(min_row=2)}
    assert exported["F0"].value == "'" + names[0] and exported["F0"].data_type == "s"
    assert [exported[f"F{i}"].value for i in range(1, 4)] == ["'+84 236", "'-Nam", "'@An"]
    assert "F1,,'+84 236," in export_bytes(kind="staff", fmt="csv").decode("utf-8-sig")
    page = login("hr_a").get(reverse("staffing:staff_detail", args=["F4"]))
    assert page.status_code == 200
    assert b"<script>alert(1)</script>" not in page.content and b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content


# --------------------------------------------------------------------------- file shape


def test_missing_unknown_duplicated_and_spaced_headers(tree):
    missing = rejected(
        "staff", [["employee_code", "full_name", "sex", "category", "organization_code"], ["H1", "A", "Nam", "CC", A]]
    )
    assert errors_of(missing) == [(1, "Ngày sinh", "Thiếu cột bắt buộc “Ngày sinh” (hoặc “date_of_birth”).")]
    unknown = rejected("staff", [[*BASE, "Xep loai 2024"], ["H1", "A", "1980", "Nam", "CC", A, "HTNV"]])
    assert cells(unknown) == [(1, "Xep loai 2024")] and "cột G" in unknown.errors[0].message
    twice = rejected("staff", [[*BASE, "Họ và tên"], ["H1", "A", "1980", "Nam", "CC", A, "A"]])
    assert cells(twice) == [(1, "Họ và tên")]
    year_twice = rejected(
        "staff", [[*BASE, "Xếp loại 2024", "rating_2024"], ["H1", "A", "1980", "Nam", "CC", A, "", ""]]
    )
    assert cells(year_twice) == [(1, "rating_2024")]
    header = [
        unicodedata.normalize("NFD", " Mã cán bộ"),
        "HỌ  VÀ\u00a0TÊN",
        "ngày sinh ",
        "Giới Tính",
        "LOẠI",
        "Mã đơn vị",
        unicodedata.normalize("NFD", "  Xếp loại   2024 "),
    ]
    ok = run("staff", [header, ["H1", "A", "1980", "Nam", "CC", A, "HTNV"]])
    assert errors_of(ok) == [] and get("H1").annual_records.get().rating == "HTNV"


def test_blank_rows_are_skipped_and_counted_extra_cells_are_errors(tree):
    rows = sheet(person("B1"), {}, person("B2"))
    rows.insert(3, ["\u00a0", "", "\u200b", "", "", ""])
    result = run("staff", rows)
    assert (result.created, result.blank) == (2, 2)
    extra = rejected("staff", [list(BASE), ["B3", "A", "1980", "Nam", "CC", A, "thừa"]])
    assert errors_of(extra) == [(2, "G", "Dòng có dữ liệu “thừa” ở cột G nhưng cột này không có tiêu đề (thừa ô).")]


def test_same_employee_code_twice_names_both_rows(tree):
    result = staff_rejected(person("E1"), person("E2"), person("E1", full_name="Khác"))
    [(row, column, message)] = errors_of(result)
    assert (row, column) == (4, "employee_code") and "E1" in message and "dòng 2" in message and "dòng 4" in message


def test_scope_hides_where_outside_codes_belong(tree, by_name):
    hai = by_name["Hải"]  # works in B, outside A
    result = staff_rejected(
        person(hai.employee_code, full_name="Vũ Văn Hải"), person("S1", organization_code=B), scope_org=tree.A
    )
    assert cells(result) == [(2, "employee_code"), (3, "organization_code")]
    for error in result.errors:
        assert B not in error.message.replace(f"“{B}”", "") and "Tài chính" not in error.message
        assert "Hải" not in error.message
    unknown = staff_rejected(person("S1", organization_code="X.9"), scope_org=tree.A)
    assert result.errors[1].message.replace(B, "?") == unknown.errors[0].message.replace("X.9", "?")
    inside = staff_run(person("S1", organization_code=A1), scope_org=tree.A)
    assert inside.created == 1


def test_5000_bad_rows_keep_the_first_1000_errors_and_the_total(tree, people):
    rows = sheet(*[person(f"Z{i:05d}", sex="?") for i in range(5000)])
    job = create_job(kind="staff", data=csv_bytes(rows), file_name="bad.csv", scope_org=tree.A, user=people.admin_a)
    result = preview_job(job)
    job.refresh_from_db()
    assert (job.status, job.error_count, len(job.errors)) == (ImportStatus.REJECTED, 5000, ERRORS_STORED)
    assert [e["row"] for e in job.errors[:3]] == [2, 3, 4] and job.errors[-1]["row"] == 1001
    assert result.error_count == 5000 and not Staff.objects.filter(employee_code__startswith="Z").exists()


# --------------------------------------------------------------------------- assignments


def test_primary_change_closes_the_old_one_the_day_before(tree, posts, by_name):
    an = by_name["An"]
    make_assignment(an, posts["VT01"], start=LONG_AGO)
    result = staff_run(
        person(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", position_code="KT01"),
        extra=("position_code",),
    )
    assert result.updated == 1
    closed = Assignment.objects.get(staff=an, position=posts["VT01"])
    assert (closed.start_date, closed.end_date) == (LONG_AGO, YESTERDAY)
    assert held(an.employee_code) == [("KT01", "primary", Decimal("1.00"), TODAY)]
    log = LogEntry.objects.filter(content_type__model="staff", object_pk=str(an.pk)).latest("pk")
    assert log.changes == {"position": [f"{A}:VT01", f"{A}:KT01"]}
    # the same file again: nothing to do
    again = staff_run(
        person(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", position_code="KT01"),
        extra=("position_code",),
    )
    assert again.unchanged == 1
    # changed again on the same day: the assignment that started today moves, no empty history row
    staff_run(
        person(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", position_code="LD01"),
        extra=("position_code",),
    )
    assert held(an.employee_code) == [("LD01", "primary", Decimal("1.00"), TODAY)]
    assert Assignment.objects.filter(staff=an).count() == 2
    # an empty position closes the primary one
    staff_run(
        person(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", position_code=""),
        extra=("position_code",),
    )
    assert held(an.employee_code) == []


def test_concurrent_positions_get_a_tenth_and_the_primary_the_rest(tree, posts, by_name):
    an = by_name["An"]
    make_assignment(an, posts["VT01"], start=LONG_AGO)
    extra = ("position_code", "concurrent_position_codes")
    base = {"full_name": an.full_name, "date_of_birth": "17/05/1980", "position_code": "VT01"}
    result = staff_run(person(an.employee_code, concurrent_position_codes="KT01; TC01", **base), extra=extra)
    assert errors_of(result) == [] and result.updated == 1
    assert held(an.employee_code) == [
        ("KT01", "concurrent", Decimal("0.10"), TODAY),
        ("TC01", "concurrent", Decimal("0.10"), TODAY),
        ("VT01", "primary", Decimal("0.80"), TODAY),
    ]
    assert Assignment.objects.get(staff=an, end_date=YESTERDAY).position == posts["VT01"]  # the 1.0 share closed
    assert (
        staff_run(person(an.employee_code, concurrent_position_codes="TC01;KT01", **base), extra=extra).unchanged == 1
    )
    # dropping one concurrent position: the primary keeps its 0.8 (the sum stays within 1)
    staff_run(person(an.employee_code, concurrent_position_codes=f"{A1}:TC01", **base), extra=extra)
    assert [h[:3] for h in held(an.employee_code)] == [
        ("TC01", "concurrent", Decimal("0.10")),
        ("VT01", "primary", Decimal("0.80")),
    ]
    assert sum(a.fte for a in Assignment.objects.filter(staff=an, end_date__isnull=True)) <= 1


def test_concurrent_position_rules(tree, posts, by_name):
    extra = ("position_code", "concurrent_position_codes")
    result = staff_rejected(
        person("C1", position_code="VT01", concurrent_position_codes="VT01"),
        person("C2", position_code="TC01"),  # a position of another unit as the primary one
        person("C3", organization_code=A1, position_code="TC01", concurrent_position_codes="KT01"),  # in A and B
        person("C4", position_code="VT01", concurrent_position_codes="KHONG"),
        person("C5", position_code="VT01", concurrent_position_codes=f"{M}:X"),
        extra=extra,
    )
    assert cells(result) == [
        (2, "concurrent_position_codes"),
        (3, "position_code"),
        (4, "concurrent_position_codes"),
        (5, "concurrent_position_codes"),
        (6, "concurrent_position_codes"),
    ]
    assert "nhiều đơn vị" in result.errors[2].message
    ok = staff_run(
        person("C3", organization_code=A1, position_code="TC01", concurrent_position_codes=f"{A}:KT01"),
        person("C6", position_code="VT01", concurrent_position_codes="KT01;LD01;TC01"),
        extra=extra,
    )
    assert errors_of(ok) == [] and ok.created == 2
    assert [h[:3] for h in held("C6")][-1] == ("VT01", "primary", Decimal("0.70"))
    many = [make_position(tree.A, f"K{i}", f"Kiêm {i}") for i in range(10)]
    too_many = staff_rejected(
        person("C7", position_code="VT01", concurrent_position_codes=";".join(p.code for p in many)), extra=extra
    )
    assert cells(too_many) == [(2, "concurrent_position_codes")] and "FTE" in too_many.errors[0].message
    nine = staff_run(
        person("C7", position_code="VT01", concurrent_position_codes=";".join(p.code for p in many[:8]) + ";KT01"),
        extra=extra,
    )
    assert nine.created == 1 and [h for h in held("C7") if h[1] == "primary"][0][2] == Decimal("0.10")


# --------------------------------------------------------------------------- nothing written, export, CLI, queries


def test_rejected_file_writes_nothing(tree, posts, by_name):
    an = by_name["An"]
    make_assignment(an, posts["VT01"])
    rows = [person(f"W{i}", position_code="KT01", rating_2024="HTNV") for i in range(20)]
    rows.append(person(an.employee_code, full_name="Đổi tên", position_code="LD01", rating_2024="HTNV"))
    rows.append(person("W99", sex="?"))
    result = staff_rejected(*rows, extra=("position_code", "rating_2024"))
    assert cells(result) == [(23, "sex")]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_reimport_changes_nothing(tree, posts, rank, by_name, fmt):
    run(
        "staff",
        [
            FULL,
            full_row(),
            full_row(
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
    run(
        "staff",
        sheet(
            person(
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
        assert labels[:14] == FULL[:14] and "Xếp loại 2019" in labels and "Nghỉ ốm 2025" in labels
    result = run("staff", data, f"export.{fmt}")
    assert errors_of(result) == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, Staff.objects.count())
    assert get("CB002").birth_year_only and held("CB002")[0][:2] == ("KT01", "concurrent")
    scoped = export_bytes(kind="staff", fmt=fmt, scope_org=tree.A)
    result = run("staff", scoped, f"a.{fmt}", scope_org=tree.A)
    assert (
        errors_of(result) == []
        and result.unchanged == Staff.objects.filter(organization__path__startswith=tree.A.path).count()
    )


def test_command_line_import_of_staff(tree, by_name, tmp_path):
    good = tmp_path / "staff.xlsx"
    good.write_bytes(
        xlsx_bytes(
            sheet(
                person("K1"),
                {},
                person(by_name["An"].employee_code, full_name="Nguyễn Văn An", date_of_birth="17/05/1980"),
            )
        )
    )
    code, lines, _err = manage("import_data", "staff", good, "--org", A, "--dry-run")
    assert code == 0 and lines[-1] == "dry run: created=1 updated=0 unchanged=1"
    assert not Staff.objects.filter(employee_code="K1").exists()
    code, lines, _err = manage("import_data", "staff", good, "--org", A)
    assert code == 0 and lines[-1] == "created=1 updated=0 unchanged=1" and "Đã bỏ qua 1 dòng trống." in lines
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(sheet(person("K2", organization_code=B), person("K3", sex="X"))))
    code, lines, _err = manage("import_data", "staff", bad, "--org", A)
    assert code == 1 and lines[-1] == "rejected: 2 errors, nothing written"
    assert lines[0].startswith("row 2, column organization_code: Mã đơn vị “000.00.02.H17” không có trong phạm vi")
    assert lines[1].startswith("row 3, column sex: “X” không phải là giá trị được chấp nhận")
    assert not Staff.objects.filter(employee_code__in=["K2", "K3"]).exists()
    code, _lines, err = manage("import_data", "staff", good, "--org", "KHONG.CO")
    assert code == 2 and "KHONG.CO" in err


def test_query_count_does_not_grow_with_rows(tree, posts, django_assert_num_queries):
    extra = ("position_code", "concurrent_position_codes", "personal_id", "rating_2024", "sick_days_2024")

    def rows(n, prefix, **values):
        return sheet(
            *[
                person(
                    f"{prefix}{i:04d}",
                    **{
                        "personal_id": f"{'WSL'.index(prefix) + 1:03d}{i:09d}",
                        "position_code": "VT01",
                        "concurrent_position_codes": "TC01",
                        "rating_2024": "HTNV",
                        "sick_days_2024": "2",
                        **values,
                    },
                )
                for i in range(n)
            ],
            extra=extra,
        )

    run("staff", rows(2, "W"))  # caches (content types …)
    with CaptureQueriesContext(connection) as small:
        assert run("staff", rows(10, "S")).created == 10
    with django_assert_num_queries(len(small)):
        assert run("staff", rows(300, "L")).created == 300
    with CaptureQueriesContext(connection) as small_update:
        assert run("staff", rows(10, "S", position_code="KT01", rating_2024="HTTNV")).updated == 10
    with django_assert_num_queries(len(small_update)):
        assert run("staff", rows(300, "L", position_code="KT01", rating_2024="HTTNV")).updated == 300
