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

The package: ``selection`` (the inputs as dataclasses, the rules, the checks of the selection),
``catalogue`` (the combined catalogue and its mapping), ``figures`` (norms, surplus, roadmap,
people, costs: ``compute``), ``frozen`` (the JSON a saved scenario keeps, the fingerprint, what
the pages show of it). Callers use the names below: ``from staffing import merges``;
``merges.compute(...)``.
"""

from staffing.merges.catalogue import (
    NEEDED_MAX,
    OWN,
    NewPosition,
    check_catalogue,
    default_needed,
    position_key,
    propose_catalogue,
    remap,
    unique_code,
)
from staffing.merges.figures import (
    Bounds,
    CategoryLine,
    Figures,
    PersonLine,
    PositionLine,
    YearStep,
    check_norms,
    compute,
    current_quotas,
    default_norms,
    even_split,
    norm_bounds,
    retirement_years,
    roadmap,
    surplus,
    window,
)
from staffing.merges.frozen import (
    CompareRow,
    catalogue_from_json,
    catalogue_json,
    compare_rows,
    figures_json,
    fingerprint,
    present,
)
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
    check_selection,
    common_ancestor,
    leave_date,
)

__all__ = [
    "CONTRACT",
    "MERGE_RULES",
    "NEEDED_MAX",
    "OWN",
    "Bounds",
    "CategoryLine",
    "CompareRow",
    "CostOf",
    "Figures",
    "MergeRules",
    "NewPosition",
    "PersonCost",
    "PersonIn",
    "PersonLine",
    "PositionIn",
    "PositionLine",
    "Problem",
    "QuotaIn",
    "UnitIn",
    "YearStep",
    "catalogue_from_json",
    "catalogue_json",
    "check_catalogue",
    "check_norms",
    "check_selection",
    "compare_rows",
    "common_ancestor",
    "compute",
    "current_quotas",
    "default_needed",
    "default_norms",
    "even_split",
    "figures_json",
    "fingerprint",
    "leave_date",
    "norm_bounds",
    "position_key",
    "present",
    "propose_catalogue",
    "remap",
    "retirement_years",
    "roadmap",
    "surplus",
    "unique_code",
    "window",
]
