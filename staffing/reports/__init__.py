"""Every read query behind the staffing pages (views never build queries, so query budgets hold
whatever the number of rows). This module: the staff, assignment and quota pages; the report pages'
queries are in the package's other modules, one per report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DecimalField, Exists, FilteredRelation, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from portal.audit import reports as audit_reports
from portal.audit.present import Row
from portal.collation import vi_order
from portal.models import EDIT_ROLES, Organization, scope_for
from positions.models import Position, Rank
from staffing import rules
from staffing.models import AnnualRecord, Assignment, AssignmentKind, Quota, Staff, StaffStatus
from staffing.quotas import may_grant_quota, nearest_holder

# ``sort`` values the staff list accepts (an optional leading "-" for descending) and the
# ordering each one means: names in Vietnamese order, codes as codes. Anything else is ignored:
# request data never reaches order_by().
STAFF_SORTS = {
    "employee_code": ("employee_code",),
    "full_name": (vi_order("full_name"),),
    "date_of_birth": ("date_of_birth",),
    "organization": (vi_order("organization__name"), "organization__code"),
    "category": ("category",),
    "status": ("status",),
}
DEFAULT_STAFF_SORT = "employee_code"
POSITION_CHOICES_LIMIT = 300
HISTORY_LIMIT = 100
NOT_RECORDED = "none"  # the staff list's filter value for people whose training level is not recorded


def parse_sort(value: str | None) -> tuple[str, bool]:
    """``(key, descending)`` for an allow-listed ``sort`` value, else the default."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in STAFF_SORTS:
        return DEFAULT_STAFF_SORT, False
    return key, descending


# --------------------------------------------------------------------------- organisation pages


def working_staff_by_path(root_paths) -> dict[str, int]:
    """Working staff directly in each organisation under ``root_paths`` (the roots included),
    ``{organisation path: count}``, organisations without any left out: the ``staff_count`` org
    counter, which the organisation pages roll up by path into subtree counts. One aggregate
    over the working staff of those subtrees."""
    if not root_paths:
        return {}
    under = reduce(or_, (Q(organization__path__startswith=p) for p in root_paths))
    # COUNT(*), not COUNT(id): the index on (organization, status) then covers the query, so a
    # small subtree is an index-only scan per organisation instead of a scan of the table.
    rows = Staff.objects.working().filter(under).order_by().values_list("organization__path").annotate(n=Count("*"))
    return dict(rows)


# --------------------------------------------------------------------------- assignments


def _current(queryset, on_date: datetime.date | None = None):
    on_date = on_date or timezone.localdate()
    return queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=on_date), start_date__lte=on_date)


def assigned_fte_expression():
    """Per Position row: the FTE currently assigned to it (0 when nobody holds it). Registered
    as the catalogue's ``assigned_count`` column."""
    total = (
        _current(Assignment.objects.filter(position=OuterRef("pk")))
        .order_by()
        .values("position")
        .annotate(total=Sum("fte"))
        .values("total")
    )
    output = DecimalField(max_digits=8, decimal_places=2)
    return Coalesce(Subquery(total, output_field=output), Decimal(0), output_field=output)


def _primary(staff_ref="pk"):
    return _current(Assignment.objects.filter(staff=OuterRef(staff_ref), kind=AssignmentKind.PRIMARY)).order_by(
        "-start_date"
    )


# --------------------------------------------------------------------------- missing data


def with_missing_data(queryset, *, year: int):
    """``queryset`` of people able to tell what their record lacks (``missing_data_q``): joined to
    their record of ``year`` (a LEFT JOIN: the record is unique per person and year, so no person
    is repeated). A join, not a correlated EXISTS: inside an aggregate's FILTER PostgreSQL runs an
    EXISTS once per person (5× slower with 90,000 people), a join it plans as one hash or merge."""
    return queryset.annotate(rating_record=FilteredRelation("annual_records", condition=Q(annual_records__year=year)))


def missing_data_q(kind: str) -> Q:
    """The people whose record lacks ``kind`` (``rules.MISSING_DATA``): no rank, no years of social
    insurance, no rating for the year of ``with_missing_data`` (no record of that year, or one
    without a rating). The one definition behind the home page's counts and the staff list's
    filter."""
    if kind == rules.MISSING_RANK:
        return Q(rank__isnull=True)
    if kind == rules.MISSING_INSURANCE:
        return Q(insurance_years__isnull=True)
    if kind == rules.MISSING_RATING:
        return Q(rating_record__isnull=True) | Q(rating_record__rating="")
    raise ValueError(kind)


def missing_data_counts(user, *, year: int) -> dict[str, int]:
    """``{kind: working people of the user's scope whose record lacks it}`` and ``working``: one
    aggregate, the same people as the staff list's ``missing`` filter with the default status."""
    qs = with_missing_data(Staff.objects.for_user(user).working(), year=year)
    counts = {kind: Count("pk", filter=missing_data_q(kind)) for kind in rules.MISSING_DATA}
    return qs.aggregate(working=Count("pk"), **counts)


