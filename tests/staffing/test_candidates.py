"""staffing.candidates, pure (no database): every case of Decree 154/2025 and its boundaries — the
redundancy flag (a), HR decisions (b–đ), the training level (e), the rating in year − 1 or year but
not year − 2 (g), the sick days at the maximum and one below for 14.9 / 15 / 29.9 / 30 insured
years, with and without heavy work (h) —, what cannot be decided ("cần bổ sung dữ liệu"),
deferral, exclusion, the retirement date and months early, the benefit, the command's JSON row and
the totals."""

import datetime as dt
from decimal import Decimal as D

import pytest

from staffing import retirement
from staffing.candidates import (
    CANDIDATE,
    DEFERRED,
    EXCLUDED,
    MISSING_DATA,
    Decision,
    Exclusion,
    YearRecord,
    assess,
    find_cases,
    tally,
)
from tests.builders import RULES, person

YEAR = 2026  # the review year: ratings and sick days of 2025 and 2026 count
AS_OF = dt.date(2026, 11, 15)


def cases_of(p, year=YEAR):
    findings, missing = find_cases(person=p, rules=RULES, year=year)
    return [f.case for f in findings], [f.reason for f in findings], missing


def candidate(p, *, as_of=AS_OF, base=2_530_000):
    return assess(person=p, rules=RULES, year=YEAR, as_of=as_of, base_salary=base, schedule=retirement.ND135_2020)


def test_nobody_without_a_case():
    assert cases_of(person()) == ([], [], ())
    c = candidate(person())
    assert (c.on_list, c.counted, c.status) == (False, False, MISSING_DATA)


def test_case_a_is_the_redundancy_flag():
    assert cases_of(person(redundant=True))[:2] == (["a"], ["Dôi dư do sắp xếp tổ chức bộ máy"])


@pytest.mark.parametrize(
    ("level", "required", "case"),
    [("CD", "DH", True), ("DH", "DH", False), ("THS", "DH", False), ("SC", "TC", True)],
)
def test_case_e_training_level_below_the_positions(level, required, case):
    p = person(
        training_level=level,
        required_training_level=required,
        position_code="VT01",
        position_name="Chuyên viên văn thư",
    )
    cases, reasons, missing = cases_of(p)
    assert cases == (["e"] if case else [])
    assert missing == ()
    if level == "CD":
        assert reasons == ["Trình độ Cao đẳng thấp hơn yêu cầu Đại học của vị trí Chuyên viên văn thư"]


def test_case_e_cannot_be_decided_without_the_persons_level():
    p = person(required_training_level="DH", position_code="VT01", position_name="Chuyên viên văn thư")
    cases, _reasons, missing = cases_of(p)
    assert cases == []
    assert [(m.case, m.field) for m in missing] == [("e", "training_level")]
    assert missing[0].message == (
        "Vị trí Chuyên viên văn thư yêu cầu trình độ Đại học: thiếu trình độ đào tạo để xét trường hợp (e)"
    )


def test_case_e_does_not_apply_when_the_position_requires_no_level():
    assert cases_of(person(training_level="SC", position_code="VT01", position_name="Văn thư")) == ([], [], ())


@pytest.mark.parametrize(
    ("rated", "case"),
    [(2025, True), (2026, True), (2024, False)],  # year − 1, year: a case; year − 2: not
)
def test_case_g_rating_not_done_in_the_previous_year_or_the_year_of_review(rated, case):
    p = person(records=(YearRecord(rated, "KHTNV"),))
    cases, reasons, _missing = cases_of(p)
    assert cases == (["g"] if case else [])
    if case:
        assert reasons == [f"Xếp loại Không hoàn thành nhiệm vụ năm {rated}"]


def test_case_g_with_both_years_is_one_reason():
    p = person(records=(YearRecord(2025, "KHTNV"), YearRecord(2026, "KHTNV")))
    assert cases_of(p)[1] == ["Xếp loại Không hoàn thành nhiệm vụ các năm 2025, 2026"]


def test_other_ratings_are_not_a_case():
    p = person(records=(YearRecord(2025, "HTNV"), YearRecord(2026, "HTTNV")))
    assert cases_of(p)[0] == []


@pytest.mark.parametrize(
    ("insured", "heavy", "maximum"),
    [
        ("14.9", False, 30),
        ("15", False, 40),
        ("18", False, 40),
        ("29.9", False, 40),
        ("30", False, 60),
        ("14.9", True, 40),
        ("15", True, 50),
        ("29.9", True, 50),
        ("30", True, 70),
    ],
)
def test_case_h_sick_days_exactly_at_the_maximum_and_one_below(insured, heavy, maximum):
    def h(days):
        p = person(insurance_years=D(insured), heavy_work=heavy, records=(YearRecord(2026, sick_days=days),))
        return cases_of(p)

    at, below = h(maximum), h(maximum - 1)
    assert at[0] == ["h"]
    assert below == ([], [], ())
    assert at[1][0].startswith(
        f"Nghỉ ốm {maximum} ngày năm 2026, mức tối đa {maximum} ngày với {insured.replace('.', ',')} năm"
    )


