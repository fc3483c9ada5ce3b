"""Multi-row writes of staffing: assignments (FTE rule), quotas (nesting rule), the streamlining
list's writes (per-person decisions and exclusions for a review year, numbered snapshots) and merge
scenarios (saving, recomputing and applying them: ``merge_organizations``)."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal
from functools import reduce
from operator import or_

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import EDIT_ROLES, ORG_CODE_VALIDATOR, Organization, scope_for
from portal.text import nfc_multiline
from positions.models import Position
from staffing import merges, rules
from staffing.models import (
    DECIDED_CASES,
    Assignment,
    AssignmentKind,
    CandidateSnapshot,
    MergeScenario,
    MergeStatus,
    Quota,
    Staff,
    StaffStatus,
    StreamliningDecision,
    StreamliningExclusion,
)
from staffing.quotas import QuotaRow, may_grant_quota, nesting_violations, remaining_for
from staffing.reports import merges as reads

logger = logging.getLogger(__name__)


def _require_edit(user, org) -> None:
    if not scope_for(user).covers(org.path, EDIT_ROLES):
        raise PermissionDenied


@transaction.atomic
def assign_position(
    *,
    user,
    staff: Staff,
    position,
    kind: str = AssignmentKind.PRIMARY,
    fte: Decimal = Decimal(1),
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> Assignment:
    """Give a person a position. The position must belong to an organisation in the user's
    scope; a new primary position closes the open one the day before; the person's FTE on any
    day may not exceed 1."""
    _require_edit(user, staff.organization)
    _require_edit(user, position.organization)
    Staff.objects.select_for_update().filter(pk=staff.pk).first()  # serialise writers per person
    if kind == AssignmentKind.PRIMARY:
        Assignment.objects.filter(staff=staff, kind=AssignmentKind.PRIMARY, end_date__isnull=True).filter(
            start_date__lt=start_date
        ).update(end_date=start_date - datetime.timedelta(days=1))
    overlapping = Assignment.objects.filter(staff=staff).filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lte=end_date)
    used = overlapping.aggregate(s=Sum("fte"))["s"] or Decimal(0)
    if not rules.fte_fits(used, Decimal(fte)):
        raise ValidationError(
            {"fte": _("Tổng tỷ lệ thời gian của một người không được vượt quá 1 (đang có %(used)s).") % {"used": used}}
        )
    assignment = Assignment(
        staff=staff, position=position, kind=kind, fte=fte, start_date=start_date, end_date=end_date
    )
    assignment.full_clean()
    assignment.save()
    return assignment


def quota_violations_after(changes: list[Quota]) -> list:
    """Nesting violations the database would hold after ``changes`` (unsaved Quota objects)
    replace the stored quotas of the same organisation, year and category."""
    keys = {(q.year, q.category) for q in changes}
    if not keys:
        return []
    cond = Q()
    for year, category in keys:
        cond |= Q(year=year, category=category)
    stored = {
        (q.organization_id, q.year, q.category): q
        for q in Quota.objects.filter(cond)
        .select_related("organization")
        .only("organization__path", "year", "category", "assigned")
    }
    for q in changes:
        stored[(q.organization_id, q.year, q.category)] = q
    rows = [QuotaRow(q.organization.path, q.year, q.category, q.assigned, ref=q) for q in stored.values()]
    return nesting_violations(rows)


def grantable_q(user, roles=EDIT_ROLES) -> Q | None:
    """A Q on Organization: the units whose quota ``user`` may grant (``may_grant_quota``: the
    proper descendants of the units they hold ``roles`` on); None means every unit (national)."""
    scope = scope_for(user)
    if scope.national:
        return None
    prefixes = scope.prefixes(roles)
    if not prefixes:
        return Q(pk__in=[])
    return reduce(or_, (Q(path__startswith=p) & ~Q(path=p) for p in prefixes))


def grant_refused_message(org) -> str:
    return _("Biên chế của “%(org)s” do cấp trên giao: bạn không được sửa.") % {"org": org.name}


def require_grant(user, org, roles=EDIT_ROLES) -> None:
    """PermissionDenied unless ``user`` may grant ``org``'s quota (docs/rules.md §2)."""
    if not may_grant_quota(scope_for(user), org, roles):
        raise PermissionDenied(grant_refused_message(org))


