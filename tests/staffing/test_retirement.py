"""staffing.retirement: the Decree 135/2020/NĐ-CP schedule as data, retirement ages, dates and the
earliest date for heavy work (pure functions, no database).

Notation in the comments: a birth month plus an age, e.g. 10/1961 + 60y3m = 01/2022; A(Y) is the
retirement age of someone who reaches it in year Y (men 60y + 3·(Y − 2020) months from 2021,
62y from 2028; women 55y + 4·(Y − 2020) months from 2021, 60y from 2035).
"""

import calendar
import dataclasses
from datetime import date

import pytest

from staffing.models import Sex
from staffing.retirement import (
    ND135_2020,
    AgeSchedule,
    Retirement,
    RetirementSchedule,
    earliest_retirement_date,
    retirement,
    retirement_age,
    retirement_date,
)

# --------------------------------------------------------------------------- the schedule


def test_nd135_is_data_with_its_legal_basis():
    assert ND135_2020.legal_code == "ND135-2020"
    assert ND135_2020.effective_from == date(2021, 1, 1)
    assert ND135_2020.men == AgeSchedule(60, 0, 2021, 3, 62, 0)
    assert ND135_2020.women == AgeSchedule(55, 0, 2021, 4, 60, 0)
    assert ND135_2020.early_retirement_years == 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        ND135_2020.early_retirement_years = 10


@pytest.mark.parametrize(
    ("sex", "year", "age"),
    [
        ("M", 1990, (60, 0)),
        ("M", 2020, (60, 0)),
        ("M", 2021, (60, 3)),
        ("M", 2022, (60, 6)),
        ("M", 2023, (60, 9)),
        ("M", 2027, (61, 9)),  # 60y + 3·7 months
        ("M", 2028, (62, 0)),  # 60y + 3·8 months = 62y: the end age
        ("M", 2034, (62, 0)),
        ("M", 2035, (62, 0)),
        ("M", 2060, (62, 0)),
        ("F", 1990, (55, 0)),
        ("F", 2020, (55, 0)),
        ("F", 2021, (55, 4)),
        ("F", 2027, (57, 4)),  # 55y + 4·7 = 28 months
        ("F", 2028, (57, 8)),  # 55y + 4·8 = 32 months
        ("F", 2034, (59, 8)),  # 55y + 4·14 = 56 months
        ("F", 2035, (60, 0)),  # 55y + 4·15 = 60 months: the end age
        ("F", 2060, (60, 0)),
    ],
)
def test_retirement_age_by_year(sex, year, age):
    assert retirement_age(ND135_2020, sex, year) == age


def test_sex_codes_are_those_of_the_model():
    assert retirement_age(ND135_2020, Sex.MALE, 2022) == (60, 6)
    assert retirement_age(ND135_2020, Sex.FEMALE, 2022) == (55, 8)
    with pytest.raises(ValueError, match="unknown sex code"):
        retirement_age(ND135_2020, "X", 2022)
    with pytest.raises(ValueError, match="unknown sex code"):
        retirement(ND135_2020, "", date(1970, 1, 1))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"base_months": 12},
        {"final_months": -1},
        {"months_per_year": 12},
        {"months_per_year": -1},
        {"final_years": 59},
    ],
)
def test_impossible_age_schedules_are_refused(kwargs):
    values = {"base_years": 60, "base_months": 0, "step_from": 2021, "months_per_year": 3, "final_years": 62}
    with pytest.raises(ValueError):
        AgeSchedule(**(values | kwargs))


def test_another_schedule_can_be_passed_in():
    # A made-up later schedule: men 62y until 2029, then 6 months more a year up to 63y (2031).
    later = RetirementSchedule(
        legal_code="TEST-2029",
        effective_from=date(2030, 1, 1),
        men=AgeSchedule(62, 0, 2030, 6, 63, 0),
        women=ND135_2020.women,
        early_retirement_years=3,
    )
    assert retirement_age(later, "M", 2029) == (62, 0)
    assert retirement_age(later, "M", 2030) == (62, 6)
    assert retirement_age(later, "M", 2031) == (63, 0)
    # 03/1968 + 62y = 03/2030, not in 2029; + A(2030) = 62y6m → 09/2030, in 2030.
    assert retirement(later, "M", date(1968, 3, 5)) == Retirement(date(2030, 9, 30), 62, 6)
    assert earliest_retirement_date(later, "M", date(1968, 3, 5), heavy_work=True) == date(2027, 9, 30)
    assert retirement(ND135_2020, "M", date(1968, 3, 5)) == Retirement(date(2030, 3, 31), 62, 0)


# --------------------------------------------------------------------------- retirement dates