def test_case_h_reason_and_its_data():
    p = person(insurance_years=D(18), records=(YearRecord(2025, sick_days=45),))
    findings, _missing = find_cases(person=p, rules=RULES, year=YEAR)
    assert findings[0].reason == "Nghỉ ốm 45 ngày năm 2025, mức tối đa 40 ngày với 18 năm đóng BHXH"
    assert dict(findings[0].data) == {
        "years": [{"year": 2025, "sick_days": 45}],
        "max_days": 40,
        "insurance_years": "18",
        "heavy_work": False,
        "basis": "LUAT41-2024",
    }
    heavy = person(insurance_years=D(18), heavy_work=True, records=(YearRecord(2025, sick_days=55),))
    assert cases_of(heavy)[1] == [
        "Nghỉ ốm 55 ngày năm 2025, mức tối đa 50 ngày với 18 năm đóng BHXH (nghề nặng nhọc, độc hại)"
    ]


def test_case_h_ignores_year_minus_two():
    p = person(insurance_years=D(18), records=(YearRecord(2024, sick_days=200),))
    assert cases_of(p) == ([], [], ())


def test_case_h_without_insured_years_cannot_be_decided():
    p = person(insurance_years=None, records=(YearRecord(2025, sick_days=45),))
    cases, _reasons, missing = cases_of(p)
    assert cases == []
    assert [(m.case, m.field) for m in missing] == [("h", "insurance_years")]
    assert missing[0].message == "Nghỉ ốm 45 ngày năm 2025: thiếu số năm đóng BHXH để xét trường hợp (h)"
    c = candidate(p)
    assert c.status == MISSING_DATA and not c.on_list


def test_without_insured_years_few_sick_days_are_no_case_and_very_many_are_one():
    few = person(insurance_years=None, records=(YearRecord(2025, sick_days=29),))
    assert cases_of(few) == ([], [], ())  # below every maximum (30)
    many = person(insurance_years=None, records=(YearRecord(2026, sick_days=60),))
    assert cases_of(many)[:2] == (["h"], ["Nghỉ ốm 60 ngày năm 2026, từ mức tối đa cao nhất 60 ngày trở lên"])


def test_decided_cases_show_the_note_who_and_when_in_case_order():
    decided = dt.datetime(2026, 3, 4, 20, 30, tzinfo=dt.UTC)  # 05/03/2026 03:30 in Hà Nội
    p = person(
        redundant=True,
        records=(YearRecord(2025, "KHTNV"),),
        decisions=(
            Decision("đ", "Không bố trí được vị trí khác sau cơ cấu lại", "Lê Quản Trị", decided),
            Decision("d", "Quyết định 12/QĐ-SNV rà soát nhân sự", "Lê Quản Trị", decided),
        ),
    )
    findings, _missing = find_cases(person=p, rules=RULES, year=YEAR)
    assert [f.case for f in findings] == ["a", "d", "đ", "g"]
    d = findings[1]
    assert d.decided and d.decision.note == "Quyết định 12/QĐ-SNV rà soát nhân sự"
    assert d.reason == (
        "(d) Dôi dư do rà soát, sắp xếp lại nhân sự theo quyết định của cấp có thẩm quyền: "
        "Quyết định 12/QĐ-SNV rà soát nhân sự (Lê Quản Trị ghi ngày 05/03/2026)"
    )
    assert d.snapshot()["decided_by"] == "Lê Quản Trị" and d.snapshot()["decided_at"] == decided.isoformat()
    assert not findings[0].decided


def test_a_deferred_person_stays_on_the_list_marked_and_out_of_the_totals():
    c = candidate(person(redundant=True, deferral="TS"))
    assert (c.on_list, c.deferred, c.counted, c.status) == (True, True, False, DEFERRED)
    assert c.deferral_reason == "Hoãn xét tinh giản: Mang thai, nghỉ thai sản, nuôi con dưới 36 tháng"
    assert c.as_json()["deferred"] is True
    totals = tally([c, candidate(person(employee_code="CB002", redundant=True))])
    assert (totals.candidates, totals.deferred) == (1, 1)
    assert totals.benefit == candidate(person(employee_code="CB002", redundant=True)).benefit.total


def test_an_excluded_person_is_kept_apart_with_the_reason():
    excluded = Exclusion("Đã có quyết định điều động sang đơn vị khác", "Trần Văn HR", dt.datetime(2026, 4, 1))
    c = candidate(person(redundant=True, exclusion=excluded))
    assert (c.on_list, c.excluded, c.counted, c.status) == (False, True, False, EXCLUDED)
    assert c.snapshot()["exclusion"] == {
        "reason": "Đã có quyết định điều động sang đơn vị khác",
        "excluded_by": "Trần Văn HR",
        "excluded_at": "2026-04-01T00:00:00",
    }
    totals = tally([c])
    assert (totals.candidates, totals.excluded, totals.benefit) == (0, 1, 0)