def _involves(violation, quota: Quota) -> bool:
    return any(q.ref is quota for q in (violation.parent, *violation.children))


def check_quota_nesting(quota: Quota, user=None) -> None:
    """Raise a ValidationError when saving ``quota`` would make some unit's children's quotas add
    up to more than its own (violations stored before and not involving ``quota`` are left alone).
    The message names the organisations and numbers only when ``user`` may read the parent (and so
    every child); otherwise it says only what remains to give (issue 11 item 15). ``user=None``
    (the command line) reads everything."""
    violations = [v for v in quota_violations_after([quota]) if _involves(v, quota)]
    if not violations:
        return
    v = violations[0]
    scope = scope_for(user) if user is not None else None
    parent = v.parent.ref.organization
    if scope is not None and not scope.covers(parent.path):
        remaining = remaining_for(v, lambda child: child.ref is quota)
        raise ValidationError(
            _(
                "Biên chế của %(org)s năm %(year)s, loại %(cat)s (%(assigned)s) vượt quá phần còn lại có thể giao: "
                "%(remaining)s."
            )
            % {
                "org": quota.organization.name,
                "year": quota.year,
                "cat": quota.category,
                "assigned": quota.assigned,
                "remaining": remaining,
            }
        )
    children = "; ".join(f"{c.ref.organization.name}: {c.assigned}" for c in v.children)
    raise ValidationError(
        _(
            "Tổng biên chế các đơn vị trực thuộc (%(total)s: %(children)s) vượt quá biên chế của %(org)s "
            "năm %(year)s, loại %(cat)s (%(assigned)s)."
        )
        % {
            "total": v.total,
            "children": children,
            "org": parent.name,
            "year": v.parent.year,
            "cat": v.parent.category,
            "assigned": v.parent.assigned,
        }
    )


@transaction.atomic
def save_quota(*, user, quota: Quota, roles=EDIT_ROLES) -> Quota:
    """Save ``quota`` when ``user`` may grant it (and, for a stored one, the unit it was stored
    for): docs/rules.md §2; then the model checks and the nesting rule."""
    _require_edit(user, quota.organization)
    require_grant(user, quota.organization, roles)
    if quota.pk is not None:
        stored = Quota.objects.select_related("organization").filter(pk=quota.pk).first()
        if stored is not None and stored.organization_id != quota.organization_id:
            require_grant(user, stored.organization, roles)
    quota.full_clean()
    check_quota_nesting(quota, user)
    quota.save()
    return quota


@transaction.atomic
def delete_quota(*, user, quota: Quota, roles=EDIT_ROLES) -> None:
    require_grant(user, quota.organization, roles)
    quota.delete()


# --------------------------------------------------------------------------- streamlining (issue 9)


def _text(value: str) -> str:
    """A note or reason as stored: NFC, invisible characters dropped, trimmed (blank is refused)."""
    return nfc_multiline(value or "").strip()


def _lock_working(staff: Staff, year: int) -> Staff:
    """The person's row locked (one writer per person at a time); only working staff are on a
    review year's list."""
    locked = Staff.objects.select_for_update().select_related("organization").get(pk=staff.pk)
    if locked.status != StaffStatus.WORKING:
        raise ValidationError(
            _("%(name)s không còn đang làm việc (%(status)s): không xét tinh giản năm %(year)s.")
            % {"name": locked.full_name, "status": locked.get_status_display(), "year": year}
        )
    return locked


@transaction.atomic
def set_streamlining_decision(*, user, staff: Staff, year: int, case: str, note: str) -> StreamliningDecision:
    """Record that ``staff`` falls under case b, c, d or đ in review ``year``, with the note saying
    why; recording the same case again replaces its note (who and when are the new ones)."""
    _require_edit(user, staff.organization)
    staff = _lock_working(staff, year)
    if case not in DECIDED_CASES:
        raise ValidationError(
            {
                "case": _("Trường hợp “%(value)s” không ghi được theo quyết định; chỉ ghi được: %(known)s.")
                % {"value": case, "known": ", ".join(DECIDED_CASES)}
            }
        )
    decision = StreamliningDecision.objects.filter(staff=staff, year=year, case=case).first()
    if decision is None:
        decision = StreamliningDecision(staff=staff, year=year, case=case)
    decision.note, decision.decided_by, decision.decided_at = _text(note), user, timezone.now()
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def remove_streamlining_decision(*, user, decision: StreamliningDecision) -> None:
    _require_edit(user, decision.staff.organization)
    decision.delete()


