"""The rule sets in the database, as the pure dataclasses the computations take
(``staffing.reductions``, ``staffing.retirement``): which one applies on an as-of date, and the
Vietnamese message that names the value asked for and what exists when none does.

A reduction rule set is chosen by code or, without one, the binding rule set whose period covers
the as-of year (guidance only when no binding one does); the retirement schedule and the base salary
are the ones in force on the as-of date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from portal.models import LegalDocument
from staffing import benefits, candidates, merges, reductions, retirement
from staffing.models import BaseSalary, MergeRuleSet, ReductionRuleSet, RetirementAgeRule
from staffing.models import BenefitRegime as BenefitRegimeRow
from staffing.models import StreamliningRuleSet as StreamliningRuleSetRow


class RuleSetError(Exception):
    """No rule set fits: ``message`` says which value was asked for and what exists."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RuleSetInfo:
    """What a page shows of a reduction rule set: code, legal basis, period, binding."""

    code: str
    number: str
    title: str
    issuer: str
    issued_on: dt.date
    verified: bool
    binding: bool
    note: str
    rules: reductions.ReductionRuleSet

    @property
    def period(self) -> str:
        return f"{self.rules.period_from}–{self.rules.period_to}"


def _info(row: ReductionRuleSet) -> RuleSetInfo:
    doc = row.legal_document
    rules = reductions.ReductionRuleSet(
        code=doc.code,
        period_from=row.period_from,
        period_to=row.period_to,
        base_year=row.base_year,
        binding=row.binding,
        rules=tuple(
            reductions.TargetRule(
                category=t.category,
                percent=t.percent,
                org_kinds=t.kind_codes,
                predecessors_min=t.predecessors_min,
                predecessors_max=t.predecessors_max,
            )
            for t in row.targets.all()
        ),
    )
    return RuleSetInfo(
        code=doc.code,
        number=doc.number,
        title=doc.title,
        issuer=doc.issuer,
        issued_on=doc.issued_on,
        verified=doc.verified,
        binding=row.binding,
        note=row.note,
        rules=rules,
    )


def reduction_rule_sets() -> list[RuleSetInfo]:
    """Every reduction rule set, oldest period first (two queries)."""
    rows = ReductionRuleSet.objects.select_related("legal_document").prefetch_related("targets")
    return [_info(row) for row in rows.order_by("period_from", "legal_document__code")]


def reduction_rule_set(code: str | None, as_of: dt.date) -> RuleSetInfo:
    """The rule set ``code``, or the one whose period covers ``as_of``; RuleSetError otherwise."""
    known = reduction_rule_sets()
    if code:
        for info in known:
            if info.code == code:
                return info
        raise RuleSetError(
            _("Không có bộ quy tắc tinh giản biên chế “%(code)s”; hiện có: %(known)s.")
            % {"code": code, "known": ", ".join(i.code for i in known) or "—"}
        )
    covering = [i for i in known if i.rules.covers(as_of)]
    if not covering:
        raise RuleSetError(
            _("Ngày %(date)s không thuộc giai đoạn của bộ quy tắc tinh giản biên chế nào; hiện có: %(known)s.")
            % {"date": as_of.strftime("%d/%m/%Y"), "known": ", ".join(f"{i.code} ({i.period})" for i in known) or "—"}
        )
    return max(covering, key=lambda i: (i.binding, i.rules.period_from))


def retirement_schedule(as_of: dt.date) -> retirement.RetirementSchedule:
    """The retirement ages in force on ``as_of`` (the legal document with rules for both sexes
    whose effective period holds the date, the latest first)."""
    rows = (
        RetirementAgeRule.objects.select_related("legal_document")
        .filter(legal_document__in=LegalDocument.in_force(as_of))
        .order_by("-legal_document__effective_from", "legal_document__code")
    )
    by_doc: dict[str, dict[str, RetirementAgeRule]] = {}
    for row in rows:
        by_doc.setdefault(row.legal_document.code, {})[row.sex] = row
    for by_sex in by_doc.values():
        if {"M", "F"} <= set(by_sex):
            men, women = by_sex["M"], by_sex["F"]
            return retirement.RetirementSchedule(
                legal_code=men.legal_document.code,
                effective_from=men.legal_document.effective_from,
                men=_age(men),
                women=_age(women),
                early_retirement_years=men.early_retirement_years,
            )
    raise RuleSetError(
        _("Không có quy định tuổi nghỉ hưu có hiệu lực ngày %(date)s.") % {"date": as_of.strftime("%d/%m/%Y")}
    )


