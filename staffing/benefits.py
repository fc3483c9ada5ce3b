"""Streamlining benefits (docs/rules.md §9), pure: a benefit regime's parameters and one person's
salary, months early and insured years in, the policy, its items and the total in VND out. No ORM,
no request (``staffing.rulesets`` reads the regimes from the database into ``BenefitRegime``).

The monthly salary S (``monthly_salary``)::

    S = (coefficient × (1 + seniority %) + leadership allowance + other allowances)
        × base salary × (1 + percentage allowances %)

rounded to whole VND (half up). The worked example of docs/rules.md §9: (4.65 + 0.60) × 2,340,000 × 1.25 = 15,356,250.

A regime is a *formula kind* (the shape of the computation, code: ``FORMULA_ND154`` for Decree
154/2025, ``FORMULA_ND178`` for Decree 178/2024 as amended by Decree 67/2025) and *parameters*
(every number, data: ``PARAMETERS`` names them). The policy a person qualifies for:

- ``early_retirement``: at least ``min_insurance_years`` insured years and ``early_months_min`` to
  ``early_months_max`` months before the retirement date (24–60): ``per_year_early`` × S per year
  early (years counted by the odd-months rule, at most ``period_cap_months``) + the insurance
  allowance (``insurance_factor``); Decree 178 adds S × ``early_monthly`` × the months early
  (``early_monthly_late`` when the person leaves after the first ``monthly_split_months`` months
  from the decision);
- ``early_retirement_long`` (Decree 178 only): more than ``early_months_max`` and at most
  ``long_early_months_max`` months early (5–10 years): S × ``long_monthly`` × ``long_monthly_months``
  + ``long_per_year_early`` × S per year early + the insurance allowance;
- ``early_retirement_short``: fewer than ``early_months_min`` months early with enough insured
  years: no pension cut; S × ``short_early_per_month`` per month early (seeded 0: no cash item,
  *(verify)*);
- ``resignation`` otherwise: ``resignation_base`` × S + ``resignation_per_year`` × S per insured
  year; Decree 178 adds S × ``resignation_monthly`` × the months to retirement (at most
  ``period_cap_months``).

Odd months (``counted_years``, ``counted_insurance_years``): a remainder of 1 to
``odd_months_half_max`` months (6) counts as half a year, more as a whole year. The eligibility
conditions (15 insured years) use the insured years as recorded; the amounts use the counted ones.

Every item's amount is round(factor × S) in whole VND (half up); the total is the sum of the items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ZERO = Decimal(0)
ONE = Decimal(1)
HALF = Decimal("0.5")
HUNDRED = Decimal(100)
MONTHS_PER_YEAR = 12

# --------------------------------------------------------------------------- formula kinds

FORMULA_ND154 = "ND154"
FORMULA_ND178 = "ND178"
FORMULAS = {
    FORMULA_ND154: gettext_lazy("Nghị định 154/2025/NĐ-CP (tinh giản biên chế)"),
    FORMULA_ND178: gettext_lazy("Nghị định 178/2024/NĐ-CP, sửa đổi bởi Nghị định 67/2025/NĐ-CP (sắp xếp bộ máy)"),
}

# --------------------------------------------------------------------------- policies

EARLY_RETIREMENT = "early_retirement"
EARLY_RETIREMENT_LONG = "early_retirement_long"
EARLY_RETIREMENT_SHORT = "early_retirement_short"
RESIGNATION = "resignation"
POLICIES = {
    EARLY_RETIREMENT: gettext_lazy("Nghỉ hưu trước tuổi (2–5 năm)"),
    EARLY_RETIREMENT_LONG: gettext_lazy("Nghỉ hưu trước tuổi (trên 5 đến 10 năm)"),
    EARLY_RETIREMENT_SHORT: gettext_lazy("Nghỉ hưu trước tuổi dưới 2 năm (không bị trừ tỷ lệ lương hưu)"),
    RESIGNATION: gettext_lazy("Thôi việc ngay"),
}

# --------------------------------------------------------------------------- benefit items

PER_MONTH_EARLY = "per_month_early"  # S × rate × months (Decree 178; the short early retirement)
PER_YEAR_EARLY = "per_year_early"  # S × multiplier × years early
INSURANCE = "insurance"  # S × (the insurance allowance's factor)
LUMP_SUM = "lump_sum"  # resignation: S × resignation_base
PER_INSURED_YEAR = "per_insured_year"  # resignation: S × multiplier × insured years
ITEMS = {
    PER_MONTH_EARLY: gettext_lazy("Trợ cấp theo số tháng nghỉ sớm"),
    PER_YEAR_EARLY: gettext_lazy("Trợ cấp theo số năm nghỉ hưu trước tuổi"),
    INSURANCE: gettext_lazy("Trợ cấp theo thời gian đóng BHXH"),
    LUMP_SUM: gettext_lazy("Trợ cấp để tìm việc làm"),
    PER_INSURED_YEAR: gettext_lazy("Trợ cấp theo số năm đóng BHXH"),
}
# The item columns of an official list, per formula kind, in the order of the legal text.
ITEM_ORDER = {
    FORMULA_ND154: (PER_MONTH_EARLY, PER_YEAR_EARLY, INSURANCE, LUMP_SUM, PER_INSURED_YEAR),
    FORMULA_ND178: (PER_MONTH_EARLY, PER_YEAR_EARLY, INSURANCE, PER_INSURED_YEAR, LUMP_SUM),
}

# --------------------------------------------------------------------------- parameters (data)

EARLY_MONTHS_MIN = "early_months_min"
EARLY_MONTHS_MAX = "early_months_max"
MIN_INSURANCE_YEARS = "min_insurance_years"
PERIOD_CAP_MONTHS = "period_cap_months"
ODD_MONTHS_HALF_MAX = "odd_months_half_max"
PER_YEAR_EARLY_FACTOR = "per_year_early"
INSURANCE_BASE_YEARS = "insurance_base_years"
INSURANCE_BASE = "insurance_base"
INSURANCE_EXTRA = "insurance_extra"
INSURANCE_SHORT_YEARS = "insurance_short_years"
INSURANCE_SHORT = "insurance_short"
INSURANCE_SHORT_EXTRA = "insurance_short_extra"
RESIGNATION_BASE = "resignation_base"
RESIGNATION_PER_YEAR = "resignation_per_year"
SHORT_EARLY_PER_MONTH = "short_early_per_month"
MONTHLY_SPLIT_MONTHS = "monthly_split_months"
EARLY_MONTHLY = "early_monthly"
EARLY_MONTHLY_LATE = "early_monthly_late"
LONG_EARLY_MONTHS_MAX = "long_early_months_max"
LONG_MONTHLY = "long_monthly"
LONG_MONTHLY_LATE = "long_monthly_late"
LONG_MONTHLY_MONTHS = "long_monthly_months"
LONG_PER_YEAR_EARLY = "long_per_year_early"
RESIGNATION_MONTHLY = "resignation_monthly"
RESIGNATION_MONTHLY_LATE = "resignation_monthly_late"

# key → what it is (the admin's label)
PARAMETERS = {
    EARLY_MONTHS_MIN: gettext_lazy("Nghỉ hưu trước tuổi: số tháng nghỉ sớm tối thiểu"),
    EARLY_MONTHS_MAX: gettext_lazy("Nghỉ hưu trước tuổi: số tháng nghỉ sớm tối đa"),
    MIN_INSURANCE_YEARS: gettext_lazy("Số năm đóng BHXH tối thiểu để nghỉ hưu trước tuổi"),
    PERIOD_CAP_MONTHS: gettext_lazy("Số tháng tính trợ cấp tối đa"),
    ODD_MONTHS_HALF_MAX: gettext_lazy("Tháng lẻ: đến số tháng này tính nửa năm, trên tính một năm"),
    PER_YEAR_EARLY_FACTOR: gettext_lazy("Số tháng lương (S) cho mỗi năm nghỉ sớm"),
    INSURANCE_BASE_YEARS: gettext_lazy("Trợ cấp theo BHXH: số năm đầu"),
    INSURANCE_BASE: gettext_lazy("Trợ cấp theo BHXH: số tháng lương cho các năm đầu"),
    INSURANCE_EXTRA: gettext_lazy("Trợ cấp theo BHXH: số tháng lương cho mỗi năm tiếp theo"),
    INSURANCE_SHORT_YEARS: gettext_lazy("Trợ cấp theo BHXH khi chưa đủ số năm đầu: từ số năm"),
    INSURANCE_SHORT: gettext_lazy("Trợ cấp theo BHXH khi chưa đủ số năm đầu: số tháng lương"),
    INSURANCE_SHORT_EXTRA: gettext_lazy(
        "Trợ cấp theo BHXH khi chưa đủ số năm đầu: số tháng lương cho mỗi năm trên mức “từ số năm”"
    ),
    RESIGNATION_BASE: gettext_lazy("Thôi việc: số tháng lương trợ cấp để tìm việc làm"),
    RESIGNATION_PER_YEAR: gettext_lazy("Thôi việc: số tháng lương cho mỗi năm đóng BHXH"),
    SHORT_EARLY_PER_MONTH: gettext_lazy("Nghỉ sớm dưới mức tối thiểu: số tháng lương cho mỗi tháng nghỉ sớm"),
    MONTHLY_SPLIT_MONTHS: gettext_lazy("Mốc tính mức trợ cấp theo tháng: nghỉ trong số tháng đầu kể từ quyết định"),
    EARLY_MONTHLY: gettext_lazy("Nghỉ hưu trước tuổi 2–5 năm: hệ số tháng lương mỗi tháng nghỉ sớm"),
    EARLY_MONTHLY_LATE: gettext_lazy("Như trên, nghỉ sau mốc"),
    LONG_EARLY_MONTHS_MAX: gettext_lazy("Nghỉ hưu trước tuổi trên 5 năm: số tháng nghỉ sớm tối đa"),
    LONG_MONTHLY: gettext_lazy("Nghỉ hưu trước tuổi trên 5 năm: hệ số tháng lương mỗi tháng"),
    LONG_MONTHLY_LATE: gettext_lazy("Như trên, nghỉ sau mốc"),
    LONG_MONTHLY_MONTHS: gettext_lazy("Nghỉ hưu trước tuổi trên 5 năm: số tháng tính trợ cấp"),
    LONG_PER_YEAR_EARLY: gettext_lazy("Nghỉ hưu trước tuổi trên 5 năm: số tháng lương cho mỗi năm nghỉ sớm"),
    RESIGNATION_MONTHLY: gettext_lazy("Thôi việc: hệ số tháng lương mỗi tháng còn lại đến tuổi nghỉ hưu"),
    RESIGNATION_MONTHLY_LATE: gettext_lazy("Như trên, nghỉ sau mốc"),
}
COMMON_PARAMETERS = (
    EARLY_MONTHS_MIN,
    EARLY_MONTHS_MAX,
    MIN_INSURANCE_YEARS,
    PERIOD_CAP_MONTHS,
    ODD_MONTHS_HALF_MAX,
    PER_YEAR_EARLY_FACTOR,
    INSURANCE_BASE_YEARS,
    INSURANCE_BASE,
    INSURANCE_EXTRA,
    INSURANCE_SHORT_YEARS,
    INSURANCE_SHORT,
    INSURANCE_SHORT_EXTRA,
    RESIGNATION_BASE,
    RESIGNATION_PER_YEAR,
    SHORT_EARLY_PER_MONTH,
)
# The parameters each formula kind needs (the loader refuses a regime missing one).
REQUIRED_PARAMETERS = {
    FORMULA_ND154: COMMON_PARAMETERS,
    FORMULA_ND178: COMMON_PARAMETERS
    + (
        MONTHLY_SPLIT_MONTHS,
        EARLY_MONTHLY,
        EARLY_MONTHLY_LATE,
        LONG_EARLY_MONTHS_MAX,
        LONG_MONTHLY,
        LONG_MONTHLY_LATE,
        LONG_MONTHLY_MONTHS,
        LONG_PER_YEAR_EARLY,
        RESIGNATION_MONTHLY,
        RESIGNATION_MONTHLY_LATE,
    ),
}


@dataclass(frozen=True)
class BenefitRegime:
    """A benefit regime as data: its code (the legal document's, e.g. "ND154-2025"), the formula
    kind, every number (``parameters``, keys of ``PARAMETERS``) and which of them were not
    confirmed from the legal text (``unverified``: shown as *(verify)*)."""

    code: str
    formula: str  # FORMULA_ND154 | FORMULA_ND178
    parameters: Mapping[str, Decimal]
    effective_from: dt.date
    effective_to: dt.date | None = None
    number: str = ""  # the legal document's number, e.g. "154/2025/NĐ-CP"
    title: str = ""
    amended_by: str = ""  # the amending document's number, e.g. "67/2025/NĐ-CP"
    verified: bool = True  # the regime as a whole (its legal document and dates)
    unverified: frozenset[str] = frozenset()  # parameter keys not confirmed
    note: str = ""

    def __post_init__(self) -> None:
        if self.formula not in REQUIRED_PARAMETERS:
            raise ValueError(f"unknown formula kind {self.formula!r}")
        missing = [k for k in REQUIRED_PARAMETERS[self.formula] if k not in self.parameters]
        if missing:
            raise ValueError(f"regime {self.code} lacks parameters: {', '.join(missing)}")

    def value(self, key: str) -> Decimal:
        return Decimal(self.parameters[key])

    def months(self, key: str) -> int:
        return int(self.parameters[key])

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    @property
    def item_order(self) -> tuple[str, ...]:
        return ITEM_ORDER[self.formula]


# --------------------------------------------------------------------------- the monthly salary


@dataclass(frozen=True)
class MonthlySalary:
    """S and its inputs. ``amount`` is None when a required input is missing: ``missing`` names
    the Staff fields (``salary_coefficient``), ``reason`` says it in Vietnamese. Optional inputs
    left empty count as 0."""

    amount: int | None
    base_salary: int
    coefficient: Decimal | None
    leadership_allowance: Decimal
    other_allowance: Decimal
    seniority_percent: Decimal
    allowance_percent: Decimal
    missing: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """Why there is no amount ("" when there is one)."""
        if not self.missing:
            return ""
        return _("Chưa tính được tiền lương tháng: thiếu %(fields)s") % {
            "fields": ", ".join(str(SALARY_FIELDS.get(f, f)) for f in self.missing)
        }

    def as_json(self) -> dict:
        """The inputs and S, as the frozen snapshot keeps them (decimals as strings)."""
        return {
            "coefficient": decimal_text(self.coefficient),
            "seniority_percent": decimal_text(self.seniority_percent),
            "leadership_allowance": decimal_text(self.leadership_allowance),
            "other_allowance": decimal_text(self.other_allowance),
            "allowance_percent": decimal_text(self.allowance_percent),
            "base_salary": self.base_salary,
            "monthly_salary": self.amount,
            "missing": list(self.missing),
        }


SALARY_FIELDS = {"salary_coefficient": gettext_lazy("hệ số lương")}


def monthly_salary(
    *,
    base_salary: int,
    coefficient: Decimal | None,
    leadership_allowance: Decimal | None = None,
    other_allowance: Decimal | None = None,
    seniority_percent: Decimal | None = None,
    allowance_percent: Decimal | None = None,
) -> MonthlySalary:
    """S = (coefficient × (1 + seniority %) + allowance coefficients) × base × (1 + allowance %),
    whole VND (half up); no amount without a coefficient."""
    lead, other = leadership_allowance or ZERO, other_allowance or ZERO
    seniority, percent = seniority_percent or ZERO, allowance_percent or ZERO
    if coefficient is None:
        return MonthlySalary(None, base_salary, None, lead, other, seniority, percent, ("salary_coefficient",))
    factor = coefficient * (ONE + seniority / HUNDRED) + lead + other
    amount = _vnd(factor * Decimal(base_salary) * (ONE + percent / HUNDRED))
    return MonthlySalary(amount, base_salary, coefficient, lead, other, seniority, percent)


# --------------------------------------------------------------------------- periods


def months_early(*, as_of: dt.date, retirement_date: dt.date) -> int:
    """Months from the month after ``as_of``'s up to and including the retirement month (the
    person leaves at the end of the as-of month); 0 when the retirement month is not later.
    As of 04/2025, retirement in 10/2027 → 30."""
    return max(0, (retirement_date.year * 12 + retirement_date.month) - (as_of.year * 12 + as_of.month))


def _odd_part(odd_months: Decimal, half_max: Decimal) -> Decimal:
    if odd_months <= 0:
        return ZERO
    return HALF if odd_months <= half_max else ONE


def counted_years(months: int, *, half_max: int | Decimal = 6) -> Decimal:
    """Whole years of ``months`` plus the odd months: 1 to ``half_max`` count as half a year,
    more as a whole year (29 → 2.5; 30 → 2.5; 31 → 3; 24 → 2)."""
    whole, odd = divmod(max(0, int(months)), MONTHS_PER_YEAR)
    return Decimal(whole) + _odd_part(Decimal(odd), Decimal(half_max))


def counted_insurance_years(years: Decimal, *, half_max: int | Decimal = 6) -> Decimal:
    """Insured years (recorded with a decimal, e.g. 22.4) counted by the odd-months rule: the
    fraction as months (0.4 year = 4.8 months → half a year; 0.9 → 10.8 months → a year)."""
    years = max(ZERO, Decimal(years))
    whole = years.to_integral_value(rounding=ROUND_FLOOR)
    return whole + _odd_part((years - whole) * MONTHS_PER_YEAR, Decimal(half_max))


# --------------------------------------------------------------------------- the estimate


@dataclass(frozen=True)
class BenefitItem:
    """One part of a benefit: ``amount`` = round(``factor`` × S); ``basis`` says how (Vietnamese,
    e.g. "2,5 năm × 5 × S")."""

    key: str  # a key of ITEMS
    factor: Decimal  # the number of monthly salaries
    amount: int
    basis: str

    @property
    def label(self) -> str:
        return str(ITEMS[self.key])

    def as_json(self) -> dict:
        return {"key": self.key, "factor": decimal_text(self.factor), "amount": self.amount, "basis": self.basis}


@dataclass(frozen=True)
class Benefit:
    """The estimated benefit of one person under a regime: the policy, its items (in the legal
    text's order, zero items left out) and the total, with the figures behind them."""

    regime: str  # the regime's code
    policy: str  # a key of POLICIES
    items: tuple[BenefitItem, ...]
    total: int
    monthly_salary: int
    months_early: int
    years_early: Decimal  # counted (odd months, capped) where the policy pays per year early, else 0
    insurance_years: Decimal  # as recorded
    insurance_years_counted: Decimal
    after_first_year: bool = False  # Decree 178: leaves after the first 12 months from the decision
    unverified: tuple[str, ...] = ()  # parameter keys used that are not confirmed

    @property
    def policy_label(self) -> str:
        return str(POLICIES[self.policy])

    def amounts(self) -> dict[str, int]:
        """``{item key: amount}``, the ``items`` of the command's JSON."""
        return {item.key: item.amount for item in self.items}

    def as_json(self) -> dict:
        """The command's ``benefit`` object: ``{"policy", "total", "items"}``."""
        return {"policy": self.policy, "total": self.total, "items": self.amounts()}

    def snapshot(self) -> dict:
        """Everything behind the amounts, for a frozen snapshot."""
        return {
            "regime": self.regime,
            "policy": self.policy,
            "total": self.total,
            "items": self.amounts(),
            "lines": [item.as_json() for item in self.items],
            "monthly_salary": self.monthly_salary,
            "months_early": self.months_early,
            "years_early": decimal_text(self.years_early),
            "insurance_years": decimal_text(self.insurance_years),
            "insurance_years_counted": decimal_text(self.insurance_years_counted),
            "after_first_year": self.after_first_year,
            "unverified": list(self.unverified),
        }


def policy_for(*, regime: BenefitRegime, months_early: int, insurance_years: Decimal) -> str:
    """The policy a person qualifies for (see the module's docstring)."""
    months = max(0, months_early)
    if Decimal(insurance_years) >= regime.value(MIN_INSURANCE_YEARS):
        if months < regime.months(EARLY_MONTHS_MIN):
            return EARLY_RETIREMENT_SHORT
        if months <= regime.months(EARLY_MONTHS_MAX):
            return EARLY_RETIREMENT
        if regime.formula == FORMULA_ND178 and months <= regime.months(LONG_EARLY_MONTHS_MAX):
            return EARLY_RETIREMENT_LONG
    return RESIGNATION


def insurance_factor(*, regime: BenefitRegime, counted_years: Decimal) -> Decimal:
    """The insurance allowance in monthly salaries: ``insurance_base`` for the first
    ``insurance_base_years`` + ``insurance_extra`` per further year; from ``insurance_short_years``
    to below the first years: ``insurance_short`` + ``insurance_short_extra`` per year above
    ``insurance_short_years``; 0 below that."""
    base_years = regime.value(INSURANCE_BASE_YEARS)
    short_years = regime.value(INSURANCE_SHORT_YEARS)
    if counted_years >= base_years:
        return regime.value(INSURANCE_BASE) + regime.value(INSURANCE_EXTRA) * (counted_years - base_years)
    if counted_years >= short_years:
        return regime.value(INSURANCE_SHORT) + regime.value(INSURANCE_SHORT_EXTRA) * (counted_years - short_years)
    return ZERO


def estimate(
    *,
    regime: BenefitRegime,
    monthly_salary: int,
    months_early: int,
    insurance_years: Decimal,
    after_first_year: bool = False,
) -> Benefit:
    """The benefit of one person: the policy (``policy_for``), each item and the total in VND.
    ``after_first_year`` (Decree 178): the person leaves after the first ``monthly_split_months``
    months from the decision (the lower monthly rates apply)."""
    months = max(0, months_early)
    insured = Decimal(insurance_years)
    half_max = regime.value(ODD_MONTHS_HALF_MAX)
    cap = regime.months(PERIOD_CAP_MONTHS)
    insured_counted = counted_insurance_years(insured, half_max=half_max)
    policy = policy_for(regime=regime, months_early=months, insurance_years=insured)
    nd178 = regime.formula == FORMULA_ND178
    used: list[str] = [MIN_INSURANCE_YEARS, EARLY_MONTHS_MIN, EARLY_MONTHS_MAX]
    parts: list[tuple[str, Decimal, str]] = []  # (item key, factor, basis)
    years_early = ZERO

    def rate(key: str, late_key: str) -> Decimal:
        used.extend((MONTHLY_SPLIT_MONTHS, key, late_key))
        return regime.value(late_key if after_first_year else key)

    def monthly(key: str, late_key: str, count: int) -> None:
        r = rate(key, late_key)
        parts.append((PER_MONTH_EARLY, r * count, _("%(months)s tháng × %(rate)s × S") % _fmt(months=count, rate=r)))

    def per_year(key: str, count_months: int) -> None:
        nonlocal years_early
        used.extend((key, ODD_MONTHS_HALF_MAX))
        years_early = counted_years(count_months, half_max=half_max)
        k = regime.value(key)
        parts.append((PER_YEAR_EARLY, k * years_early, _("%(years)s năm × %(k)s × S") % _fmt(years=years_early, k=k)))

    def insurance() -> None:
        used.extend((INSURANCE_BASE_YEARS, INSURANCE_BASE, INSURANCE_EXTRA, ODD_MONTHS_HALF_MAX))
        used.extend((INSURANCE_SHORT_YEARS, INSURANCE_SHORT, INSURANCE_SHORT_EXTRA))
        factor = insurance_factor(regime=regime, counted_years=insured_counted)
        parts.append((INSURANCE, factor, _insurance_basis(regime, insured_counted, factor)))

    if policy == EARLY_RETIREMENT:
        used.append(PERIOD_CAP_MONTHS)
        if nd178:
            monthly(EARLY_MONTHLY, EARLY_MONTHLY_LATE, min(months, cap))
        per_year(PER_YEAR_EARLY_FACTOR, min(months, cap))
        insurance()
    elif policy == EARLY_RETIREMENT_LONG:
        used.extend((LONG_EARLY_MONTHS_MAX, LONG_MONTHLY_MONTHS))
        monthly(LONG_MONTHLY, LONG_MONTHLY_LATE, regime.months(LONG_MONTHLY_MONTHS))
        per_year(LONG_PER_YEAR_EARLY, months)
        insurance()
    elif policy == EARLY_RETIREMENT_SHORT:
        used.append(SHORT_EARLY_PER_MONTH)
        r = regime.value(SHORT_EARLY_PER_MONTH)
        parts.append((PER_MONTH_EARLY, r * months, _("%(months)s tháng × %(rate)s × S") % _fmt(months=months, rate=r)))
    else:
        used.extend((RESIGNATION_BASE, RESIGNATION_PER_YEAR, ODD_MONTHS_HALF_MAX))
        base, per = regime.value(RESIGNATION_BASE), regime.value(RESIGNATION_PER_YEAR)
        lump = (LUMP_SUM, base, _("%(k)s × S") % _fmt(k=base))
        by_year = (
            PER_INSURED_YEAR,
            per * insured_counted,
            _("%(years)s năm đóng BHXH × %(k)s × S") % _fmt(years=insured_counted, k=per),
        )
        if nd178:
            used.append(PERIOD_CAP_MONTHS)
            monthly(RESIGNATION_MONTHLY, RESIGNATION_MONTHLY_LATE, min(months, cap))
            parts.extend((by_year, lump))
        else:
            parts.extend((lump, by_year))
    items = tuple(
        BenefitItem(key, factor, _vnd(factor * monthly_salary), basis) for key, factor, basis in parts if factor
    )
    return Benefit(
        regime=regime.code,
        policy=policy,
        items=items,
        total=sum(item.amount for item in items),
        monthly_salary=monthly_salary,
        months_early=months,
        years_early=years_early,
        insurance_years=insured,
        insurance_years_counted=insured_counted,
        after_first_year=after_first_year,
        unverified=tuple(k for k in dict.fromkeys(used) if k in regime.unverified),
    )


def _insurance_basis(regime: BenefitRegime, years: Decimal, factor: Decimal) -> str:
    base_years = regime.value(INSURANCE_BASE_YEARS)
    if years >= base_years:
        base, extra = regime.value(INSURANCE_BASE), regime.value(INSURANCE_EXTRA)
        more = years - base_years
    else:
        base, extra = regime.value(INSURANCE_SHORT), regime.value(INSURANCE_SHORT_EXTRA)
        more = years - regime.value(INSURANCE_SHORT_YEARS)
    if more and extra:
        return _("(%(base)s + %(extra)s × %(more)s) × S với %(years)s năm đóng BHXH") % _fmt(
            base=base, extra=extra, more=more, years=years
        )
    return _("%(k)s × S với %(years)s năm đóng BHXH") % _fmt(k=factor, years=years)


# --------------------------------------------------------------------------- helpers


def _vnd(value: Decimal) -> int:
    return int(Decimal(value).quantize(ONE, rounding=ROUND_HALF_UP))


def decimal_text(value: Decimal | None) -> str | None:
    """A decimal as a JSON string without trailing zeros ("4.65", "22", "2.5"); None stays None."""
    if value is None:
        return None
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        number = number.quantize(ONE)
    return str(number)


def number_text(value: Decimal | int) -> str:
    """A number as people read it in the active language: "2,5" in Vietnamese, no trailing zeros."""
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        number = number.quantize(ONE)
    return formats.number_format(number, use_l10n=True)


def _fmt(**values) -> dict[str, str]:
    return {k: number_text(v) for k, v in values.items()}
