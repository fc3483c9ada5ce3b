"""``manage.py retirement_forecast``: exactly the JSON of docs/commands.md (keys, order, every
year, ISO dates, year-only births, the heavy-work key), the XLSX file, and exit 2 with a
Vietnamese message on standard error for what cannot run.

Hand-made staff in Sở Nội vụ (A) and below: the legal examples of rules.md §6 (men born 09/1961,
10/1961, 07/1962), a year-only birth, a heavy-work woman, a retired man and a man of Sở Tài chính
(B) born in the same month as an example, who are left out.
"""

import json
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from staffing.models import RetirementAgeRule, StaffStatus
from tests.builders import make_staff, manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def examples(tree):
    make_staff(tree.A, employee_code="CB003", date_of_birth=date(1962, 7, 1))
    make_staff(tree.A1, employee_code="CB002", date_of_birth=date(1961, 10, 15))
    make_staff(tree.A2, employee_code="CB001", date_of_birth=date(1961, 9, 15))
    make_staff(tree.A3, employee_code="CB004", date_of_birth=date(1966, 6, 20), birth_year_only=True)
    make_staff(tree.A1, employee_code="CB005", sex="F", category="VC", date_of_birth=date(1970, 3, 10), heavy_work=True)
    make_staff(tree.A, employee_code="CB006", status=StaffStatus.RETIRED, date_of_birth=date(1961, 10, 1))
    make_staff(tree.B, employee_code="CB007", date_of_birth=date(1961, 10, 1))


def _json(*args):
    code, out, err = manage("retirement_forecast", *args)
    assert (code, err) == (0, "")
    assert len(out) == 1
    return json.loads(out[0])


def test_the_json_contract(tree, examples):
    data = _json("--org", tree.A.code, "--from", "2021", "--to", "2030")
    assert list(data) == ["organization", "rule_set", "from", "to", "by_year", "people"]
    assert data == {
        "organization": tree.A.code,
        "rule_set": "ND135-2020",
        "from": 2021,
        "to": 2030,
        "by_year": {
            "2021": 1,
            "2022": 1,
            "2023": 1,
            "2024": 0,
            "2025": 0,
            "2026": 0,
            "2027": 2,
            "2028": 0,
            "2029": 0,
            "2030": 0,
        },
        "people": [
            {
                "employee_code": "CB001",
                "sex": "M",
                "date_of_birth": "1961-09-15",
                "retirement_age": "60y3m",
                "retirement_date": "2021-12-31",
            },
            {
                "employee_code": "CB002",
                "sex": "M",
                "date_of_birth": "1961-10-15",
                "retirement_age": "60y6m",
                "retirement_date": "2022-04-30",
            },
            {
                "employee_code": "CB003",
                "sex": "M",
                "date_of_birth": "1962-07-01",
                "retirement_age": "60y9m",
                "retirement_date": "2023-04-30",
            },
            {
                # heavy work: 5 years earlier allowed, but counted in the year of the normal date
                "employee_code": "CB005",
                "sex": "F",
                "date_of_birth": "1970-03-10",
                "retirement_age": "57y4m",
                "retirement_date": "2027-07-31",
                "earliest_retirement_date": "2022-07-31",
            },
            {
                # only the year of birth known: counted from January
                "employee_code": "CB004",
                "sex": "M",
                "date_of_birth": "1966",
                "retirement_age": "61y9m",
                "retirement_date": "2027-10-31",
            },
        ],
    }


def test_a_unit_below_and_a_range_without_anyone(tree, examples):
    assert [p["employee_code"] for p in _json("--org", tree.A1.code, "--from", "2021", "--to", "2030")["people"]] == [
        "CB002",
        "CB005",
    ]
    data = _json("--org", tree.A.code, "--from", "2031", "--to", "2033")
    assert data["by_year"] == {"2031": 0, "2032": 0, "2033": 0} and data["people"] == []


def test_json_to_a_file(tree, examples, tmp_path):
    target = tmp_path / "du-bao.json"
    code, out, err = manage(
        "retirement_forecast", "--org", tree.A.code, "--from", "2021", "--to", "2023", "--output", target
    )
    assert (code, out) == (0, [])
    assert "3 người" in err
    assert json.loads(target.read_text())["by_year"] == {"2021": 1, "2022": 1, "2023": 1}
    assert not (tmp_path / "du-bao.json.part").exists()


def test_xlsx_to_a_file(tree, examples, tmp_path):
    target = tmp_path / "du-bao.xlsx"
    args = ("--org", tree.A.code, "--from", "2021", "--to", "2030", "--format", "xlsx", "--output", target)
    code, out, _err = manage("retirement_forecast", *args)
    assert (code, out) == (0, [])
    wb = load_workbook(BytesIO(target.read_bytes()))
    assert wb.sheetnames == ["Theo năm", "Theo đơn vị", "Danh sách"]
    people_sheet = wb["Danh sách"]
    assert people_sheet["A3"].value == "Quy định tuổi nghỉ hưu áp dụng: ND135-2020 (hiệu lực từ 01/01/2021)"
    assert [people_sheet.cell(r, 2).value for r in range(7, 12)] == ["CB001", "CB002", "CB003", "CB005", "CB004"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--org", "KHONG-CO", "--from", "2026", "--to", "2035"), ["“KHONG-CO”", "000.00.00.H17 (Thành phố Đà Nẵng)"]),
        (("--from", "2026", "--to", "2035"), ["--org"]),
        (("--org", "{A}", "--to", "2035"), ["--from"]),
        (("--org", "{A}", "--from", "2026"), ["--to"]),
        (("--org", "{A}", "--from", "2035", "--to", "2026"), ["2035", "2026", "sau năm kết thúc"]),
        (("--org", "{A}", "--from", "2026", "--to", "2099"), ["2026–2099", "74 năm", "tối đa 50 năm"]),
        (("--org", "{A}", "--from", "1990", "--to", "2000"), ["1990", "từ 2000 đến 2100"]),
        (("--org", "{A}", "--from", "hai", "--to", "2035"), ["--from", "“hai”"]),
        (("--org", "{A}", "--from", "2026", "--to", "2035", "--format", "csv"), ["“csv”", "json hoặc xlsx"]),
        (("--org", "{A}", "--from", "2026", "--to", "2035", "--format", "xlsx"), ["--output"]),
    ],
)
def test_exit_2_with_a_vietnamese_message(tree, examples, args, words):
    code, out, err = manage("retirement_forecast", *(a.replace("{A}", tree.A.code) for a in args))
    assert (code, out) == (2, [])
    assert err.startswith("CommandError: ")
    assert all(w in err for w in words), err


def test_exit_2_when_no_rule_set_is_in_force(tree, examples):
    RetirementAgeRule.objects.all().delete()
    code, out, err = manage("retirement_forecast", "--org", tree.A.code, "--from", "2026", "--to", "2035")
    assert (code, out) == (2, [])
    assert "Không có quy định tuổi nghỉ hưu có hiệu lực ngày" in err and "hiện có: —" in err


def test_exit_2_when_the_file_cannot_be_written(tree, examples, tmp_path):
    target = tmp_path / "missing-folder" / "x.json"
    code, _out, err = manage(
        "retirement_forecast", "--org", tree.A.code, "--from", "2026", "--to", "2035", "--output", target
    )
    assert code == 2 and "Không ghi được tệp" in err
