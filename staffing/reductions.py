"""Headcount-reduction targets (docs/rules.md, "Headcount-reduction targets"), pure: rule sets and
quotas in, dataclasses out; no ORM, no request.

A target is a percentage cut of the quota *assigned* in the rule set's base year, per organisation
and quota category, over the rule set's period; "at least x %" rounds the number of people **up**:
``target = ⌈base × percent / 100⌉``. The roadmap splits the target over the period's years as
evenly as integers allow, the remainder going to the earliest years, so the years add up to the
target. Progress: ``current`` is the quota of the latest year ≤ the as-of year (the base when none
is newer); ``achieved = max(0, base − current)`` and ``remaining = max(0, target − achieved)``.

Quotas nest (a unit's quota covers its subtree), so totals add up only the *top* rows: those whose
organisation has no ancestor inside the report with a row of the same category.

A merged unit (one with ``predecessor_codes``) without a base-year quota of its own for a category
takes as its base the sum of its predecessors' base-year quotas of that category (docs/rules.md §7,
"a merged organisation's base is the sum of its predecessors'"); its row says so
(``base_from_predecessors``, ``base_sources``). The predecessors themselves (closed units, often
outside the report) need no ``Unit``: only their quotas are read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from staffing.quotas import nearest_holder

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TargetRule:
    """The percentage of one quota category. ``org_kinds`` (organisation kind codes) and the
    number of predecessor units (``predecessors_min``..``predecessors_max``, inclusive; 0 = not
    formed by a merge) narrow it where the rule set distinguishes them (Guidance 10989/BNV:
    provinces not merged −5 %, formed from 2 −15 %, from 3 −20 %)."""

    category: str
    percent: Decimal
    org_kinds: frozenset[str] = frozenset()
    predecessors_min: int | None = None
    predecessors_max: int | None = None

    def matches(self, category: str, org_kind: str | None, predecessors: int) -> bool:
        return (
            self.category == category
            and (not self.org_kinds or org_kind in self.org_kinds)
            and (self.predecessors_min is None or predecessors >= self.predecessors_min)
            and (self.predecessors_max is None or predecessors <= self.predecessors_max)
        )

    @property
    def specificity(self) -> int:
        return bool(self.org_kinds) + (self.predecessors_min is not None or self.predecessors_max is not None)


@dataclass(frozen=True)
class ReductionRuleSet:
    code: str  # the legal document's stable code, e.g. "KL40-2022"
    period_from: int
    period_to: int
    base_year: int
    rules: tuple[TargetRule, ...]
    binding: bool = True  # False for guidance that is not (yet) a binding decision

    @property
    def years(self) -> range:
        return range(self.period_from, self.period_to + 1)

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(rule.category for rule in self.rules))

    def covers(self, day: dt.date) -> bool:
        return self.period_from <= day.year <= self.period_to

    def percent_for(self, category: str, org_kind: str | None = None, predecessors: int = 0) -> Decimal | None:
        """The most specific rule that applies (kind and merge status before the general one)."""
        found = [rule for rule in self.rules if rule.matches(category, org_kind, predecessors)]
        if not found:
            return None
        return max(found, key=lambda rule: rule.specificity).percent


def target_of(base: int, percent: Decimal) -> int:
    """⌈base × percent / 100⌉ ("at least x %" of people, rounded up); 0 for no base."""
    if base <= 0 or percent <= 0:
        return 0
    return int((Decimal(base) * percent / HUNDRED).to_integral_value(rounding=ROUND_CEILING))


def roadmap(target: int, years: Iterable[int]) -> dict[int, int]:
    """``target`` split over ``years`` as evenly as integers allow, the remainder in the earliest
    years: 6 over 2022–2026 → 2, 1, 1, 1, 1."""
    years = sorted(years)
    if not years:
        return {}
    share, extra = divmod(max(target, 0), len(years))
    return {year: share + (1 if i < extra else 0) for i, year in enumerate(years)}


@dataclass(frozen=True)
class Unit:
    """An organisation of the report: code, parent code, materialised path, kind and the number
    of units it was formed from (0: not formed by a merge), with their codes when known
    (``predecessor_codes``: the base of a category it holds no base-year quota of)."""

    code: str
    parent: str | None
    path: str
    kind: str | None = None
    predecessors: int = 0
    predecessor_codes: tuple[str, ...] = ()


@dataclass
class ReductionRow:
    organization: str
    parent: str | None
    path: str
    category: str
    base_assigned: int
    percent: Decimal
    target: int
    roadmap: dict[int, int]
    current_assigned: int
    current_year: int
    achieved: int
    remaining: int
    expected: int  # the roadmap's cumulative target up to and including the as-of year
    top: bool = True  # no ancestor in the report has a row of the same category
    base_from_predecessors: bool = False  # the base is the sum of the predecessors' base-year quotas
    base_sources: tuple[str, ...] = ()  # those predecessors' codes

    @property
    def behind(self) -> bool:
        return self.achieved < self.expected

    @property
    def shortfall(self) -> int:
        return max(0, self.expected - self.achieved)


@dataclass
class Totals:
    base_assigned: int = 0
    target: int = 0
    current_assigned: int = 0
    achieved: int = 0
    remaining: int = 0
    roadmap: dict[int, int] = field(default_factory=dict)

    def add(self, row: ReductionRow) -> None:
        self.base_assigned += row.base_assigned
        self.target += row.target
        self.current_assigned += row.current_assigned
        self.achieved += row.achieved
        self.remaining += row.remaining
        for year, n in row.roadmap.items():
            self.roadmap[year] = self.roadmap.get(year, 0) + n


def reduction_rows(
    rule_set: ReductionRuleSet,
    units: Mapping[str, Unit],
    quotas: Mapping[tuple[str, str], Mapping[int, int]],
    as_of: dt.date,
) -> list[ReductionRow]:
    """One row per organisation and covered category that has a base-year quota (its own, or for a
    merged unit without one, its predecessors': their sum), ordered by organisation code then
    category. ``quotas[(org code, category)]`` maps year → assigned; it may hold the predecessors'."""
    base_year = rule_set.base_year
    keys = {key for key in quotas if key[0] in units}
    for unit in units.values():
        for code in unit.predecessor_codes:
            keys.update((unit.code, category) for category in rule_set.categories if (code, category) in quotas)
    rows = []
    for code, category in keys:
        unit = units[code]
        by_year = quotas.get((code, category), {})
        sources: tuple[str, ...] = ()
        if base_year in by_year:
            base = by_year[base_year]
        else:
            sources = tuple(p for p in unit.predecessor_codes if base_year in quotas.get((p, category), {}))
            if not sources:
                continue
            base = sum(quotas[(p, category)][base_year] for p in sources)
        percent = rule_set.percent_for(category, unit.kind, unit.predecessors)
        if percent is None:
            continue
        newer = [y for y in by_year if base_year < y <= as_of.year]
        current_year = max(newer, default=base_year)
        current = by_year.get(current_year, base)
        target = target_of(base, percent)
        plan = roadmap(target, rule_set.years)
        achieved = max(0, base - current)
        rows.append(
            ReductionRow(
                organization=code,
                parent=unit.parent,
                path=unit.path,
                category=category,
                base_assigned=base,
                percent=percent,
                target=target,
                roadmap=plan,
                current_assigned=current,
                current_year=current_year,
                achieved=achieved,
                remaining=max(0, target - achieved),
                expected=sum(n for year, n in plan.items() if year <= as_of.year),
                base_from_predecessors=bool(sources),
                base_sources=sources,
            )
        )
    rows.sort(key=lambda r: (r.organization, rule_set.categories.index(r.category)))
    mark_top_rows(rows)
    return rows


def mark_top_rows(rows: list[ReductionRow]) -> None:
    """``row.top`` is False where an ancestor in ``rows`` has a row of the same category."""
    paths: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        paths[row.category].add(row.path)
    for row in rows:
        row.top = nearest_holder(row.path, paths[row.category]) is None


def totals(rows: Iterable[ReductionRow], categories: Iterable[str]) -> dict[str, Totals]:
    """Per category, the sum of the top rows (every covered category present, zeros if none)."""
    out = {category: Totals() for category in categories}
    for row in rows:
        if row.top:
            out.setdefault(row.category, Totals()).add(row)
    return out
