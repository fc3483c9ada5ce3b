"""The streamlining candidate list (docs/rules.md §8–9): the one read path behind the list page,
its snapshots, its XLSX export (``candidates_exports``) and the ``streamlining_candidates``
command.

``candidate_list(org=…, year=…, as_of=…)`` reads, whatever the size of the subtree: the
streamlining rule set for the year with its sick-leave table and benefit regime, the retirement
schedule and the base salary in force on the as-of date (``staffing.rulesets``), the working
staff of the subtree (``organization__path__startswith``) who may fall under a case or have a
decision or an exclusion for the year, their current primary positions, their records of the
review years, the year's decisions and exclusions and the organisation's direct children: a
constant number of queries. The cases, reasons and amounts are ``staffing.candidates``' and
``staffing.benefits``'.

The list (``CandidateList``) gives a page everything: ``candidates`` (on the list: counted and
deferred, by employee code), ``excluded``, ``missing_data`` (the "cần bổ sung dữ liệu" section),
``totals`` (per case, per unit, total cost), the rule set, regime, base salary and as-of date
used; ``as_json()`` is exactly the command's JSON (docs/commands.md), ``snapshot_data()`` and
``snapshot_totals()`` the frozen JSON of a saved list (``CandidateSnapshot.data`` / ``.totals``).

Snapshot JSON (``snapshot_data()``), schema 1::

    {"schema": 1,
     "organization": {"code", "name"},
     "year": 2026, "review_years": [2025, 2026], "as_of": "2026-07-15",
     "rule_set": {"code", "number", "title", "period": [2025, 2030], "verified",
                  "sick_leave_basis", "sick_leave_basis_number",
                  "sick_leave": [{"insurance_years_min": "0", "insurance_years_below": "15",
                                  "heavy_work": false, "max_days": 30}, …]},
     "benefit_regime": {"code", "number", "title", "formula", "amended_by", "verified",
                        "parameters": {"per_year_early": "5", …}, "unverified": ["…"]},
     "base_salary": {"amount": 2530000, "effective_from": "2026-07-01", "legal_code": "ND161-2026"},
     "retirement_rule_set": "ND135-2020",
     "empty_reason": "",            # why the list is empty (no ratings for the review years), or ""
     "unverified": ["…"],           # what the list rests on that is not confirmed (Vietnamese lines)
     "rows": [ROW, …]}              # everyone shown: on the list, excluded, missing data; by code

ROW (``staffing.candidates.Candidate.snapshot``)::

    {"employee_code", "full_name", "date_of_birth" (yyyy-mm-dd, or yyyy), "birth_year_only",
     "sex", "category",
     "organization": {"code", "name"}, "unit": {"code", "name"},
     "position": {"code", "name", "required_training_level", "required_training_field"} | null,
     "training_level", "training_field", "rank": {"code", "name"} | null, "salary_step",
     "salary": {"coefficient", "seniority_percent", "leadership_allowance", "other_allowance",
                "allowance_percent", "base_salary", "monthly_salary", "missing": [field, …]},
     "insurance_years" ("22.5" | null), "heavy_work", "redundant",
     "records": [{"year", "rating", "sick_days"}, …],          # the review years' records
     "status": "candidate" | "deferred" | "excluded" | "missing_data",
     "cases": ["g", "h"], "reasons": ["…", "…"],
     "findings": [{"case", "reason", "decided", "data": {…}
                   [, "note", "decided_by", "decided_at"]}, …],
     "missing": [{"case", "field", "message"}, …],
     "deferral": "TS" | "KL" | "", "deferral_reason",
     "exclusion": {"reason", "excluded_by", "excluded_at"} | null,
     "retirement_date", "normal_retirement_date", "retirement_age" ("61y9m"), "months_early",
     "monthly_salary" (int | null),
     "benefit": {"regime", "policy", "total", "items": {key: amount},
                 "lines": [{"key", "factor", "amount", "basis"}, …],
                 "monthly_salary", "months_early", "years_early", "insurance_years",
                 "insurance_years_counted", "after_first_year", "unverified": [key, …]} | null,
     "benefit_missing": ""}

Totals JSON (``snapshot_totals()``, ``staffing.candidates.Totals.snapshot``)::

    {"candidates", "deferred", "excluded", "missing_data", "benefit", "without_benefit",
     "by_case": {"a": {"people", "benefit"}, …every letter…},
     "by_unit": [{"code", "name", "people", "deferred", "benefit", "is_root"}, …]}

Decimals are strings ("4.65"), dates ISO, money integer VND. A JSON object's keys come back from
PostgreSQL (jsonb) in another order: read ``by_case`` in ``staffing.candidates.CASE_ORDER``, a
benefit's ``items`` in ``staffing.benefits.ITEM_ORDER`` (the lists keep their order).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Organization
from staffing import benefits, rules, rulesets
from staffing.benefits import BenefitRegime, decimal_text
from staffing.candidates import (
    NOT_DONE,
    Candidate,
    Decision,
    Exclusion,
    Person,
    StreamliningRules,
    Totals,
    YearRecord,
    assess,
    tally,
)
from staffing.models import (
    AnnualRecord,
    Assignment,
    AssignmentKind,
    Staff,
    StaffStatus,
    StreamliningDecision,
    StreamliningExclusion,
)
from staffing.rulesets import BaseSalaryInForce, RuleSetError

SNAPSHOT_SCHEMA = 1
YEAR_MIN, YEAR_MAX = rules.YEAR_MIN, rules.YEAR_MAX


class CandidateListError(RuleSetError):
    """The list cannot be computed (a year that is not a year, no rule set for it, no base salary
    or retirement rule in force): ``message`` (Vietnamese) names the value and what exists."""


def parse_year(value: str | int | None, *, label: str | None = None) -> int:
    """A review year typed by a user or an operator: 4 digits, YEAR_MIN–YEAR_MAX;
    CandidateListError otherwise (``label`` names the field in the message)."""
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4) or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise CandidateListError(
            _("%(field)s “%(value)s” không phải là một năm: hãy nhập 4 chữ số, từ %(min)s đến %(max)s.")
            % {"field": label or _("Năm xét"), "value": text[:40], "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return int(text)


@dataclass
class CandidateList:
    """A computed list (see the module's docstring)."""

    organization: Organization
    year: int
    as_of: dt.date
    rules: StreamliningRules
    base_salary: BaseSalaryInForce
    retirement_rule_set: str  # the legal code of the retirement schedule used ("ND135-2020")
    candidates: list[Candidate]  # on the list (counted and deferred), by employee code
    excluded: list[Candidate]  # taken off by HR, by employee code
    missing_data: list[Candidate]  # anyone shown with data to fill in (on the list or not), by code
    totals: Totals
    empty_reason: str = ""  # why the list is empty although people work there ("" otherwise)
    notices: list[str] = field(default_factory=list)  # other things the page should say

    @property
    def regime(self) -> BenefitRegime:
        return self.rules.regime

    @property
    def review_years(self) -> tuple[int, ...]:
        return self.rules.review_years(self.year)

    @property
    def counted(self) -> list[Candidate]:
        return [c for c in self.candidates if c.counted]

    @property
    def deferred(self) -> list[Candidate]:
        return [c for c in self.candidates if c.deferred]

    @property
    def rows(self) -> list[Candidate]:
        """Everyone shown (on the list, excluded, missing data only), once each, by code."""
        seen = {c.employee_code: c for c in (*self.candidates, *self.excluded, *self.missing_data)}
        return [seen[code] for code in sorted(seen)]

    def unverified(self) -> list[str]:
        """What the list rests on that is not confirmed against the legal text, as Vietnamese
        lines a page or a sheet shows with *(cần kiểm tra)*."""
        return unverified_lines(self.rules)

    def as_json(self) -> dict:
        """Exactly the ``streamlining_candidates`` JSON of docs/commands.md."""
        return {
            "organization": self.organization.code,
            "rule_set": self.rules.code,
            "year": self.year,
            "base_salary": self.base_salary.amount,
            "candidates": [c.as_json() for c in self.candidates],
            "totals": self.totals.as_json(),
        }

    def snapshot_data(self) -> dict:
        """The frozen list (``CandidateSnapshot.data``): see the module's docstring."""
        r, regime = self.rules, self.rules.regime
        return {
            "schema": SNAPSHOT_SCHEMA,
            "organization": {"code": self.organization.code, "name": self.organization.name},
            "year": self.year,
            "review_years": list(self.review_years),
            "as_of": self.as_of.isoformat(),
            "rule_set": {
                "code": r.code,
                "number": r.number,
                "title": r.title,
                "period": [r.period_from, r.period_to],
                "verified": r.verified,
                "sick_leave_basis": r.sick_leave_basis,
                "sick_leave_basis_number": r.sick_leave_basis_number,
                "sick_leave": [
                    {
                        "insurance_years_min": decimal_text(row.insurance_years_min),
                        "insurance_years_below": decimal_text(row.insurance_years_below),
                        "heavy_work": row.heavy_work,
                        "max_days": row.max_days,
                    }
                    for row in r.sick_leave
                ],
            },
            "benefit_regime": {
                "code": regime.code,
                "number": regime.number,
                "title": regime.title,
                "formula": regime.formula,
                "amended_by": regime.amended_by,
                "verified": regime.verified,
                "parameters": {k: decimal_text(v) for k, v in regime.parameters.items()},
                "unverified": sorted(regime.unverified),
            },
            "base_salary": {
                "amount": self.base_salary.amount,
                "effective_from": self.base_salary.effective_from.isoformat(),
                "legal_code": self.base_salary.legal_code,
            },
            "retirement_rule_set": self.retirement_rule_set,
            "empty_reason": self.empty_reason,
            "unverified": self.unverified(),
            "rows": [c.snapshot() for c in self.rows],
        }

    def snapshot_totals(self) -> dict:
        """``CandidateSnapshot.totals``: ``self.totals.snapshot()``."""
        return self.totals.snapshot()


def unverified_lines(rules: StreamliningRules) -> list[str]:
    """The parts of a rule set and its regime not confirmed against the legal text."""
    lines = []
    if not rules.verified:
        lines.append(
            _("Bộ quy tắc %(code)s chưa được đối chiếu đầy đủ với văn bản gốc (cần kiểm tra).") % {"code": rules.code}
        )
    if not rules.sick_leave_verified:
        lines.append(
            _("Mức nghỉ ốm tối đa theo %(basis)s chưa được đối chiếu với văn bản gốc (cần kiểm tra).")
            % {"basis": rules.sick_leave_basis_number or rules.sick_leave_basis}
        )
    regime = rules.regime
    if not regime.verified:
        lines.append(_("Chế độ %(code)s chưa được đối chiếu với văn bản gốc (cần kiểm tra).") % {"code": regime.code})
    for key in regime.parameters:
        if key in regime.unverified:
            lines.append(
                _("Tham số của chế độ %(code)s chưa được đối chiếu (cần kiểm tra): %(label)s = %(value)s.")
                % {
                    "code": regime.code,
                    "label": benefits.PARAMETERS.get(key, key),
                    "value": benefits.number_text(regime.parameters[key]),
                }
            )
    return lines


# --------------------------------------------------------------------------- the read


def _rule_sets(year: int, as_of: dt.date):
    try:
        return rulesets.streamlining_rule_set(year), rulesets.retirement_schedule(as_of), rulesets.base_salary(as_of)
    except RuleSetError as exc:
        raise CandidateListError(exc.message) from None


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def candidate_list(*, org: Organization, year: int, as_of: dt.date | None = None) -> CandidateList:
    """The candidate list of ``org``'s subtree (the caller has checked the user's scope) for the
    review ``year``, as of ``as_of`` (default today): the rule set covering the year, the base
    salary and retirement schedule in force on ``as_of``. CandidateListError when no rule set
    covers the year or nothing is in force on the date. A constant number of queries: the rule set
    (3), the retirement schedule (1), the base salary (1), whether the review years have ratings
    (1), the staff (1), their primary positions, records, decisions, exclusions (4) and the
    organisation's direct children (1)."""
    year = parse_year(year)
    as_of = as_of or timezone.localdate()
    rules_, schedule, salary = _rule_sets(year, as_of)
    years = rules_.review_years(year)
    working = Staff.objects.filter(organization__path__startswith=org.path, status=StaffStatus.WORKING)

    def make(people: list[Candidate], empty_reason: str = "") -> CandidateList:
        on_list = [c for c in people if c.on_list]
        return CandidateList(
            organization=org,
            year=year,
            as_of=as_of,
            rules=rules_,
            base_salary=salary,
            retirement_rule_set=schedule.legal_code,
            candidates=on_list,
            excluded=[c for c in people if c.excluded],
            missing_data=[c for c in people if c.missing],
            totals=tally(people, root_code=org.code),
            empty_reason=empty_reason,
        )

    rated = AnnualRecord.objects.filter(
        staff__organization__path__startswith=org.path, staff__status=StaffStatus.WORKING, year__in=years
    ).exclude(rating="")
    if not rated.exists():
        return make([], no_ratings_reason(org, years))
    people = _people(working, rules_, year, as_of)
    candidates = [
        assess(person=p, rules=rules_, year=year, as_of=as_of, base_salary=salary.amount, schedule=schedule)
        for p in _persons(org, people, years, year, as_of)
    ]
    shown = [c for c in candidates if c.findings or c.excluded or c.missing]
    return make(shown)


def no_ratings_reason(org: Organization, years: tuple[int, ...]) -> str:
    return _(
        "Chưa có xếp loại chất lượng năm %(years)s của cán bộ nào trong %(org)s và các đơn vị trực thuộc, nên chưa"
        " lập được danh sách: hãy nhập xếp loại (trang Cán bộ hoặc tệp nhập cán bộ) rồi lập lại."
    ) % {"years": ", ".join(str(y) for y in years), "org": org.name}


def _people(working, rules_: StreamliningRules, year: int, as_of: dt.date):
    """The working staff who may show on the list: flagged redundant, rated KHTNV or with at least
    the lowest sick-leave maximum in a review year, holding a primary position that requires a
    training level, or with a decision or an exclusion for the year (one query, run later)."""
    years = rules_.review_years(year)
    lowest = min((row.max_days for row in rules_.sick_leave), default=1)
    records = AnnualRecord.objects.filter(staff=OuterRef("pk"), year__in=years).filter(
        Q(rating=NOT_DONE) | Q(sick_days__gte=lowest)
    )
    positions = (
        Assignment.objects.current(as_of)
        .filter(staff=OuterRef("pk"), kind=AssignmentKind.PRIMARY)
        .exclude(position__required_training_level="")
    )
    decisions = StreamliningDecision.objects.filter(staff=OuterRef("pk"), year=year)
    exclusions = StreamliningExclusion.objects.filter(staff=OuterRef("pk"), year=year)
    return working.filter(
        Q(redundant=True) | Exists(records) | Exists(positions) | Exists(decisions) | Exists(exclusions)
    )


def _persons(org: Organization, people, years: tuple[int, ...], year: int, as_of: dt.date) -> list[Person]:
    ids = people.values("pk")
    positions: dict[int, object] = {}
    primary = (
        Assignment.objects.current(as_of)
        .filter(staff__in=ids, kind=AssignmentKind.PRIMARY)
        .select_related("position")
        .order_by("staff_id", "start_date", "pk")
    )
    for a in primary:
        positions[a.staff_id] = a.position  # the latest start wins
    records: dict[int, list[YearRecord]] = defaultdict(list)
    for staff_id, y, rating, sick in (
        AnnualRecord.objects.filter(staff__in=ids, year__in=years)
        .order_by("staff_id", "year")
        .values_list("staff_id", "year", "rating", "sick_days")
    ):
        records[staff_id].append(YearRecord(y, rating, sick))
    decisions: dict[int, list[Decision]] = defaultdict(list)
    for d in StreamliningDecision.objects.filter(staff__in=ids, year=year).select_related("decided_by"):
        decisions[d.staff_id].append(Decision(d.case, d.note, _user_name(d.decided_by), d.decided_at))
    exclusions = {
        e.staff_id: Exclusion(e.reason, _user_name(e.excluded_by), e.excluded_at)
        for e in StreamliningExclusion.objects.filter(staff__in=ids, year=year).select_related("excluded_by")
    }
    children = {path: (code, name) for code, name, path in org.children.values_list("code", "name", "path")}
    result = []
    for s in people.select_related("organization", "rank").order_by("employee_code"):
        unit_code, unit_name = _unit(org, children, s.organization.path)
        position = positions.get(s.pk)
        result.append(
            Person(
                staff_id=s.pk,
                employee_code=s.employee_code,
                full_name=s.full_name,
                date_of_birth=s.date_of_birth,
                birth_year_only=s.birth_year_only,
                sex=s.sex,
                category=s.category,
                org_code=s.organization.code,
                org_name=s.organization.name,
                unit_code=unit_code,
                unit_name=unit_name,
                position_code=position.code if position else "",
                position_name=position.name if position else "",
                required_training_level=position.required_training_level if position else "",
                required_training_field=position.required_training_field if position else "",
                training_level=s.training_level,
                training_field=s.training_field,
                rank_code=s.rank.code if s.rank_id else "",
                rank_name=s.rank.name if s.rank_id else "",
                salary_step=s.salary_step,
                salary_coefficient=s.salary_coefficient,
                leadership_allowance=s.leadership_allowance,
                other_allowance=s.other_allowance,
                seniority_percent=s.seniority_percent,
                allowance_percent=s.allowance_percent,
                insurance_years=s.insurance_years,
                heavy_work=s.heavy_work,
                redundant=s.redundant,
                deferral=s.deferral,
                records=tuple(records.get(s.pk, ())),
                decisions=tuple(decisions.get(s.pk, ())),
                exclusion=exclusions.get(s.pk),
            )
        )
    return result


def _unit(org: Organization, children: dict[str, tuple[str, str]], path: str) -> tuple[str, str]:
    """The list's organisation's direct child holding ``path`` (or the organisation itself)."""
    rest = path[len(org.path) :]
    if not rest:
        return org.code, org.name
    return children.get(org.path + rest.split("/", 1)[0] + "/", (org.code, org.name))


def title(year: int) -> str:
    return _("Danh sách đối tượng tinh giản biên chế năm %(year)s") % {"year": year}


def xlsx_filename(org_code: str, year: int, number: int | None = None) -> str:
    """``danh-sach-tinh-gian-<org>-<year>.xlsx`` (``-so-<n>`` for a saved list)."""
    suffix = f"-so-{number}" if number is not None else ""
    return f"danh-sach-tinh-gian-{org_code}-{year}{suffix}.xlsx"
