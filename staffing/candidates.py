"""Streamlining candidates (docs/rules.md §8), pure: the rule set's parameters and one person's
data in, the cases with a plain-Vietnamese reason each, what cannot be decided, the retirement
date, the months early and the estimated benefit (``staffing.benefits``) out. No ORM, no request:
``staffing.reports.candidates`` reads the people and the rule set and calls ``assess`` and
``tally``.

The cases of Decree 154/2025 Art. 2.1 (letters a b c d đ e g h, ``CASE_ORDER``):

- computed from the data: **a** the redundancy flag; **e** the person's training level below the
  level the primary position requires (``positions.rules.training_level_below``; not decided when
  the position requires a level and the person's is unknown); **g** rated Không hoàn thành nhiệm vụ
  in one of the review years (year − 1 and year; year − 2 does not count); **h** sick days in one of
  the review years ≥ the maximum for the person's insured years and heavy-work flag (not decided
  without insured years, unless the days are below every maximum or at least the highest one);
- decided per person by HR with a note: **b c d đ** (``Decision``), shown as decided.

A person with at least one case is on the list; a deferral (TS, KL) keeps them on it, marked and
left out of the totals; an exclusion (with its reason) takes them off it, kept and shown; the
cases that cannot be decided, and the salary or insurance data a benefit needs, go to the
"cần bổ sung dữ liệu" section (``Candidate.missing``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from positions.models import TrainingLevel
from positions.rules import training_level_below
from staffing import benefits, retirement
from staffing.benefits import Benefit, BenefitRegime, MonthlySalary, number_text
from staffing.models import DECIDED_CASES, Deferral, StreamliningCase

CASE_ORDER = ("a", "b", "c", "d", "đ", "e", "g", "h")  # "đ" is U+0111
COMPUTED_CASES = ("a", "e", "g", "h")
NOT_DONE = "KHTNV"  # staffing.models.Rating.NOT_DONE

# Why a person shows on a list (``Candidate.status``)
CANDIDATE = "candidate"  # on the list, counted
DEFERRED = "deferred"  # on the list, marked, not counted
EXCLUDED = "excluded"  # taken off by HR with a reason, shown apart
MISSING_DATA = "missing_data"  # no case, but one that cannot be decided ("cần bổ sung dữ liệu")


# --------------------------------------------------------------------------- the rule set


@dataclass(frozen=True)
class SickLeaveMaximum:
    """One row of the sick-leave table: for insured years in [``insurance_years_min``,
    ``insurance_years_below``) (no upper bound when None) and the heavy-work flag, the maximum
    number of days (Social Insurance Law 41/2024/QH15: 30/40/60, heavy work 40/50/70)."""

    insurance_years_min: Decimal
    insurance_years_below: Decimal | None
    heavy_work: bool
    max_days: int

    def applies(self, insurance_years: Decimal, heavy_work: bool) -> bool:
        return (
            self.heavy_work == heavy_work
            and insurance_years >= self.insurance_years_min
            and (self.insurance_years_below is None or insurance_years < self.insurance_years_below)
        )


@dataclass(frozen=True)
class StreamliningRules:
    """A streamlining rule set as data (``staffing.rulesets.streamlining_rule_set``): its code
    (the legal document's, "ND154-2025"), the review years it covers, the review window (the
    year and ``years_before`` years before it), the sick-leave table with its legal basis, and the
    benefit regime its lists are costed with."""

    code: str
    period_from: int  # the first review year
    period_to: int  # the last review year
    regime: BenefitRegime
    sick_leave: tuple[SickLeaveMaximum, ...]
    years_before: int = 1
    number: str = ""  # "154/2025/NĐ-CP"
    title: str = ""
    issuer: str = ""
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    verified: bool = True  # False: the case lettering đ–h is not confirmed against the gazette
    sick_leave_basis: str = ""  # the legal code of the sick-leave table ("LUAT41-2024")
    sick_leave_basis_number: str = ""  # "41/2024/QH15"
    sick_leave_verified: bool = True
    note: str = ""

    @property
    def period(self) -> str:
        return f"{self.period_from}–{self.period_to}"

    def covers(self, year: int) -> bool:
        return self.period_from <= year <= self.period_to

    def review_years(self, year: int) -> tuple[int, ...]:
        """The years whose ratings and sick days count, oldest first: (year − 1, year)."""
        return tuple(range(year - self.years_before, year + 1))

    def sick_leave_max(self, *, insurance_years: Decimal, heavy_work: bool) -> int | None:
        """The maximum days for these insured years and flag; None when no row applies."""
        for row in self.sick_leave:
            if row.applies(Decimal(insurance_years), heavy_work):
                return row.max_days
        return None

    def sick_leave_bounds(self, *, heavy_work: bool) -> tuple[int, int] | None:
        """The lowest and highest maximum with this flag, whatever the insured years."""
        days = [row.max_days for row in self.sick_leave if row.heavy_work == heavy_work]
        return (min(days), max(days)) if days else None


# --------------------------------------------------------------------------- a person


@dataclass(frozen=True)
class YearRecord:
    year: int
    rating: str = ""  # staffing.models.Rating code, "" when not rated
    sick_days: int | None = None


@dataclass(frozen=True)
class Decision:
    """HR's decision that the person falls under case b, c, d or đ (``StreamliningDecision``)."""

    case: str
    note: str
    decided_by: str  # the user's name as shown
    decided_at: dt.datetime | None = None


