"""The position catalogue of every staffed demo organisation — framework positions plus
sector-specific custom ones, leadership posts with the titles of the body — everyone's
assignments to them (a primary post, a few concurrent ones), the rank each person gets from their
position and the positions' headcounts. Pure: the reference data comes in as plain values
(``references``), descriptions are added by ``descriptions.describe``.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from staffing.demo.constants import DEMO_MINISTRY_CODE, DEMO_POSITION_PREFIX, DEMO_REFERENCE_DATE
from staffing.demo.data import (
    BOARD_COMMON,
    BOARD_TITLES,
    CC_ONLY,
    COMMUNE_COMMON,
    COMMUNE_LEADERS,
    COMMUNE_MASS,
    COMMUNE_POSTS,
    CVC_CC,
    DEPARTMENT_POSTS,
    DIVISION_COMMON,
    DIVISION_MAIN,
    LADDERS,
    OFFICE_COMMON,
    SALARY_ORDER,
    SUPPORT,
    UNIT_COMMON,
    UNIT_FALLBACK,
    UNIT_POSTS,
)
from staffing.demo.descriptions import describe
from staffing.demo.specs import (
    AssignmentSpec,
    Catalogues,
    Custom,
    FrameworkRef,
    OrgSpec,
    PositionSpec,
    RankRef,
    StaffSpec,
)
from staffing.demo.streamlining import position_requirement

ASSIGNMENT_EPOCH = date(2020, 1, 1)  # positions held since the first position schemes (Decree 62/2020)


def _matches(name: str, keywords) -> bool:
    low = name.casefold()
    return any(k.casefold() in low for k in keywords)


class _CatalogueBuilder:
    def __init__(self, framework: dict[str, FrameworkRef], ranks: dict[str, RankRef]):
        self.framework = framework
        self.ranks = ranks

    # ---- positions from the framework or custom

    def fw(self, code, role, eligible, *, name=None, ranks=None, slots=0, weight=1) -> PositionSpec | None:
        ref = self.framework.get(code)
        if ref is None:  # removed from the framework catalogue by a national admin
            return None
        low, high = ranks if ranks is not None else (ref.min_rank, ref.max_rank)
        level, field = position_requirement(framework=ref, level_text="", field_text="")
        return PositionSpec(
            org_code="",
            name=name or ref.name,
            group=ref.group,
            subgroup=ref.subgroup,
            min_rank=low if low in self.ranks else None,
            max_rank=high if high in self.ranks else None,
            framework=code,
            role=role,
            eligible=frozenset(eligible),
            slots=slots,
            weight=weight,
            required_training_level=level,
            required_training_field=field,
        )

    def custom(self, post: Custom, role, eligible, *, slots=0, weight=None) -> PositionSpec:
        low, high = post.ranks
        level, field = position_requirement(
            framework=None, level_text=post.training_level, field_text=post.training_field
        )
        return PositionSpec(
            org_code="",
            name=post.name,
            group=post.group,
            subgroup=post.subgroup,
            min_rank=low if low in self.ranks else None,
            max_rank=high if high in self.ranks else None,
            framework=None,
            role=role,
            eligible=frozenset(eligible),
            slots=slots,
            weight=post.weight if weight is None else weight,
            custom=post,
            required_training_level=level,
            required_training_field=field,
        )

    # ---- one organisation

    def catalogue(self, org: OrgSpec, parent: OrgSpec | None, staff: list[StaffSpec]) -> list[PositionSpec]:
        working = [p for p in staff if p.status == "DLV"]
        cats = Counter(p.category for p in working)
        target = min(15, max(6, math.ceil(len(working) * 0.6)))
        fw, custom = self.fw, self.custom
        ministry = org.code == DEMO_MINISTRY_CODE or (parent is not None and parent.code == DEMO_MINISTRY_CODE)
        lead: list = []
        main: list = []
        common: list[str] = []
        kind = _org_role(org)
        cc = {"CC"}
        if kind == "board":
            head, deputy = BOARD_TITLES.get(org.name, (None, None))
            ranks = CC_ONLY if org.kind == "BO" else None
            deputies = min(3, max(1, cats["CC"] - 1))
            lead = [
                fw("LDQL-01", "lead", cc, name=head, ranks=ranks, slots=1),
                fw("LDQL-02", "lead", cc, name=deputy, ranks=ranks, slots=deputies),
            ]
            common = BOARD_COMMON
            work_cats = cc
        elif kind in ("office", "division"):
            dept = parent.name if parent else ""
            if ministry:
                title = "Vụ" if org.name.startswith("Vụ") else "Cục" if org.name.startswith("Cục") else ""
                names = (
                    ("Chánh Văn phòng Bộ", "Phó Chánh Văn phòng Bộ")
                    if kind == "office"
                    else (f"{title} trưởng", f"Phó {title} trưởng")
                )
                ranks = CVC_CC
            elif kind == "office":
                names = (None, None) if dept.startswith("Sở") else ("Chánh Văn phòng", "Phó Chánh Văn phòng")
                ranks = None
            elif org.name.startswith("Chi cục"):
                names, ranks = ("Chi cục trưởng", "Phó Chi cục trưởng"), None
            else:
                names = (None, None) if dept.startswith("Sở") else ("Trưởng phòng", "Phó Trưởng phòng")
                ranks = None
            codes = ("LDQL-03", "LDQL-04") if kind == "office" else ("LDQL-05", "LDQL-06")
            deputies = 1 if len(working) < 12 else 2
            lead = [
                fw(codes[0], "lead", cc, name=names[0], ranks=ranks, slots=1),
                fw(codes[1], "lead", cc, name=names[1], ranks=ranks, slots=deputies),
            ]
            if kind == "office":
                main = [fw("CMNV-DC-03", "work", cc, weight=3)]
                common = OFFICE_COMMON
            else:
                main = [
                    custom(post, "work", cc)
                    for keywords, post in DEPARTMENT_POSTS.get(dept, [])
                    if _matches(org.name, keywords)
                ]
                for keyword, codes in DIVISION_MAIN:
                    if _matches(org.name, (keyword,)):
                        main += [fw(code, "work", cc, weight=4) for code in codes]
                        break
                if not main:
                    main = [fw("CMNV-DC-13", "work", cc, weight=6)]
                common = DIVISION_COMMON
            work_cats = cc
        elif kind == "unit":
            posts = next((p for keyword, p in UNIT_POSTS if keyword.casefold() in org.name.casefold()), UNIT_FALLBACK)
            if org.name.startswith("Trường"):
                names = ("Hiệu trưởng", "Phó Hiệu trưởng")
            elif org.name.startswith("Tạp chí"):
                names = ("Tổng Biên tập", "Phó Tổng Biên tập")
            else:
                unit_type = " ".join(org.name.split()[:2])
                names = (f"Giám đốc {unit_type}", f"Phó Giám đốc {unit_type}")
            ranks = posts[0].ranks if posts[0].ranks[0] else (None, None)
            vc = {"VC", "VCTC"}
            deputies = 1 if len(working) < 20 else 2 if len(working) < 60 else 3
            lead = [
                fw("LDQL-05", "lead", vc, name=names[0], ranks=ranks, slots=1),
                fw("LDQL-06", "lead", vc, name=names[1], ranks=ranks, slots=deputies),
            ]
            main = [custom(post, "work", vc) for post in posts]
            common = UNIT_COMMON
            work_cats = vc
        else:  # commune
            cb = {"CB"}
            lead = [
                custom(COMMUNE_LEADERS[0], "lead", cb, slots=1),
                custom(COMMUNE_LEADERS[1], "lead", cb, slots=2),
                fw("LDQL-07", "lead", cc, slots=2),
                fw("LDQL-08", "lead", cc, slots=2),
            ]
            main = [custom(COMMUNE_MASS, "pool", cb, weight=1)] + [custom(p, "work", cc) for p in COMMUNE_POSTS]
            common = COMMUNE_COMMON
            work_cats = cc
        support = [fw(code, "support", {"HD"}, weight=2 if code == "HTPV-03" else 1) for code in SUPPORT[kind]]
        support = [s for s in support if s][: cats["HD"]]
        positions = [p for p in lead + main if p]
        taken = {p.framework for p in positions if p.framework}
        for code in common:
            if len(positions) + len(support) >= target:
                break
            if code not in taken and (spec := fw(code, "work", work_cats)) is not None:
                positions.append(spec)
                taken.add(code)
        for code in SUPPORT[kind]:  # still short of six: the support posts even without contract staff
            if len(positions) + len(support) >= 6:
                break
            if code not in {s.framework for s in support} and (spec := fw(code, "support", {"HD"})) is not None:
                support.append(spec)
        positions += support
        for index, spec in enumerate(positions, start=1):
            spec.org_code = org.code
            spec.code = f"{DEMO_POSITION_PREFIX}{index:02d}"
            spec.order = index
        return positions

    # ---- people to positions

    def assign(
        self, positions: list[PositionSpec], staff: list[StaffSpec], rng: random.Random
    ) -> list[tuple[StaffSpec, PositionSpec, PositionSpec | None, Decimal]]:
        """(person, primary position, concurrent position or None, primary FTE) for everyone."""
        working = sorted(
            (p for p in staff if p.status == "DLV"),
            key=lambda p: (-SALARY_ORDER.index(p.ladder), -p.salary_coefficient, p.employee_code),
        )
        placed: dict[str, PositionSpec] = {}
        remaining = list(working)
        for spec in (p for p in positions if p.role == "lead"):
            chosen = [p for p in remaining if p.category in spec.eligible][: spec.slots]
            for person in chosen:
                placed[person.employee_code] = spec
            remaining = [p for p in remaining if p.employee_code not in placed]
        others = [p for p in positions if p.role != "lead"]
        fallback = [p for p in others if p.role == "work"] or others or positions
        rng.shuffle(remaining)
        # Every non-leadership position first gets one eligible person, then the rest by weight.
        for spec in others:
            person = next((p for p in remaining if p.category in spec.eligible), None)
            if person is not None:
                placed[person.employee_code] = spec
                remaining.remove(person)
        for person in remaining:
            pool = [p for p in others if person.category in p.eligible] or fallback
            placed[person.employee_code] = rng.choices(pool, [p.weight for p in pool])[0]
        result = []
        for person in staff:
            if person.status == "DLV":
                primary = placed[person.employee_code]
                concurrent, fte = None, Decimal(1)
                if person.category not in ("HD", "CB") and rng.random() < 0.05:
                    choices = [p for p in positions if p is not primary and p.role == "work"]
                    if choices:
                        concurrent = rng.choice(choices)
                        fte = rng.choice([Decimal("0.7"), Decimal("0.8"), Decimal("0.5")])
            else:  # someone who left held a post that has been refilled or is vacant now
                pool = [p for p in positions if p.role != "lead" and person.category in p.eligible] or fallback
                primary, concurrent, fte = rng.choice(pool), None, Decimal(1)
            result.append((person, primary, concurrent, fte))
        return result

    # ---- rank and salary from the position

    def rank_for(self, position: PositionSpec, person: StaffSpec) -> RankRef | None:
        if person.category not in ("CC", "VC", "VCTC") or not position.min_rank:
            return None
        low = self.ranks[position.min_rank]
        high = self.ranks[position.max_rank or position.min_rank]
        candidates = sorted(
            (r for r in self.ranks.values() if r.field == low.field and low.level <= r.level <= high.level),
            key=lambda r: (r.level, r.code),
        )
        if not candidates:
            return None
        mine = SALARY_ORDER.index(person.ladder)
        return min(candidates, key=lambda r: (abs(SALARY_ORDER.index(r.salary_group) - mine), r.level))

    def with_rank(self, person: StaffSpec, rank: RankRef | None) -> StaffSpec:
        if rank is None:
            return replace(person, rank_code=None)
        step, coefficient, ladder = person.salary_step, person.salary_coefficient, person.ladder
        inside = (rank.low is None or rank.low <= coefficient) and (rank.high is None or coefficient <= rank.high)
        if rank.salary_group != ladder or not inside:
            first, increment, steps, _years = LADDERS[rank.salary_group]
            step = max(1, min(step, steps))
            coefficient = first + increment * (step - 1)
            ladder = rank.salary_group
        return replace(person, rank_code=rank.code, salary_step=step, salary_coefficient=coefficient, ladder=ladder)


def _org_role(org: OrgSpec) -> str:
    if org.kind in ("SO", "BO"):
        return "board"
    if org.kind == "PHONG":
        return "office" if org.name.startswith("Văn phòng") else "division"
    if org.kind == "SNCL":
        return "unit"
    return "commune"


def build_catalogues(
    orgs: list[OrgSpec],
    people: list[StaffSpec],
    framework: dict[str, FrameworkRef],
    ranks: dict[str, RankRef],
    *,
    seed: int,
) -> Catalogues:
    """Positions with headcounts and descriptions for every organisation with staff, everyone's
    assignments, and the staff specs with the rank of their position."""
    builder = _CatalogueBuilder(framework, ranks)
    by_code = {o.code: o for o in orgs}
    staff_of: dict[str, list[StaffSpec]] = defaultdict(list)
    for person in people:
        staff_of[person.org_code].append(person)
    positions: list[PositionSpec] = []
    assignments: list[AssignmentSpec] = []
    updated: dict[str, StaffSpec] = {}
    for org in orgs:
        staff = staff_of.get(org.code)
        if not staff:
            continue
        rng = random.Random(f"{seed}-catalogue-{org.code}")
        catalogue = builder.catalogue(org, by_code.get(org.parent_code), staff)
        fte_of: Counter = Counter()
        for person, primary, concurrent, fte in builder.assign(catalogue, staff, rng):
            start = max(person.recruitment_date, ASSIGNMENT_EPOCH)
            end = person.exit_date
            if end is not None and end < start:
                start = person.recruitment_date
            assignments.append(AssignmentSpec(person.employee_code, org.code, primary.code, "primary", fte, start, end))
            if concurrent is not None:
                latest = DEMO_REFERENCE_DATE - timedelta(days=30)
                since = min(max(start, date(2024, 1, 1)) + timedelta(days=rng.randint(0, 540)), latest)
                assignments.append(
                    AssignmentSpec(person.employee_code, org.code, concurrent.code, "concurrent", 1 - fte, since, None)
                )
            if person.status == "DLV":
                fte_of[primary.code] += fte
                if concurrent is not None:
                    fte_of[concurrent.code] += 1 - fte
            updated[person.employee_code] = builder.with_rank(person, builder.rank_for(primary, person))
        for spec in catalogue:
            needed = math.ceil(fte_of[spec.code])
            if spec.role == "lead" and spec.slots == 1:
                spec.headcount = 1
            else:
                spec.headcount = max(1, needed + (1 if rng.random() < 0.15 else 0))
        positions += catalogue
    describe(positions, by_code, framework, seed)
    return Catalogues(positions, assignments, [updated.get(p.employee_code, p) for p in people])
