"""The rules of a person's record, one home each: the model (``staffing.models``), the forms and
the admin of the staff pages, and the ``staff`` and ``quotas`` sheets take them from here.

Pure Python: no ORM, no request, no messages (each caller words its own message, with the
values from here)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

# --------------------------------------------------------------------------- employee codes

EMPLOYEE_CODE_MAX_LENGTH = 30
# At most 30 characters, no "/" (a code is a path segment of the staff pages: /staff/<code>/),
# digits only 0–9: "CB０１" (fullwidth) or "CB٠١" (Arabic-Indic) would look like "CB01" but be
# another code ((?!\d) refuses every other decimal digit; Unicode patterns, not re.ASCII).
EMPLOYEE_CODE_PATTERN = rf"^(?:[0-9]|(?!\d)[^/]){{1,{EMPLOYEE_CODE_MAX_LENGTH}}}$"
EMPLOYEE_CODE_RE = re.compile(EMPLOYEE_CODE_PATTERN)
# Paths under /staff/ that an employee code may not take: /staff/new/, /staff/quotas/.
RESERVED_CODES = frozenset({"new", "quotas"})


def is_reserved_code(code: str) -> bool:
    return code.casefold() in RESERVED_CODES


# --------------------------------------------------------------------------- personal data

# số định danh cá nhân: exactly 12 ASCII digits (``\d`` would take fullwidth and Arabic-Indic
# digits too, and "０２４…" would pass the uniqueness check beside "024…").
PERSONAL_ID_PATTERN = r"^[0-9]{12}$"
PERSONAL_ID_RE = re.compile(PERSONAL_ID_PATTERN)

SALARY_STEP_MIN, SALARY_STEP_MAX = 1, 12
# The import's upper limits (the form and the model only refuse negative values).
INSURANCE_YEARS_MAX = 70
SICK_DAYS_MAX = 366

# Yearly records (ratings, sick days) and quotas are for the years 2000–2100.
YEAR_MIN, YEAR_MAX = 2000, 2100


def coefficient_in_range(coefficient: Decimal, low: Decimal | None, high: Decimal | None) -> bool:
    """A salary coefficient inside its rank's range (an open end, None, does not limit)."""
    return (low is None or coefficient >= low) and (high is None or coefficient <= high)


# --------------------------------------------------------------------------- allowances

# What the monthly salary S of DOMAIN §8 adds to the rank coefficient (``staffing.benefits``):
# allowance coefficients (phụ cấp chức vụ lãnh đạo, and the other allowances paid as a
# coefficient), 0–10 with 2 decimals, e.g. 0.60; and percentages (phụ cấp thâm niên vượt khung, of
# the rank coefficient; the other allowances paid as a percentage of the salary, e.g. phụ cấp
# công vụ 25), 0–100 with 2 decimals. The forms, the admin and the ``staff`` sheet take them here.
ALLOWANCE_MAX = Decimal(10)
ALLOWANCE_PLACES = 2
PERCENT_MAX = Decimal(100)
PERCENT_PLACES = 2


def allowance_in_range(value: Decimal) -> bool:
    """An allowance coefficient from 0 to ``ALLOWANCE_MAX``."""
    return 0 <= value <= ALLOWANCE_MAX


def percent_in_range(value: Decimal) -> bool:
    """A percentage allowance from 0 to ``PERCENT_MAX``."""
    return 0 <= value <= PERCENT_MAX


def percent_looks_like_a_fraction(value: Decimal) -> bool:
    """A percentage above 0 and below 1: the fraction a spreadsheet stores for a cell formatted
    as a percentage (25 % is 0.25), not a real allowance (the smallest, thâm niên vượt khung,
    starts at 5 %). Refused rather than read as 0.25 %."""
    return 0 < value < 1


# --------------------------------------------------------------------------- age

MIN_AGE, MAX_AGE = 15, 70  # a working person is at least 15 and at most 70 years old


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (or earlier); 29 February becomes 1 March."""
    try:
        return dt.date(day.year + years, day.month, day.day)
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1)


def age_on(birth: dt.date, on: dt.date) -> int:
    """Full years of age on ``on`` (someone born on 29 February turns a year older on 1 March)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _latest_birth(on: dt.date, age: int) -> dt.date:
    """The latest birth date of someone at least ``age`` years old on ``on``."""
    try:
        return dt.date(on.year - age, on.month, on.day)
    except ValueError:  # ``on`` is 29 February, that year is not a leap year
        return dt.date(on.year - age, 2, 28)


def working_birth_range(on: dt.date) -> tuple[dt.date, dt.date]:
    """``(after, until)``: on ``on`` a person is of working age (``MIN_AGE`` to ``MAX_AGE``)
    exactly when ``after < birth <= until``; a sheet computes it once for every row."""
    return _latest_birth(on, MAX_AGE + 1), _latest_birth(on, MIN_AGE)


def is_working_age(birth: dt.date, on: dt.date) -> bool:
    """``MIN_AGE <= age_on(birth, on) <= MAX_AGE``."""
    after, until = working_birth_range(on)
    return after < birth <= until


def earliest_recruitment(birth: dt.date) -> dt.date:
    """A person is recruited on or after their 15th birthday."""
    return add_years(birth, MIN_AGE)


# --------------------------------------------------------------------------- status

WORKING = "DLV"  # StaffStatus.WORKING, đang làm việc


def exit_date_missing(status: str | None, exit_date: dt.date | None) -> bool:
    """A person who is no longer working (any status but ``WORKING``) has an exit date."""
    return bool(status) and status != WORKING and exit_date is None


def exit_before_birth(exit_date: dt.date | None, birth: dt.date | None) -> bool:
    return exit_date is not None and birth is not None and exit_date < birth


# --------------------------------------------------------------------------- assignments

MAX_FTE = Decimal(1)  # a person's FTE on any day, all assignments together


def fte_in_range(fte: Decimal) -> bool:
    """One assignment's share: more than 0, at most 1."""
    return 0 < fte <= MAX_FTE


def fte_fits(used: Decimal, fte: Decimal) -> bool:
    """``fte`` more on top of the ``used`` FTE keeps the person at most at ``MAX_FTE``."""
    return used + fte <= MAX_FTE
