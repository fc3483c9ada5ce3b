"""The plain values the demo builders produce and pass on: organisations, people, positions with
their descriptions, assignments and quotas, and the reference data they draw on. The builders
(``orgs``, ``people``, ``catalogue``, ``descriptions``, ``quotas``) make them without a database;
``database`` writes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

# --------------------------------------------------------------------------- reference data


@dataclass(frozen=True)
class RankRef:
    code: str
    field: str
    level: int
    salary_group: str
    low: Decimal | None
    high: Decimal | None


@dataclass(frozen=True)
class FrameworkRef:
    code: str
    name: str
    group: str
    subgroup: str
    min_rank: str | None
    max_rank: str | None
    sample: dict


# --------------------------------------------------------------------------- organisations and people


@dataclass(frozen=True)
class OrgSpec:
    code: str
    name: str
    kind: str
    parent_code: str | None
    admin_unit_code: str = ""
    short_name: str = ""
    valid_from: date | None = None
    profile: str = "admin"
    weight: int = 0  # relative number of staff; 0 = none


@dataclass
class StaffSpec:
    employee_code: str
    personal_id: str | None
    full_name: str
    date_of_birth: date
    birth_year_only: bool
    sex: str
    category: str
    org_code: str
    salary_step: int
    salary_coefficient: Decimal
    recruitment_date: date
    insurance_years: Decimal | None
    heavy_work: bool = False
    redundant: bool = False
    deferral: str = ""
    status: str = "DLV"
    exit_date: date | None = None
    records: list[tuple[int, str, int]] = field(default_factory=list)  # (year, rating, sick days)
    ladder: str = "A1"  # salary group of the coefficient (data.LADDERS)
    rank_code: str | None = None  # set from the person's position (catalogue)
    # set from the person's position and rank (streamlining.train_and_pay)
    training_level: str = ""
    training_field: str = ""
    leadership_allowance: Decimal | None = None
    other_allowance: Decimal | None = None
    seniority_percent: Decimal | None = None
    allowance_percent: Decimal | None = None


# --------------------------------------------------------------------------- catalogues


@dataclass(frozen=True)
class Custom:
    """A position of an organisation's own (not in the framework catalogue)."""

    name: str
    area: str  # what the job is about, as it reads inside a sentence
    training_field: str
    ranks: tuple[str | None, str | None] = ("01.003", "01.002")  # chuyên viên .. chuyên viên chính
    weight: int = 6  # share of the organisation's people
    kind: str = "manage"  # manage | practice | leader: which description template (data.CUSTOM_SAMPLES)
    group: str = "CMNV"
    subgroup: str = "CN"
    training_level: str = "Đại học trở lên"


@dataclass
class DescriptionSpec:
    version: int
    status: str
    content: dict  # fields (prose sanitised), "tasks": [(task, outputs, criteria)], "competencies": [(code, level)]
    created_by: str
    created_at: datetime
    updated_at: datetime
    lock_version: int = 0
    submitted_by: str | None = None
    submitted_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    return_comment: str = ""
    copied_from: str = ""


@dataclass
class PositionSpec:
    org_code: str
    name: str
    group: str
    subgroup: str
    min_rank: str | None
    max_rank: str | None
    framework: str | None
    role: str  # lead | work | support | pool
    eligible: frozenset[str]
    slots: int = 0  # lead: how many people; work/support/pool: 0
    weight: int = 1  # work/support/pool: share of the remaining people
    custom: Custom | None = None
    code: str = ""
    order: int = 0
    headcount: int = 1
    descriptions: list[DescriptionSpec] = field(default_factory=list)
    required_training_level: str = ""  # a code of positions.models.TrainingLevel, "" = none
    required_training_field: str = ""


@dataclass(frozen=True)
class AssignmentSpec:
    employee_code: str
    org_code: str
    position_code: str
    kind: str  # primary | concurrent
    fte: Decimal
    start_date: date
    end_date: date | None


@dataclass
class Catalogues:
    positions: list[PositionSpec]
    assignments: list[AssignmentSpec]
    people: list[StaffSpec]  # the staff specs with rank, step and coefficient from their position


# --------------------------------------------------------------------------- quotas


@dataclass(frozen=True)
class QuotaSpec:
    org_code: str
    year: int
    category: str
    assigned: int
    decision_number: str
    decision_date: date
    issuer: str