def _age(row: RetirementAgeRule) -> retirement.AgeSchedule:
    return retirement.AgeSchedule(
        base_years=row.base_years,
        base_months=row.base_months,
        step_from=row.step_from,
        months_per_year=row.months_per_year,
        final_years=row.final_years,
        final_months=row.final_months,
    )


@dataclass(frozen=True)
class BaseSalaryInForce:
    amount: int
    effective_from: dt.date
    legal_code: str


def base_salary(as_of: dt.date) -> BaseSalaryInForce:
    row = (
        BaseSalary.objects.select_related("legal_document")
        .filter(effective_from__lte=as_of)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=as_of))
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise RuleSetError(_("Không có mức lương cơ sở áp dụng ngày %(date)s.") % {"date": as_of.strftime("%d/%m/%Y")})
    return BaseSalaryInForce(row.amount, row.effective_from, row.legal_document.code)


# --------------------------------------------------------------------------- streamlining (issue 9)
# The streamlining rule set (Decree 154/2025: review years, window, sick-leave table) and the
# benefit regimes (Decree 154/2025, Decree 178/2024 as amended by 67/2025), as the dataclasses of
# staffing.candidates and staffing.benefits.


def _regime(row: BenefitRegimeRow) -> benefits.BenefitRegime:
    doc = row.legal_document
    parameters = list(row.parameters.all())
    values = {p.key: p.value for p in parameters}
    missing = [k for k in benefits.REQUIRED_PARAMETERS.get(row.formula, ()) if k not in values]
    if row.formula not in benefits.REQUIRED_PARAMETERS or missing:
        raise RuleSetError(
            _(
                "Chế độ %(code)s thiếu tham số: %(keys)s; hãy bổ sung trong trang quản trị"
                " (chế độ, chính sách khi nghỉ)."
            )
            % {"code": doc.code, "keys": ", ".join(str(benefits.PARAMETERS.get(k, k)) for k in missing) or row.formula}
        )
    return benefits.BenefitRegime(
        code=doc.code,
        formula=row.formula,
        parameters=values,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        number=doc.number,
        title=doc.title,
        amended_by=row.amended_by.number if row.amended_by_id else "",
        verified=row.verified and doc.verified,
        unverified=frozenset(p.key for p in parameters if not p.verified),
        note=row.note,
    )


def _regime_rows():
    return BenefitRegimeRow.objects.select_related("legal_document", "amended_by").prefetch_related("parameters")


def _period(regime: benefits.BenefitRegime) -> str:
    start = regime.effective_from.strftime("%d/%m/%Y")
    if regime.effective_to is None:
        return _("%(code)s (từ %(start)s)") % {"code": regime.code, "start": start}
    return f"{regime.code} ({start}–{regime.effective_to:%d/%m/%Y})"


def benefit_regimes() -> list[benefits.BenefitRegime]:
    """Every benefit regime (ND178-2024, ND154-2025 …), oldest first (two queries)."""
    return [_regime(row) for row in _regime_rows().order_by("effective_from", "legal_document__code")]


def benefit_regime(code: str) -> benefits.BenefitRegime:
    """The benefit regime ``code``; RuleSetError naming the code and those that exist."""
    known = benefit_regimes()
    for regime in known:
        if regime.code == code:
            return regime
    raise RuleSetError(
        _("Không có chế độ, chính sách “%(code)s”; hiện có: %(known)s.")
        % {"code": code, "known": ", ".join(r.code for r in known) or "—"}
    )


def benefit_regime_in_force(as_of: dt.date, *, purpose: str | None = None) -> benefits.BenefitRegime:
    """The benefit regime in force on ``as_of`` (of ``purpose``, a ``BenefitPurpose`` code, when
    given): the latest to take effect among those whose period holds the date; RuleSetError naming
    the date and the regimes with their periods otherwise."""
    rows = _regime_rows().order_by("effective_from", "legal_document__code")
    if purpose:
        rows = rows.filter(purpose=purpose)
    known = [_regime(row) for row in rows]
    covering = [r for r in known if r.covers(as_of)]
    if not covering:
        raise RuleSetError(
            _("Không có chế độ, chính sách nào áp dụng ngày %(date)s; hiện có: %(known)s.")
            % {"date": as_of.strftime("%d/%m/%Y"), "known": ", ".join(_period(r) for r in known) or "—"}
        )
    return max(covering, key=lambda r: r.effective_from)


