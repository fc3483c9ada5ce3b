"""Merging organisations (docs/rules.md §1 "Merges" and §7 "Surplus after a merge"), pure: the
units, positions, people and quotas of a merge scenario in, dataclasses out; no ORM, no request.

- **The combined catalogue**: the positions of the merged units side by side; positions that
  duplicate each other (the same framework position, or the same name once folded: case,
  diacritics and đ ignored) are proposed as one position of the new unit. The user may map any old
  position to another new position or to one of its own, and change the new positions' codes,
  names and the people each needs (by default the sum of the old ones', the largest of them for a
  leadership position: a merged division has one head).
- **The norm** (the quota the user proposes for the new unit, per quota category) may not exceed
  the predecessors' sum ("post-merge headcount may not exceed the pre-merge sum"): the current
  quota of each unit holding one, the working headcount of a unit holding none (a division covered
  by its department's quota). Where the units hold quotas, the new unit gets the norm as its quota,
  so it may not be below what the quota holders under them already hold (quotas nest).
- **The surplus** (dôi dư) = merged headcount − norm, never negative; per position, the people
  holding it − the people it needs.
- **The roadmap** brings the headcount to the norm within ``MergeRules.resolution_years`` years
  from the merge: each year the retirements the forecast expects count first (each person once, in
  the year they retire), then what the retirements of the whole window cannot cover is streamlined,
  split evenly over the years (the remainder in the earliest); the years add up to the surplus.
- **Who**: the people to streamline are taken, per category, among those who do not retire in the
  window and are not deferred, nearest retirement first, and leave in the roadmap's order (the
  first year's on the merge date, a later year's on 1 January); their estimated cost comes from
  the benefit module (``benefit`` argument: ``staffing.benefits`` with the regime in force).
  Leaders of a leadership position with a surplus keep their leadership allowance for
  ``MergeRules.leader_allowance_months`` months; deferred people (pregnancy, maternity,
  discipline) are marked and never picked.
- **Checks** (``check_selection``): at least two units, none inside another's subtree (a merge
  inside a merge's subtree), open units, a parent outside the merged subtrees, an effective date
  after every unit's start.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal

from portal.text import fold
from staffing import retirement

LEADERSHIP_GROUP = "LDQL"  # positions.rules.POSITION_GROUPS: lãnh đạo, quản lý
QUOTA_CATEGORY_OF_STAFF = {"CB": "CBCC", "CC": "CBCC", "VC": "VC", "VCTC": "VCTC", "HD": "HD"}
QUOTA_CATEGORIES = ("CBCC", "VC", "VCTC", "HD")
NEEDED_MAX = 100_000  # people a position may need (a typo guard)
OWN = "own"  # the mapping value "a position of its own in the new unit"


@dataclass(frozen=True)
class MergeRules:
    """The merge rules as data, each with its legal basis (docs/rules.md §7)."""

    resolution_years: int = 5  # the surplus is resolved within 5 years of the merge
    leader_allowance_months: int = 6  # a leader who loses the post keeps the allowance 6 months
    basis: str = "NQ76-2025/UBTVQH15, ND178-2024 (verify)"


MERGE_RULES = MergeRules()


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class UnitIn:
    code: str
    name: str
    path: str
    kind: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class PositionIn:
    """A position of one of the merged units (``unit`` is its code)."""

    id: int
    unit: str
    code: str
    name: str
    group: str
    headcount: int
    framework: str = ""  # the framework position's code, "" for a position of its own

    @property
    def leader(self) -> bool:
        return self.group == LEADERSHIP_GROUP


@dataclass(frozen=True)
class PersonIn:
    """A working person of a merged unit's subtree (``unit``: that merged unit's code; ``direct``:
    in the unit itself, so moved by the merge), with the position of their open primary
    assignment (``position``) and what the benefit module needs."""

    id: int
    employee_code: str
    full_name: str
    unit: str
    category: str  # staff category CB, CC, VC, VCTC, HD
    sex: str
    date_of_birth: dt.date
    birth_year_only: bool = False
    direct: bool = True
    position: int | None = None
    deferral: str = ""
    leadership_allowance: Decimal | None = None
    salary_coefficient: Decimal | None = None
    other_allowance: Decimal | None = None
    seniority_percent: Decimal | None = None
    allowance_percent: Decimal | None = None
    insurance_years: Decimal | None = None
    heavy_work: bool = False

    @property
    def quota_category(self) -> str:
        return QUOTA_CATEGORY_OF_STAFF.get(self.category, self.category)


@dataclass(frozen=True)
class QuotaIn:
    """A quota of a merged unit (``unit`` its code, ``below`` False) or of a quota holder inside
    a merged unit's subtree (``below`` True; ``path`` its own path)."""

    unit: str
    path: str
    category: str
    year: int
    assigned: int
    below: bool = False


