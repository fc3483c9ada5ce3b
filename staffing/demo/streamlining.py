"""What the streamlining list (issue 9) needs of the demo: every person's training level and field,
the allowances of their salary, each position's required training level and field, and in Sở Nội
vụ (org A) and Sở Tài chính (org B) the people who fall under a computable case for review year
2026 (``DEMO_REVIEW_YEAR``), so that their candidate lists are worth reading. Pure and
deterministic (its own random streams: the people and catalogues built before stay as they were).

- ``position_requirement``: a position's required level and field, from its framework position's
  sample or its custom post ("Đại học trở lên" → ``DH``).
- ``mark_candidates`` (before the catalogues): the cases of a handful of org A's and org B's
  working people, by changing only what a case needs (a rating, sick days, insured years, the
  redundancy flag, a deferral, the date of birth of three people near retirement); their salary
  stays, so the catalogue places everyone as it did.
- ``train_and_pay`` (after the catalogues, which give each person their position): training
  levels at or above their position's requirement (one person of org A below it: case e), fields
  from the position, leadership allowances for leaders, phụ cấp công vụ 25 % for cán bộ and công
  chức, over-frame seniority at the top salary step, a hazard allowance with heavy work.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal

from positions.rules import TRAINING_LEVELS, training_requirement
from staffing.demo.constants import (
    DEMO_ORG_A_CODE,
    DEMO_ORG_B_CODE,
    DEMO_REFERENCE_DATE,
    DEMO_REVIEW_YEAR,
)
from staffing.demo.data import (
    GENERIC_FIELDS,
    LADDERS,
    LEADERSHIP_ALLOWANCES,
    PUBLIC_SERVICE_PERCENT,
    SALARY_ORDER,
    TRAINING_BY_SALARY_GROUP,
)
from staffing.demo.specs import Catalogues, FrameworkRef, OrgSpec, PositionSpec, StaffSpec
from staffing.retirement import ND135_2020, retirement_date

# --------------------------------------------------------------------------- positions


def position_requirement(*, framework: FrameworkRef | None, level_text: str, field_text: str) -> tuple[str, str]:
    """(required level code, required field) of a position: those its framework position's sample
    or its custom post names (``positions.rules.training_requirement``)."""
    if framework is not None:
        level_text = framework.sample.get("training_level", "")
        field_text = framework.sample.get("training_field", "")
    return training_requirement(level_text, field_text)


# --------------------------------------------------------------------------- people: training and pay


def pick_level(roll: float, *, salary_group: str, category: str, required: str) -> str:
    """A person's training level: by the salary group of their rank (``roll`` in [0, 1) picks
    among ``TRAINING_BY_SALARY_GROUP``), never below what their position requires."""
    key = "HD" if category == "HD" else salary_group.split(".")[0] or "A1"
    level = ""
    for code, share in TRAINING_BY_SALARY_GROUP.get(key, TRAINING_BY_SALARY_GROUP["A1"]):
        if roll < share:
            level = code
            break
    if required and (not level or TRAINING_LEVELS.index(level) < TRAINING_LEVELS.index(required)):
        level = required
    return level


def fields_of(text: str) -> list[str]:
    """The fields of training a requirement lists ("Luật, quản lý nhà nước hoặc ngành phù hợp"
    → ["Luật", "Quản lý nhà nước"]), without "ngành phù hợp", licences or "không yêu cầu"."""
    found = []
    if text.casefold().startswith("phù hợp"):
        return found
    for part in text.replace(";", ",").replace(" hoặc ", ",").split(","):
        part = part.strip()
        low = part.casefold()
        if not part or low.startswith(
            ("phù hợp", "ngành", "giấy", "không yêu cầu", "ưu tiên", "chứng chỉ", "lĩnh vực")
        ):
            continue
        found.append(part[0].upper() + part[1:])
    return found


def _seniority(person: StaffSpec) -> Decimal | None:
    """Phụ cấp thâm niên vượt khung: 5 % after the top step of the ladder, 1 % more a year."""
    _first, _increment, steps, per_step = LADDERS[person.ladder]
    if person.salary_step < steps:
        return None
    service = ((person.exit_date or DEMO_REFERENCE_DATE) - person.recruitment_date).days / 365.25
    return Decimal(5 + max(0, int(service) - steps * per_step))


def train_and_pay(catalogues: Catalogues, orgs: list[OrgSpec], *, seed: int) -> Catalogues:
    """``catalogues`` with each person's training level and field and the allowances of their
    salary, and one person of org A (``case_e``) trained below their position's requirement."""
    rng = random.Random(f"{seed}-training")
    ministry = {o.code for o in orgs if o.kind == "BO"}
    ministry |= {o.code for o in orgs if o.parent_code in ministry}
    position_of = {(p.org_code, p.code): p for p in catalogues.positions}
    primary = {  # everyone's primary position (a leaver's: the one they left)
        a.employee_code: position_of[(a.org_code, a.position_code)]
        for a in catalogues.assignments
        if a.kind == "primary"
    }
    case_e = _case_e_person(catalogues.people, primary, orgs)
    people = []
    for person in catalogues.people:
        position = primary[person.employee_code]
        level = pick_level(
            rng.random(),
            salary_group=person.ladder,
            category=person.category,
            required=position.required_training_level,
        )
        fields = fields_of(position.required_training_field) or ([] if person.category == "HD" else GENERIC_FIELDS)
        field = rng.choice(fields) if fields and level else ""
        if person.employee_code == case_e:
            level = TRAINING_LEVELS[TRAINING_LEVELS.index(position.required_training_level) - 1]
        people.append(
            replace(
                person,
                training_level=level,
                training_field=field,
                leadership_allowance=_leadership(position, person, ministry),
                other_allowance=Decimal("0.30") if person.heavy_work else None,  # phụ cấp độc hại
                seniority_percent=_seniority(person),
                allowance_percent=PUBLIC_SERVICE_PERCENT if person.category in ("CC", "CB") else None,
            )
        )
    return replace(catalogues, people=people)


