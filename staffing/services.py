"""Multi-row writes of staffing: assignments (FTE rule) and quotas (nesting rule)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from portal.models import EDIT_ROLES, scope_for
from staffing import rules
from staffing.models import Assignment, AssignmentKind, Quota, Staff
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
