"""staffing.reports.forecast: the retirement forecast of a subtree (docs/rules.md §6) — the legal
examples, year-only births, heavy work, who is counted, the tables, the filters, the errors, the
dashboard's and the quota pages' helpers, and one read of the staff whatever their number.

Persona tree (tests/conftest.py): P ⊃ A (Sở Nội vụ) ⊃ A1, A2, A3; P ⊃ B. The persona staff were
born in 1980 and do not retire before 2040.
"""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from portal.models import OrgKind
from staffing.models import RetirementAgeRule, Staff, StaffCategory, StaffStatus
from staffing.reports import forecast, forecast_exports
from staffing.reports.forecast import ForecastError, retirement_forecast, soon_vacant
from staffing.retirement import ND135_2020, retirement_date
from tests.builders import make_org, make_staff

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 7, 1)


def _forecast(org, year_from, year_to, **kw):
    return retirement_forecast(org=org, year_from=year_from, year_to=year_to, as_of=AS_OF, **kw)


@pytest.fixture
def examples(tree):
    """The legal examples of rules.md §6, a year-only birth and a heavy-work woman."""
    return {
        "sep61": make_staff(tree.A, "Ông Chín", employee_code="EX-0961", date_of_birth=date(1961, 9, 15)),
        "oct61": make_staff(tree.A1, "Ông Mười", employee_code="EX-1061", date_of_birth=date(1961, 10, 15)),
        "jul62": make_staff(tree.A2, "Ông Bảy", employee_code="EX-0762", date_of_birth=date(1962, 7, 1)),
        "year66": make_staff(
            tree.A3, "Ông Năm", employee_code="EX-1966", date_of_birth=date(1966, 6, 20), birth_year_only=True
        ),
        "heavy": make_staff(
            tree.A1,
            "Bà Ba",
            employee_code="EX-HEAVY",
            sex="F",
            category=StaffCategory.VC,
            date_of_birth=date(1970, 3, 10),
            heavy_work=True,
        ),
    }


# --------------------------------------------------------------------------- people


def test_the_legal_examples(tree, examples):
    fc = _forecast(tree.A, 2021, 2023)
    assert fc.rule_set == "ND135-2020"
    assert [(p.employee_code, p.retirement_date, p.retirement_age) for p in fc.people] == [
        ("EX-0961", date(2021, 12, 31), "60y3m"),
        ("EX-1061", date(2022, 4, 30), "60y6m"),
        ("EX-0762", date(2023, 4, 30), "60y9m"),
    ]
    assert fc.by_year == {2021: 1, 2022: 1, 2023: 1}
    first = fc.people[0]
    assert (first.full_name, first.org_code, first.org_name, first.sex, first.category, first.quota_category) == (
        "Ông Chín",
        tree.A.code,
        tree.A.name,
        "M",
        "CC",
        "CBCC",
    )
    assert first.as_json() == {
        "employee_code": "EX-0961",
        "sex": "M",
        "date_of_birth": "1961-09-15",
        "retirement_age": "60y3m",
        "retirement_date": "2021-12-31",
    }


def test_a_year_only_birth_counts_as_january(tree, examples):
    # 01/1966 + A(2027) = 01/1966 + 61y9m = 10/2027 (rules.md §6, 4th example)
    (person,) = _forecast(tree.A, 2027, 2027, sex="M").people
    assert person.employee_code == "EX-1966"
    assert (person.retirement_date, person.retirement_age) == (date(2027, 10, 31), "61y9m")
    assert person.as_json()["date_of_birth"] == "1966"
    assert person.birth_text == "1966"


def test_heavy_work_shows_the_earliest_date_but_stays_in_the_normal_year(tree, examples):
    # A woman born 03/1970: 03/1970 + A(2027) = 03/1970 + 57y4m = 07/2027; 5 years earlier: 07/2022.
    fc = _forecast(tree.A, 2022, 2027)
    heavy = next(p for p in fc.people if p.employee_code == "EX-HEAVY")
    assert (heavy.retirement_date, heavy.retirement_age) == (date(2027, 7, 31), "57y4m")
    assert heavy.earliest_retirement_date == date(2022, 7, 31)
    assert heavy.as_json()["earliest_retirement_date"] == "2022-07-31"
    assert heavy.year == 2027
    assert fc.by_year[2027] == 2  # with the year-only man
    assert fc.heavy_work_count == 1
    assert all("earliest_retirement_date" not in p.as_json() for p in fc.people if p is not heavy)
    assert [p.employee_code for p in _forecast(tree.A, 2022, 2022).people] == ["EX-1061"]


