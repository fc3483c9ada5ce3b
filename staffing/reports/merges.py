"""The reads behind the merge pages (/reports/merges/) and the ``merge_organizations`` command: the
scenarios a user may read, the units they may merge, and the live data a scenario's figures are
computed from (``staffing.merges`` does the arithmetic).

``live_data(units, effective)`` reads, whatever the number of units, positions and people: the
units' positions (one query), the working staff of their subtrees with each one's open primary
position (one query), the quotas of the subtrees (one query), the retirement schedule and the base
salary in force on the merge date (two queries), the benefit regime (``benefit_regime_for``: one
or two) and the merge rules (``staffing.rulesets.merge_rules``: one).
``apply_plan`` adds three (open assignments per position, the units' open children, their users'
roles). So the pages' query counts do not grow with units or people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal.models import ADMIN_ROLES, VIEW_ROLES, Membership, Organization, scope_for
from positions import rules as position_rules
from positions.models import Position
from staffing import benefits, merges, retirement, rules, rulesets
from staffing.models import (
    QUOTA_CATEGORY_OF_STAFF,
    Assignment,
    AssignmentKind,
    BenefitPurpose,
    Deferral,
    MergeScenario,
    Quota,
    QuotaCategory,
    Staff,
    StaffCategory,
)
from staffing.rulesets import RuleSetError

UNIT_CHOICE_LEVELS = 2  # a new scenario lists the units this many levels below its organisation


# --------------------------------------------------------------------------- messages


def selection_messages() -> dict[str, str]:
    return {
        "too_few": _("Hãy chọn ít nhất 2 đơn vị để sáp nhập (đang chọn %(count)s)."),
        "nested": _(
            "“%(inner)s” nằm trong “%(outer)s”: không sáp nhập một đơn vị với đơn vị cấp dưới của nó; hãy chọn các"
            " đơn vị không trực thuộc nhau."
        ),
        "closed": _("“%(name)s” đã giải thể hoặc sáp nhập từ %(date)s: chỉ chọn đơn vị đang hoạt động."),
        "parent_inside": _(
            "Đơn vị cấp trên “%(parent)s” nằm trong “%(unit)s”, một đơn vị sẽ bị sáp nhập: hãy chọn đơn vị cấp trên"
            " ngoài các đơn vị sáp nhập."
        ),
        "parent_closed": _("Đơn vị cấp trên “%(name)s” không còn hoạt động."),
        "too_early": _(
            "Ngày sáp nhập phải sau ngày bắt đầu hiệu lực của “%(name)s” (%(date)s): hãy chọn một ngày sau đó."
        ),
    }


def catalogue_messages() -> dict[str, str]:
    return {
        "code": _(
            "Mã vị trí “%(code)s” (%(name)s) không hợp lệ: tối đa 30 ký tự, không chứa “;” hoặc “:”,"
            " chữ số chỉ dùng 0–9."
        ),
        "duplicate": _(
            "Mã vị trí “%(code)s” dùng cho cả “%(other)s” và “%(name)s”: mỗi vị trí của đơn vị mới cần một mã riêng."
        ),
        "name": _("Vị trí “%(code)s” chưa có tên."),
        "needed": _("Số người cần của vị trí “%(code)s” là %(value)s: hãy nhập một số nguyên từ 0 đến %(max)s."),
    }


def norm_messages() -> dict[str, str]:
    return {
        "above": _(
            "Định mức %(category)s (%(norm)s) vượt tổng của các đơn vị trước sáp nhập (%(ceiling)s): biên chế sau sáp"
            " nhập không được vượt tổng trước sáp nhập; hãy nhập tối đa %(ceiling)s."
        ),
        "below": _(
            "Định mức %(category)s (%(norm)s) thấp hơn biên chế đã giao cho các đơn vị trực thuộc (%(floor)s): hãy nhập"
            " từ %(floor)s đến %(ceiling)s."
        ),
        "negative": _("Định mức %(category)s không được âm: hãy nhập từ 0 đến %(ceiling)s."),
    }


# --------------------------------------------------------------------------- scenarios


def scenarios_for(user):
    """The scenarios ``user`` may read (their common parent in the user's scope), newest first:
    one query, one more for their units."""
    return (
        MergeScenario.objects.for_user(user)
        .select_related("organization", "new_parent", "result", "created_by")
        .prefetch_related("units")
    )


def other_scenarios(user, scenario: MergeScenario):
    """The other scenarios ``user`` may read, to compare ``scenario`` with (one query)."""
    return MergeScenario.objects.for_user(user).exclude(pk=scenario.pk).only("pk", "title")


def scenario_for(user, pk: int, roles=VIEW_ROLES) -> MergeScenario:
    """A scenario in ``user``'s scope for ``roles`` (404 otherwise), with its units."""
    return get_object_or_404(
        MergeScenario.objects.for_user(user, roles)
        .select_related("organization", "new_parent", "result", "applied_by", "created_by")
        .prefetch_related("units"),
        pk=pk,
    )


def may_write(user, scenario: MergeScenario) -> bool:
    """Organisation admins of the scenario's common parent (and national admins) create, change,
    apply and delete scenarios; the other roles of the subtree read them."""
    scope = scope_for(user)
    if scope.national:
        return True
    org = scenario.organization
    return org is not None and scope.covers(org.path, ADMIN_ROLES)


def may_merge_under(user, org: Organization | None) -> bool:
    scope = scope_for(user)
    return scope.national or (org is not None and scope.covers(org.path, ADMIN_ROLES))


def root_for(user, code: str | None) -> Organization | None:
    """The organisation whose units a new scenario picks from: ``code`` in the user's admin scope
    (404 otherwise), else the highest one they administer; None for a national admin without a
    code (the roots)."""
    visible = Organization.objects.for_user(user, ADMIN_ROLES)
    if code:
        return get_object_or_404(visible, code=code)
    if scope_for(user).national:
        return None
    return visible.order_by("depth", "code").first()


def unit_choices(root: Organization | None):
    """The open units up to ``UNIT_CHOICE_LEVELS`` levels below ``root`` (the open roots and their
    children for None), in tree order: what a scenario may merge (a deeper merge picks a lower
    organisation as the page's)."""
    qs = Organization.objects.filter(valid_to__isnull=True)
    if root is None:
        return qs.filter(depth__lt=UNIT_CHOICE_LEVELS).order_by("path")
    below = qs.filter(path__startswith=root.path, depth__lte=root.depth + UNIT_CHOICE_LEVELS)
    return below.exclude(pk=root.pk).order_by("path")


def parent_choices(root: Organization | None):
    qs = Organization.objects.filter(valid_to__isnull=True)
    qs = qs.filter(path__startswith=root.path) if root is not None else qs.filter(depth=0)
    return qs.order_by("path")


def organizations_by_code(codes) -> dict[str, Organization]:
    return Organization.objects.in_bulk(list(codes), field_name="code")


def code_taken(code: str) -> bool:
    return Organization.objects.filter(code=code).exists()


# --------------------------------------------------------------------------- live data


@dataclass
class Live:
    """What a scenario's figures are computed from, read now."""

    organizations: list[Organization]
    units: list[merges.UnitIn]
    positions: list[merges.PositionIn]
    people: list[merges.PersonIn]
    quotas: list[merges.QuotaIn]
    schedule: object | None
    base_salary: int | None
    benefit: merges.CostOf | None
    benefit_code: str
    error: str = ""  # why the figures cannot be computed (no retirement schedule or merge rules in force)
    rules: merges.MergeRules = merges.MERGE_RULES  # the merge rules in force on the merge date

    def fingerprint(self) -> str:
        return merges.fingerprint(units=self.units, positions=self.positions, people=self.people, quotas=self.quotas)


def unit_in(org: Organization) -> merges.UnitIn:
    return merges.UnitIn(org.code, org.name, org.path, org.kind, org.valid_from, org.valid_to)


def _under(orgs, field_name: str) -> Q:
    return reduce(or_, (Q(**{f"{field_name}__startswith": o.path}) for o in orgs))


def live_data(organizations: list[Organization], effective: dt.date, *, with_rules: bool = True) -> Live:
    """The units' positions, their subtrees' working staff and quotas, and the rules in force on
    ``effective`` (see the module's docstring for the queries); without the rules
    (``with_rules=False``: three queries) for the fingerprint alone."""
    orgs = sorted(organizations, key=lambda o: o.path)
    units = [unit_in(o) for o in orgs]
    if not orgs:
        return Live([], [], [], [], [], None, None, None, "")
    order = {o.pk: i for i, o in enumerate(orgs)}
    rows = (
        Position.objects.filter(organization__in=orgs)
        .order_by("group__order", "order", "code")
        .values_list(
            "id", "organization_id", "organization__code", "code", "name", "group__code", "headcount", "framework__code"
        )
    )
    positions = [
        merges.PositionIn(pk, code_, pcode, name, group or "", headcount, fw or "")
        for pk, _org, code_, pcode, name, group, headcount, fw in sorted(rows, key=lambda r: order[r[1]])
    ]
    primary = Assignment.objects.filter(
        staff=OuterRef("pk"), kind=AssignmentKind.PRIMARY, end_date__isnull=True
    ).order_by("-start_date")
    person_fields = (
        "deferral",
        "leadership_allowance",
        "salary_coefficient",
        "other_allowance",
        "seniority_percent",
        "allowance_percent",
        "insurance_years",
        "heavy_work",
    )
    people_rows = (
        Staff.objects.working()
        .filter(_under(orgs, "organization__path"))
        .annotate(primary_position=Subquery(primary.values("position_id")[:1]))
        .order_by("employee_code")
        .values(
            "id",
            "employee_code",
            "full_name",
            "organization__path",
            "category",
            "sex",
            "date_of_birth",
            "birth_year_only",
            "primary_position",
            *person_fields,
        )
    )
    people = []
    for row in people_rows:
        path = row["organization__path"]
        unit = next(u for u in units if path.startswith(u.path))
        people.append(
            merges.PersonIn(
                id=row["id"],
                employee_code=row["employee_code"],
                full_name=row["full_name"],
                unit=unit.code,
                category=row["category"],
                quota_category=QUOTA_CATEGORY_OF_STAFF.get(row["category"], row["category"]),
                sex=row["sex"],
                date_of_birth=row["date_of_birth"],
                birth_year_only=row["birth_year_only"],
                direct=path == unit.path,
                position=row["primary_position"],
                **{name: row[name] for name in person_fields},
            )
        )
    quotas = []
    for org_code, path, category, year, assigned in (
        Quota.objects.filter(_under(orgs, "organization__path"))
        .order_by()
        .values_list("organization__code", "organization__path", "category", "year", "assigned")
    ):
        unit = next(u for u in units if path.startswith(u.path))
        below = path != unit.path
        quotas.append(merges.QuotaIn(org_code if not below else unit.code, path, category, year, assigned, below))
    if not with_rules:
        return Live(orgs, units, positions, people, quotas, None, None, None, "")
    error, schedule = "", None
    try:
        schedule = rulesets.retirement_schedule(effective)
    except RuleSetError as exc:
        error = exc.message
    try:
        salary = rulesets.base_salary(effective).amount
    except RuleSetError:
        salary = None
    benefit, benefit_code = _benefits(effective, salary, schedule)
    merge_rules = merges.MERGE_RULES
    try:
        merge_rules = rulesets.merge_rules(effective)
    except RuleSetError as exc:
        error = error or exc.message
    return Live(orgs, units, positions, people, quotas, schedule, salary, benefit, benefit_code, error, merge_rules)


def benefit_regime_for(effective: dt.date) -> benefits.BenefitRegime | None:
    """The benefit regime a merge on ``effective`` is costed with: the restructuring regime in
    force then (Decree 178/2024 as amended by 67/2025, for the 2025 mergers), else the one in force
    for streamlining (Decree 154/2025); None when none is (one or two queries)."""
    for purpose in (BenefitPurpose.RESTRUCTURING, None):
        try:
            return rulesets.benefit_regime_in_force(effective, purpose=purpose)
        except RuleSetError:
            continue
    return None


def _benefits(effective: dt.date, base_salary: int | None, schedule) -> tuple[merges.CostOf | None, str]:
    """The benefit of a person streamlined by the merge (``staffing.benefits.estimate`` under
    ``benefit_regime_for(effective)``, the base salary in force on the merge date) and the regime's
    code; (None, "") when no regime or base salary is in force. As the candidate lists do, the
    months early run to the earliest retirement date of someone with the heavy-work flag."""
    regime = benefit_regime_for(effective)
    if regime is None or base_salary is None or schedule is None:
        return None, regime.code if regime else ""
    split = regime.months(benefits.MONTHLY_SPLIT_MONTHS) if benefits.MONTHLY_SPLIT_MONTHS in regime.parameters else 12

    def estimate(person: merges.PersonIn, leave: dt.date, retires: dt.date) -> merges.PersonCost:
        salary = benefits.monthly_salary(
            base_salary=base_salary,
            coefficient=person.salary_coefficient,
            leadership_allowance=person.leadership_allowance,
            other_allowance=person.other_allowance,
            seniority_percent=person.seniority_percent,
            allowance_percent=person.allowance_percent,
        )
        lacking = [] if salary.amount is not None else [_("hệ số lương")]
        if person.insurance_years is None:
            lacking.append(_("số năm đóng BHXH"))
        if lacking:
            return merges.PersonCost(
                None, reason=_("Chưa tính được chế độ: thiếu %(fields)s") % {"fields": ", ".join(lacking)}
            )
        if person.heavy_work:
            retires = retirement.earliest_retirement_date(
                schedule, person.sex, person.date_of_birth, heavy_work=True, year_only=person.birth_year_only
            )
        found = benefits.estimate(
            regime=regime,
            monthly_salary=salary.amount,
            months_early=benefits.months_early(as_of=leave, retirement_date=retires),
            insurance_years=person.insurance_years,
            after_first_year=(leave.year - effective.year) * 12 + leave.month - effective.month >= split,
        )
        return merges.PersonCost(found.total, found.policy)

    return estimate, regime.code


# --------------------------------------------------------------------------- evaluating a scenario


@dataclass
class Evaluation:
    """A scenario's choices checked and its figures computed against the live data."""

    live: Live
    catalogue: list[merges.NewPosition]
    norms: dict[str, int]
    bounds: dict[str, merges.Bounds]
    figures: merges.Figures | None
    problems: list[merges.Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.figures is not None


def evaluate(
    *,
    live: Live,
    parent: Organization | None,
    effective: dt.date,
    catalogue: list[merges.NewPosition] | None,
    norms: dict[str, int] | None,
    mapping=None,
    needed=None,
    codes=None,
    names=None,
) -> Evaluation:
    """The selection, catalogue and norms checked, the figures computed (no query)."""
    problems = merges.check_selection(
        units=live.units,
        parent=unit_in(parent) if parent is not None else None,
        effective=effective,
        messages=selection_messages(),
    )
    base = catalogue if catalogue is not None else merges.propose_catalogue(live.positions)
    chosen = merges.remap(base, live.positions, mapping=mapping, needed=needed, codes=codes, names=names)
    problems += merges.check_catalogue(
        chosen, code_pattern=position_rules.POSITION_CODE_PATTERN, messages=catalogue_messages()
    )
    categories = QuotaCategory.values
    bounds = merges.norm_bounds(
        units=live.units, people=live.people, quotas=live.quotas, year=effective.year, categories=categories
    )
    wanted = merges.default_norms(bounds) | {c: n for c, n in (norms or {}).items() if c in bounds}
    problems += merges.check_norms(wanted, bounds, messages=norm_messages())
    figures = None
    if live.error:
        problems.append(merges.Problem("", live.error))
    else:
        figures = merges.compute(
            units=live.units,
            positions=live.positions,
            people=live.people,
            quotas=live.quotas,
            catalogue=chosen,
            norms=wanted,
            categories=categories,
            effective=effective,
            schedule=live.schedule,
            base_salary=live.base_salary,
            benefit=live.benefit,
            benefit_code=live.benefit_code,
            uncosted=frozenset({rules.CONTRACT_QUOTA_CATEGORY}),
            rules=live.rules,
        )
    return Evaluation(live, chosen, wanted, bounds, figures, problems)


def evaluate_scenario(scenario: MergeScenario, **choices) -> Evaluation:
    """``scenario``'s stored choices (or the ones given) against the live data."""
    live = live_data(list(scenario.units.all()), scenario.effective_date)
    return evaluate(
        live=live,
        parent=scenario.new_parent,
        effective=scenario.effective_date,
        catalogue=merges.catalogue_from_json(scenario.catalogue) if scenario.catalogue else None,
        norms=choices.pop("norms", None) or {k: int(v) for k, v in scenario.norms.items()},
        **choices,
    )


def is_stale(scenario: MergeScenario, live: Live) -> bool:
    """The live data the saved figures used has changed since (staff, quotas, positions, units)."""
    return scenario.fingerprint != live.fingerprint()


# --------------------------------------------------------------------------- what applying does


@dataclass
class Move:
    """An old position and what becomes of it: moved into the new unit (``keeper``) or merged into
    the new position ``new_code`` (its open assignments re-pointed there)."""

    position_id: int
    unit: str
    unit_name: str
    code: str
    name: str
    new_key: str
    new_code: str
    new_name: str
    needed: int
    keeper: bool
    open_assignments: int


@dataclass
class ApplyPlan:
    """Exactly what applying a scenario does, read now (the confirmation page, the command's
    summary and the service share it)."""

    scenario: MergeScenario
    evaluation: Evaluation
    stale: bool
    moves: list[Move]
    staff_moved: list[merges.PersonIn]
    children: list[Organization]
    quotas_removed: list[merges.QuotaIn]
    quotas_created: list[tuple[int, str, int]]  # (year, category, assigned)
    memberships: int  # users' roles on the merged units: they stay there
    close_on: dt.date

    @property
    def problems(self) -> list[merges.Problem]:
        return self.evaluation.problems

    @property
    def keepers(self) -> list[Move]:
        return [m for m in self.moves if m.keeper]

    @property
    def merged(self) -> list[Move]:
        return [m for m in self.moves if not m.keeper]

    @property
    def reassigned(self) -> int:
        return sum(m.open_assignments for m in self.merged)

    def summary(self, *, dry_run: bool = False) -> dict:
        """The JSON of ``merge_organizations`` (docs/commands.md): keys and order fixed."""
        s = self.scenario
        return {
            "scenario": s.pk,
            "dry_run": dry_run,
            "organization": {
                "code": s.new_code,
                "name": s.new_name,
                "kind": s.new_kind,
                "parent": s.new_parent.code if s.new_parent_id else None,
                "valid_from": s.effective_date.isoformat(),
                "predecessors": [u.code for u in self.evaluation.live.units],
            },
            "closed": [{"code": u.code, "valid_to": self.close_on.isoformat()} for u in self.evaluation.live.units],
            "children_moved": [c.code for c in self.children],
            "positions": {
                "moved": [{"from": f"{m.unit}/{m.code}", "to": m.new_code} for m in self.keepers],
                "merged": [{"from": f"{m.unit}/{m.code}", "into": m.new_code} for m in self.merged],
            },
            "assignments_moved": self.reassigned,
            "staff_moved": len(self.staff_moved),
            "quotas": {
                "removed": [
                    {"organization": q.unit, "year": q.year, "category": q.category, "assigned": q.assigned}
                    for q in self.quotas_removed
                ],
                "created": [{"year": y, "category": c, "assigned": n} for y, c, n in self.quotas_created],
            },
        }


def apply_plan(scenario: MergeScenario) -> ApplyPlan:
    """What applying ``scenario`` would do now: the evaluation against the live data plus three
    reads (open assignments per position, the units' open children, the roles on the units)."""
    evaluation = evaluate_scenario(scenario)
    live = evaluation.live
    by_id = {p.id: p for p in live.positions}
    names = {u.code: u.name for u in live.units}
    open_counts = dict(
        Assignment.objects.filter(position_id__in=list(by_id), end_date__isnull=True)
        .order_by()
        .values_list("position_id")
        .annotate(n=Count("*"))
    )
    moves = []
    for new in evaluation.catalogue:
        for i, source in enumerate(new.sources):
            old = by_id[source]
            moves.append(
                Move(
                    old.id,
                    old.unit,
                    names.get(old.unit, old.unit),
                    old.code,
                    old.name,
                    new.key,
                    new.code,
                    new.name,
                    new.needed,
                    i == 0,
                    open_counts.get(old.id, 0),
                )
            )
    children = list(Organization.objects.filter(parent__in=live.organizations, valid_to__isnull=True).order_by("path"))
    year = scenario.effective_date.year
    removed = [q for q in live.quotas if not q.below and q.year >= year]
    created = []
    holding = {c for c, b in evaluation.bounds.items() if b.holds_quota}
    for category in sorted(holding | {q.category for q in removed}):
        years = {q.year for q in removed if q.category == category} | ({year} if category in holding else set())
        for y in sorted(years):
            if category in holding:  # the norm, from the merge year on
                created.append((y, category, evaluation.norms[category]))
            else:  # only later years' quotas: moved as they are, summed
                created.append((y, category, sum(q.assigned for q in removed if (q.category, q.year) == (category, y))))
    return ApplyPlan(
        scenario=scenario,
        evaluation=evaluation,
        stale=is_stale(scenario, live),
        moves=moves,
        staff_moved=[p for p in live.people if p.direct],
        children=children,
        quotas_removed=sorted(removed, key=lambda q: (q.unit, q.year, q.category)),
        quotas_created=sorted(created),
        memberships=Membership.objects.filter(organization__in=live.organizations).count(),
        close_on=scenario.effective_date - dt.timedelta(days=1),
    )


# --------------------------------------------------------------------------- frozen figures, for the pages


def compare_rows(left: dict, right: dict) -> list[merges.CompareRow]:
    """The headline figures of two frozen scenarios side by side (``staffing.merges.compare_rows``)."""
    return merges.compare_rows(left, right, categories=QuotaCategory.values)


def present(figures: dict, unit_names: dict[str, str]) -> dict:
    """The frozen figures as the page shows them (``staffing.merges.present``), with the labels."""
    return merges.present(
        figures,
        unit_names=unit_names,
        category_labels=dict(QuotaCategory.choices),
        staff_category_labels=dict(StaffCategory.choices),
        deferral_labels=dict(Deferral.choices),
    )