@dataclass(frozen=True)
class Exclusion:
    """HR took the person off the year's list (``StreamliningExclusion``)."""

    reason: str
    excluded_by: str
    excluded_at: dt.datetime | None = None


@dataclass(frozen=True)
class Person:
    """What the computation needs of one working person (the report fills it from the database).
    ``unit_code``/``unit_name``: the unit the totals group by (the list's organisation's direct
    child holding the person, or the organisation itself)."""

    employee_code: str
    full_name: str
    date_of_birth: dt.date
    sex: str  # "M" | "F"
    birth_year_only: bool = False
    category: str = ""  # CB, CC, VC, VCTC, HD
    org_code: str = ""
    org_name: str = ""
    unit_code: str = ""
    unit_name: str = ""
    position_code: str = ""  # the current primary position ("" when none)
    position_name: str = ""
    required_training_level: str = ""  # positions.models.TrainingLevel code, "" when none
    required_training_field: str = ""
    training_level: str = ""
    training_field: str = ""
    rank_code: str = ""
    rank_name: str = ""
    salary_step: int | None = None
    salary_coefficient: Decimal | None = None
    leadership_allowance: Decimal | None = None
    other_allowance: Decimal | None = None
    seniority_percent: Decimal | None = None
    allowance_percent: Decimal | None = None
    insurance_years: Decimal | None = None
    heavy_work: bool = False
    redundant: bool = False
    deferral: str = ""  # staffing.models.Deferral code: "TS", "KL" or ""
    records: tuple[YearRecord, ...] = ()  # the review years' records (others are ignored)
    decisions: tuple[Decision, ...] = ()  # the review year's decisions
    exclusion: Exclusion | None = None  # the review year's exclusion
    staff_id: int | None = None

    def record(self, year: int) -> YearRecord | None:
        for r in self.records:
            if r.year == year:
                return r
        return None

    def salary_inputs(self) -> dict:
        return {
            "coefficient": self.salary_coefficient,
            "leadership_allowance": self.leadership_allowance,
            "other_allowance": self.other_allowance,
            "seniority_percent": self.seniority_percent,
            "allowance_percent": self.allowance_percent,
        }


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    """One case of one person: the letter, the reason (a Vietnamese sentence built from the data)
    and the data behind it (``data``, JSON-able: the ratings, sick days and maximum, levels,
    insured years used); a decided case carries the HR decision."""

    case: str
    reason: str
    data: Mapping = field(default_factory=dict)
    decision: Decision | None = None

    @property
    def decided(self) -> bool:
        return self.decision is not None

    @property
    def label(self) -> str:
        return str(StreamliningCase(self.case).label)

    def snapshot(self) -> dict:
        row = {"case": self.case, "reason": self.reason, "decided": self.decided, "data": dict(self.data)}
        if self.decision is not None:
            row.update(
                note=self.decision.note,
                decided_by=self.decision.decided_by,
                decided_at=_iso(self.decision.decided_at),
            )
        return row


