"""The national demo (``seed_demo --scale national``): the 34 provinces and cities of the 2025
reform with their departments (sở), divisions (phòng), public service units and every commune
with its offices and school, the 17 ministries and ministerial agencies with their departments
(vụ, cục) and units, the former provinces and ministries the merged ones were formed from, about
20,000 organisations in all, about 1,000,000 staff with ranks, coefficients, ratings, sick days
and exits, a primary position of their unit for everyone, and the quotas of 2015 and 2021–2026
that nest and shrink. Pure and deterministic: ``national_seed`` writes it with COPY.

Everything national is recognised by its prefix: organisation codes ``QG.`` (``QG.H01`` Hà Nội,
``QG.H01.S02`` its Sở Nội vụ, ``QG.H01.S02.P01`` a division, ``QG.H01.S02.D01`` a public service
unit, ``QG.H01.X00004`` a commune, ``QG.H01.X00004.P1`` its office, ``QG.G01`` a ministry,
``QG.G01.V01`` its vụ/cục, ``QG.CU.H02`` a former province), employee codes ``QG0000001``,
usernames ``qg_``. Nothing here touches the province demo (``DEMO…`` staff, ``000.00.00.H22``).

People are generated one organisation at a time from a random generator seeded with the
organisation's code, so memory stays bounded. A smaller build (``NationalScale``: the first
provinces or ministries, some communes, fewer staff) keeps the full-scale number of people of
each unit it builds, and a unit with the same number of people gets the same people (names,
dates, ranks, statuses; only their employee codes and personal IDs, numbered in build order,
differ).
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from portal.text import fold, nfc
from staffing.demo.constants import (
    DEMO_MERGE_DATE,
    DEMO_QUOTA_YEARS,
    DEMO_RECORD_YEARS,
    DEMO_REFERENCE_DATE,
    DEMO_REFORM_DATE,
    DEMO_SEED,
)
from staffing.demo.data import (
    DEPARTMENTS,
    FAMILY_NAMES,
    GIVEN_NAMES,
    LADDERS,
    MIDDLE_NAMES,
    PUBLIC_SERVICE_PERCENT,
    RATINGS,
    SECOND_MIDDLE,
)
from staffing.demo.national_data import (
    COMMON_MINISTRY_DEPARTMENTS,
    COMMUNE_OFFICES,
    DEPARTMENT_UNITS,
    FEMALE_SHARE,
    FIRST_MINISTRIES,
    FIRST_PROVINCES,
    HEALTH_CENTRE_EVERY,
    HIGH_SCHOOL_EVERY,
    MERGED_FROM,
    MINISTRIES,
    PROVINCE_SIZE,
    TEMPLATES,
    UNIT_CATEGORY,
    Post,
)
from staffing.demo.orgs import load_admin_units, pick_communes
from staffing.demo.people import allocate
from staffing.demo.quotas import FACTORS
from staffing.demo.specs import RankRef
from staffing.demo.streamlining import pick_level
from staffing.models import QUOTA_CATEGORY_OF_STAFF
from staffing.retirement import ND135_2020, retirement_date

NATIONAL_ORG_PREFIX = "QG."
NATIONAL_EMPLOYEE_PREFIX = "QG"  # QG0000001 …
NATIONAL_USER_PREFIX = "qg_"
NATIONAL_ADMIN_USERNAME = "qg_admin"
NATIONAL_POSITION_PREFIX = "VT"
NATIONAL_STAFF_COUNT = 1_000_000
MINISTRY_STAFF_SHARE = 0.12  # the ministries' share of the staff; the provinces have the rest
PROVINCE_CLOSED = date(2025, 6, 30)  # the former provinces' last day (the new ones from 1/7/2025)
MINISTRY_CLOSED = DEMO_MERGE_DATE - timedelta(days=1)
EXIT_FROM = date(2022, 1, 1)  # exits happen from here to the demo's "today"


@dataclass(frozen=True)
class NationalScale:
    """How much to build: ``provinces``/``ministries`` (None: all 34 / 17, in the build order),
    ``communes`` per province at most (None: all), ``staff`` in all (None: the full-scale
    numbers of the units built, about 1,000,000 for everything) or ``staff_per_unit`` (an
    average per staffed unit, for small test builds)."""

    provinces: int | None = None
    ministries: int | None = None
    communes: int | None = None
    staff: int | None = None
    staff_per_unit: int | None = None
    seed: int = DEMO_SEED

    def describe(self) -> str:
        parts = []
        if self.provinces is not None:
            parts.append(f"--provinces {self.provinces}")
        if self.ministries is not None:
            parts.append(f"--ministries {self.ministries}")
        if self.communes is not None:
            parts.append(f"--communes {self.communes}")
        if self.staff is not None:
            parts.append(f"--staff {self.staff}")
        if self.staff_per_unit is not None:
            parts.append(f"--staff-per-unit {self.staff_per_unit}")
        if self.seed != DEMO_SEED:
            parts.append(f"--seed {self.seed}")
        return " ".join(parts) or "toàn bộ"


@dataclass
class NationalOrg:
    code: str
    name: str
    kind: str
    parent_code: str | None
    template: str = ""  # TEMPLATES key; "" = no staff, no positions
    profile: str = "admin"
    weight: float = 0.0  # staff weight inside its province or among the ministries
    short_name: str = ""
    admin_unit_code: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    root: str = ""  # code of its province or ministry ("" for the former ones)
    predecessors: tuple[str, ...] = ()
    issuer: str = ""  # who decides its quota (the province's people's committee, Bộ Nội vụ)
    staff: int = 0  # people to generate (set by ``build_national_plan``)


@dataclass
class NationalPlan:
    orgs: list[NationalOrg]  # parents before children
    scale: NationalScale
    province_codes: list[str] = field(default_factory=list)  # the built provinces' root codes, build order
    ministry_codes: list[str] = field(default_factory=list)

    @property
    def staff(self) -> int:
        return sum(o.staff for o in self.orgs)

    def by_code(self) -> dict[str, NationalOrg]:
        return {o.code: o for o in self.orgs}


def _city(name: str, is_city: bool) -> str:
    return name.replace(" tỉnh", " thành phố") if is_city else name


def _province_orgs(rows: list[dict[str, str]], limit: int | None) -> list[NationalOrg]:
    """One province's units, parents first: the province, its departments with their divisions
    and units (high schools and health centres spread over its communes), its communes each with
    its offices and a school; the former provinces it was formed from come first (roots)."""
    first = rows[0]
    pc = first["province_code"]
    is_city = first["province_kind"] == "Thành phố"
    root = f"{NATIONAL_ORG_PREFIX}H{pc}"
    issuer = f"UBND {first['province_full_name'][0].lower()}{first['province_full_name'][1:]}"
    former = [
        NationalOrg(
            code=f"{NATIONAL_ORG_PREFIX}CU.H{old}",
            name=nfc(old_name),
            kind="TINH",
            parent_code=None,
            valid_to=PROVINCE_CLOSED,
        )
        for old, old_name in MERGED_FROM.get(pc, ())
    ]
    orgs = [
        *former,
        NationalOrg(
            code=root,
            name=first["province_full_name"],
            short_name=first["province_name"],
            kind="TINH",
            parent_code=None,
            admin_unit_code=pc,
            valid_from=DEMO_REFORM_DATE,
            root=root,
            predecessors=tuple(o.code for o in former),
            issuer="Bộ Nội vụ",
        ),
    ]
    communes = sorted(rows, key=lambda u: u["unit_code"])
    if limit is not None and limit < len(communes):
        communes = pick_communes(rows, pc, limit)
    for nn, (dept, merged, divisions, _units) in enumerate(DEPARTMENTS, start=1):
        dcode = f"{root}.S{nn:02d}"
        valid = DEMO_MERGE_DATE if merged else None
        common = {"root": root, "issuer": issuer}
        orgs.append(
            NationalOrg(dcode, _city(dept, is_city), "SO", root, "department", weight=4, valid_from=valid, **common)
        )
        for mm, division in enumerate(divisions, start=1):
            weight = 8 + (nn * 7 + mm * 3) % 9
            orgs.append(
                NationalOrg(
                    f"{dcode}.P{mm:02d}",
                    division,
                    "PHONG",
                    dcode,
                    "division",
                    weight=weight,
                    valid_from=valid,
                    **common,
                )
            )
        units = list(DEPARTMENT_UNITS.get(dept, ()))
        if dept == "Sở Giáo dục và Đào tạo":
            units += [
                (f"Trường Trung học phổ thông {c['unit_name']}", "high_school", 70, "sncl")
                for c in communes[::HIGH_SCHOOL_EVERY]
            ]
        if dept == "Sở Y tế":
            units += [
                (f"Trung tâm Y tế khu vực {c['unit_name']}", "hospital", 160, "sncl")
                for c in communes[::HEALTH_CENTRE_EVERY]
            ]
        for mm, (name, template, weight, profile) in enumerate(units, start=1):
            orgs.append(
                NationalOrg(
                    f"{dcode}.D{mm:02d}", _city(name, is_city), "SNCL", dcode, template, profile, weight, **common
                )
            )
    for commune in communes:
        ccode = f"{root}.X{commune['unit_code']}"
        common = {"root": root, "issuer": issuer, "valid_from": DEMO_REFORM_DATE, "profile": "commune"}
        orgs.append(
            NationalOrg(
                ccode,
                commune["unit_full_name"],
                "XA",
                root,
                "commune",
                weight=4,
                short_name=commune["unit_name"],
                admin_unit_code=commune["unit_code"],
                **common,
            )
        )
        economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if commune["unit_kind"] == "Phường" else "Phòng Kinh tế"
        for k, office in enumerate((COMMUNE_OFFICES[0], economy, COMMUNE_OFFICES[1]), start=1):
            orgs.append(NationalOrg(f"{ccode}.P{k}", office, "PHONG", ccode, "commune_office", weight=7, **common))
        orgs.append(
            NationalOrg(
                f"{ccode}.D1",
                f"Trường Tiểu học và Trung học cơ sở {commune['unit_name']}",
                "SNCL",
                ccode,
                "school",
                "sncl",
                weight=45,
                root=root,
                issuer=issuer,
                valid_from=DEMO_REFORM_DATE,
            )
        )
    return orgs


def _ministry_orgs(number: int, entry) -> list[NationalOrg]:
    name, former_names, departments, units = entry
    root = f"{NATIONAL_ORG_PREFIX}G{number:02d}"
    merged = bool(former_names)
    former = [
        NationalOrg(f"{NATIONAL_ORG_PREFIX}CU.G{number:02d}.{k}", old, "BO", None, valid_to=MINISTRY_CLOSED)
        for k, old in enumerate(former_names, start=1)
    ]
    valid = DEMO_MERGE_DATE if merged else None
    common = {"root": root, "issuer": "Bộ Nội vụ", "profile": "ministry"}
    orgs = [
        *former,
        NationalOrg(
            root,
            name,
            "BO",
            None,
            "ministry",
            weight=6,
            valid_from=valid,
            predecessors=tuple(o.code for o in former),
            **common,
        ),
    ]
    for k, dept in enumerate(COMMON_MINISTRY_DEPARTMENTS + departments, start=1):
        weight = 30 + (number * 11 + k * 7) % 35
        orgs.append(
            NationalOrg(
                f"{root}.V{k:02d}",
                dept,
                "PHONG",
                root,
                "ministry_department",
                weight=weight,
                valid_from=valid,
                **common,
            )
        )
    for k, (unit, template, weight, profile) in enumerate(units, start=1):
        orgs.append(
            NationalOrg(
                f"{root}.D{k:02d}", unit, "SNCL", root, template, profile, weight, root=root, issuer="Bộ Nội vụ"
            )
        )
    return orgs


def _ordered(items: list, first: tuple, key) -> list:
    head = [i for f in first for i in items if key(i) == f]
    return head + [i for i in items if key(i) not in first]


def build_national_plan(
    scale: NationalScale = NationalScale(), units: list[dict[str, str]] | None = None
) -> NationalPlan:
    """The organisations to build, parents first, with the number of people of each."""
    units = units if units is not None else load_admin_units()
    by_province: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in units:
        by_province[row["province_code"]].append(row)
    province_codes = _ordered(sorted(by_province), FIRST_PROVINCES, lambda c: c)
    ministries = _ordered(list(MINISTRIES), FIRST_MINISTRIES, lambda m: m[0])
    numbered = {entry[0]: number for number, entry in enumerate(MINISTRIES, start=1)}

    # The full-scale staff of each province and ministry: by commune count and city size.
    full_weights = {pc: len(rows) * PROVINCE_SIZE.get(pc, 1.0) for pc, rows in by_province.items()}
    province_total = round(NATIONAL_STAFF_COUNT * (1 - MINISTRY_STAFF_SHARE))
    per_province = dict(
        zip(full_weights, allocate([round(w * 100) for w in full_weights.values()], province_total), strict=True)
    )

    chosen_provinces = province_codes[: scale.provinces] if scale.provinces is not None else province_codes
    chosen_ministries = ministries[: scale.ministries] if scale.ministries is not None else ministries
    plan = NationalPlan(orgs=[], scale=scale)
    groups: list[tuple[list[NationalOrg], int]] = []  # (units of a province or of the ministries, full staff)
    for pc in chosen_provinces:
        full = _province_orgs(by_province[pc], None)
        built = _province_orgs(by_province[pc], scale.communes) if scale.communes is not None else full
        # The same people per unit as at full scale: the province's staff shrinks with its units.
        share = sum(o.weight for o in built) / sum(o.weight for o in full)
        groups.append((built, round(per_province[pc] * share)))
        plan.province_codes.append(f"{NATIONAL_ORG_PREFIX}H{pc}")
    all_ministries = [o for number, entry in enumerate(MINISTRIES, start=1) for o in _ministry_orgs(number, entry)]
    ministry_orgs = [o for entry in chosen_ministries for o in _ministry_orgs(numbered[entry[0]], entry)]
    if ministry_orgs:
        share = sum(o.weight for o in ministry_orgs) / sum(o.weight for o in all_ministries)
        groups.append((ministry_orgs, round(NATIONAL_STAFF_COUNT * MINISTRY_STAFF_SHARE * share)))
        plan.ministry_codes = [f"{NATIONAL_ORG_PREFIX}G{numbered[e[0]]:02d}" for e in chosen_ministries]

    staffed_count = sum(1 for built, _t in groups for o in built if o.weight)
    if scale.staff_per_unit is not None:
        grand = scale.staff_per_unit * staffed_count
    elif scale.staff is not None:
        grand = scale.staff
    else:
        grand = None
    totals = [total for _b, total in groups]
    if grand is not None and sum(totals):
        totals = allocate(totals, grand)
    for (built, _full), total in zip(groups, totals, strict=True):
        staffed = [o for o in built if o.weight]
        for org, count in zip(staffed, allocate([round(o.weight * 10) for o in staffed], total), strict=True):
            org.staff = count
        plan.orgs.extend(built)
    return plan


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class NationalPosition:
    org_code: str
    code: str
    name: str
    group: str
    subgroup: str
    framework: str | None
    min_rank: str | None
    max_rank: str | None
    headcount: int
    order: int
    required_training_level: str = ""


def required_level(post: Post) -> str:
    """The training level a post requires: its own, else đại học (none for support posts)."""
    if post.training is not None:
        return post.training
    return "" if post.group == "HTPV" else "DH"


def _roll(index: int) -> float:
    """A stable number in [0, 1) for the person ``index``, outside the unit's random stream (so
    the people generated before training levels existed stay the same)."""
    return (index * 2654435761 % 4294967296) / 4294967296


STAFF_COLUMNS = (
    "employee_code",
    "personal_id",
    "full_name",
    "search_key",
    "date_of_birth",
    "birth_year_only",
    "sex",
    "category",
    "organization",  # code here; id in the database
    "rank",  # code here; id in the database
    "salary_step",
    "salary_coefficient",
    "recruitment_date",
    "insurance_years",
    "heavy_work",
    "redundant",
    "deferral",
    "status",
    "exit_date",
    "training_level",
    "training_field",
    "leadership_allowance",
    "other_allowance",
    "seniority_percent",
    "allowance_percent",
)


@dataclass
class UnitPeople:
    org: NationalOrg
    positions: list[NationalPosition]
    people: list[tuple]  # STAFF_COLUMNS values
    position_of: list[str]  # each person's position code
    records: list[list[tuple[int, str, int]]]  # each person's (year, rating, sick days)
    started: list[date]  # each person's assignment start
    working: Counter  # quota category -> working people


# Exits: status -> share of everybody (about 3 % in all, every kind).
EXITS = (("NH", 0.011), ("TV", 0.007), ("CCT", 0.006), ("TGBC", 0.004), ("CHET", 0.002))
# Personal-ID birth-province codes the province demo uses (never used here, so IDs cannot clash).
DEMO_ID_PROVINCES = frozenset({"001", "019", "022", "024", "030", "031", "034", "036"})


def _cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


class PeopleGenerator:
    """Generates the people of one unit at a time (``unit``), deterministic per unit."""

    def __init__(self, ranks: dict[str, RankRef], *, seed: int = DEMO_SEED, today: date = DEMO_REFERENCE_DATE):
        self.seed = seed
        self.today = today
        self.ranks = ranks
        self._families = list(FAMILY_NAMES)
        self._family_cum = _cumulative(FAMILY_NAMES.values())
        self._middles = {sex: list(names) for sex, names in MIDDLE_NAMES.items()}
        self._middle_cum = {
            (sex, old): _cumulative(
                w * (1.6 if old and m == ("Văn" if sex == "M" else "Thị") else 1.0) for m, w in names.items()
            )
            for sex, names in MIDDLE_NAMES.items()
            for old in (False, True)
        }
        self._ratings = [r for r, _w in RATINGS]
        self._rating_cum = _cumulative(w for _r, w in RATINGS)
        self._keys: dict[str, str] = {}
        self._retire: dict[tuple[str, int, int], date] = {}
        self._coefficients = {
            (group, step): first + increment * (step - 1)
            for group, (first, increment, steps, _per) in LADDERS.items()
            for step in range(1, steps + 1)
        }
        self._salary_groups = {code: r.salary_group for code, r in ranks.items()}
        self._id_provinces = [f"0{c}" for c in ("04", "08", "11", "12", "14", "15", "20", "25", "33", "37", "38", "40")]
        self._id_provinces = [p for p in self._id_provinces if p not in DEMO_ID_PROVINCES]
        # Birth months whose normal retirement falls between EXIT_FROM and the day before "today".
        self._retired_births = {
            sex: [
                (y, m)
                for y in range(1955, 1972)
                for m in range(1, 13)
                if EXIT_FROM <= self._retirement(sex, y, m) < today
            ]
            for sex in ("M", "F")
        }

    def _retirement(self, sex: str, year: int, month: int) -> date:
        key = (sex, year, month)
        found = self._retire.get(key)
        if found is None:
            found = self._retire[key] = retirement_date(ND135_2020, sex, date(year, month, 1))
        return found

    def _search_key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = fold(name)[:120]
        return key

    def _name(self, rng: random.Random, sex: str, birth_year: int) -> str:
        family = self._families[bisect.bisect(self._family_cum, rng.random() * self._family_cum[-1])]
        cum = self._middle_cum[(sex, birth_year < 1980)]
        middle = self._middles[sex][bisect.bisect(cum, rng.random() * cum[-1])]
        if sex == "F" and middle == "Thị" and rng.random() < 0.25:
            middle = f"Thị {rng.choice(SECOND_MIDDLE)}"
        return f"{family} {middle} {rng.choice(GIVEN_NAMES[sex])}"

    def positions(self, org: NationalOrg) -> tuple[list[NationalPosition], list[Post]]:
        posts = list(TEMPLATES[org.template])
        positions = []
        for order, post in enumerate(posts, start=1):
            ranks = [code for code, _w in post.ranks if code in self.ranks]
            positions.append(
                NationalPosition(
                    org_code=org.code,
                    code=f"{NATIONAL_POSITION_PREFIX}{order:02d}",
                    name=post.name,
                    group=post.group,
                    subgroup=post.subgroup,
                    framework=post.framework,
                    min_rank=ranks[0] if ranks else None,
                    max_rank=ranks[-1] if ranks else None,
                    headcount=0,
                    order=order,
                    required_training_level=required_level(post),
                )
            )
        return positions, posts

    def unit(self, org: NationalOrg, first_index: int) -> UnitPeople:
        """The people of ``org`` (``org.staff`` of them), numbered from ``first_index``."""
        rng = random.Random(f"{self.seed}-{org.code}")
        positions, posts = self.positions(org)
        count = org.staff
        # Leaders fill their slots first, the rest is shared by weight.
        held: list[int] = []
        for i, post in enumerate(posts):
            held += [i] * post.slots
        held = held[:count]
        rest = count - len(held)
        weighted = [i for i, p in enumerate(posts) if p.weight]
        if rest and weighted:
            for i, n in zip(weighted, allocate([posts[i].weight for i in weighted], rest), strict=True):
                held += [i] * n
        headcount = Counter(held)
        positions = [
            NationalPosition(**{**p.__dict__, "headcount": headcount[i] + (1 if rng.random() < 0.15 else 0)})
            for i, p in enumerate(positions)
        ]
        unit_category = UNIT_CATEGORY[org.profile]
        female = FEMALE_SHARE[org.profile]
        people, position_of, records, started = [], [], [], []
        working: Counter = Counter()
        today = self.today
        for k, post_index in enumerate(held):
            post = posts[post_index]
            index = first_index + k
            category = unit_category if post.category == "unit" else post.category
            if category == "VCTC" and rng.random() < 0.3:
                category = "VC"  # self-funded units keep some budget-paid staff
            sex = "F" if rng.random() < female else "M"
            roll = rng.random()
            status = "DLV"
            for exit_status, share in EXITS:
                if roll < share:
                    status = exit_status
                    break
                roll -= share
            leader = post.group == "LDQL"
            year_only = False
            if status == "NH":
                y, m = rng.choice(self._retired_births[sex])
                dob = date(y, m, rng.randint(1, calendar.monthrange(y, m)[1]))
                exit_date = self._retirement(sex, y, m)
            else:
                exit_date = None
                while True:
                    shift = rng.triangular(0, 41, 14 if leader else 20)
                    y = 1962 + round(shift)
                    m = rng.randint(1, 12)
                    if y <= 2003 and self._retirement(sex, y, m) > today:
                        break
                dob = date(y, m, rng.randint(1, calendar.monthrange(y, m)[1]))
                if rng.random() < 0.02 and self._retirement(sex, y, 1) > today:
                    year_only = True
                    dob = date(y, 1, 1)
            low, high = (19, 45) if category == "HD" else (24, 40) if category == "CB" else (22, 33)
            age = rng.uniform(low, high) if rng.random() < 0.9 else rng.uniform(low, high + 7)
            recruited = min(dob + timedelta(days=round(age * 365.25)), today - timedelta(days=30 + rng.randint(0, 400)))
            recruited = max(recruited, date(dob.year + 18, 3, 1))
            if status not in ("DLV", "NH"):
                earliest = max(recruited + timedelta(days=365), EXIT_FROM)
                if earliest >= today:
                    status = "DLV"
                else:
                    exit_date = earliest + timedelta(days=rng.randint(0, (today - earliest).days - 1))
            if exit_date is not None and exit_date <= recruited:
                recruited = exit_date - timedelta(days=365 * 5)
            if status == "DLV":
                working[QUOTA_CATEGORY_OF_STAFF[category]] += 1
            end = exit_date or today
            service = (end - recruited).days / 365.25
            prior = rng.uniform(0.5, 4.0) if rng.random() < 0.15 else 0.0
            # Rank: a weighted choice among the position's ranks that exist.
            rank = None
            choices = [(code, w) for code, w in post.ranks if code in self.ranks]
            if choices:
                pick = rng.random() * sum(w for _c, w in choices)
                for code, w in choices:
                    rank = code
                    if pick < w:
                        break
                    pick -= w
            group = self._salary_groups.get(rank, "B") if rank else ("B" if category == "HD" else "A1")
            first, _inc, steps, per_step = LADDERS.get(group, LADDERS["A1"])
            years_in_rank = service - (9 if group in ("A2.1", "A2.2") else 20 if group in ("A3.1", "A3.2") else 0)
            step = max(1, min(steps, 1 + int(max(years_in_rank, 0) // per_step)))
            coefficient = self._coefficients.get((group, step), first)
            name = self._name(rng, sex, dob.year)
            deferral = ""
            if status == "DLV":
                if sex == "F" and today.year - dob.year < 42 and rng.random() < 0.05:
                    deferral = "TS"
                elif rng.random() < 0.004:
                    deferral = "KL"
            if rng.random() < 0.03:
                personal_id = None
            else:
                province = rng.choice(self._id_provinces)
                century = (0 if dob.year < 2000 else 2) + (1 if sex == "F" else 0)
                serial = (index * 7919 + 104729) % 1_000_000
                personal_id = f"{province}{century}{dob.year % 100:02d}{serial:06d}"
            people.append(
                (
                    f"{NATIONAL_EMPLOYEE_PREFIX}{index:07d}",
                    personal_id,
                    name,
                    self._search_key(name),
                    dob,
                    year_only,
                    sex,
                    category,
                    org.code,
                    rank,
                    step,
                    coefficient,
                    recruited,
                    Decimal(f"{service + prior:.1f}"),
                    org.template == "hospital" and rng.random() < 0.12,
                    rng.random() < (0.04 if org.kind == "XA" else 0.005),
                    deferral,
                    status,
                    exit_date,
                    pick_level(
                        _roll(index),
                        salary_group=group,
                        category=category,
                        required=positions[post_index].required_training_level,
                    ),
                    "",
                    post.allowance if status == "DLV" else None,
                    None,
                    None,
                    PUBLIC_SERVICE_PERCENT if category in ("CC", "CB") else None,
                )
            )
            position_of.append(positions[post_index].code)
            yearly = []
            for year in DEMO_RECORD_YEARS:
                if recruited > date(year, 6, 30) or (exit_date and exit_date < date(year, 12, 31)):
                    continue
                rating = self._ratings[bisect.bisect(self._rating_cum, rng.random() * self._rating_cum[-1])]
                roll = rng.random()
                sick = 0 if roll < 0.55 else rng.randint(1, 10) if roll < 0.96 else rng.randint(11, 29)
                yearly.append((year, rating, sick))
            records.append(yearly)
            # In the unit since it exists (communes: 1/7/2025), or since recruitment if left before.
            start = max(recruited, org.valid_from or recruited)
            started.append(recruited if exit_date is not None and exit_date < start else start)
        return UnitPeople(org, positions, people, position_of, records, started, working)


# --------------------------------------------------------------------------- quotas


QUOTA_HOLDER_KINDS = frozenset({"TINH", "BO", "SO", "SNCL", "XA"})


def is_quota_holder(org: NationalOrg, by_code: dict[str, NationalOrg]) -> bool:
    """The province, its departments, public service units and communes; the ministry and its
    vụ/cục. A department's divisions and a commune's offices are covered by their parent.
    Former (closed) units hold none."""
    if org.valid_to is not None:
        return False
    if org.kind in QUOTA_HOLDER_KINDS:
        return True
    return org.kind == "PHONG" and org.parent_code is not None and by_code[org.parent_code].kind == "BO"


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def build_national_quotas(plan: NationalPlan, working: dict[str, Counter]) -> list[tuple]:
    """(org code, year, category, assigned, decision number, decision date, issuer) for every
    quota holder: what its own working people need (``working``: org code -> quota category ->
    people) plus its child holders' quotas plus a small reserve, so children add up to at most
    the parent, shrinking year by year by ``quotas.FACTORS``; about one holder in eight is over
    its quota."""
    by_code = plan.by_code()
    holders = {o.code for o in plan.orgs if is_quota_holder(o, by_code)}

    def holder_of(code: str | None) -> str | None:
        while code is not None and code not in holders:
            code = by_code[code].parent_code
        return code

    own: dict[str, Counter] = defaultdict(Counter)
    for code, counts in working.items():
        target = holder_of(code)
        if target is not None:
            own[target].update(counts)
    children: dict[str, list[str]] = defaultdict(list)
    for code in sorted(holders):
        parent = holder_of(by_code[code].parent_code)
        if parent is not None:
            children[parent].append(code)

    decisions: dict[tuple[str, str, int], tuple[str, date]] = {}

    def decision(root: str, suffix: str, year: int) -> tuple[str, date]:
        """One decision a year per province or ministry and issuer (Bộ Nội vụ or the province)."""
        key = (root, suffix, year)
        if key not in decisions:
            rng = random.Random(f"{plan.scale.seed}-decision-{root}-{suffix}-{year}")
            number = rng.randint(2100, 4300) if suffix == "UBND" else rng.randint(300, 1500)
            decisions[key] = (f"{number}/QĐ-{suffix}", date(year - 1, 12, rng.randint(10, 28)))
        return decisions[key]

    quotas: dict[str, dict[str, dict[int, int]]] = {}
    rows = []
    for org in reversed(plan.orgs):  # children before parents
        if org.code not in holders:
            continue
        local = random.Random(f"{plan.scale.seed}-quota-{org.code}")
        mine: dict[str, dict[int, int]] = {}
        for category in FACTORS:
            kids = [quotas[k][category] for k in children[org.code] if category in quotas[k]]
            count = own[org.code][category]
            if not count and not kids:
                continue
            slack = local.uniform(0.90, 0.98) if local.random() < 0.12 else local.uniform(1.0, 1.08)
            reserve = local.uniform(0.01, 0.04)
            mine[category] = {}
            for year in DEMO_QUOTA_YEARS:
                below = sum(k[year] for k in kids)
                number = _half_up(count * slack * FACTORS[category][year]) + below
                mine[category][year] = number + (math.ceil(below * reserve) if below else 0)
        quotas[org.code] = mine
        # The province's own quota and the ministries' come from Bộ Nội vụ, the rest from the province.
        suffix = "BNV" if org.issuer == "Bộ Nội vụ" else "UBND"
        for category, by_year in mine.items():
            for year, assigned in by_year.items():
                number, issued = decision(org.root, suffix, year)
                rows.append((org.code, year, category, assigned, number, issued, org.issuer))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows
