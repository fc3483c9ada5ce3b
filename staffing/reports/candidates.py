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

Decimals are strings ("4.65"), dates ISO, money integer VND.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from portal.models import Organization
from staffing import rules
from staffing.benefits import BenefitRegime
from staffing.candidates import Candidate, StreamliningRules, Totals
from staffing.rulesets import BaseSalaryInForce, RuleSetError

SNAPSHOT_SCHEMA = 1
YEAR_MIN, YEAR_MAX = rules.YEAR_MIN, rules.YEAR_MAX


class CandidateListError(RuleSetError):
    """The list cannot be computed (a year that is not a year, no rule set for it, no base salary
    or retirement rule in force): ``message`` (Vietnamese) names the value and what exists."""


def parse_year(value: str | int | None, *, label: str | None = None) -> int:
    """A review year typed by a user or an operator: 4 digits, YEAR_MIN–YEAR_MAX;
    CandidateListError otherwise (``label`` names the field in the message)."""
    raise NotImplementedError


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
        raise NotImplementedError

    def unverified(self) -> list[str]:
        """What the list rests on that is not confirmed against the legal text, as Vietnamese
        lines a page or a sheet shows with *(cần kiểm tra)*."""
        raise NotImplementedError

    def as_json(self) -> dict:
        """Exactly the ``streamlining_candidates`` JSON of docs/commands.md."""
        raise NotImplementedError

    def snapshot_data(self) -> dict:
        """The frozen list (``CandidateSnapshot.data``): see the module's docstring."""
        raise NotImplementedError

    def snapshot_totals(self) -> dict:
        """``CandidateSnapshot.totals``: ``self.totals.snapshot()``."""
        return self.totals.snapshot()


def candidate_list(*, org: Organization, year: int, as_of: dt.date | None = None) -> CandidateList:
    """The candidate list of ``org``'s subtree (the caller has checked the user's scope) for the
    review ``year``, as of ``as_of`` (default today): the rule set covering the year, the base
    salary and retirement schedule in force on ``as_of``. CandidateListError when no rule set
    covers the year or nothing is in force on the date. A constant number of queries."""
    raise NotImplementedError


def title(year: int) -> str:
    return _("Danh sách đối tượng tinh giản biên chế năm %(year)s") % {"year": year}


def xlsx_filename(org_code: str, year: int, number: int | None = None) -> str:
    """``danh-sach-tinh-gian-<org>-<year>.xlsx`` (``-so-<n>`` for a saved list)."""
    suffix = f"-so-{number}" if number is not None else ""
    return f"danh-sach-tinh-gian-{org_code}-{year}{suffix}.xlsx"