@dataclass(frozen=True)
class Missing:
    """Data the computation lacks: ``case`` it blocks ("h", "e"; "" for the benefit), the Staff
    ``field`` to fill in ("insurance_years", "training_level", "salary_coefficient") and a
    Vietnamese ``message`` that says what is missing and why it matters."""

    case: str
    field: str
    message: str

    def snapshot(self) -> dict:
        return {"case": self.case, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class Candidate:
    """One person as a list shows them: cases, reasons, what is missing, retirement, benefit.

    ``retirement_date`` is the date the months early count to: the normal retirement date, or with
    the heavy-work flag the earliest one (Decree 154 counts early retirement from the lower age);
    ``normal_retirement_date`` is always the normal one. ``benefit`` is None when the salary or the
    insured years are missing (``benefit_missing`` says which)."""

    person: Person
    findings: tuple[Finding, ...]
    missing: tuple[Missing, ...]
    retirement_date: dt.date
    normal_retirement_date: dt.date
    retirement_age: str  # "61y9m"
    months_early: int
    salary: MonthlySalary
    benefit: Benefit | None
    benefit_missing: str = ""

    @property
    def employee_code(self) -> str:
        return self.person.employee_code

    @property
    def cases(self) -> tuple[str, ...]:
        return tuple(f.case for f in self.findings)

    @property
    def reasons(self) -> list[str]:
        """One sentence per case, in case order."""
        return [f.reason for f in self.findings]

    @property
    def excluded(self) -> bool:
        return self.person.exclusion is not None

    @property
    def on_list(self) -> bool:
        """At least one case and not excluded (deferred people are on the list, marked)."""
        return bool(self.findings) and not self.excluded

    @property
    def deferred(self) -> bool:
        return bool(self.person.deferral)

    @property
    def counted(self) -> bool:
        """In the totals: on the list and not deferred."""
        return self.on_list and not self.deferred

    @property
    def status(self) -> str:
        if self.excluded:
            return EXCLUDED
        if not self.findings:
            return MISSING_DATA
        return DEFERRED if self.deferred else CANDIDATE

    @property
    def deferral_reason(self) -> str:
        if not self.person.deferral:
            return ""
        return _("Hoãn xét tinh giản: %(deferral)s") % {"deferral": _deferral_label(self.person.deferral)}

    @property
    def monthly_salary(self) -> int | None:
        return self.salary.amount

    def as_json(self) -> dict:
        """One ``candidates`` row of the ``streamlining_candidates`` command (docs/commands.md):
        exactly its keys, plus ``benefit_missing`` only when ``benefit`` is null."""
        row = {
            "employee_code": self.person.employee_code,
            "cases": list(self.cases),
            "deferred": self.deferred,
            "reasons": self.reasons,
            "retirement_date": self.retirement_date.isoformat(),
            "months_early": self.months_early,
            "monthly_salary": self.salary.amount,
            "benefit": self.benefit.as_json() if self.benefit is not None else None,
        }
        if self.benefit is None:
            row["benefit_missing"] = self.benefit_missing
        return row

    def snapshot(self) -> dict:
        """The frozen row of a saved list (docs/architecture.md, "snapshot JSON"): every column of
        the official list and the data behind each reason and amount."""
        p = self.person
        return {
            "employee_code": p.employee_code,
            "full_name": p.full_name,
            "date_of_birth": str(p.date_of_birth.year) if p.birth_year_only else p.date_of_birth.isoformat(),
            "birth_year_only": p.birth_year_only,
            "sex": p.sex,
            "category": p.category,
            "organization": {"code": p.org_code, "name": p.org_name},
            "unit": {"code": p.unit_code, "name": p.unit_name},
            "position": {
                "code": p.position_code,
                "name": p.position_name,
                "required_training_level": p.required_training_level,
                "required_training_field": p.required_training_field,
            }
            if p.position_code
            else None,
            "training_level": p.training_level,
            "training_field": p.training_field,
            "rank": {"code": p.rank_code, "name": p.rank_name} if p.rank_code else None,
            "salary_step": p.salary_step,
            "salary": self.salary.as_json(),
            "insurance_years": benefits.decimal_text(p.insurance_years),
            "heavy_work": p.heavy_work,
            "redundant": p.redundant,
            "records": [{"year": r.year, "rating": r.rating, "sick_days": r.sick_days} for r in p.records],
            "status": self.status,
            "cases": list(self.cases),
            "reasons": self.reasons,
            "findings": [f.snapshot() for f in self.findings],
            "missing": [m.snapshot() for m in self.missing],
            "deferral": p.deferral,
            "deferral_reason": self.deferral_reason,
            "exclusion": {
                "reason": p.exclusion.reason,
                "excluded_by": p.exclusion.excluded_by,
                "excluded_at": _iso(p.exclusion.excluded_at),
            }
            if p.exclusion is not None
            else None,
            "retirement_date": self.retirement_date.isoformat(),
            "normal_retirement_date": self.normal_retirement_date.isoformat(),
            "retirement_age": self.retirement_age,
            "months_early": self.months_early,
            "monthly_salary": self.salary.amount,
            "benefit": self.benefit.snapshot() if self.benefit is not None else None,
            "benefit_missing": self.benefit_missing,
        }


# --------------------------------------------------------------------------- the cases


def find_cases(
    *, person: Person, rules: StreamliningRules, year: int
) -> tuple[tuple[Finding, ...], tuple[Missing, ...]]:
    """The person's cases for the review ``year`` (in ``CASE_ORDER``) and the cases that cannot
    be decided for lack of data."""
    findings: dict[str, Finding] = {}
    missing: list[Missing] = []
    years = rules.review_years(year)
    if person.redundant:
        findings["a"] = Finding("a", _("Dôi dư do sắp xếp tổ chức bộ máy"), {"redundant": True})
    for decision in person.decisions:
        if decision.case in DECIDED_CASES and decision.case not in findings:
            findings[decision.case] = Finding(decision.case, _decided_reason(decision), {}, decision)
    _case_e(person, findings, missing)
    not_done = [y for y in years if (r := person.record(y)) is not None and r.rating == NOT_DONE]
    if not_done:
        findings["g"] = Finding(
            "g",
            _("Xếp loại Không hoàn thành nhiệm vụ %(years)s") % {"years": _years_phrase(not_done)},
            {"years": not_done, "rating": NOT_DONE},
        )
    _case_h(person, rules, years, findings, missing)
    ordered = tuple(findings[c] for c in CASE_ORDER if c in findings)
    return ordered, tuple(missing)


def _decided_reason(decision: Decision) -> str:
    who = decision.decided_by or _("không rõ người ghi")
    moment = decision.decided_at
    if moment is not None and timezone.is_aware(moment):
        moment = timezone.localtime(moment)  # the day as people there saw it
    when = moment.strftime("%d/%m/%Y") if moment is not None else ""
    recorded = _("%(who)s ghi ngày %(date)s") % {"who": who, "date": when} if when else _("%(who)s ghi") % {"who": who}
    return _("%(case)s: %(note)s (%(recorded)s)") % {
        "case": StreamliningCase(decision.case).label,
        "note": decision.note,
        "recorded": recorded,
    }


def _case_e(person: Person, findings: dict[str, Finding], missing: list[Missing]) -> None:
    required = person.required_training_level
    if not required:
        return  # no primary position, or a position without a required level: not a case
    position = person.position_name or person.position_code
    below = training_level_below(person.training_level, required)
    if below is None:
        if not person.training_level:
            missing.append(
                Missing(
                    "e",
                    "training_level",
                    _("Vị trí %(position)s yêu cầu trình độ %(required)s: thiếu trình độ đào tạo để xét trường hợp (e)")
                    % {"position": position, "required": _level_label(required)},
                )
            )
        return
    if below:
        findings["e"] = Finding(
            "e",
            _("Trình độ %(level)s thấp hơn yêu cầu %(required)s của vị trí %(position)s")
            % {"level": _level_label(person.training_level), "required": _level_label(required), "position": position},
            {
                "training_level": person.training_level,
                "required_training_level": required,
                "position_code": person.position_code,
                "position_name": person.position_name,
            },
        )


def _case_h(
    person: Person, rules: StreamliningRules, years: tuple[int, ...], findings: dict[str, Finding], missing: list
) -> None:
    sick = [(y, r.sick_days) for y in years if (r := person.record(y)) is not None and r.sick_days]
    if not sick:
        return
    heavy = person.heavy_work
    if person.insurance_years is not None:
        insured = Decimal(person.insurance_years)
        maximum = rules.sick_leave_max(insurance_years=insured, heavy_work=heavy)
        if maximum is None:
            return
        over = [(y, d) for y, d in sick if d >= maximum]
        if over:
            findings["h"] = _finding_h(rules, over, maximum, insured, heavy)
        return
    bounds = rules.sick_leave_bounds(heavy_work=heavy)
    if bounds is None:
        return
    lowest, highest = bounds
    over = [(y, d) for y, d in sick if d >= highest]
    if over:  # at least the highest maximum: a case whatever the insured years
        findings["h"] = _finding_h(rules, over, highest, None, heavy)
        return
    undecided = [(y, d) for y, d in sick if d >= lowest]
    if undecided:
        missing.append(
            Missing(
                "h",
                "insurance_years",
                "; ".join(
                    _("Nghỉ ốm %(days)s ngày năm %(year)s: thiếu số năm đóng BHXH để xét trường hợp (h)")
                    % {"days": d, "year": y}
                    for y, d in undecided
                ),
            )
        )


def _finding_h(
    rules: StreamliningRules, over: list[tuple[int, int]], maximum: int, insured: Decimal | None, heavy: bool
) -> Finding:
    """Case h: one sentence per review year at or over the maximum."""
    sentences = []
    for year, days in over:
        values = {"days": days, "year": year, "max": maximum}
        if insured is None and heavy:
            text = _(
                "Nghỉ ốm %(days)s ngày năm %(year)s, từ mức tối đa cao nhất %(max)s ngày trở lên"
                " (nghề nặng nhọc, độc hại)"
            )
        elif insured is None:
            text = _("Nghỉ ốm %(days)s ngày năm %(year)s, từ mức tối đa cao nhất %(max)s ngày trở lên")
        else:
            values["insured"] = number_text(insured)
            if heavy:
                text = _(
                    "Nghỉ ốm %(days)s ngày năm %(year)s, mức tối đa %(max)s ngày với %(insured)s năm đóng BHXH"
                    " (nghề nặng nhọc, độc hại)"
                )
            else:
                text = _("Nghỉ ốm %(days)s ngày năm %(year)s, mức tối đa %(max)s ngày với %(insured)s năm đóng BHXH")
        sentences.append(text % values)
    return Finding(
        "h",
        "; ".join(sentences),
        {
            "years": [{"year": y, "sick_days": d} for y, d in over],
            "max_days": maximum,
            "insurance_years": benefits.decimal_text(insured),
            "heavy_work": heavy,
            "basis": rules.sick_leave_basis,
        },
    )


def assess(
    *,
    person: Person,
    rules: StreamliningRules,
    year: int,
    as_of: dt.date,
    base_salary: int,
    schedule: retirement.RetirementSchedule,
    after_first_year: bool = False,
) -> Candidate:
    """Everything a list shows of one person for the review ``year``, as of ``as_of`` (the person
    leaves at the end of that month), with the base salary in force and the retirement schedule.
    The benefit uses ``rules.regime``."""
    findings, found_missing = find_cases(person=person, rules=rules, year=year)
    missing = list(found_missing)
    normal = retirement.retirement(schedule, person.sex, person.date_of_birth, year_only=person.birth_year_only)
    reference = normal.date
    if person.heavy_work:
        reference = retirement.earliest_retirement_date(
            schedule, person.sex, person.date_of_birth, heavy_work=True, year_only=person.birth_year_only
        )
    early = benefits.months_early(as_of=as_of, retirement_date=reference)
    salary = benefits.monthly_salary(base_salary=base_salary, **person.salary_inputs())
    lacking = []
    if salary.amount is None:
        lacking.append(("salary_coefficient", _("hệ số lương")))
    if person.insurance_years is None:
        lacking.append(("insurance_years", _("số năm đóng BHXH")))
    benefit = None
    benefit_missing = ""
    if lacking:
        benefit_missing = _("Chưa tính được chế độ: thiếu %(fields)s") % {
            "fields": ", ".join(label for _f, label in lacking)
        }
        if findings and person.exclusion is None:
            known = {m.field for m in missing}
            missing.extend(
                Missing("", name, _("Thiếu %(field)s để tính chế độ, chính sách") % {"field": label})
                for name, label in lacking
                if name not in known
            )
    else:
        benefit = benefits.estimate(
            regime=rules.regime,
            monthly_salary=salary.amount,
            months_early=early,
            insurance_years=Decimal(person.insurance_years),
            after_first_year=after_first_year,
        )
    return Candidate(
        person=person,
        findings=findings,
        missing=tuple(missing),
        retirement_date=reference,
        normal_retirement_date=normal.date,
        retirement_age=normal.age_label,
        months_early=early,
        salary=salary,
        benefit=benefit,
        benefit_missing=benefit_missing,
    )


# --------------------------------------------------------------------------- totals


@dataclass(frozen=True)
class CaseTotal:
    """People counted under one case and the sum of their totals (a person with two cases counts
    under both, so these rows overlap)."""

    case: str
    people: int
    benefit: int

    @property
    def label(self) -> str:
        return str(StreamliningCase(self.case).label)


@dataclass(frozen=True)
class UnitTotal:
    """The list's people per unit (the organisation's direct children, and the organisation)."""

    code: str
    name: str
    people: int  # counted
    deferred: int
    benefit: int
    is_root: bool = False


@dataclass(frozen=True)
class Totals:
    """The totals of a list: counted candidates (on the list, not deferred), deferred, excluded,
    people with missing data; the benefit of the counted candidates (those without a benefit,
    ``without_benefit``, add nothing); per case (every letter, zeros included) and per unit."""

    candidates: int
    deferred: int
    excluded: int
    missing_data: int
    benefit: int
    without_benefit: int
    by_case: tuple[CaseTotal, ...]
    by_unit: tuple[UnitTotal, ...]

    def as_json(self) -> dict:
        """The command's ``totals``: ``{"candidates", "deferred", "benefit"}``."""
        return {"candidates": self.candidates, "deferred": self.deferred, "benefit": self.benefit}

    def snapshot(self) -> dict:
        return {
            "candidates": self.candidates,
            "deferred": self.deferred,
            "excluded": self.excluded,
            "missing_data": self.missing_data,
            "benefit": self.benefit,
            "without_benefit": self.without_benefit,
            "by_case": {t.case: {"people": t.people, "benefit": t.benefit} for t in self.by_case},
            "by_unit": [
                {
                    "code": u.code,
                    "name": u.name,
                    "people": u.people,
                    "deferred": u.deferred,
                    "benefit": u.benefit,
                    "is_root": u.is_root,
                }
                for u in self.by_unit
            ],
        }


def tally(candidates: Iterable[Candidate], *, root_code: str = "") -> Totals:
    """The totals of a list's people (every Candidate the report built: on the list, excluded,
    missing data); the units sorted with ``root_code`` first, then by code."""
    counted = deferred = excluded = missing = without = 0
    benefit_total = 0
    per_case: dict[str, list[int]] = {c: [0, 0] for c in CASE_ORDER}
    per_unit: dict[str, list] = {}
    for c in candidates:
        if c.missing:
            missing += 1
        if c.excluded:
            excluded += 1
            continue
        if not c.findings:
            continue
        p = c.person
        unit = per_unit.setdefault(p.unit_code, [p.unit_name, 0, 0, 0])
        if c.deferred:
            deferred += 1
            unit[2] += 1
            continue
        amount = c.benefit.total if c.benefit is not None else 0
        counted += 1
        benefit_total += amount
        without += c.benefit is None
        unit[1] += 1
        unit[3] += amount
        for case in c.cases:
            per_case[case][0] += 1
            per_case[case][1] += amount
    units = sorted(per_unit.items(), key=lambda item: (item[0] != root_code, item[0]))
    return Totals(
        candidates=counted,
        deferred=deferred,
        excluded=excluded,
        missing_data=missing,
        benefit=benefit_total,
        without_benefit=without,
        by_case=tuple(CaseTotal(case, n, amount) for case, (n, amount) in per_case.items()),
        by_unit=tuple(
            UnitTotal(code, name, people, held, amount, is_root=code == root_code)
            for code, (name, people, held, amount) in units
        ),
    )


# --------------------------------------------------------------------------- helpers


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _deferral_label(code: str) -> str:
    try:
        return str(Deferral(code).label)
    except ValueError:
        return code


def _level_label(code: str) -> str:
    try:
        return str(TrainingLevel(code).label)
    except ValueError:
        return code


def _years_phrase(years: list[int]) -> str:
    """ "năm 2025"; "các năm 2024, 2025"."""
    if len(years) == 1:
        return _("năm %(year)s") % {"year": years[0]}
    return _("các năm %(years)s") % {"years": ", ".join(str(y) for y in years)}