@dataclass(frozen=True)
class Benefit:
    """What the benefit module estimates for one person leaving: the total (None when the salary
    data is missing, ``reason`` then says which) and the policy applied."""

    total: int | None
    policy: str = ""
    reason: str = ""


# (person, the day they leave, their normal retirement date) → their benefit
BenefitOf = Callable[[PersonIn, dt.date, dt.date], Benefit]


def leave_date(effective: dt.date, year: int) -> dt.date:
    """When someone streamlined in ``year`` of the roadmap is taken to leave: on the merge date in
    its first year, on 1 January of a later year."""
    return effective if year <= effective.year else dt.date(year, 1, 1)


# --------------------------------------------------------------------------- the selection


def common_ancestor(paths: Iterable[str]) -> str | None:
    """The deepest path every one of ``paths`` starts with ("/a/b/" for "/a/b/c/" and "/a/b/d/"),
    itself when there is one path; None when they have no common root."""
    split = [[p for p in path.split("/") if p] for path in paths]
    if not split:
        return None
    common: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return "/" + "/".join(common) + "/" if common else None


@dataclass(frozen=True)
class Problem:
    """A refused input: ``field`` names it (a form field, or "" for the whole), ``message`` says
    what is wrong and what is allowed (Vietnamese, from the caller's ``messages``)."""

    field: str
    message: str


def check_selection(
    *,
    units: Sequence[UnitIn],
    parent: UnitIn | None,
    effective: dt.date,
    messages: Mapping[str, str],
) -> list[Problem]:
    """What is wrong with merging ``units`` into a new unit under ``parent`` from ``effective``.
    ``messages`` (Vietnamese, with %(…)s placeholders) are the caller's: keys ``too_few``,
    ``nested``, ``closed``, ``parent_inside``, ``parent_closed``, ``too_early``."""
    problems: list[Problem] = []
    if len(units) < 2:
        problems.append(Problem("units", messages["too_few"] % {"count": len(units)}))
    ordered = sorted(units, key=lambda u: u.path)
    for outer in ordered:
        for inner in ordered:
            if inner is not outer and inner.path.startswith(outer.path):
                problems.append(Problem("units", messages["nested"] % {"inner": inner.name, "outer": outer.name}))
    for unit in units:
        if unit.valid_to is not None:
            problems.append(Problem("units", messages["closed"] % {"name": unit.name, "date": _dmy(unit.valid_to)}))
        if unit.valid_from is not None and effective <= unit.valid_from:
            problems.append(
                Problem(
                    "effective_date",
                    messages["too_early"] % {"name": unit.name, "date": _dmy(unit.valid_from)},
                )
            )
    if parent is not None:
        inside = next((u for u in units if parent.path.startswith(u.path)), None)
        if inside is not None:
            problems.append(
                Problem("new_parent", messages["parent_inside"] % {"parent": parent.name, "unit": inside.name})
            )
        if parent.valid_to is not None:
            problems.append(Problem("new_parent", messages["parent_closed"] % {"name": parent.name}))
    return problems


