"""The demo staff: realistic Vietnamese names, dates of birth that keep everyone working short of
their retirement date (Decree 135/2020, ``staffing.retirement``), recruitment, salary steps,
statuses and exits, and three years of ratings and sick days. Pure and deterministic.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from decimal import Decimal

from portal.text import nfc
from staffing.demo.constants import (
    DEMO_EMPLOYEE_PREFIX,
    DEMO_RECORD_YEARS,
    DEMO_REFERENCE_DATE,
    DEMO_SEED,
    DEMO_STAFF_COUNT,
)
from staffing.demo.data import FAMILY_NAMES, GIVEN_NAMES, LADDERS, MIDDLE_NAMES, PROFILES, RATINGS, SECOND_MIDDLE
from staffing.demo.specs import OrgSpec, StaffSpec
from staffing.retirement import ND135_2020, retirement_date


class NameGenerator:
    """Realistic Vietnamese full names (family, middle, given), NFC."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._families = list(FAMILY_NAMES)
        self._family_weights = list(FAMILY_NAMES.values())

    def full_name(self, sex: str, birth_year: int) -> str:
        rng = self.rng
        family = rng.choices(self._families, self._family_weights)[0]
        middles = MIDDLE_NAMES[sex]
        classic = "Văn" if sex == "M" else "Thị"
        # The classic Văn/Thị middle name is more common among older people.
        weights = [w * (1.6 if (m == classic and birth_year < 1980) else 1.0) for m, w in middles.items()]
        middle = rng.choices(list(middles), weights)[0]
        if sex == "F" and middle == "Thị" and rng.random() < 0.25:
            middle = f"Thị {rng.choice(SECOND_MIDDLE)}"
        given = rng.choice(GIVEN_NAMES[sex])
        return nfc(f"{family} {middle} {given}")