def test_the_command_example_as_a_json_row():
    # A man born 04/1967 retires at 62 at the end of 04/2029; as of 11/2026 that is 29 months early;
    # coefficient 5.50 × 2,530,000; 26 insured years; rated KHTNV in 2025 and 45 sick days in 2026.
    p = person(
        date_of_birth=dt.date(1967, 4, 10),
        salary_coefficient=D("5.50"),
        insurance_years=D(26),
        records=(YearRecord(2025, "KHTNV", 3), YearRecord(2026, "HTNV", 45)),
    )
    c = candidate(p)
    assert c.status == CANDIDATE
    assert c.as_json() == {
        "employee_code": "CB001",
        "cases": ["g", "h"],
        "deferred": False,
        "reasons": [
            "Xếp loại Không hoàn thành nhiệm vụ năm 2025",
            "Nghỉ ốm 45 ngày năm 2026, mức tối đa 40 ngày với 26 năm đóng BHXH",
        ],
        "retirement_date": "2029-04-30",
        "months_early": 29,
        "monthly_salary": 13_915_000,
        "benefit": {
            "policy": "early_retirement",
            "total": 285_257_500,
            "items": {"per_year_early": 173_937_500, "insurance": 111_320_000},
        },
    }


def test_domain_example_dates():
    # A man born 15/01/1966 reaches retirement age in 10/2027; as of 04/2025, 30 months early.
    c = candidate(person(date_of_birth=dt.date(1966, 1, 15), redundant=True), as_of=dt.date(2025, 4, 30))
    assert (c.retirement_date, c.months_early, c.retirement_age) == (dt.date(2027, 10, 31), 30, "61y9m")


def test_heavy_work_counts_early_retirement_from_the_lower_age():
    # The same man with the heavy-work flag may retire 5 years earlier (10/2022): not early any more.
    c = candidate(
        person(date_of_birth=dt.date(1966, 1, 15), redundant=True, heavy_work=True), as_of=dt.date(2025, 4, 30)
    )
    assert (c.normal_retirement_date, c.retirement_date, c.months_early) == (
        dt.date(2027, 10, 31),
        dt.date(2022, 10, 31),
        0,
    )
    assert c.benefit.policy == "early_retirement_short"


def test_missing_salary_or_insured_years_leaves_the_benefit_null_with_a_reason():
    c = candidate(person(redundant=True, salary_coefficient=None))
    assert (c.monthly_salary, c.benefit) == (None, None)
    assert c.benefit_missing == "Chưa tính được chế độ: thiếu hệ số lương"
    assert c.as_json()["benefit"] is None and c.as_json()["monthly_salary"] is None
    assert c.as_json()["benefit_missing"] == "Chưa tính được chế độ: thiếu hệ số lương"
    assert [(m.case, m.field) for m in c.missing] == [("", "salary_coefficient")]
    both = candidate(person(redundant=True, salary_coefficient=None, insurance_years=None))
    assert both.benefit_missing == "Chưa tính được chế độ: thiếu hệ số lương, số năm đóng BHXH"
    assert [m.field for m in both.missing] == ["salary_coefficient", "insurance_years"]
    assert "benefit_missing" not in candidate(person(redundant=True)).as_json()


def test_tally_per_case_per_unit_and_total():
    people = [
        candidate(person(employee_code="A1", redundant=True, records=(YearRecord(2026, "KHTNV"),))),
        candidate(person(employee_code="A2", records=(YearRecord(2025, "KHTNV"),), unit_code="U2", unit_name="Phòng")),
        candidate(person(employee_code="A3", redundant=True, deferral="KL", unit_code="U2", unit_name="Phòng")),
        candidate(person(employee_code="A4", redundant=True, salary_coefficient=None)),
        candidate(person(employee_code="A5")),
    ]
    a1, a2, _a3, _a4, _a5 = (c.benefit.total if c.benefit else 0 for c in people)
    totals = tally(people, root_code="000.00.01.H17")
    assert (totals.candidates, totals.deferred, totals.excluded, totals.without_benefit) == (3, 1, 0, 1)
    assert totals.missing_data == 1
    assert totals.benefit == a1 + a2
    by_case = {t.case: (t.people, t.benefit) for t in totals.by_case}
    assert list(by_case) == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    assert by_case["a"] == (2, a1) and by_case["g"] == (2, a1 + a2) and by_case["h"] == (0, 0)
    assert [(u.code, u.people, u.deferred, u.benefit, u.is_root) for u in totals.by_unit] == [
        ("000.00.01.H17", 2, 0, a1, True),
        ("U2", 1, 1, a2, False),
    ]
    assert totals.as_json() == {"candidates": 3, "deferred": 1, "benefit": a1 + a2}