# --------------------------------------------------------------------------- staff list


def staff_list(
    user,
    *,
    q: str = "",
    organization: Organization | None = None,
    category: str = "",
    position: Position | None = None,
    rank: Rank | None = None,
    training_level: str = "",
    status: str = StaffStatus.WORKING,
    missing: str = "",
    sort: str = "",
):
    """Staff of the user's scope matching the filters, each with their current primary position
    (one query per page). ``organization`` means that unit and its whole subtree; ``status``
    empty means every status; ``training_level`` a level's code, or ``NOT_RECORDED``; ``missing``
    (``rules.MISSING_DATA``) keeps the people whose record lacks it (the rating: of
    ``rules.rating_year(today)``)."""
    primary = _primary()
    qs = (
        Staff.objects.for_user(user)
        .select_related("organization")
        .annotate(
            primary_position_name=Subquery(primary.values("position__name")[:1]),
            primary_position_code=Subquery(primary.values("position__code")[:1]),
        )
    )
    qs = qs.search(q)
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    if category:
        qs = qs.filter(category=category)
    if position is not None:
        qs = qs.filter(Exists(_current(Assignment.objects.filter(staff=OuterRef("pk"), position=position))))
    if rank is not None:
        qs = qs.filter(rank=rank)
    if training_level:
        qs = qs.filter(training_level="" if training_level == NOT_RECORDED else training_level)
    if status:
        qs = qs.filter(status=status)
    if missing in rules.MISSING_DATA:
        qs = with_missing_data(qs, year=rules.rating_year(timezone.localdate())).filter(missing_data_q(missing))
    key, descending = parse_sort(sort)
    order = [_descending(f) if descending else f for f in STAFF_SORTS[key]]
    return qs.order_by(*order, "pk")


def _descending(field):
    return f"-{field}" if isinstance(field, str) else field.desc()


def organization_choices(user, roles=None):
    """Organisations of the user's scope (the filter and form choices, which list them with
    ``portal.collation.in_tree_order``)."""
    qs = Organization.objects.for_user(user, roles) if roles else Organization.objects.for_user(user)
    return qs.order_by("path")


def position_choices(user, organization: Organization | None = None, limit: int = POSITION_CHOICES_LIMIT):
    """``(queryset, first rows, too_many)``: the positions of the user's scope (of
    ``organization``'s subtree when given), for a filter; at most ``limit`` rows are listed
    (one query)."""
    qs = Position.objects.for_user(user).select_related("organization")
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    qs = qs.order_by("organization__path", "code")
    rows = list(qs[: limit + 1])
    return qs, rows[:limit], len(rows) > limit


def rank_choices(current: Rank | None = None):
    qs = Rank.objects.filter(Q(active=True) | Q(pk=getattr(current, "pk", None)))
    return qs.order_by("kind", "field", "-level", "code")


# --------------------------------------------------------------------------- one person


def staff_for(user, code: str, roles=None) -> Staff:
    """A person of the user's scope by employee code (404 outside it)."""
    qs = Staff.objects.for_user(user, roles) if roles else Staff.objects.for_user(user)
    return get_object_or_404(qs.select_related("organization", "rank"), employee_code=code)


def assignments_of(staff: Staff, user=None, on_date: datetime.date | None = None) -> list[Assignment]:
    """The person's assignments, current ones first, each flagged ``is_current``, ``is_open`` (not
    ended yet) and ``position_in_scope`` (the user may open the position page): one query."""
    on_date = on_date or timezone.localdate()
    scope = scope_for(user)
    rows = list(
        Assignment.objects.filter(staff=staff)
        .select_related("position__organization")
        .order_by("kind", "-start_date", "pk")
    )
    for a in rows:
        a.is_current = a.start_date <= on_date and (a.end_date is None or a.end_date >= on_date)
        a.is_open = a.end_date is None or a.end_date >= on_date
        a.position_in_scope = scope.covers(a.position.organization.path)
    rows.sort(key=lambda a: (not a.is_current, a.kind != AssignmentKind.PRIMARY))
    return rows


def current_fte(assignments: list[Assignment]) -> Decimal:
    return sum((a.fte for a in assignments if a.is_current), Decimal(0))


def overlapping_fte(staff: Staff, start: datetime.date, end: datetime.date | None, exclude_pk=None) -> Decimal:
    """The FTE of the person's other assignments that overlap ``start``–``end`` (one query)."""
    qs = Assignment.objects.filter(staff=staff).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.aggregate(s=Sum("fte"))["s"] or Decimal(0)


def assignment_for(staff: Staff, pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.select_related("position__organization"), staff=staff, pk=pk)