@transaction.atomic
def exclude_from_streamlining(*, user, staff: Staff, year: int, reason: str) -> StreamliningExclusion:
    """Leave ``staff`` out of review ``year``'s list with the required reason (kept and shown on
    the list); excluding again replaces the reason."""
    _require_edit(user, staff.organization)
    staff = _lock_working(staff, year)
    exclusion = StreamliningExclusion.objects.filter(staff=staff, year=year).first()
    if exclusion is None:
        exclusion = StreamliningExclusion(staff=staff, year=year)
    exclusion.reason, exclusion.excluded_by, exclusion.excluded_at = _text(reason), user, timezone.now()
    exclusion.full_clean()
    exclusion.save()
    return exclusion


@transaction.atomic
def undo_streamlining_exclusion(*, user, exclusion: StreamliningExclusion) -> None:
    _require_edit(user, exclusion.staff.organization)
    exclusion.delete()


def _next_snapshot_number(org: Organization, year: int) -> int:
    found = CandidateSnapshot.objects.filter(organization=org, year=year).aggregate(m=Max("number"))["m"]
    return (found or 0) + 1


SNAPSHOT_NUMBER_ATTEMPTS = 5


@transaction.atomic
def save_candidate_snapshot(*, user, org: Organization, year: int, as_of: datetime.date, note: str = ""):
    """Save the live candidate list of ``org``'s subtree for review ``year`` as the next numbered
    snapshot (1, 2, 3 … per organisation and year), with who, when, the rule sets, the base salary
    and every row frozen. Concurrent saves get distinct numbers: the organisation's row is locked
    (PostgreSQL; SQLite's IMMEDIATE transactions serialise writers already) and a number taken
    meanwhile is retried."""
    from staffing.reports.candidates import candidate_list

    _require_edit(user, org)
    listing = candidate_list(org=org, year=year, as_of=as_of)
    snapshot = CandidateSnapshot(
        organization=org,
        year=year,
        as_of=as_of,
        created_by=user,
        note=note,
        rule_set_code=listing.rules.code,
        benefit_rule_set_code=listing.regime.code,
        base_salary=listing.base_salary.amount,
        data=listing.snapshot_data(),
        totals=listing.snapshot_totals(),
    )
    Organization.objects.select_for_update().filter(pk=org.pk).first()
    for _attempt in range(SNAPSHOT_NUMBER_ATTEMPTS):
        snapshot.number = _next_snapshot_number(org, year)
        # The number's uniqueness is the database's to check: a number taken meanwhile raises
        # IntegrityError here and the next one is tried.
        snapshot.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                snapshot.save(force_insert=True)
        except IntegrityError:
            snapshot.pk = None
            snapshot._state.adding = True
            continue
        return snapshot
    raise ValidationError(_("Không cấp được số cho danh sách; hãy lưu lại."))


# --------------------------------------------------------------------------- merges (issue 10)
# Merge scenarios (staffing.merges for the arithmetic, staffing.reports.merges for the reads): save
# a scenario, change its choices, recompute it, delete it, and apply it in one transaction.


class MergeError(Exception):
    """A merge that cannot be applied: ``messages`` (Vietnamese) say why; nothing was written."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def _problems_error(problems) -> ValidationError:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field or "__all__", []).append(problem.message)
    return ValidationError(errors)


def _require_merge_rights(user, org) -> None:
    """Organisation admins of the common parent ``org`` and national admins; ``user=None`` is the
    operator's command line."""
    if user is not None and not reads.may_merge_under(user, org):
        raise PermissionDenied


def _freeze(scenario, evaluation) -> None:
    scenario.catalogue = merges.catalogue_json(evaluation.catalogue)
    scenario.norms = dict(evaluation.norms)
    scenario.figures = merges.figures_json(evaluation.figures) if evaluation.figures is not None else {}
    scenario.fingerprint = evaluation.live.fingerprint()
    scenario.computed_at = timezone.now()