def test_legal_examples():
    # 09/1961 + A(2021) = 60y3m → 12/2021, in 2021.
    assert retirement(ND135_2020, "M", date(1961, 9, 10)) == Retirement(date(2021, 12, 31), 60, 3)
    # 10/1961 + 60y3m → 01/2022, not in 2021; + A(2022) = 60y6m → 04/2022, in 2022.
    assert retirement(ND135_2020, "M", date(1961, 10, 10)) == Retirement(date(2022, 4, 30), 60, 6)
    # 07/1962 + 60y6m → 01/2023, not in 2022; + A(2023) = 60y9m → 04/2023, in 2023.
    assert retirement(ND135_2020, "M", date(1962, 7, 1)) == Retirement(date(2023, 4, 30), 60, 9)


def test_age_label():
    assert retirement(ND135_2020, "M", date(1961, 10, 10)).age_label == "60y6m"
    assert retirement(ND135_2020, "M", date(1970, 6, 1)).age_label == "62y0m"
    assert Retirement(date(2030, 1, 31), 58, 11).age_label == "58y11m"


@pytest.mark.parametrize(
    ("birth", "expected", "label"),
    [
        # 05/1966 + A(2021) = 55y4m → 09/2021, in 2021.
        (date(1966, 5, 20), date(2021, 9, 30), "55y4m"),
        # 10/1966 + 55y4m → 02/2022, not in 2021; + A(2022) = 55y8m → 06/2022, in 2022.
        (date(1966, 10, 3), date(2022, 6, 30), "55y8m"),
        # 01/1970 + A(2025) = 56y8m → 09/2026, not in 2025; + A(2026) = 57y → 01/2027, not in 2026;
        # + A(2027) = 57y4m → 05/2027, in 2027.
        (date(1970, 1, 15), date(2027, 5, 31), "57y4m"),
        # 06/1970 + 56y8m → 02/2027 (not in 2025); + 57y → 06/2027 (not in 2026); + 57y4m → 10/2027.
        (date(1970, 6, 30), date(2027, 10, 31), "57y4m"),
        # 02/1976 + A(2035) = 60y → 02/2036, not in 2035; + A(2036) = 60y → 02/2036, in 2036 (leap).
        (date(1976, 2, 10), date(2036, 2, 29), "60y0m"),
    ],
)
def test_women_examples(birth, expected, label):
    result = retirement(ND135_2020, "F", birth)
    assert (result.date, result.age_label) == (expected, label)


@pytest.mark.parametrize(
    ("sex", "birth", "expected", "label"),
    [
        # Men, 2020/2021: 12/1960 + A(2020) = 60y → 12/2020, in 2020.
        ("M", date(1960, 12, 31), date(2020, 12, 31), "60y0m"),
        # 01/1961 + 60y → 01/2021, not in 2020; + A(2021) = 60y3m → 04/2021.
        ("M", date(1961, 1, 1), date(2021, 4, 30), "60y3m"),
        # Men, 2027/2028: 03/1966 + A(2026) = 61y6m → 09/2027 (not in 2026); + A(2027) = 61y9m → 12/2027.
        ("M", date(1966, 3, 15), date(2027, 12, 31), "61y9m"),
        # 04/1966 + 61y9m → 01/2028, not in 2027; + A(2028) = 62y → 04/2028.
        ("M", date(1966, 4, 15), date(2028, 4, 30), "62y0m"),
        # Men, 2034/2035: 62y either side. 12/1972 + 62y → 12/2034; 01/1973 + 62y → 01/2035.
        ("M", date(1972, 12, 1), date(2034, 12, 31), "62y0m"),
        ("M", date(1973, 1, 1), date(2035, 1, 31), "62y0m"),
        # Women, 2020/2021: 12/1965 + A(2020) = 55y → 12/2020.
        ("F", date(1965, 12, 31), date(2020, 12, 31), "55y0m"),
        # 01/1966 + 55y → 01/2021, not in 2020; + A(2021) = 55y4m → 05/2021.
        ("F", date(1966, 1, 1), date(2021, 5, 31), "55y4m"),
        # Women, 2027/2028: 08/1970 + A(2027) = 57y4m → 12/2027, in 2027.
        ("F", date(1970, 8, 8), date(2027, 12, 31), "57y4m"),
        # 09/1970 + 57y4m → 01/2028, not in 2027; + A(2028) = 57y8m → 05/2028.
        ("F", date(1970, 9, 8), date(2028, 5, 31), "57y8m"),
        # Women, 2034/2035: 04/1975 + A(2033) = 59y4m → 08/2034 (not in 2033); + A(2034) = 59y8m → 12/2034.
        ("F", date(1975, 4, 30), date(2034, 12, 31), "59y8m"),
        # 05/1975 + 59y8m → 01/2035, not in 2034; + A(2035) = 60y → 05/2035.
        ("F", date(1975, 5, 1), date(2035, 5, 31), "60y0m"),
    ],
)
def test_boundaries(sex, birth, expected, label):
    result = retirement(ND135_2020, sex, birth)
    assert (result.date, result.age_label) == (expected, label)


