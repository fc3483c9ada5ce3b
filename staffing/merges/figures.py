"""The figures of a merge scenario: the norm's bounds per quota category, the surplus, the
roadmap, who is affected and what it costs (``compute``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from staffing import retirement
from staffing.merges.catalogue import NewPosition
from staffing.merges.selection import (
    CONTRACT,
    MERGE_RULES,
    CostOf,
    MergeRules,
    PersonCost,
    PersonIn,
    PositionIn,
    Problem,
    QuotaIn,
    UnitIn,
    leave_date,
)

# --------------------------------------------------------------------------- quotas and norms


@dataclass(frozen=True)
class Bounds:
    """What the norm of a category may be: at most ``ceiling`` (the predecessors' sum), at least
    ``floor`` (what the quota holders below the units hold, when the new unit gets a quota)."""

    category: str
    headcount: int
    holds_quota: bool  # some merged unit holds a quota of the category: the new unit gets one
    ceiling: int
    floor: int
    quota_year: int | None  # the year of the current quotas summed
    by_unit: dict[str, dict] = field(default_factory=dict)  # code → {"headcount", "quota"}


def current_quotas(quotas: Iterable[QuotaIn], year: int) -> dict[tuple[str, str, bool], QuotaIn]:
    """Per (unit or path, category, below): the quota of the latest year ≤ ``year``."""
    best: dict[tuple[str, str, bool], QuotaIn] = {}
    for q in quotas:
        if q.year > year:
            continue
        key = (q.path if q.below else q.unit, q.category, q.below)
        if key not in best or q.year > best[key].year:
            best[key] = q
    return best


def norm_bounds(
    *,
    units: Sequence[UnitIn],
    people: Sequence[PersonIn],
    quotas: Sequence[QuotaIn],
    year: int,
    categories: Sequence[str],
) -> dict[str, Bounds]:
    """Per quota category (in the order of ``categories``) with people or quotas: the headcount,
    the ceiling and the floor of the norm."""
    heads: Counter = Counter((p.unit, p.quota_category) for p in people)
    current = current_quotas(quotas, year)
    out: dict[str, Bounds] = {}
    for category in categories:
        own = {u.code: current.get((u.code, category, False)) for u in units}
        headcount = sum(heads[(u.code, category)] for u in units)
        holds = any(q is not None for q in own.values())
        if not headcount and not holds:
            continue
        ceiling = sum(own[u.code].assigned if own[u.code] else heads[(u.code, category)] for u in units)
        below_paths = {path for (path, cat, below) in current if below and cat == category}
        floor = 0
        if holds:
            # the nearest holders below a unit: no other holder below it between them and the unit
            for path in below_paths:
                if not any(other != path and path.startswith(other) for other in below_paths):
                    floor += current[(path, category, True)].assigned
        years = [q.year for q in own.values() if q is not None]
        out[category] = Bounds(
            category=category,
            headcount=headcount,
            holds_quota=holds,
            ceiling=ceiling,
            floor=floor,
            quota_year=max(years) if years else None,
            by_unit={
                u.code: {"headcount": heads[(u.code, category)], "quota": own[u.code].assigned if own[u.code] else None}
                for u in units
            },
        )
    return out


def check_norms(
    norms: Mapping[str, int], bounds: Mapping[str, Bounds], *, messages: Mapping[str, str]
) -> list[Problem]:
    """Each norm a whole number from the floor to the ceiling of its category. ``messages`` keys:
    ``above`` (the rule: not above the predecessors' sum), ``below``, ``negative``."""
    problems = []
    for category, norm in norms.items():
        b = bounds.get(category)
        if b is None:
            continue
        values = {"category": category, "norm": norm, "ceiling": b.ceiling, "floor": b.floor}
        if norm < 0:
            problems.append(Problem(f"norm-{category}", messages["negative"] % values))
        elif norm > b.ceiling:
            problems.append(Problem(f"norm-{category}", messages["above"] % values))
        elif b.holds_quota and norm < b.floor:
            problems.append(Problem(f"norm-{category}", messages["below"] % values))
    return problems


def default_norms(bounds: Mapping[str, Bounds]) -> dict[str, int]:
    """The predecessors' sum: the highest norm the rule allows."""
    return {category: b.ceiling for category, b in bounds.items()}


# --------------------------------------------------------------------------- surplus and roadmap


def surplus(headcount: int, norm: int) -> int:
    """Merged headcount − norm, never negative."""
    return max(0, headcount - norm)


def window(effective: dt.date, rules: MergeRules = MERGE_RULES) -> list[int]:
    """The roadmap's years: the year of the merge and the ones after it, ``resolution_years`` in all."""
    return [effective.year + i for i in range(rules.resolution_years)]


def even_split(total: int, years: Sequence[int]) -> dict[int, int]:
    """``total`` over ``years`` as evenly as integers allow, the remainder in the earliest years."""
    if not years:
        return {}
    share, extra = divmod(max(total, 0), len(years))
    return {year: share + (1 if i < extra else 0) for i, year in enumerate(sorted(years))}


@dataclass(frozen=True)
class YearStep:
    year: int
    start: int  # headcount at the start of the year (after the previous years' reductions)
    retirements: int  # the retirements the forecast expects that year
    by_retirement: int  # of which count against the surplus
    by_streamlining: int
    end: int
    surplus_left: int


def roadmap(*, headcount: int, norm: int, retirements: Mapping[int, int], years: Sequence[int]) -> list[YearStep]:
    """The years that bring ``headcount`` to ``norm``: each year its retirements first (up to what
    is left of the surplus), then its share of what the whole window's retirements cannot cover,
    streamlined (``even_split``). The reductions of all years add up to the surplus; retirements
    beyond the surplus are posts that may be filled again, not counted."""
    left = surplus(headcount, norm)
    streamline = even_split(max(0, left - sum(retirements.get(y, 0) for y in years)), years)
    steps, current = [], headcount
    for year in years:
        expected = retirements.get(year, 0)
        by_retirement = min(expected, left)
        left -= by_retirement
        by_streamlining = min(streamline.get(year, 0), left)
        left -= by_streamlining
        start, current = current, current - by_retirement - by_streamlining
        steps.append(YearStep(year, start, expected, by_retirement, by_streamlining, current, left))
    return steps


def retirement_years(
    people: Iterable[PersonIn], schedule: retirement.RetirementSchedule, *, effective: dt.date, years: Sequence[int]
) -> dict[int, tuple[dt.date, int | None]]:
    """Per person id: the retirement date and the window year it falls in (None after the
    window). Someone already past the date retires in the first year: each person counts once."""
    last = dt.date(years[-1], 12, 31) if years else effective
    out = {}
    for p in people:
        when = retirement.retirement_date(schedule, p.sex, p.date_of_birth, year_only=p.birth_year_only)
        year = None
        if when < effective:
            year = years[0] if years else None
        elif when <= last:
            year = when.year
        out[p.id] = (when, year)
    return out


# --------------------------------------------------------------------------- the figures


@dataclass
class PositionLine:
    new: NewPosition
    olds: list[dict]  # {"id", "unit", "unit_name", "code", "name", "headcount", "holders"}
    holders: int
    surplus: int
    vacancy: int


@dataclass
class CategoryLine:
    bounds: Bounds
    norm: int
    surplus: int
    steps: list[YearStep]
    retiring: int  # retirements in the window, all of them
    to_streamline: int
    picked: int  # people found to streamline (fewer when the others are deferred or retiring)
    cost: int  # the picked people's benefits, those with salary data
    cost_missing: int  # picked people without the data their benefit needs
    costed: bool = True  # False: contract workers, no streamlining benefit (``compute``'s uncosted)

    @property
    def unresolved(self) -> int:
        return max(0, self.to_streamline - self.picked)

    @property
    def by_retirement(self) -> int:
        """The retirements that count against the surplus (at most the surplus)."""
        return sum(s.by_retirement for s in self.steps)


@dataclass
class PersonLine:
    person: PersonIn
    unit_name: str
    position: str  # the old position "code name", "" without a primary position here
    new_position: str  # the new position's code
    retirement_date: dt.date
    retires_in: int | None
    leader_losing_post: bool
    picked: bool
    benefit: PersonCost | None


@dataclass
class Figures:
    effective: dt.date
    years: list[int]
    rules: MergeRules
    positions: list[PositionLine]
    categories: list[CategoryLine]
    people: list[PersonLine]
    leaders_losing_post: int
    allowance_cost: int | None  # leadership allowances kept, all of them, for the months of the rule
    base_salary: int | None
    retirement_code: str
    benefit_code: str = ""

    @property
    def surplus(self) -> int:
        return sum(c.surplus for c in self.categories)

    @property
    def position_surplus(self) -> int:
        return sum(p.surplus for p in self.positions)

    @property
    def cost(self) -> int:
        return sum(c.cost for c in self.categories) + (self.allowance_cost or 0)


def compute(
    *,
    units: Sequence[UnitIn],
    positions: Sequence[PositionIn],
    people: Sequence[PersonIn],
    quotas: Sequence[QuotaIn],
    catalogue: Sequence[NewPosition],
    norms: Mapping[str, int],
    categories: Sequence[str],
    effective: dt.date,
    schedule: retirement.RetirementSchedule,
    base_salary: int | None,
    benefit: CostOf | None = None,
    benefit_code: str = "",
    uncosted: frozenset[str] = frozenset(),
    rules: MergeRules = MERGE_RULES,
) -> Figures:
    """The figures of a scenario (the module's docstring says how each is found). The people of
    the quota categories in ``uncosted`` (contract workers: outside the quota, their contracts end
    under labour law) count in the roadmap but get no benefit estimate (policy ``CONTRACT``)."""
    years = window(effective, rules)
    names = {u.code: u.name for u in units}
    by_id = {p.id: p for p in positions}
    new_of = {s: n for n in catalogue for s in n.sources}
    holders_of: Counter = Counter(p.position for p in people if p.position in by_id)
    lines = []
    for n in catalogue:
        holders = sum(holders_of[s] for s in n.sources)
        olds = [
            {
                "id": s,
                "unit": by_id[s].unit,
                "unit_name": names.get(by_id[s].unit, by_id[s].unit),
                "code": by_id[s].code,
                "name": by_id[s].name,
                "headcount": by_id[s].headcount,
                "holders": holders_of[s],
            }
            for s in n.sources
            if s in by_id
        ]
        lines.append(PositionLine(n, olds, holders, max(0, holders - n.needed), max(0, n.needed - holders)))

    retiring = retirement_years(people, schedule, effective=effective, years=years)
    losing: set[int] = set()
    leaders_losing = 0
    allowances: list[Decimal] = []
    for line in lines:
        if line.new.leader and line.surplus:
            held = [p for p in people if p.position in line.new.sources]
            losing.update(p.id for p in held)
            leaders_losing += line.surplus
            known = [p.leadership_allowance for p in held if p.leadership_allowance]
            average = sum(known, Decimal(0)) / len(known) if known else Decimal(0)
            allowances.append(average * line.surplus)
    allowance_cost = None
    if base_salary is not None:
        allowance_cost = int(sum(allowances, Decimal(0)) * base_salary * rules.leader_allowance_months)

    bounds = norm_bounds(units=units, people=people, quotas=quotas, year=effective.year, categories=categories)
    picked_ids: set[int] = set()
    benefits: dict[int, PersonCost] = {}
    categories = []
    for category, b in bounds.items():
        norm = norms.get(category, b.ceiling)
        members = [p for p in people if p.quota_category == category]
        per_year = Counter(retiring[p.id][1] for p in members if retiring[p.id][1] is not None)
        steps = roadmap(headcount=b.headcount, norm=norm, retirements=per_year, years=years)
        to_streamline = sum(s.by_streamlining for s in steps)
        pool = sorted(
            (p for p in members if retiring[p.id][1] is None and not p.deferral),
            key=lambda p: (retiring[p.id][0], p.employee_code),
        )
        chosen = pool[:to_streamline]
        leaving = [s.year for s in steps for _ in range(s.by_streamlining)]  # the picks in roadmap order
        cost = missing = 0
        for p, year in zip(chosen, leaving, strict=False):
            picked_ids.add(p.id)
            found = PersonCost(None)
            if category in uncosted:
                found = PersonCost(None, CONTRACT)
            elif benefit is not None:
                found = benefit(p, leave_date(effective, year), retiring[p.id][0])
            benefits[p.id] = found
            if found.total is not None:
                cost += found.total
            elif found.policy != CONTRACT:
                missing += 1
        categories.append(
            CategoryLine(
                bounds=b,
                norm=norm,
                surplus=surplus(b.headcount, norm),
                steps=steps,
                retiring=sum(per_year.values()),
                to_streamline=to_streamline,
                picked=len(chosen),
                cost=cost,
                cost_missing=missing,
                costed=category not in uncosted,
            )
        )

    surplus_positions = {s for line in lines if line.surplus for s in line.new.sources}
    shown = []
    for p in sorted(people, key=lambda p: (p.unit, p.employee_code)):
        when, year = retiring[p.id]
        affected = p.id in picked_ids or p.id in losing or p.deferral or year is not None
        if not affected and p.position not in surplus_positions:
            continue
        old = by_id.get(p.position) if p.position is not None else None
        shown.append(
            PersonLine(
                person=p,
                unit_name=names.get(p.unit, p.unit),
                position=f"{old.code} {old.name}" if old else "",
                new_position=new_of[p.position].code if p.position in new_of else "",
                retirement_date=when,
                retires_in=year,
                leader_losing_post=p.id in losing,
                picked=p.id in picked_ids,
                benefit=benefits.get(p.id),
            )
        )
    return Figures(
        effective=effective,
        years=years,
        rules=rules,
        positions=lines,
        categories=categories,
        people=shown,
        leaders_losing_post=leaders_losing,
        allowance_cost=allowance_cost,
        base_salary=base_salary,
        retirement_code=schedule.legal_code,
        benefit_code=benefit_code,
    )
