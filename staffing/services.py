"""Multi-row writes of staffing: assignments (FTE rule) and quotas (nesting rule)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from portal.models import EDIT_ROLES, scope_for
from staffing import rules
from staffing.models import Assignment, AssignmentKind, Quota, Staff
from staffing.quotas import QuotaRow, nesting_violations


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


def check_quota_nesting(quota: Quota) -> None:
    """Raise a ValidationError naming the organisations and the numbers when saving ``quota``
    would make some unit's children's quotas add up to more than its own."""
    violations = quota_violations_after([quota])
    if not violations:
        return
    v = violations[0]
    children = "; ".join(f"{c.ref.organization.name}: {c.assigned}" for c in v.children)
    raise ValidationError(
        _(
            "Tổng biên chế các đơn vị trực thuộc (%(total)s: %(children)s) vượt quá biên chế của %(org)s "
            "năm %(year)s, loại %(cat)s (%(assigned)s)."
        )
        % {
            "total": v.total,
            "children": children,
            "org": v.parent.ref.organization.name,
            "year": v.parent.year,
            "cat": v.parent.category,
            "assigned": v.parent.assigned,
        }
    )


@transaction.atomic
def save_quota(*, user, quota: Quota) -> Quota:
    _require_edit(user, quota.organization)
    quota.full_clean()
    check_quota_nesting(quota)
    quota.save()
    return quota