def _dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class NewPosition:
    """A position of the new unit: its code, name, group, the people it needs and the old
    positions (ids) mapped to it, the first of which is moved and keeps its descriptions."""

    key: str
    code: str
    name: str
    group: str
    needed: int
    sources: tuple[int, ...]
    match: str = ""  # why its sources were proposed together: "framework", "name" or ""

    @property
    def leader(self) -> bool:
        return self.group == LEADERSHIP_GROUP


def position_key(position_id: int) -> str:
    return f"p{position_id}"


def unique_code(code: str, used: set[str], max_length: int = 30) -> str:
    """``code``, or ``code-2``, ``code-3`` … (cut to ``max_length``) when ``used`` holds it (any case)."""
    taken = {c.casefold() for c in used}
    if code.casefold() not in taken:
        return code
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = code[: max_length - len(suffix)] + suffix
        if candidate.casefold() not in taken:
            return candidate
        n += 1


def default_needed(positions: Sequence[PositionIn]) -> int:
    """The people a merged position needs by default: the largest of the old numbers for a
    leadership position (one head of the merged unit), their sum otherwise."""
    if not positions:
        return 0
    if positions[0].leader:
        return max(p.headcount for p in positions)
    return sum(p.headcount for p in positions)


def propose_catalogue(positions: Sequence[PositionIn]) -> list[NewPosition]:
    """One new position per set of duplicates: positions joined when they share a framework
    position or a folded name (transitively), in the order given (the first of each set names
    it and keeps its code unless an earlier one took it)."""
    parent = list(range(len(positions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}
    for i, position in enumerate(positions):
        keys = [f"n:{fold(position.name)}"] + ([f"f:{position.framework}"] if position.framework else [])
        for key in keys:
            if key in first_of:
                parent[find(i)] = find(first_of[key])
            else:
                first_of[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(positions)):
        groups.setdefault(find(i), []).append(i)
    out: list[NewPosition] = []
    used: set[str] = set()
    for members in sorted(groups.values(), key=lambda m: m[0]):
        olds = [positions[i] for i in members]
        head = olds[0]
        frameworks = {p.framework for p in olds if p.framework}
        match = ""
        if len(olds) > 1:
            match = "framework" if len(frameworks) == 1 and all(p.framework for p in olds) else "name"
        code = unique_code(head.code, used)
        used.add(code)
        out.append(
            NewPosition(
                key=position_key(head.id),
                code=code,
                name=head.name,
                group=head.group,
                needed=default_needed(olds),
                sources=tuple(p.id for p in olds),
                match=match,
            )
        )
    return out


def remap(
    catalogue: Sequence[NewPosition],
    positions: Sequence[PositionIn],
    *,
    mapping: Mapping[int, str] | None = None,
    needed: Mapping[str, int] | None = None,
    codes: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[NewPosition]:
    """``catalogue`` after the user's choices: ``mapping`` old position id → a new position's key
    or ``OWN`` (a position of its own, keyed by its id); ``needed``, ``codes``, ``names`` by key.
    Positions not in the catalogue yet (added since) get a position of their own; positions that
    no longer exist are dropped, and so are new positions left without any old one."""
    mapping, needed, codes, names = mapping or {}, needed or {}, codes or {}, names or {}
    by_id = {p.id: p for p in positions}
    known = {n.key: n for n in catalogue}
    current = {source: n.key for n in catalogue for source in n.sources}
    members: dict[str, list[int]] = defaultdict(list)
    for position in positions:
        target = mapping.get(position.id, current.get(position.id, OWN))
        if target == OWN or (target not in known and target != position_key(position.id)):
            target = position_key(position.id)
        members[target].append(position.id)
    order = [n.key for n in catalogue] + [k for k in members if k not in known]
    out: list[NewPosition] = []
    used = {n.code for n in catalogue if n.key in members}
    for key in order:
        sources = tuple(members.get(key, ()))
        if not sources:
            continue
        template = known.get(key)
        if template is None:
            head = by_id[sources[0]]
            code = unique_code(head.code, used)
            used.add(code)
            olds = [by_id[s] for s in sources]
            template = NewPosition(key, code, head.name, head.group, default_needed(olds), sources)
        out.append(
            replace(
                template,
                sources=sources,
                code=codes.get(key, template.code),
                name=names.get(key, template.name),
                needed=needed.get(key, template.needed),
                match=template.match if len(sources) > 1 else "",
            )
        )
    return out


def check_catalogue(
    catalogue: Sequence[NewPosition], *, code_pattern: str, messages: Mapping[str, str]
) -> list[Problem]:
    """Codes present, of the positions' pattern, unique in the new unit (any case); names present;
    people needed 0…NEEDED_MAX. ``messages`` keys: ``code``, ``duplicate``, ``name``, ``needed``."""
    problems = []
    pattern = re.compile(code_pattern)
    seen: dict[str, NewPosition] = {}
    for n in catalogue:
        if not pattern.match(n.code or ""):
            problems.append(Problem(f"code-{n.key}", messages["code"] % {"code": n.code, "name": n.name}))
        other = seen.get(n.code.casefold())
        if other is not None:
            problems.append(
                Problem(f"code-{n.key}", messages["duplicate"] % {"code": n.code, "name": n.name, "other": other.name})
            )
        seen.setdefault(n.code.casefold(), n)
        if not n.name.strip():
            problems.append(Problem(f"name-{n.key}", messages["name"] % {"code": n.code}))
        if not 0 <= n.needed <= NEEDED_MAX:
            problems.append(
                Problem(f"needed-{n.key}", messages["needed"] % {"code": n.code, "value": n.needed, "max": NEEDED_MAX})
            )
    return problems


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
    *, units: Sequence[UnitIn], people: Sequence[PersonIn], quotas: Sequence[QuotaIn], year: int
) -> dict[str, Bounds]:
    """Per quota category with people or quotas: headcount, the ceiling and floor of the norm."""
    heads: Counter = Counter((p.unit, p.quota_category) for p in people)
    current = current_quotas(quotas, year)
    out: dict[str, Bounds] = {}
    for category in QUOTA_CATEGORIES:
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
    benefit: Benefit | None


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
    effective: dt.date,
    schedule: retirement.RetirementSchedule,
    base_salary: int | None,
    benefit: BenefitOf | None = None,
    benefit_code: str = "",
    rules: MergeRules = MERGE_RULES,
) -> Figures:
    """The figures of a scenario (the module's docstring says how each is found)."""
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

    bounds = norm_bounds(units=units, people=people, quotas=quotas, year=effective.year)
    picked_ids: set[int] = set()
    benefits: dict[int, Benefit] = {}
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
            found = Benefit(None)
            if benefit is not None:
                found = benefit(p, leave_date(effective, year), retiring[p.id][0])
            benefits[p.id] = found
            if found.total is None:
                missing += 1
            else:
                cost += found.total
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


# --------------------------------------------------------------------------- frozen JSON


def figures_json(f: Figures) -> dict:
    """The figures as the JSON a saved scenario freezes (dates ISO, money integer VND)."""
    return {
        "effective": f.effective.isoformat(),
        "years": f.years,
        "rules": asdict(f.rules),
        "base_salary": f.base_salary,
        "retirement_rule_set": f.retirement_code,
        "benefit_rule_set": f.benefit_code,
        "totals": {
            "headcount": sum(c.bounds.headcount for c in f.categories),
            "norm": sum(c.norm for c in f.categories),
            "surplus": f.surplus,
            "position_surplus": f.position_surplus,
            "by_retirement": sum(c.by_retirement for c in f.categories),
            "to_streamline": sum(c.to_streamline for c in f.categories),
            "unresolved": sum(c.unresolved for c in f.categories),
            "streamlining_cost": sum(c.cost for c in f.categories),
            "cost_missing": sum(c.cost_missing for c in f.categories),
            "leaders_losing_post": f.leaders_losing_post,
            "allowance_cost": f.allowance_cost,
            "cost": f.cost,
        },
        "roadmap": {str(y): _year_total(f, y) for y in f.years},
        "categories": [
            {
                "category": c.bounds.category,
                "headcount": c.bounds.headcount,
                "holds_quota": c.bounds.holds_quota,
                "quota_year": c.bounds.quota_year,
                "ceiling": c.bounds.ceiling,
                "floor": c.bounds.floor,
                "by_unit": c.bounds.by_unit,
                "norm": c.norm,
                "surplus": c.surplus,
                "retiring": c.retiring,
                "by_retirement": c.by_retirement,
                "to_streamline": c.to_streamline,
                "picked": c.picked,
                "unresolved": c.unresolved,
                "cost": c.cost,
                "cost_missing": c.cost_missing,
                "roadmap": [asdict(s) for s in c.steps],
            }
            for c in f.categories
        ],
        "positions": [
            {
                "key": line.new.key,
                "code": line.new.code,
                "name": line.new.name,
                "group": line.new.group,
                "leader": line.new.leader,
                "needed": line.new.needed,
                "match": line.new.match,
                "holders": line.holders,
                "surplus": line.surplus,
                "vacancy": line.vacancy,
                "olds": line.olds,
            }
            for line in f.positions
        ],
        "people": [
            {
                "id": p.person.id,
                "employee_code": p.person.employee_code,
                "full_name": p.person.full_name,
                "unit": p.person.unit,
                "unit_name": p.unit_name,
                "category": p.person.category,
                "position": p.position,
                "new_position": p.new_position,
                "retirement_date": p.retirement_date.isoformat(),
                "retires_in": p.retires_in,
                "deferral": p.person.deferral,
                "leader_losing_post": p.leader_losing_post,
                "picked": p.picked,
                "benefit": None
                if p.benefit is None
                else {"total": p.benefit.total, "policy": p.benefit.policy, "reason": p.benefit.reason},
            }
            for p in f.people
        ],
    }


def _year_total(f: Figures, year: int) -> dict:
    steps = [s for c in f.categories for s in c.steps if s.year == year]
    return {
        "by_retirement": sum(s.by_retirement for s in steps),
        "by_streamlining": sum(s.by_streamlining for s in steps),
        "surplus_left": sum(s.surplus_left for s in steps),
    }


def catalogue_json(catalogue: Sequence[NewPosition]) -> list[dict]:
    return [asdict(n) | {"sources": list(n.sources)} for n in catalogue]


def catalogue_from_json(rows: Iterable[Mapping]) -> list[NewPosition]:
    return [
        NewPosition(
            key=str(r["key"]),
            code=str(r["code"]),
            name=str(r["name"]),
            group=str(r.get("group", "")),
            needed=int(r["needed"]),
            sources=tuple(int(s) for s in r["sources"]),
            match=str(r.get("match", "")),
        )
        for r in rows
    ]


def fingerprint(
    *,
    units: Sequence[UnitIn],
    positions: Sequence[PositionIn],
    people: Sequence[PersonIn],
    quotas: Sequence[QuotaIn],
) -> str:
    """A SHA-256 of the live data a scenario's figures use (units, positions, people, quotas), in a
    canonical order: a saved scenario whose fingerprint differs from today's is out of date."""
    payload = {
        "units": sorted(_plain(asdict(u)) for u in units),
        "positions": sorted(_plain(asdict(p)) for p in positions),
        "people": sorted(_plain(asdict(p)) for p in people),
        "quotas": sorted(_plain(asdict(q)) for q in quotas),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _plain(row: dict) -> str:
    return json.dumps(row, sort_keys=True, default=str, ensure_ascii=False)