def test_only_working_staff_of_the_subtree(tree, examples):
    born = date(1961, 10, 15)
    for status in (StaffStatus.RETIRED, StaffStatus.RESIGNED, StaffStatus.TRANSFERRED, StaffStatus.DECEASED):
        make_staff(tree.A, f"Đã nghỉ {status}", status=status, date_of_birth=born)
    make_staff(tree.B, "Người Sở khác", date_of_birth=born)
    make_staff(tree.P, "Người cấp trên", date_of_birth=born)
    assert [p.employee_code for p in _forecast(tree.A, 2022, 2022).people] == ["EX-1061"]
    assert _forecast(tree.A1, 2021, 2023).by_year == {2021: 0, 2022: 1, 2023: 0}
    assert _forecast(tree.P, 2022, 2022).by_year == {2022: 3}  # A1, B and P itself


def test_every_year_of_the_range_even_without_anyone(tree, examples):
    fc = _forecast(tree.A, 2030, 2039)
    assert list(fc.by_year) == list(range(2030, 2040))
    assert fc.by_year == dict.fromkeys(range(2030, 2040), 0)
    assert fc.people == [] and fc.units == []
    assert fc.as_json()["by_year"] == {str(y): 0 for y in range(2030, 2040)}


def test_people_sorted_by_date_then_code(tree):
    for code in ("Z1", "A9", "M5"):
        make_staff(tree.A, employee_code=code, date_of_birth=date(1961, 10, 1))
    make_staff(tree.A, employee_code="B0", date_of_birth=date(1961, 9, 1))
    assert [p.employee_code for p in _forecast(tree.A, 2021, 2022).people] == ["B0", "A9", "M5", "Z1"]


def test_the_json_of_the_command(tree, examples):
    data = _forecast(tree.A, 2021, 2023).as_json()
    assert list(data) == ["organization", "rule_set", "from", "to", "by_year", "people"]
    assert data["organization"] == tree.A.code
    assert (data["from"], data["to"]) == (2021, 2023)
    assert data["by_year"] == {"2021": 1, "2022": 1, "2023": 1}
    assert [list(p) for p in data["people"]][0] == [
        "employee_code",
        "sex",
        "date_of_birth",
        "retirement_age",
        "retirement_date",
    ]


def test_the_computed_dates_match_the_pure_function_for_every_birth_month(tree):
    """The SQL birth window drops nobody and the counts match ``staffing.retirement`` for each
    birth month of 1955–1975, both sexes, full and year-only dates."""
    births = [date(y, m, 28) for y in range(1955, 1976) for m in range(1, 13)]
    Staff.objects.bulk_create(
        Staff(
            employee_code=f"W{sex}{b:%Y%m}{'Y' if only else ''}",
            full_name="X",
            organization=tree.A2,
            sex=sex,
            category="CC",
            date_of_birth=b,
            birth_year_only=only,
        )
        for sex in "MF"
        for b in births
        for only in (False, True)
        if not only or b.month == 1
    )
    fc = _forecast(tree.A2, 2024, 2033)
    expected = dict.fromkeys(range(2024, 2034), 0)
    for sex in "MF":
        for b in births:
            for only in (False, True) if b.month == 1 else (False,):
                year = retirement_date(ND135_2020, sex, b, year_only=only).year
                if year in expected:
                    expected[year] += 1
    assert fc.by_year == expected
    assert sum(expected.values()) == len(fc.people) > 100


# --------------------------------------------------------------------------- tables


def test_by_year_sex_and_category(tree):
    born_2022 = {"M": date(1961, 10, 1), "F": date(1966, 10, 1)}  # 10/1966 + 55y8m = 06/2022
    make_staff(tree.A, sex="M", category=StaffCategory.CB, date_of_birth=born_2022["M"])
    make_staff(tree.A, sex="M", category=StaffCategory.CC, date_of_birth=born_2022["M"])
    make_staff(tree.A1, sex="F", category=StaffCategory.VCTC, date_of_birth=born_2022["F"])
    make_staff(tree.A1, sex="F", category=StaffCategory.HD, date_of_birth=born_2022["F"])
    fc = _forecast(tree.A, 2022, 2023)
    assert fc.by_year_sex_category == {(2022, "M", "CBCC"): 2, (2022, "F", "VCTC"): 1, (2022, "F", "HD"): 1}
    row_2022, row_2023 = fc.year_rows()
    assert (row_2022.year, row_2022.total, row_2022.by_sex) == (2022, 4, {"M": 2, "F": 2})
    assert row_2022.by_category == {"CBCC": 2, "VC": 0, "VCTC": 1, "HD": 1}
    assert row_2023.total == 0 and row_2023.by_sex == {"M": 0, "F": 0}
    assert fc.totals_row().by_category == {"CBCC": 2, "VC": 0, "VCTC": 1, "HD": 1}
    assert fc.categories_present() == ["CBCC", "VCTC", "HD"]


