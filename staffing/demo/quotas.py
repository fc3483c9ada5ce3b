"""Demo quotas (biên chế được giao): 2015 (the base of Resolution 39), 2021 (the base of
Conclusion 40) and every year 2022–2026, for the province, its departments, public service units
and communes, and for the ministry and its units.

A quota covers the holder's whole subtree: a holder's number is what its own people need
(divisions inside a department have no quota of their own) plus its child holders' quotas plus a
small reserve, so children always add up to at most their parent. Numbers shrink year by year by
the factors below (≥ 10 % from 2015 to 2021; from 2021 to 2026 ≥ 5 % for CBCC and ≥ 10 % for
budget-paid viên chức, about 1 %/year otherwise), and the 2026 quota covers the current headcount
for most holders (a few are over on purpose). Pure: ``database.upsert_quotas`` writes them.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from datetime import date

from staffing.demo.constants import DEMO_MINISTRY_CODE, DEMO_PROVINCE_CODE, DEMO_QUOTA_YEARS
from staffing.demo.specs import OrgSpec, QuotaSpec, StaffSpec
from staffing.models import QUOTA_CATEGORY_OF_STAFF

# A year's quota relative to 2026's, per quota category.
FACTORS = {
    "CBCC": {2015: 1.18, 2021: 1.053, 2022: 1.04, 2023: 1.03, 2024: 1.02, 2025: 1.01, 2026: 1.0},
    "VC": {2015: 1.245, 2021: 1.112, 2022: 1.09, 2023: 1.067, 2024: 1.045, 2025: 1.022, 2026: 1.0},
    "VCTC": {2015: 1.11, 2021: 1.05, 2022: 1.04, 2023: 1.03, 2024: 1.02, 2025: 1.01, 2026: 1.0},
    "HD": {2015: 1.11, 2021: 1.05, 2022: 1.04, 2023: 1.03, 2024: 1.02, 2025: 1.01, 2026: 1.0},
}
ISSUER_PROVINCE = "UBND tỉnh Quảng Ninh"
ISSUER_MINISTRY = "Bộ Nội vụ"


def _is_holder(org: OrgSpec) -> bool:
    """Units that receive a quota: the province and the ministry, departments, public service
    units, communes, and the ministry's departments (vụ, cục); a department's divisions do not."""
    if org.kind in ("TINH", "BO", "SO", "SNCL", "XA"):
        return True
    return org.kind == "PHONG" and org.parent_code == DEMO_MINISTRY_CODE


def _nearest_holder(code: str | None, holders: set[str], by_code: dict[str, OrgSpec]) -> str | None:
    while code is not None and code not in holders:
        code = by_code[code].parent_code
    return code


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def build_quota_specs(orgs: list[OrgSpec], people: list[StaffSpec], *, seed: int) -> list[QuotaSpec]:
    by_code = {o.code: o for o in orgs}
    holders = {o.code for o in orgs if _is_holder(o)}
    own: dict[str, Counter] = defaultdict(Counter)  # holder -> quota category -> people working
    for p in people:
        if p.status == "DLV":
            own[_nearest_holder(p.org_code, holders, by_code)][QUOTA_CATEGORY_OF_STAFF[p.category]] += 1
    children: dict[str, list[str]] = defaultdict(list)
    for code in holders:
        parent = _nearest_holder(by_code[code].parent_code, holders, by_code)
        if parent is not None:
            children[parent].append(code)

    rng = random.Random(f"{seed}-quotas")
    decisions = {}
    for year in DEMO_QUOTA_YEARS:
        for key, suffix, month in (("province", "UBND", 12), ("central", "BNV", 11), ("ministry", "BNV", 12)):
            number = rng.randint(2100, 4300) if suffix == "UBND" else rng.randint(300, 1500)
            decisions[(key, year)] = (f"{number}/QĐ-{suffix}", date(year - 1, month, rng.randint(10, 28)))

    quotas: dict[str, dict[str, dict[int, int]]] = {}
    specs: list[QuotaSpec] = []
    for org in reversed(orgs):  # children before parents
        if org.code not in holders:
            continue
        local = random.Random(f"{seed}-quota-{org.code}")
        mine: dict[str, dict[int, int]] = {}
        for category in FACTORS:
            kids = [quotas[k][category] for k in sorted(children[org.code]) if category in quotas[k]]
            count = own[org.code][category]
            if not count and not kids:
                continue
            # Most holders have a little room; about one in eight is over its quota.
            slack = local.uniform(0.90, 0.98) if local.random() < 0.12 else local.uniform(1.0, 1.08)
            reserve = local.uniform(0.01, 0.04)
            mine[category] = {}
            for year in DEMO_QUOTA_YEARS:
                below = sum(k[year] for k in kids)
                number = _half_up(count * slack * FACTORS[category][year]) + below
                mine[category][year] = number + (math.ceil(below * reserve) if below else 0)
        quotas[org.code] = mine
        if org.code == DEMO_PROVINCE_CODE:
            source, issuer = "central", ISSUER_MINISTRY
        elif org.code == DEMO_MINISTRY_CODE or org.parent_code == DEMO_MINISTRY_CODE:
            source, issuer = "ministry", ISSUER_MINISTRY
        else:
            source, issuer = "province", ISSUER_PROVINCE
        for category, by_year in mine.items():
            for year, assigned in by_year.items():
                number, issued = decisions[(source, year)]
                specs.append(QuotaSpec(org.code, year, category, assigned, number, issued, issuer))
    return sorted(specs, key=lambda q: (q.org_code, q.year, q.category))