@transaction.atomic
def save_scenario(
    *,
    user,
    scenario=None,
    title: str,
    units: list,
    new_code: str,
    new_name: str,
    new_kind: str,
    new_parent,
    effective_date: datetime.date,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    issuer: str = "",
):
    """Create a scenario (``scenario=None``) or change its units and new unit, then compute its
    default choices (the proposed catalogue, the norms at the predecessors' sum) or keep the ones
    it has when its units are the same. ValidationError naming the field for bad input."""
    if scenario is not None and scenario.status != MergeStatus.DRAFT:
        raise ValidationError(_("Phương án đã được áp dụng: không sửa được nữa."))
    paths = [u.path for u in units] + ([new_parent.path] if new_parent is not None else [])
    common = merges.common_ancestor(paths) if len(units) >= 1 else None
    organization = Organization.objects.filter(path=common).first() if common else None
    _require_merge_rights(user, organization)
    errors: dict[str, list[str]] = {}
    try:
        ORG_CODE_VALIDATOR(new_code)
    except ValidationError as exc:
        errors["new_code"] = list(exc.messages)
    else:
        if reads.code_taken(new_code):
            errors["new_code"] = [
                _("Mã “%(code)s” đã là mã của một đơn vị: hãy chọn mã khác cho đơn vị mới.") % {"code": new_code}
            ]
    if new_parent is None and not (user is None or scope_for(user).national):
        errors["new_parent"] = [_("Hãy chọn đơn vị cấp trên của đơn vị mới.")]
    for problem in merges.check_selection(
        units=[reads.unit_in(u) for u in units],
        parent=reads.unit_in(new_parent) if new_parent is not None else None,
        effective=effective_date,
        messages=reads.selection_messages(),
    ):
        errors.setdefault(problem.field, []).append(problem.message)
    if errors:
        raise ValidationError(errors)
    same_units = scenario is not None and {u.pk for u in scenario.units.all()} == {u.pk for u in units}
    scenario = scenario or MergeScenario(created_by=user if getattr(user, "pk", None) else None)
    for name, value in {
        "title": title,
        "organization": organization,
        "new_code": new_code,
        "new_name": new_name,
        "new_kind": new_kind,
        "new_parent": new_parent,
        "effective_date": effective_date,
        "decision_number": decision_number,
        "decision_date": decision_date,
        "issuer": issuer,
    }.items():
        setattr(scenario, name, value)
    live = reads.live_data(list(units), effective_date)
    evaluation = reads.evaluate(
        live=live,
        parent=new_parent,
        effective=effective_date,
        catalogue=merges.catalogue_from_json(scenario.catalogue) if same_units and scenario.catalogue else None,
        norms={k: int(v) for k, v in scenario.norms.items()} if same_units else None,
    )
    _freeze(scenario, evaluation)
    scenario.full_clean(exclude=["units", "catalogue", "norms", "figures"])
    scenario.save()
    scenario.units.set(units)
    return scenario


@transaction.atomic
def update_scenario_choices(*, user, scenario, mapping, needed, codes, names, norms):
    """The user's choices (old position → new position, people needed, codes, names, norms)
    checked against the live data and saved with the figures they give; ValidationError (by form
    field: ``map-<id>``, ``code-<key>``, ``name-<key>``, ``needed-<key>``, ``norm-<category>``)
    and nothing written otherwise."""
    _require_merge_rights(user, scenario.organization)
    if scenario.is_applied:
        raise ValidationError(_("Phương án đã được áp dụng: không sửa được nữa."))
    evaluation = reads.evaluate_scenario(
        scenario, mapping=mapping, needed=needed, codes=codes, names=names, norms=norms
    )
    if evaluation.problems:
        raise _problems_error(evaluation.problems)
    _freeze(scenario, evaluation)
    scenario.save()
    return scenario