def annual_records_of(staff: Staff):
    return AnnualRecord.objects.filter(staff=staff).order_by("-year")


def positions_for_assignment(user):
    """Positions a user may assign people to: those of organisations they edit."""
    return (
        Position.objects.for_user(user, EDIT_ROLES)
        .select_related("organization")
        .order_by("organization__path", "code")
    )


# --------------------------------------------------------------------------- history


_MODELS = (Staff, AnnualRecord, Assignment)


def mask_personal_id(value: str) -> str:
    return f"••••••••{value[-4:]}" if value else value


def _mask(model, name: str, value: str) -> str:
    return mask_personal_id(value) if model is Staff and name == "personal_id" else value


def history_of(staff: Staff, limit: int = HISTORY_LIMIT, *, user, show_personal_id: bool = True) -> list[Row]:
    """The audit log of a person: their own record, their yearly records and their assignments
    (deleted rows included: those entries carry the person's id), newest first, as the audit log
    shows them (``portal.audit``: labels, choices, names, dates, local times; personal ID numbers
    masked unless ``show_personal_id``). A constant number of queries, whatever the entries."""
    types = ContentType.objects.get_for_models(*_MODELS)
    staff_ct, record_ct, assignment_ct = (types[m] for m in _MODELS)
    entries = list(
        LogEntry.objects.filter(
            Q(content_type=staff_ct, object_id=staff.pk)
            | Q(content_type__in=[record_ct, assignment_ct], additional_data__staff=staff.pk)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    rows = audit_reports.present(user, entries, mask=None if show_personal_id else _mask, links=False)
    for row, entry in zip(rows, entries, strict=True):
        if entry.content_type_id != staff_ct.pk:
            row.subject = f"{row.type_label}: {entry.object_repr}"
    return [row for row in rows if not row.is_empty]


# --------------------------------------------------------------------------- positions panel


@dataclass
class PositionStaffing:
    incumbents: list
    assigned: Decimal
    headcount: int

    @property
    def vacancy(self) -> Decimal:
        return Decimal(self.headcount) - self.assigned

    @property
    def excess(self) -> Decimal:
        return -self.vacancy


def position_staffing(position: Position) -> PositionStaffing:
    """The people currently holding a position and the vacancy (people needed − FTE assigned):
    one query."""
    rows = list(
        _current(Assignment.objects.filter(position=position))
        .select_related("staff__organization")
        .order_by("kind", vi_order("staff__full_name"), "pk")
    )
    return PositionStaffing(
        incumbents=rows, assigned=sum((a.fte for a in rows), Decimal(0)), headcount=position.headcount
    )


# --------------------------------------------------------------------------- quotas


def quota_list(user, *, year: int | None = None, category: str = "", organization: Organization | None = None):
    """Quotas of the user's scope (one query per page), in tree order, newest year first."""
    qs = Quota.objects.for_user(user).select_related("organization")
    if year:
        qs = qs.filter(year=year)
    if category:
        qs = qs.filter(category=category)
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    return qs.order_by("-year", "organization__path", "category", "pk")


def with_children_totals(quotas, user) -> list[Quota]:
    """Give each quota of a page ``children_total``: what its nearest quota-holding descendants
    hold for the same year and category (the share already passed down) and ``reserve`` (what
    it keeps), ``level``: its depth
    below the shallowest row, and ``can_edit`` (one query whatever the page size)."""
    rows = list(quotas)
    if not rows:
        return rows
    scope = scope_for(user)
    cond = reduce(or_, (Q(organization__path__startswith=q.organization.path) for q in rows))
    below = (
        Quota.objects.filter(cond, year__in={q.year for q in rows}, category__in={q.category for q in rows})
        .values_list("organization__path", "year", "category", "assigned")
        .order_by()
    )
    holders: dict[tuple[int, str], dict[str, int]] = {}
    for path, year, category, assigned in below:
        holders.setdefault((year, category), {})[path] = assigned
    top = min(q.organization.depth for q in rows)
    for q in rows:
        same = holders.get((q.year, q.category), {})
        paths = set(same)
        q.children_total = sum(
            assigned
            for path, assigned in same.items()
            if path != q.organization.path
            and path.startswith(q.organization.path)
            and nearest_holder(path, paths) == q.organization.path
        )
        q.reserve = q.assigned - q.children_total
        q.level = min(q.organization.depth - top, 5)
        q.can_edit = may_grant_quota(scope, q.organization)  # granted by the parent: docs/rules.md §2
    return rows


def quota_years(user) -> list[int]:
    return list(Quota.objects.for_user(user).order_by("-year").values_list("year", flat=True).distinct())


def quota_for(user, pk: int) -> Quota:
    return get_object_or_404(Quota.objects.for_user(user).select_related("organization"), pk=pk)
