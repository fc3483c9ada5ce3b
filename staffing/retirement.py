"""Retirement age and retirement date (Decree 135/2020/NĐ-CP, in force from 1 January 2021).

The rule is data: a ``RetirementSchedule`` names its legal basis (the code of the
``portal.LegalDocument``) and the date it took effect, and holds, for each sex, an
``AgeSchedule`` — the age before the reform, the first year of the stepwise increase, the months
added each year and the age where the increase stops — and how many years earlier heavy,
hazardous work allows. ``ND135_2020`` is the schedule of Decree 135 (Article 4 for the age,
Article 5 for early retirement); every function takes the schedule as its first argument, so a
schedule read from the database can be passed in instead.

How the date follows from the schedule: A(sex, Y) is the retirement age of someone who reaches it
in calendar year Y. The retirement month is the birth month plus A(sex, Y) for the first year Y
in which that month falls; the retirement date is the last day of that month. With only the year
of birth known, the birth month is taken as January. The earliest date for heavy work is the
normal retirement month moved ``early_retirement_years`` years earlier, again its last day.

Pure Python (no Django, no database). Sex codes are those of ``staffing.models.Sex``: "M", "F".
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

MALE = "M"
FEMALE = "F"


@dataclass(frozen=True)
class AgeSchedule:
    """The retirement age of one sex by the calendar year in which it is reached: the base age
    before ``step_from``; from ``step_from`` on, ``months_per_year`` more for each year (already in
    ``step_from`` itself), never more than the final age."""

    base_years: int
    base_months: int
    step_from: int
    months_per_year: int
    final_years: int
    final_months: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.base_months < 12 and 0 <= self.final_months < 12):
            raise ValueError("months of an age are 0–11")
        if not 0 <= self.months_per_year < 12:
            raise ValueError("the age grows by 0–11 months a year")
        if self.final_in_months < self.base_in_months:
            raise ValueError("the final age is below the base age")

    @property
    def base_in_months(self) -> int:
        return self.base_years * 12 + self.base_months

    @property
    def final_in_months(self) -> int:
        return self.final_years * 12 + self.final_months

    def age_in_months(self, year: int) -> int:
        """A(Y) in months for someone who reaches it in ``year``."""
        if year < self.step_from:
            return self.base_in_months
        steps = year - self.step_from + 1
        return min(self.base_in_months + self.months_per_year * steps, self.final_in_months)


@dataclass(frozen=True)
class RetirementSchedule:
    legal_code: str  # portal.LegalDocument.code of the legal basis
    effective_from: datetime.date
    men: AgeSchedule
    women: AgeSchedule
    early_retirement_years: int  # heavy, hazardous work: retirement up to this many years earlier

    def for_sex(self, sex: str) -> AgeSchedule:
        if sex == MALE:
            return self.men
        if sex == FEMALE:
            return self.women
        raise ValueError(f"unknown sex code {sex!r} (expected {MALE!r} or {FEMALE!r})")


# Decree 135/2020/NĐ-CP, Article 4: men 60 years until 2020, then 3 months more each year up to
# 62 years (reached in 2028); women 55 years until 2020, then 4 months more each year up to 60
# years (reached in 2035). Article 5: up to 5 years earlier for heavy, hazardous work.
ND135_2020 = RetirementSchedule(
    legal_code="ND135-2020",
    effective_from=datetime.date(2021, 1, 1),
    men=AgeSchedule(base_years=60, base_months=0, step_from=2021, months_per_year=3, final_years=62),
    women=AgeSchedule(base_years=55, base_months=0, step_from=2021, months_per_year=4, final_years=60),
    early_retirement_years=5,
)


@dataclass(frozen=True)
class Retirement:
    date: datetime.date  # last day of the retirement month
    age_years: int
    age_months: int

    @property
    def age_label(self) -> str:
        """The retirement age as ``<years>y<months>m``, e.g. "60y6m"."""
        return f"{self.age_years}y{self.age_months}m"


def _end_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def retirement_age(schedule: RetirementSchedule, sex: str, year: int) -> tuple[int, int]:
    """A(sex, year) as (years, months)."""
    return divmod(schedule.for_sex(sex).age_in_months(year), 12)


def retirement(schedule: RetirementSchedule, sex: str, birth: datetime.date, *, year_only: bool = False) -> Retirement:
    """The retirement date and age of someone born on ``birth`` (only its year counts when
    ``year_only``: the birth month is then January)."""
    ages = schedule.for_sex(sex)
    born = birth.year * 12 + (0 if year_only else birth.month - 1)  # months since year 0
    first = (born + ages.base_in_months) // 12
    last = (born + ages.final_in_months) // 12
    for year in range(first, last + 1):
        age = ages.age_in_months(year)
        retires = born + age
        if retires // 12 == year:
            years, months = divmod(age, 12)
            return Retirement(_end_of_month(year, retires % 12 + 1), years, months)
    # Unreachable: the age grows by less than 12 months a year, so some year between the one of
    # the base age and the one of the final age holds the retirement month.
    raise AssertionError(f"no retirement year for {birth} under {schedule.legal_code}")  # pragma: no cover


def retirement_date(
    schedule: RetirementSchedule, sex: str, birth: datetime.date, *, year_only: bool = False
) -> datetime.date:
    """Last day of the retirement month (``retirement(...).date``)."""
    return retirement(schedule, sex, birth, year_only=year_only).date


def earliest_retirement_date(
    schedule: RetirementSchedule, sex: str, birth: datetime.date, *, heavy_work: bool, year_only: bool = False
) -> datetime.date:
    """The earliest date someone may retire: with heavy, hazardous work the retirement month moved
    ``schedule.early_retirement_years`` years earlier (last day of that month), otherwise the
    normal retirement date."""
    normal = retirement_date(schedule, sex, birth, year_only=year_only)
    if not heavy_work:
        return normal
    return _end_of_month(normal.year - schedule.early_retirement_years, normal.month)