@transaction.atomic
def recompute_scenario(*, user, scenario) -> list:
    """The figures computed again from today's live data with the scenario's choices (positions
    added since get a position of their own, removed ones are dropped), saved; returns the
    problems the choices now have (shown to the user; applying refuses them)."""
    _require_merge_rights(user, scenario.organization)
    if scenario.is_applied:
        raise ValidationError(_("Phương án đã được áp dụng: số liệu của nó không tính lại nữa."))
    evaluation = reads.evaluate_scenario(scenario)
    _freeze(scenario, evaluation)
    scenario.save()
    return evaluation.problems


@transaction.atomic
def delete_scenario(*, user, scenario) -> None:
    _require_merge_rights(user, scenario.organization)
    if scenario.is_applied:
        raise ValidationError(_("Phương án đã được áp dụng: không xóa được (là căn cứ của lần sáp nhập)."))
    scenario.delete()


def merge_organizations(*, scenario, user, dry_run: bool = False):
    """Apply ``scenario`` in one transaction (docs/rules.md §1, "Merges"): create the new unit;
    move each new position's first old position into it (code, name and people needed of the new
    position; its descriptions go with it), re-point the open assignments of the other old
    positions to it (ended the day before the merge, opened again on the merge date); move the
    units' working staff and open child units; replace the units' quotas of the merge year and
    later by the new unit's (the norm, with the merge decision); close the units the day before
    with predecessor links; audit who applied what. Refused (MergeError, nothing written) when the
    scenario is applied already, its figures are out of date, a check fails or a write fails
    late (e.g. a position code clash): everything is rolled back. ``dry_run`` does it all, then
    rolls back. Returns the plan that was applied (``staffing.reports.merges.ApplyPlan``)."""
    try:
        with transaction.atomic():
            locked = MergeScenario.objects.select_for_update().get(pk=scenario.pk)
            # Lock the units: a concurrent merge of one of them waits, then finds it closed (stale).
            list(Organization.objects.select_for_update().filter(pk__in=locked.units.values("pk")).order_by("pk"))
            plan = _check_apply(locked, user)
            _write_merge(plan, user)
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as exc:  # a model or nesting check of the writes: rolled back
        raise MergeError(exc.messages) from None
    except DatabaseError as exc:  # IntegrityError included
        logger.exception("merge scenario %s failed while writing", scenario.pk)
        raise MergeError(
            [
                _(
                    "Không áp dụng được phương án: cơ sở dữ liệu từ chối một thay đổi (ví dụ trùng mã vị trí trong đơn"
                    " vị mới, hoặc dữ liệu vừa bị người khác sửa). Không có thay đổi nào được lưu; hãy tính lại phương"
                    " án, kiểm tra rồi thử lại."
                )
            ]
        ) from exc
    scenario.refresh_from_db()
    return plan


def _check_apply(scenario, user):
    if scenario.is_applied:
        raise MergeError([_("Phương án “%(title)s” đã được áp dụng.") % {"title": scenario.title}])
    _require_merge_rights(user, scenario.organization)
    plan = reads.apply_plan(scenario)
    messages = [p.message for p in plan.problems]
    if plan.stale:
        messages.insert(
            0,
            _(
                "Dữ liệu của các đơn vị (cán bộ, biên chế, vị trí việc làm) đã thay đổi sau khi phương án được tính:"
                " hãy tính lại và xem lại phương án trước khi áp dụng."
            ),
        )
    if reads.code_taken(scenario.new_code):
        messages.append(
            _("Mã “%(code)s” đã là mã của một đơn vị: hãy đổi mã đơn vị mới.") % {"code": scenario.new_code}
        )
    if plan.quotas_created and not (scenario.decision_number and scenario.decision_date):
        messages.append(
            _(
                "Hãy nhập số và ngày của quyết định sáp nhập: đó là căn cứ của biên chế được giao cho đơn vị mới"
                " (%(count)s dòng biên chế)."
            )
            % {"count": len(plan.quotas_created)}
        )
    if messages:
        raise MergeError(messages)
    return plan


