"""A merge's inputs and rules as dataclasses (``staffing.reports.merges`` reads them from the
database), and the checks of the selection: at least two units, none inside another's subtree
(a merge inside a merge's subtree), open units, a parent outside the merged subtrees, a merge date
after every unit's start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from positions.rules import LEADERSHIP_GROUP


@dataclass(frozen=True)
class MergeRules:
    """The merge rules (docs/rules.md §7): data in the database (``staffing.models.MergeRuleSet``,
    loaded by ``staffing.rulesets.merge_rules``); ``MERGE_RULES`` holds the seeded values for the
    pure functions' defaults and tests."""

    resolution_years: int = 5  # the surplus is resolved within 5 years of the merge
    leader_allowance_months: int = 6  # a leader who loses the post keeps the allowance 6 months
    basis: str = "ND178-2024"  # the code of the rule set's legal document
    verified: bool = False  # confirmed against the legal text (else shown as "cần kiểm tra")


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
    quota_category: str  # what it counts against: CBCC, VC, VCTC, HD (staffing.models.QUOTA_CATEGORY_OF_STAFF)
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
class PersonCost:
    """What the benefit module estimates for one person leaving: the total (None when the salary
    data is missing, ``reason`` then says which) and the policy applied."""

    total: int | None
    policy: str = ""
    reason: str = ""


CONTRACT = "contract"  # the PersonCost policy of a contract worker: no streamlining benefit estimated

# (person, the day they leave, their normal retirement date) → their benefit
CostOf = Callable[[PersonIn, dt.date, dt.date], PersonCost]


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