def test_by_unit_rolls_up_to_the_direct_children(tree, examples):
    deep = make_org("000.09.01.H17", "Tổ lưu trữ", OrgKind.PHONG, parent=tree.A1)
    make_staff(deep, employee_code="DEEP", date_of_birth=date(1962, 7, 1))
    fc = _forecast(tree.A, 2021, 2023)
    assert [(u.code, u.is_root, u.counts, u.total) for u in fc.units] == [
        (tree.A.code, True, (1, 0, 0), 1),
        (tree.A1.code, False, (0, 1, 1), 2),  # EX-1061 and DEEP (in A1's subtree)
        (tree.A2.code, False, (0, 0, 1), 1),
    ]
    assert fc.units[1].name == tree.A1.name
    assert fc.unit_totals() == (1, 1, 2)
    assert forecast_exports.unit_name(fc.units[0]) == f"{tree.A.name} (trực tiếp tại đơn vị)"


def test_filters(tree, examples):
    assert [p.employee_code for p in _forecast(tree.A, 2021, 2030, sex="F").people] == ["EX-HEAVY"]
    assert [p.employee_code for p in _forecast(tree.A, 2021, 2030, category="VC").people] == ["EX-HEAVY"]
    assert _forecast(tree.A, 2021, 2030, category="HD").people == []
    by_unit = _forecast(tree.A, 2021, 2030, unit=tree.A1)
    assert [p.employee_code for p in by_unit.people] == ["EX-1061", "EX-HEAVY"]
    assert [u.code for u in by_unit.units] == [tree.A1.code]
    assert by_unit.filtered and not _forecast(tree.A, 2021, 2030).filtered
    assert "Lọc: đơn vị Phòng Tổ chức, biên chế" in forecast.description_lines(by_unit)[-1]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("year_from", "year_to", "words"),
    [
        (2030, 2026, ["2030", "2026", "sau năm kết thúc"]),
        (2026, 2080, ["2026–2080", "55 năm", "tối đa 50 năm"]),
        (1999, 2005, ["1999", "2000", "2100"]),
        (2095, 2101, ["2101", "2000", "2100"]),
    ],
)
def test_a_bad_range_is_refused_with_a_message(tree, year_from, year_to, words):
    with pytest.raises(ForecastError) as caught:
        _forecast(tree.A, year_from, year_to)
    assert all(w in caught.value.message for w in words), caught.value.message


def test_fifty_years_is_the_longest_range(tree):
    assert len(_forecast(tree.A, 2026, 2075).by_year) == 50


def test_no_rule_set_in_force_names_the_date_and_what_exists(tree):
    with pytest.raises(ForecastError) as caught:
        retirement_forecast(org=tree.A, year_from=2026, year_to=2035, as_of=date(2019, 6, 30))
    assert "30/06/2019" in caught.value.message
    assert "ND135-2020 (từ 01/01/2021)" in caught.value.message


def test_no_rule_set_at_all(tree):
    RetirementAgeRule.objects.all().delete()
    with pytest.raises(ForecastError) as caught:
        _forecast(tree.A, 2026, 2035)
    assert "01/07/2026" in caught.value.message and "hiện có: —" in caught.value.message


def test_parse_query_defaults_and_messages():
    today = date(2026, 3, 5)
    q = forecast.parse_query({}, today)
    assert (q.year_from, q.year_to, q.sex, q.category, q.unit, q.as_of, q.errors) == (2026, 2035, "", "", "", None, [])
    q = forecast.parse_query({"from": "2027", "to": "2030", "sex": "F", "category": "VC", "as_of": "01/07/2026"}, today)
    assert (q.year_from, q.year_to, q.sex, q.category, q.as_of, q.errors) == (
        2027,
        2030,
        "F",
        "VC",
        date(2026, 7, 1),
        [],
    )
    assert q.params() == {"from": "2027", "to": "2030", "sex": "F", "category": "VC", "as_of": "2026-07-01"}
    bad = forecast.parse_query({"from": "20x6", "sex": "X", "category": "ABC", "as_of": "31/02/2026"}, today)
    assert len(bad.errors) == 4
    assert "“20x6”" in bad.errors[0] and "“X”" in bad.errors[1] and "CBCC, VC, VCTC, HD" in bad.errors[2]
    assert "“31/02/2026”" in bad.errors[3]
    assert forecast.parse_query({"from": "2030", "to": "2026"}, today).errors[0].startswith("Năm bắt đầu (2030)")


# --------------------------------------------------------------------------- the helpers of the other pages