def _leadership(position: PositionSpec, person: StaffSpec, ministry: set[str]) -> Decimal | None:
    if position.role != "lead" or person.status != "DLV":
        return None
    key = position.framework or (position.custom.name if position.custom else "")
    allowance = LEADERSHIP_ALLOWANCES.get(key)
    if allowance is None or position.org_code not in ministry:
        return allowance
    if key in ("LDQL-01", "LDQL-02"):
        return None  # a minister and deputy ministers are paid a position salary, no allowance
    return allowance + Decimal("0.40")  # vụ, cục of a ministry


def _case_e_person(people: list[StaffSpec], primary: dict[str, PositionSpec], orgs: list[OrgSpec]) -> str:
    """Org A's first working civil servant or public employee (by employee code) of a
    professional position that requires đại học, with no other case or near-case."""
    in_a = _subtree(orgs, DEMO_ORG_A_CODE)
    for person in sorted(people, key=lambda p: p.employee_code):
        position = primary[person.employee_code]
        if (
            person.org_code in in_a
            and person.status == "DLV"
            and person.category in ("CC", "VC")
            and position.role == "work"
            and position.required_training_level == "DH"
            and _uneventful(person)
        ):
            return person.employee_code
    raise ValueError("org A has no one for case e")


def _uneventful(person: StaffSpec) -> bool:
    """Nothing near a case: never rated "không hoàn thành", under 20 sick days a year, not
    redundant, not deferred, insured years known."""
    return (
        not person.redundant
        and not person.deferral
        and person.insurance_years is not None
        and all(rating != "KHTNV" and sick < 20 for _year, rating, sick in person.records)
    )


# --------------------------------------------------------------------------- the candidates of orgs A and B


def _subtree(orgs: list[OrgSpec], root: str) -> set[str]:
    codes = {root}
    for org in orgs:  # parents come before their children
        if org.parent_code in codes:
            codes.add(org.code)
    return codes


def _older(person: StaffSpec, *, retires: tuple[int, int]) -> StaffSpec:
    """``person`` born earlier, so as to retire in (year, month); the birth year digits of their
    personal ID follow."""
    born = _born_to_retire_in(person.sex, *retires, person.date_of_birth.day)
    pid = person.personal_id
    if pid:
        pid = f"{pid[:3]}{(0 if born.year < 2000 else 2) + (person.sex == 'F')}{born.year % 100:02d}{pid[6:]}"
    return replace(person, date_of_birth=born, personal_id=pid)


def _born_to_retire_in(sex: str, year: int, month: int, day: int) -> date:
    """The date of birth (on ``day``) of the earliest retirement date (Decree 135) in ``month`` of
    ``year`` or after it: while the age rises, some months are nobody's retirement month."""
    target = date(year, month, 1)
    births = (date(y, m, min(day, 28)) for y in range(year - 63, year - 54) for m in range(1, 13))
    return min(
        (born for born in births if retirement_date(ND135_2020, sex, born) >= target),
        key=lambda born: retirement_date(ND135_2020, sex, born),
    )


def _pool(people: list[StaffSpec], orgs: list[OrgSpec], root: str) -> list[StaffSpec]:
    """The working civil servants and public employees of ``root``'s subtree the catalogue will
    not make leaders (the 5 best paid of each unit are left out), recruited before mid-2024 (with
    ratings for 2024 and 2025), by employee code."""
    codes = _subtree(orgs, root)
    working = [p for p in people if p.org_code in codes and p.status == "DLV"]
    best_paid: set[str] = set()
    for code in codes:  # the order in which the catalogue gives leadership posts
        unit = sorted(
            (p for p in working if p.org_code == code),
            key=lambda p: (-SALARY_ORDER.index(p.ladder), -p.salary_coefficient, p.employee_code),
        )
        best_paid |= {p.employee_code for p in unit[:5]}
    return sorted(
        (
            p
            for p in working
            if p.category in ("CC", "VC")
            and p.employee_code not in best_paid
            and p.recruitment_date < date(2024, 1, 1)
            and not p.birth_year_only
            and not p.deferral
            and not p.redundant
        ),
        key=lambda p: p.employee_code,
    )


