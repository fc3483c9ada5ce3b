"""staffing.benefits, pure (no database): the monthly salary S, months early, the odd-months rule,
the policy's boundaries (2 and 5 years early, 15 insured years), every item of Decree 154/2025 and
of Decree 178/2024 as amended by 67/2025, and the legal examples: the command's (docs/commands.md, 285,257,500 VND)
and the Decree 178 worked example of docs/rules.md §9, whose three items add up to 744,778,125 VND (the
744,788,125 printed with it is not their sum: docs/rules.md §9)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from staffing import benefits
from staffing.benefits import (
    EARLY_RETIREMENT,
    EARLY_RETIREMENT_LONG,
    EARLY_RETIREMENT_SHORT,
    RESIGNATION,
    counted_insurance_years,
    counted_years,
    estimate,
    monthly_salary,
    months_early,
    policy_for,
)
from tests.builders import ND154, ND154_PARAMETERS, ND178


def test_monthly_salary_of_domain_example():
    # (4.65 + 0.60) × 2,340,000 × 1.25: the rank coefficient, a leadership allowance, 25% public-service.
    s = monthly_salary(
        base_salary=2_340_000, coefficient=D("4.65"), leadership_allowance=D("0.60"), allowance_percent=D(25)
    )
    assert s.amount == 15_356_250
    assert s.missing == () and s.reason == ""


def test_monthly_salary_of_the_command_example():
    assert monthly_salary(base_salary=2_530_000, coefficient=D("5.50")).amount == 13_915_000


def test_seniority_is_a_percentage_of_the_coefficient_and_other_allowances_add():
    # (4.40 × 1.10 + 0.50 + 0.20) × 2,530,000 × 1.25 = 5.54 × 2,530,000 × 1.25
    s = monthly_salary(
        base_salary=2_530_000,
        coefficient=D("4.40"),
        seniority_percent=D(10),
        leadership_allowance=D("0.50"),
        other_allowance=D("0.20"),
        allowance_percent=D(25),
    )
    assert s.amount == 17_520_250


def test_monthly_salary_rounds_half_up_to_whole_dong():
    # 2.33 × 2,340,001 = 5,452,202.33 → 5,452,202
    assert monthly_salary(base_salary=2_340_001, coefficient=D("2.33")).amount == 5_452_202
    # 1.5 × 3 = 4.5 → 5 (half up, not to even)
    assert monthly_salary(base_salary=3, coefficient=D("1.50")).amount == 5


def test_no_salary_without_a_coefficient_says_which_field():
    s = monthly_salary(base_salary=2_530_000, coefficient=None, leadership_allowance=D("0.6"))
    assert s.amount is None
    assert s.missing == ("salary_coefficient",)
    assert s.reason == "Chưa tính được tiền lương tháng: thiếu hệ số lương"
    assert s.as_json()["monthly_salary"] is None and s.as_json()["leadership_allowance"] == "0.6"


@pytest.mark.parametrize(
    ("as_of", "retires", "months"),
    [
        (dt.date(2025, 4, 30), dt.date(2027, 10, 31), 30),  # the worked example: leaves end of 04/2025, retires 10/2027
        (dt.date(2025, 4, 1), dt.date(2027, 10, 31), 30),  # any day of the as-of month
        (dt.date(2026, 11, 15), dt.date(2029, 4, 30), 29),  # docs/commands.md's example
        (dt.date(2026, 4, 30), dt.date(2026, 5, 31), 1),
        (dt.date(2026, 5, 1), dt.date(2026, 5, 31), 0),  # retires this month
        (dt.date(2026, 8, 1), dt.date(2026, 5, 31), 0),  # past the date: never negative
    ],
)
def test_months_early_counts_from_the_next_month_through_the_retirement_month(as_of, retires, months):
    assert months_early(as_of=as_of, retirement_date=retires) == months


@pytest.mark.parametrize(
    ("months", "years"),
    [(0, "0"), (1, "0.5"), (6, "0.5"), (7, "1"), (11, "1"), (12, "1"), (24, "2"), (29, "2.5"), (30, "2.5")]
    + [(31, "3"), (60, "5")],
)
def test_odd_months_one_to_six_count_half_a_year_over_six_a_whole_year(months, years):
    assert counted_years(months, half_max=6) == D(years)


@pytest.mark.parametrize(
    ("recorded", "counted"),
    [("14.9", "15"), ("15", "15"), ("15.5", "15.5"), ("15.6", "16"), ("22", "22"), ("22.1", "22.5")]
    + [("29.9", "30"), ("0", "0")],
)
def test_insured_years_are_counted_by_the_odd_months_rule(recorded, counted):
    # 0.5 year = 6 months → half; 0.6 year = 7.2 months → a whole year; 0.1 year = 1.2 months → half
    assert counted_insurance_years(D(recorded), half_max=6) == D(counted)


@pytest.mark.parametrize(
    ("months", "insured", "policy"),
    [
        (24, "15", EARLY_RETIREMENT),  # exactly 2 years early
        (60, "15", EARLY_RETIREMENT),  # exactly 5 years early
        (23, "15", EARLY_RETIREMENT_SHORT),
        (0, "30", EARLY_RETIREMENT_SHORT),
        (61, "15", RESIGNATION),  # more than 5 years: Decree 154 has no early retirement
        (30, "14.9", RESIGNATION),  # 14.9 insured years: not enough, whatever the rounding of amounts
        (10, "14.9", RESIGNATION),
    ],
)
def test_decree_154_policy_boundaries(months, insured, policy):
    assert policy_for(regime=ND154, months_early=months, insurance_years=D(insured)) == policy


@pytest.mark.parametrize(
    ("months", "policy"),
    [(24, EARLY_RETIREMENT), (60, EARLY_RETIREMENT), (61, EARLY_RETIREMENT_LONG), (120, EARLY_RETIREMENT_LONG)]
    + [(121, RESIGNATION), (23, EARLY_RETIREMENT_SHORT)],
)
def test_decree_178_has_the_five_to_ten_years_tier(months, policy):
    assert policy_for(regime=ND178, months_early=months, insurance_years=D(20)) == policy


def test_the_command_example_under_decree_154():
    # 5.50 × 2,530,000 = 13,915,000; 29 months = 2.5 years × 5·S; 26 insured years = (5 + 0.5 × 6)·S
    b = estimate(regime=ND154, monthly_salary=13_915_000, months_early=29, insurance_years=D(26))
    assert b.policy == EARLY_RETIREMENT
    assert b.amounts() == {"per_year_early": 173_937_500, "insurance": 111_320_000}
    assert b.total == 285_257_500
    assert b.as_json() == {
        "policy": "early_retirement",
        "total": 285_257_500,
        "items": {"per_year_early": 173_937_500, "insurance": 111_320_000},
    }
    assert b.years_early == D("2.5") and b.insurance_years_counted == D(26)
    assert [i.basis for i in b.items] == ["2,5 năm × 5 × S", "(5 + 0,5 × 6) × S với 26 năm đóng BHXH"]
    assert b.unverified == ("odd_months_half_max",)  # the odd-months rule is (verify) for Decree 154


def test_domain_worked_example_under_decree_178():
    # MOHA letter 1814: 30 months early within 12 months of the decision, 22 insured years,
    # S = 15,356,250 → 30 × S + 2.5 years × 5·S + (5 + 0.5 × 2)·S.
    b = estimate(regime=ND178, monthly_salary=15_356_250, months_early=30, insurance_years=D(22))
    assert b.policy == EARLY_RETIREMENT
    assert b.amounts() == {"per_month_early": 460_687_500, "per_year_early": 191_953_125, "insurance": 92_137_500}
    assert b.total == 744_778_125  # the sum of the items, not the 744,788,125 once printed
    assert b.total != 744_788_125
    assert [i.factor for i in b.items] == [D(30), D("12.5"), D(6)]


def test_decree_178_from_the_13th_month_halves_the_monthly_item():
    b = estimate(regime=ND178, monthly_salary=15_356_250, months_early=30, insurance_years=D(22), after_first_year=True)
    assert b.amounts()["per_month_early"] == 230_343_750  # 0.5 × 30 × S
    assert b.after_first_year


def test_decree_178_five_to_ten_years_early():
    # 90 months early, 25 insured years: 0.9 × 60 × S + 4·S × 7.5 years + (5 + 0.5 × 5)·S
    b = estimate(regime=ND178, monthly_salary=10_000_000, months_early=90, insurance_years=D(25))
    assert b.policy == EARLY_RETIREMENT_LONG
    assert b.amounts() == {"per_month_early": 540_000_000, "per_year_early": 300_000_000, "insurance": 75_000_000}
    late = estimate(
        regime=ND178, monthly_salary=10_000_000, months_early=90, insurance_years=D(25), after_first_year=True
    )
    assert late.amounts()["per_month_early"] == 270_000_000  # 0.45 × 60 × S


@pytest.mark.parametrize(
    ("insured", "factor154", "factor178"),
    [
        ("15", "5", "4"),  # 15–< 20: Decree 154 5·S flat; Decree 67: 4·S for the first 15 years
        ("18", "5", "5.5"),  # Decree 67: 4 + 0.5 × 3
        ("19.9", "5", "5"),  # counted as 20 years
        ("20", "5", "5"),
        ("21", "5.5", "5.5"),
        ("30", "10", "10"),
    ],
)
def test_the_insurance_allowance_by_insured_years(insured, factor154, factor178):
    for regime, factor in ((ND154, factor154), (ND178, factor178)):
        b = estimate(regime=regime, monthly_salary=1_000_000, months_early=36, insurance_years=D(insured))
        assert b.amounts()["insurance"] == int(D(factor) * 1_000_000), (regime.code, insured)


def test_resignation_under_decree_154():
    # not eligible (14.9 insured years): 3·S + 1.5·S × 15 counted years
    b = estimate(regime=ND154, monthly_salary=10_000_000, months_early=40, insurance_years=D("14.9"))
    assert b.policy == RESIGNATION
    assert b.amounts() == {"lump_sum": 30_000_000, "per_insured_year": 225_000_000}
    assert list(b.amounts()) == ["lump_sum", "per_insured_year"]
    assert b.total == 255_000_000
    assert b.years_early == 0


def test_resignation_under_decree_178_caps_the_months_at_60():
    b = estimate(regime=ND178, monthly_salary=10_000_000, months_early=150, insurance_years=D(10))
    assert b.policy == RESIGNATION
    assert b.amounts() == {"per_month_early": 480_000_000, "per_insured_year": 150_000_000, "lump_sum": 30_000_000}


def test_under_two_years_early_pays_nothing_and_says_it_is_unverified():
    b = estimate(regime=ND154, monthly_salary=10_000_000, months_early=23, insurance_years=D(20))
    assert (b.policy, b.items, b.total) == (EARLY_RETIREMENT_SHORT, (), 0)
    assert b.unverified == ("short_early_per_month",)


def test_the_short_early_cash_item_is_data():
    regime = benefits.BenefitRegime(
        code="TEST",
        formula=benefits.FORMULA_ND154,
        parameters={**ND154_PARAMETERS, "short_early_per_month": D("0.5")},
        effective_from=dt.date(2025, 1, 1),
    )
    b = estimate(regime=regime, monthly_salary=10_000_000, months_early=10, insurance_years=D(20))
    assert b.amounts() == {"per_month_early": 50_000_000}


def test_every_number_is_a_parameter():
    # Doubling the per-year multiplier doubles that item: nothing of it is a constant in code.
    regime = benefits.BenefitRegime(
        code="TEST",
        formula=benefits.FORMULA_ND154,
        parameters={**ND154_PARAMETERS, "per_year_early": D(10)},
        effective_from=dt.date(2025, 1, 1),
    )
    b = estimate(regime=regime, monthly_salary=13_915_000, months_early=29, insurance_years=D(26))
    assert b.amounts()["per_year_early"] == 2 * 173_937_500


def test_a_regime_missing_a_parameter_is_refused():
    parameters = dict(ND154_PARAMETERS)
    del parameters["resignation_base"]
    with pytest.raises(ValueError, match="resignation_base"):
        benefits.BenefitRegime(
            code="X", formula=benefits.FORMULA_ND154, parameters=parameters, effective_from=dt.date(2025, 1, 1)
        )
    with pytest.raises(ValueError, match="formula"):
        benefits.BenefitRegime(code="X", formula="ND999", parameters=parameters, effective_from=dt.date(2025, 1, 1))


def test_the_snapshot_keeps_the_figures_behind_the_amounts():
    b = estimate(regime=ND154, monthly_salary=13_915_000, months_early=29, insurance_years=D(26))
    snap = b.snapshot()
    assert snap["lines"][0] == {
        "key": "per_year_early",
        "factor": "12.5",
        "amount": 173_937_500,
        "basis": "2,5 năm × 5 × S",
    }
    assert (snap["monthly_salary"], snap["months_early"], snap["years_early"]) == (13_915_000, 29, "2.5")
    assert (snap["insurance_years"], snap["insurance_years_counted"]) == ("26", "26")
