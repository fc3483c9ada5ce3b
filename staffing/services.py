"""Multi-row writes of staffing: assignments (FTE rule), quotas (nesting rule) and the streamlining
list's writes (per-person decisions and exclusions for a review year, numbered snapshots)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import EDIT_ROLES, Organization, scope_for
from portal.text import nfc_multiline
from staffing import rules
from staffing.models import (
    DECIDED_CASES,
    Assignment,
    AssignmentKind,
    CandidateSnapshot,
    Quota,
    Staff,
    StaffStatus,
    StreamliningDecision,
    StreamliningExclusion,
)
from staffing.quotas import QuotaRow, may_grant_quota, nesting_violations, remaining_for


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