def _with_record(person: StaffSpec, year: int, *, rating: str | None = None, sick: int | None = None) -> StaffSpec:
    records = []
    for y, r, s in person.records:
        if y == year:
            r = rating if rating is not None else r
            s = sick if sick is not None else s
        records.append((y, r, s))
    return replace(person, records=records)


def _plain(person: StaffSpec) -> StaffSpec:
    """No case of their own: the last two years rated "hoàn thành nhiệm vụ", few sick days."""
    records = [(y, "HTNV" if y >= DEMO_REVIEW_YEAR - 1 else r, min(s, 5)) for y, r, s in person.records]
    return replace(person, records=records, redundant=False, deferral="")


_PREVIOUS = DEMO_REVIEW_YEAR - 1  # case g and h look at the review year and the year before


def _candidates_of_a(pool: list[StaffSpec]) -> dict[str, StaffSpec]:
    """The people of org A and what makes each a candidate (or, for two, one short of it), each
    the first of the pool (by employee code) who fits, the most demanding first."""
    changed: dict[str, StaffSpec] = {}

    def take(test, change):
        person = next(p for p in pool if p.employee_code not in changed and test(p))
        changed[person.employee_code] = change(_plain(person))

    # Case h exactly at the maximum: 50 sick days in heavy work with 15 to < 30 insured years.
    take(
        lambda p: 15 <= p.insurance_years < 30 and p.date_of_birth.year >= 1975,
        lambda p: _with_record(replace(p, heavy_work=True), _PREVIOUS, sick=50),
    )
    # Two people about three years before retirement with ≥ 15 insured years: early retirement
    # (case g, case a); one as near with 8 to 14: resignation, too few insured years to retire early.
    take(
        lambda p: p.insurance_years >= 16,
        lambda p: _with_record(_older(p, retires=(2030, 3)), _PREVIOUS, rating="KHTNV"),
    )
    take(lambda p: p.insurance_years >= 16, lambda p: replace(_older(p, retires=(2030, 1)), redundant=True))
    # Case h: 45 sick days with 18 insured years (maximum 40).
    take(
        lambda p: p.insurance_years >= 18,
        lambda p: _with_record(replace(p, insurance_years=Decimal("18.0")), _PREVIOUS, sick=45),
    )
    take(
        lambda p: 8 <= p.insurance_years < 14,
        lambda p: _with_record(_older(p, retires=(2029, 11)), _PREVIOUS, rating="KHTNV"),
    )
    # Case g with under 15 insured years, far from retirement: immediate resignation.
    take(lambda p: p.insurance_years < 12, lambda p: _with_record(p, _PREVIOUS, rating="KHTNV"))
    # 29 sick days with 12 insured years, one below the maximum of 30: not a case.
    take(
        lambda p: p.insurance_years >= 12,
        lambda p: _with_record(replace(p, insurance_years=Decimal("12.0")), _PREVIOUS, sick=29),
    )
    # Rated "không hoàn thành" two years before the review only: not a case.
    take(lambda p: True, lambda p: _with_record(p, DEMO_REVIEW_YEAR - 2, rating="KHTNV"))
    # Missing data: 50 sick days and no insured years recorded — case h cannot be decided.
    take(lambda p: True, lambda p: _with_record(replace(p, insurance_years=None), _PREVIOUS, sick=50))
    # Deferred: a young mother rated "không hoàn thành", and someone redundant under discipline.
    take(
        lambda p: p.sex == "F" and p.date_of_birth.year >= 1988,
        lambda p: _with_record(replace(p, deferral="TS"), _PREVIOUS, rating="KHTNV"),
    )
    take(lambda p: True, lambda p: replace(p, deferral="KL", redundant=True))
    return changed


def _candidates_of_b(pool: list[StaffSpec]) -> dict[str, StaffSpec]:
    """Two of org B, for scope tests: one rated "không hoàn thành", one redundant."""
    first, second = pool[0], pool[1]
    return {
        first.employee_code: _with_record(_plain(first), _PREVIOUS, rating="KHTNV"),
        second.employee_code: replace(_plain(second), redundant=True),
    }


def _marked(people: list[StaffSpec], orgs: list[OrgSpec]) -> dict[str, StaffSpec]:
    return {
        **_candidates_of_a(_pool(people, orgs, DEMO_ORG_A_CODE)),
        **_candidates_of_b(_pool(people, orgs, DEMO_ORG_B_CODE)),
    }


def mark_candidates(people: list[StaffSpec], orgs: list[OrgSpec]) -> list[StaffSpec]:
    """``people`` with the streamlining cases of orgs A and B (see the module docstring)."""
    marked = _marked(people, orgs)
    return [marked.get(p.employee_code, p) for p in people]