def _streamlining(row: StreamliningRuleSetRow) -> candidates.StreamliningRules:
    doc, basis = row.legal_document, row.sick_leave_basis
    table = sorted(row.sick_leave.all(), key=lambda r: (r.heavy_work, r.insurance_years_min))
    return candidates.StreamliningRules(
        code=doc.code,
        period_from=row.period_from,
        period_to=row.period_to,
        regime=_regime(row.benefit_regime),
        sick_leave=tuple(
            candidates.SickLeaveMaximum(r.insurance_years_min, r.insurance_years_below, r.heavy_work, r.max_days)
            for r in table
        ),
        years_before=row.years_before,
        number=doc.number,
        title=doc.title,
        issuer=doc.issuer,
        effective_from=doc.effective_from,
        effective_to=doc.effective_to,
        verified=row.verified and doc.verified,
        sick_leave_basis=basis.code,
        sick_leave_basis_number=basis.number,
        sick_leave_verified=basis.verified and all(r.verified for r in table),
        note=row.note,
    )


def streamlining_rule_sets() -> list[candidates.StreamliningRules]:
    """Every streamlining rule set with its sick-leave table and benefit regime, oldest first
    (three queries)."""
    rows = StreamliningRuleSetRow.objects.select_related(
        "legal_document", "sick_leave_basis", "benefit_regime__legal_document", "benefit_regime__amended_by"
    ).prefetch_related("sick_leave", "benefit_regime__parameters")
    return [_streamlining(row) for row in rows.order_by("period_from", "legal_document__code")]


def streamlining_rule_set(year: int) -> candidates.StreamliningRules:
    """The streamlining rule set whose review years hold ``year`` (ND154-2025: 2025–2030), the
    latest to start when several do; RuleSetError naming the year and the rule sets with their
    periods otherwise (three queries)."""
    known = streamlining_rule_sets()
    covering = [r for r in known if r.covers(year)]
    if not covering:
        raise RuleSetError(
            _(
                "Năm xét %(year)s không thuộc giai đoạn của bộ quy tắc xét tinh giản biên chế nào; hiện có: "
                "%(known)s. Hãy chọn một năm trong giai đoạn."
            )
            % {"year": year, "known": ", ".join(f"{r.code} ({r.period})" for r in known) or "—"}
        )
    return max(covering, key=lambda r: r.period_from)


def streamlining_rule_set_in_force(as_of: dt.date) -> candidates.StreamliningRules:
    """The streamlining rule set whose legal document is in force on ``as_of``; RuleSetError
    naming the date and the rule sets with their dates otherwise."""
    known = streamlining_rule_sets()
    covering = [
        r
        for r in known
        if r.effective_from is not None
        and r.effective_from <= as_of
        and (r.effective_to is None or as_of <= r.effective_to)
    ]
    if not covering:
        dates = [
            f"{r.code} ({r.effective_from:%d/%m/%Y}–{r.effective_to:%d/%m/%Y})"
            if r.effective_to
            else _("%(code)s (từ %(start)s)") % {"code": r.code, "start": f"{r.effective_from:%d/%m/%Y}"}
            for r in known
        ]
        raise RuleSetError(
            _("Không có bộ quy tắc xét tinh giản biên chế có hiệu lực ngày %(date)s; hiện có: %(known)s.")
            % {"date": as_of.strftime("%d/%m/%Y"), "known": ", ".join(dates) or "—"}
        )
    return max(covering, key=lambda r: r.effective_from)


def merge_rules(as_of: dt.date) -> merges.MergeRules:
    """The merge rules in force on ``as_of`` (the merge date): the rule set whose legal document is
    in force then, the latest first; RuleSetError naming the date and what exists otherwise."""
    row = (
        MergeRuleSet.objects.select_related("legal_document")
        .filter(legal_document__in=LegalDocument.in_force(as_of))
        .order_by("-legal_document__effective_from")
        .first()
    )
    if row is None:
        known = ", ".join(
            f"{r.legal_document.code} ({r.legal_document.effective_from:%d/%m/%Y})"
            for r in MergeRuleSet.objects.select_related("legal_document")
        )
        raise RuleSetError(
            _("Không có quy định về sáp nhập có hiệu lực ngày %(date)s; hiện có: %(known)s.")
            % {"date": as_of.strftime("%d/%m/%Y"), "known": known or "—"}
        )
    verified = row.verified and row.legal_document.verified
    return merges.MergeRules(
        resolution_years=row.resolution_years,
        leader_allowance_months=row.leader_allowance_months,
        basis=row.legal_document.code,
        verified=verified,
    )
