"""staffing.rules: each rule of a person's record with real values (pure Python, no database)."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from staffing import rules

D = dt.date


# --------------------------------------------------------------------------- employee codes


@pytest.mark.parametrize("code", ["CB000123", "NV-0001", "0012", "Nguyễn.01", "x" * 30])
def test_employee_codes_accepted(code):
    assert rules.EMPLOYEE_CODE_RE.match(code)


@pytest.mark.parametrize("code", ["", "CB/2020/001", "/", "x" * 31])
def test_employee_codes_refused(code):
    assert not rules.EMPLOYEE_CODE_RE.match(code)


@pytest.mark.parametrize("code", ["new", "NEW", "New", "quotas", "QUOTAS"])
def test_reserved_codes(code):
    assert rules.is_reserved_code(code)


@pytest.mark.parametrize("code", ["new1", "quota", "news", "CB-new"])
def test_codes_that_are_not_reserved(code):
    assert not rules.is_reserved_code(code)


# --------------------------------------------------------------------------- personal data


@pytest.mark.parametrize("value, ok", [("001190012345", True), ("048190001234", True), ("00119001234", False)])
def test_personal_id_is_twelve_digits(value, ok):
    assert bool(re.fullmatch(rules.PERSONAL_ID_PATTERN, value)) is ok


@pytest.mark.parametrize("value", ["0011900123456", "00119001234a", "001 190 012 345", ""])
def test_personal_id_refused(value):
    assert not re.fullmatch(rules.PERSONAL_ID_PATTERN, value)


@pytest.mark.parametrize(
    "coefficient, low, high, ok",
    [
        ("2.34", "2.34", "4.98", True),
        ("4.98", "2.34", "4.98", True),
        ("2.33", "2.34", "4.98", False),
        ("4.99", "2.34", "4.98", False),
        ("9.00", "2.34", None, True),
        ("1.00", None, "4.98", True),
        ("1.00", None, None, True),
    ],
)
def test_coefficient_in_range(coefficient, low, high, ok):
    dec = lambda v: None if v is None else Decimal(v)  # noqa: E731
    assert rules.coefficient_in_range(dec(coefficient), dec(low), dec(high)) is ok


def test_limits():
    assert (rules.SALARY_STEP_MIN, rules.SALARY_STEP_MAX) == (1, 12)
    assert (rules.YEAR_MIN, rules.YEAR_MAX) == (2000, 2100)
    assert (rules.MIN_AGE, rules.MAX_AGE) == (15, 70)


# --------------------------------------------------------------------------- age


def test_add_years_and_29_february():
    assert rules.add_years(D(1985, 6, 15), 15) == D(2000, 6, 15)
    assert rules.add_years(D(2000, 2, 29), 15) == D(2015, 3, 1)
    assert rules.add_years(D(2000, 2, 29), 16) == D(2016, 2, 29)
    assert rules.add_years(D(2026, 3, 1), -71) == D(1955, 3, 1)


def test_age_on():
    assert rules.age_on(D(1985, 6, 15), D(2000, 6, 14)) == 14
    assert rules.age_on(D(1985, 6, 15), D(2000, 6, 15)) == 15
    assert rules.age_on(D(2008, 2, 29), D(2023, 2, 28)) == 14  # a year older on 1 March
    assert rules.age_on(D(2008, 2, 29), D(2023, 3, 1)) == 15


@pytest.mark.parametrize(
    "birth, ok",
    [
        (D(2011, 6, 15), True),  # 15 today
        (D(2011, 6, 16), False),  # 15 tomorrow: 14
        (D(1956, 6, 15), True),  # 70 today
        (D(1955, 6, 16), True),  # 71 tomorrow: still 70
        (D(1955, 6, 15), False),  # 71 today
        (D(1990, 1, 1), True),
        (D(2026, 6, 16), False),  # not born yet
    ],
)
def test_working_age_exactly_15_to_70(birth, ok):
    today = D(2026, 6, 15)
    assert rules.is_working_age(birth, today) is ok
    assert (rules.MIN_AGE <= rules.age_on(birth, today) <= rules.MAX_AGE) is ok


def test_working_birth_range_on_29_february():
    after, until = rules.working_birth_range(D(2028, 2, 29))
    assert (after, until) == (D(1957, 2, 28), D(2013, 2, 28))
    assert rules.age_on(D(2013, 2, 28), D(2028, 2, 29)) == 15
    assert rules.age_on(D(2013, 3, 1), D(2028, 2, 29)) == 14
    assert rules.age_on(D(1957, 3, 1), D(2028, 2, 29)) == 70
    assert not rules.is_working_age(D(2013, 3, 1), D(2028, 2, 29))
    assert rules.is_working_age(D(1957, 3, 1), D(2028, 2, 29))


def test_working_age_agrees_with_age_on_every_day():
    """The bounds a sheet computes once give the same answer as the age, for a leap year of
    import dates and births around both limits (29 February included)."""
    years = (1955, 1956, 1957, 2011, 2012, 2013)
    days = ((2, 28), (2, 29), (3, 1), (6, 15))
    births = [D(y, m, d) for y in years for m, d in days if (m, d) != (2, 29) or y % 4 == 0]
    day = D(2027, 12, 25)
    while day < D(2028, 3, 5):
        for birth in births:
            by_age = rules.MIN_AGE <= rules.age_on(birth, day) <= rules.MAX_AGE
            assert rules.is_working_age(birth, day) is by_age, (birth, day)
        day += dt.timedelta(days=1)


def test_recruitment_not_before_the_15th_birthday():
    assert rules.earliest_recruitment(D(1985, 6, 15)) == D(2000, 6, 15)
    assert rules.earliest_recruitment(D(1996, 2, 29)) == D(2011, 3, 1)


# --------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    "status, exit_date, missing",
    [
        ("DLV", None, False),
        ("NH", None, True),
        ("TV", D(2025, 1, 1), False),
        ("", None, False),  # unknown (a cell that did not read): not checked here
        (None, None, False),
    ],
)
def test_exit_date_when_no_longer_working(status, exit_date, missing):
    assert rules.exit_date_missing(status, exit_date) is missing


def test_exit_not_before_birth():
    assert rules.exit_before_birth(D(1980, 1, 1), D(1985, 6, 15))
    assert not rules.exit_before_birth(D(1985, 6, 15), D(1985, 6, 15))
    assert not rules.exit_before_birth(None, D(1985, 6, 15))
    assert not rules.exit_before_birth(D(1980, 1, 1), None)


# --------------------------------------------------------------------------- FTE


@pytest.mark.parametrize("fte, ok", [("0.05", True), ("1", True), ("1.00", True), ("0", False), ("1.01", False)])
def test_one_assignment_fte(fte, ok):
    assert rules.fte_in_range(Decimal(fte)) is ok


@pytest.mark.parametrize(
    "used, fte, ok", [("0", "1", True), ("0.9", "0.1", True), ("0.5", "0.5", True), ("0.9", "0.2", False)]
)
def test_a_persons_fte_adds_up_to_at_most_1(used, fte, ok):
    assert rules.fte_fits(Decimal(used), Decimal(fte)) is ok


# --------------------------------------------------------------------------- allowances


@pytest.mark.parametrize(
    ("value", "ok"), [("0", True), ("0.60", True), ("10", True), ("10.01", False), ("-0.01", False)]
)
def test_allowance_coefficients_from_0_to_10(value, ok):
    assert rules.allowance_in_range(Decimal(value)) is ok


@pytest.mark.parametrize(("value", "ok"), [("0", True), ("25", True), ("100", True), ("100.01", False), ("-1", False)])
def test_percentages_from_0_to_100(value, ok):
    assert rules.percent_in_range(Decimal(value)) is ok


@pytest.mark.parametrize(
    ("value", "fraction"), [("0", False), ("0.25", True), ("0.99", True), ("1", False), ("25", False)]
)
def test_a_percentage_below_1_is_a_spreadsheets_fraction(value, fraction):
    assert rules.percent_looks_like_a_fraction(Decimal(value)) is fraction