def _write_merge(plan, user) -> None:
    scenario, live = plan.scenario, plan.evaluation.live
    actor = user if getattr(user, "pk", None) else None
    extra = {"merge_scenario": scenario.pk}
    new = Organization(
        code=scenario.new_code,
        name=scenario.new_name,
        kind=scenario.new_kind,
        parent=scenario.new_parent,
        valid_from=scenario.effective_date,
    )
    new.full_clean()
    new.save()
    new.predecessors.set(live.organizations)

    positions = Position.objects.in_bulk([m.position_id for m in plan.moves])
    keeper_of: dict[str, Position] = {}
    for move in plan.keepers:
        position = positions[move.position_id]
        position.organization, position.code, position.name, position.headcount = (
            new,
            move.new_code,
            move.new_name,
            move.needed,
        )
        position.save()
        keeper_of[move.new_key] = position
    _move_assignments(plan, keeper_of, actor, extra)

    staff_ids = [p.id for p in plan.staff_moved]
    Staff.objects.filter(pk__in=staff_ids).update(organization=new)
    by_code = {o.code: o for o in live.organizations}
    _log_bulk(
        Staff,
        [
            (p.id, f"{p.full_name} ({p.employee_code})", {"organization": [by_code[p.unit].name, new.name]})
            for p in plan.staff_moved
        ],
        actor,
        extra,
    )
    for child in plan.children:
        child.parent = new
        child.save()

    year = scenario.effective_date.year
    for quota in Quota.objects.filter(organization__in=live.organizations, year__gte=year).order_by("pk"):
        quota.delete()
    for quota_year, category, assigned in plan.quotas_created:
        quota = Quota(
            organization=new,
            year=quota_year,
            category=category,
            assigned=assigned,
            decision_number=scenario.decision_number,
            decision_date=scenario.decision_date,
            issuer=scenario.issuer,
        )
        quota.full_clean()
        check_quota_nesting(quota, user)
        quota.save()
    for org in live.organizations:
        org.valid_to = plan.close_on
        org.save()

    scenario.status = MergeStatus.APPLIED
    scenario.result = new
    scenario.applied_at = timezone.now()
    scenario.applied_by = actor
    scenario.save()
    _log_bulk(
        type(scenario),
        [(scenario.pk, str(scenario)[:200], {"status": ["draft", "applied"]})],
        actor,
        {
            **extra,
            "summary": plan.summary(),
        },
    )


def _move_assignments(plan, keeper_of, actor, extra) -> None:
    """The open assignments of the positions merged into another: ended the day before the merge
    and opened again on the new position from the merge date (re-pointed when they start later)."""
    merged = {m.position_id: m for m in plan.merged}
    if not merged:
        return
    effective = plan.scenario.effective_date
    found = list(
        Assignment.objects.filter(position_id__in=list(merged))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=effective))
        .select_related("staff")
        .order_by("pk")
    )
    ended, repointed, opened, log = [], [], [], []
    for a in found:
        target = keeper_of[merged[a.position_id].new_key]
        label = f"{a.staff.employee_code} → {target.code}"
        if a.start_date >= effective:
            log.append((a.pk, label, {"position": [merged[a.position_id].code, target.code]}))
            a.position = target
            repointed.append(a)
            continue
        opened.append(
            Assignment(
                staff_id=a.staff_id, position=target, kind=a.kind, fte=a.fte, start_date=effective, end_date=a.end_date
            )
        )
        log.append((a.pk, label, {"end_date": [str(a.end_date or ""), str(plan.close_on)]}))
        a.end_date = plan.close_on
        ended.append(a)
    Assignment.objects.bulk_update(ended, ["end_date"])
    Assignment.objects.bulk_update(repointed, ["position"])
    created = Assignment.objects.bulk_create(opened)
    log += [(a.pk, f"{a.staff_id} → {a.position.code}", {"start_date": ["", str(a.start_date)]}) for a in created]
    _log_bulk(Assignment, log, actor, extra)


def _log_bulk(model, rows, actor, extra) -> None:
    """One audit entry per (pk, repr, changes) row of ``model``, written in one statement."""
    if not rows:
        return
    content_type = ContentType.objects.get_for_model(model)
    now, cid = timezone.now(), get_cid()
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(pk),
                object_id=pk,
                object_repr=str(text)[:200],
                action=LogEntry.Action.UPDATE,
                changes=changes,
                changes_text="",
                actor=actor,
                actor_email=getattr(actor, "email", None) or None,
                cid=cid,
                timestamp=now,
                additional_data=extra,
            )
            for pk, text, changes in rows
        ],
        batch_size=1000,
    )