def test_born_on_the_31st():
    # Only the month counts: the 31st of the birth month gives the last day of the retirement month.
    assert retirement_date(ND135_2020, "M", date(1961, 10, 31)) == date(2022, 4, 30)
    assert retirement_date(ND135_2020, "M", date(1961, 1, 31)) == date(2021, 4, 30)
    # 12/1970 + A(2028) = 57y8m → 08/2028, in 2028 (12/1970 + A(2027) = 57y4m → 04/2028 is not in 2027).
    assert retirement_date(ND135_2020, "F", date(1970, 12, 31)) == date(2028, 8, 31)


def test_born_in_february():
    # 02/1964 + A(2024) = 61y → 02/2025 (not in 2024); + A(2025) = 61y3m → 05/2025.
    assert retirement(ND135_2020, "M", date(1964, 2, 29)) == Retirement(date(2025, 5, 31), 61, 3)
    # 02/1972 + A(2027) = 57y4m → 06/2029; + A(2028) = 57y8m → 10/2029; + A(2029) = 58y → 02/2030:
    # none in its year; + A(2030) = 58y4m → 06/2030, in 2030.
    assert retirement(ND135_2020, "F", date(1972, 2, 29)) == Retirement(date(2030, 6, 30), 58, 4)
    assert retirement(ND135_2020, "F", date(1972, 2, 1)) == retirement(ND135_2020, "F", date(1972, 2, 29))
    # Retiring in February: 02/1968 + 62y → 28/02/2030; in a leap year 02/1970 + 62y → 29/02/2032.
    assert retirement_date(ND135_2020, "M", date(1968, 2, 29)) == date(2030, 2, 28)
    assert retirement_date(ND135_2020, "M", date(1970, 2, 28)) == date(2032, 2, 29)


def test_year_only_birth_dates_count_from_january():
    # 01/1961 + 60y3m → 04/2021, whatever day and month the stored date carries.
    for stored in (date(1961, 1, 1), date(1961, 7, 15), date(1961, 12, 31)):
        assert retirement(ND135_2020, "M", stored, year_only=True) == Retirement(date(2021, 4, 30), 60, 3)
    # 01/1970 + 57y4m → 05/2027 (see test_women_examples).
    assert retirement_date(ND135_2020, "F", date(1970, 9, 1), year_only=True) == date(2027, 5, 31)
    # Without year_only, September 1970: 09/1970 + 57y8m → 05/2028.
    assert retirement_date(ND135_2020, "F", date(1970, 9, 1)) == date(2028, 5, 31)


@pytest.mark.parametrize("sex", ["M", "F"])
def test_every_birth_month_from_1950_to_1990(sex):
    previous = None
    for year in range(1950, 1991):
        for month in range(1, 13):
            result = retirement(ND135_2020, sex, date(year, month, 1))
            retired = result.date
            age = result.age_years * 12 + result.age_months
            # The age is A(the year of retirement), counted from the birth month.
            assert divmod(age, 12) == retirement_age(ND135_2020, sex, retired.year)
            assert (retired.year * 12 + retired.month) - (year * 12 + month) == age
            assert retired.day == calendar.monthrange(retired.year, retired.month)[1]
            # No earlier year held its own retirement month.
            for earlier in range(year + 50, retired.year):
                years, months = retirement_age(ND135_2020, sex, earlier)
                assert (year * 12 + month - 1 + years * 12 + months) // 12 != earlier
            # Born later, never retired earlier.
            assert previous is None or retired >= previous
            previous = retired


# --------------------------------------------------------------------------- early retirement


def test_earliest_retirement_date_for_heavy_work():
    # Normal 30/04/2022 (10/1961, 60y6m) → 04/2017.
    assert earliest_retirement_date(ND135_2020, "M", date(1961, 10, 10), heavy_work=True) == date(2017, 4, 30)
    # Normal 31/05/2027 (woman 01/1970) → 05/2022.
    assert earliest_retirement_date(ND135_2020, "F", date(1970, 1, 15), heavy_work=True) == date(2022, 5, 31)
    # Still the end of the month: normal 28/02/2033 (man 02/1971, 62y) → 29/02/2028; normal
    # 29/02/2032 (man 02/1970) → 28/02/2027.
    assert earliest_retirement_date(ND135_2020, "M", date(1971, 2, 14), heavy_work=True) == date(2028, 2, 29)
    assert earliest_retirement_date(ND135_2020, "M", date(1970, 2, 14), heavy_work=True) == date(2027, 2, 28)
    # Year only: man 1961 → normal 30/04/2021 → 30/04/2016.
    early = earliest_retirement_date(ND135_2020, "M", date(1961, 8, 1), heavy_work=True, year_only=True)
    assert early == date(2016, 4, 30)


def test_earliest_retirement_date_without_heavy_work_is_the_normal_date():
    for sex, birth in (("M", date(1961, 10, 10)), ("F", date(1975, 5, 1)), ("M", date(1964, 2, 29))):
        assert earliest_retirement_date(ND135_2020, sex, birth, heavy_work=False) == retirement_date(
            ND135_2020, sex, birth
        )