def test_soon_vacant_counts_the_next_twelve_months_by_organisation(tree):
    make_staff(tree.A1, employee_code="IN-1", date_of_birth=date(1965, 1, 10))  # 01/1965 + 61y6m = 07/2026
    make_staff(
        tree.A1, employee_code="IN-2", category="VC", date_of_birth=date(1965, 11, 1)
    )  # + 61y9m = 08/2027: later
    make_staff(tree.A, employee_code="IN-3", sex="F", date_of_birth=date(1970, 1, 1))  # + 57y4m = 05/2027
    make_staff(tree.A, employee_code="OUT", date_of_birth=date(1964, 12, 1))  # 12/1964 + 61y6m = 06/2026, gone
    expected = {}
    for s in Staff.objects.filter(employee_code__in=["IN-1", "IN-2", "IN-3", "OUT"]).select_related("organization"):
        when = retirement_date(ND135_2020, s.sex, s.date_of_birth)
        if AS_OF <= when < date(2027, 7, 1):
            key = (s.organization.path, "CBCC" if s.category == "CC" else s.category)
            expected[key] = expected.get(key, 0) + 1
    assert soon_vacant(org=tree.A, as_of=AS_OF) == expected
    assert expected == {(tree.A1.path, "CBCC"): 1, (tree.A.path, "CBCC"): 1}
    assert soon_vacant(org=tree.B, as_of=AS_OF) == {}


# --------------------------------------------------------------------------- workbook and chart


def test_the_workbook_has_a_sheet_per_view(tree, examples):
    fc = _forecast(tree.A, 2021, 2023)
    wb = load_workbook(BytesIO(forecast_exports.forecast_xlsx(fc)))
    assert wb.sheetnames == ["Theo năm", "Theo đơn vị", "Danh sách"]
    by_year = wb["Theo năm"]
    lines = [by_year.cell(i, 1).value for i in range(1, 5)]
    assert lines[0] == f"{tree.A.name} ({tree.A.code})"
    assert lines[2] == "Quy định tuổi nghỉ hưu áp dụng: ND135-2020 (hiệu lực từ 01/01/2021)"
    assert lines[3] == "Tính đến ngày: 01/07/2026"
    header = 6
    assert by_year.freeze_panes == f"A{header + 1}"
    assert [c.value for c in by_year[header]][:4] == ["Năm", "Tổng số", "Nam", "Nữ"]
    assert [c.value for c in by_year[header + 1]][:4] == [2021, 1, 1, 0]
    assert by_year.cell(header + 4, 1).value == "Tổng cộng" and by_year.cell(header + 4, 2).value == 3
    people = wb["Danh sách"]
    first = [c.value for c in people[header + 1]]
    assert first[:3] == [1, "EX-0961", "Ông Chín"]
    assert first[9] == "60 tuổi 3 tháng"
    assert first[10].date() == date(2021, 12, 31) and first[11] == 2021
    units = wb["Theo đơn vị"]
    assert [c.value for c in units[header]] == ["Mã đơn vị", "Đơn vị", "2021", "2022", "2023", "Tổng số"]


def test_the_chart_stacks_each_sex_by_category(tree, examples):
    config = forecast_exports.chart_config(_forecast(tree.A, 2021, 2027))
    assert config["type"] == "bar"
    assert config["data"]["labels"] == [str(y) for y in range(2021, 2028)]
    sets = {d["label"]: d for d in config["data"]["datasets"]}
    assert list(sets) == ["Nam – CBCC", "Nữ – VC"]  # the pairs with anyone in the range
    assert sets["Nam – CBCC"]["data"] == [1, 1, 1, 0, 0, 0, 1] and sets["Nam – CBCC"]["stack"] == "M"
    assert sets["Nữ – VC"]["data"] == [0, 0, 0, 0, 0, 0, 1] and sets["Nữ – VC"]["stack"] == "F"
    assert config["options"]["scales"]["y"]["stacked"] is True


# --------------------------------------------------------------------------- queries


def _grow(tree, units: int, people: int):
    orgs = [make_org(f"000.{i:02d}.09.H17", f"Phòng {i}", OrgKind.PHONG, parent=tree.A) for i in range(units)]
    Staff.objects.bulk_create(
        Staff(
            employee_code=f"Q{len(orgs)}-{i:05d}",
            full_name=f"Người {i}",
            organization=orgs[i % len(orgs)],
            sex="MF"[i % 2],
            category=["CC", "VC", "HD"][i % 3],
            date_of_birth=date(1960 + i % 12, 1 + i % 12, 1),
            birth_year_only=i % 17 == 0,
            heavy_work=i % 13 == 0,
        )
        for i in range(people)
    )


@pytest.mark.parametrize(("units", "people"), [(3, 10), (30, 300)])
def test_one_read_of_the_staff_whatever_their_number(tree, units, people, django_assert_num_queries):
    _grow(tree, units, people)
    with django_assert_num_queries(3):  # the rule set, the staff, the direct children
        fc = _forecast(tree.A, 2026, 2035)
    assert fc.total > 0 and 0 < len(fc.units) <= units
    with django_assert_num_queries(2):
        soon_vacant(org=tree.A, as_of=AS_OF)