def allocate(weights: list[int], total: int) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder; sums exactly to total)."""
    whole = sum(weights)
    raw = [w * total / whole for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _birth_date(rng: random.Random, year: int) -> date:
    month = rng.randint(1, 12)
    return date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def _years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25


class _StaffBuilder:
    def __init__(self, seed: int):
        self.rng = random.Random(f"{seed}-staff")
        self.names = NameGenerator(self.rng)
        self.today = DEMO_REFERENCE_DATE

    def person(self, index: int, org: OrgSpec) -> StaffSpec:
        rng = self.rng
        mix, female_share = PROFILES[org.profile]
        category = rng.choices(list(mix), list(mix.values()))[0]
        sex = "F" if rng.random() < female_share else "M"
        roll = rng.random()
        status = "NH" if roll < 0.015 else "TV" if roll < 0.025 else "CCT" if roll < 0.03 else "DLV"
        year_only = rng.random() < 0.02 and status != "NH"
        dob = self._dob(sex, status)
        if year_only:
            dob = date(dob.year, 1, 1)
            if status == "DLV" and retirement_date(ND135_2020, sex, dob, year_only=True) <= self.today:
                year_only = False  # January would put them past retirement: keep the full date
                dob = self._dob(sex, status)
        recruited = self._recruitment(dob, category)
        exit_date = None
        if status == "NH":
            exit_date = retirement_date(ND135_2020, sex, dob, year_only=year_only)
            if exit_date <= recruited:
                status, exit_date = "DLV", None
        elif status in ("TV", "CCT"):
            earliest = max(recruited + timedelta(days=365), date(2023, 1, 1))
            if earliest >= self.today:
                status = "DLV"
            else:
                exit_date = _random_date(rng, earliest, self.today - timedelta(days=1))
        end = exit_date or self.today
        service = _years_between(recruited, end)
        prior = rng.uniform(0.5, 4.0) if rng.random() < 0.15 else 0.0
        insurance = Decimal(str(round(service + prior, 1)))
        step, coefficient, ladder = self._salary(category, org, service)
        heavy = rng.random() < (0.15 if org.profile == "self_funded" and "Bệnh viện" in org.name else 0.01)
        redundant = rng.random() < (0.05 if org.kind == "XA" else 0.005)
        deferral = ""
        age = _years_between(dob, self.today)
        if status == "DLV":
            if sex == "F" and age < 42 and rng.random() < 0.05:
                deferral = "TS"
            elif rng.random() < 0.004:
                deferral = "KL"
        return StaffSpec(
            employee_code=f"{DEMO_EMPLOYEE_PREFIX}{index:05d}",
            personal_id=self._personal_id(index, sex, dob),
            full_name=self.names.full_name(sex, dob.year),
            date_of_birth=dob,
            birth_year_only=year_only,
            sex=sex,
            category=category,
            org_code=org.code,
            salary_step=step,
            salary_coefficient=coefficient,
            recruitment_date=recruited,
            insurance_years=insurance,
            heavy_work=heavy,
            redundant=redundant,
            deferral=deferral,
            status=status,
            exit_date=exit_date,
            records=self._records(recruited, exit_date),
            ladder=ladder,
        )

    def _dob(self, sex: str, status: str) -> date:
        rng = self.rng
        if status == "NH":  # retired between 2023 and the reference date
            while True:
                dob = _birth_date(rng, rng.randint(1962, 1964 if sex == "M" else 1970))
                if date(2023, 1, 1) <= retirement_date(ND135_2020, sex, dob) < self.today:
                    return dob
        while True:
            dob = _birth_date(rng, 1962 + round(rng.triangular(0, 41, 20)))
            if retirement_date(ND135_2020, sex, dob) > self.today and dob.year <= 2003:
                return dob

    def _recruitment(self, dob: date, category: str) -> date:
        rng = self.rng
        low, high = {"HD": (19, 45), "CB": (24, 40)}.get(category, (22, 33))
        age = rng.uniform(low, high) if rng.random() < 0.9 else rng.uniform(low, high + 7)
        recruited = dob + timedelta(days=round(age * 365.25))
        try:
            adult = date(dob.year + 18, dob.month, dob.day)
        except ValueError:  # born on 29 February
            adult = date(dob.year + 18, 3, 1)
        earliest = adult + timedelta(days=1)
        latest = self.today - timedelta(days=30)
        if recruited > latest:
            recruited = _random_date(rng, min(earliest + timedelta(days=365 * 3), latest), latest)
        return max(recruited, earliest)

    def _salary(self, category: str, org: OrgSpec, service: float) -> tuple[int, Decimal, str]:
        rng = self.rng
        if category == "HD":
            rank, years = "B", service
        elif service >= 25 and org.kind in ("SO", "BO", "PHONG") and rng.random() < 0.08:
            rank, years = "A3.1", service - 20
        elif service >= 12 and rng.random() < 0.35:
            rank, years = "A2.1", service - 9
        elif rng.random() < 0.08:
            rank, years = "A0", service
        else:
            rank, years = "A1", service
        first, increment, steps, per_step = LADDERS[rank]
        step = max(1, min(steps, 1 + int(years // per_step)))
        return step, first + increment * (step - 1), rank

    def _records(self, recruited: date, exit_date: date | None) -> list[tuple[int, str, int]]:
        rng = self.rng
        records = []
        for year in DEMO_RECORD_YEARS:
            if recruited > date(year, 6, 30) or (exit_date and exit_date < date(year, 12, 31)):
                continue
            rating = rng.choices([r for r, _w in RATINGS], [w for _r, w in RATINGS])[0]
            roll = rng.random()
            if roll < 0.55:
                sick = 0
            elif roll < 0.96:
                sick = rng.randint(1, 10)
            elif roll < 0.99:
                sick = rng.randint(11, 29)
            else:
                sick = rng.randint(30, 75)
            records.append((year, rating, sick))
        return records

    def _personal_id(self, index: int, sex: str, dob: date) -> str | None:
        """12 digits: birth-province code, century/sex digit, year of birth, serial (unique per
        index since 7919 is coprime with 10**6)."""
        rng = self.rng
        if rng.random() < 0.04:
            return None  # not yet recorded
        province = "022" if rng.random() < 0.7 else rng.choice(["001", "019", "024", "030", "031", "034", "036"])
        century = (0 if dob.year < 2000 else 2) + (1 if sex == "F" else 0)
        serial = (index * 7919 + 104729) % 1_000_000
        return f"{province}{century}{dob.year % 100:02d}{serial:06d}"


def build_staff_specs(orgs: list[OrgSpec], *, total: int = DEMO_STAFF_COUNT, seed: int = DEMO_SEED) -> list[StaffSpec]:
    """``total`` people spread over the organisations in proportion to their weights."""
    staffed = [o for o in orgs if o.weight]
    builder = _StaffBuilder(seed)
    people: list[StaffSpec] = []
    for org, count in zip(staffed, allocate([o.weight for o in staffed], total), strict=True):
        for _ in range(count):
            people.append(builder.person(len(people) + 1, org))
    return people
