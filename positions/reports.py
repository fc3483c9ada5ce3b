"""Every read query behind the positions pages (views never build queries, so query budgets hold).

The apps above ``positions`` add per-position figures to the catalogue in the same query through
``portal.registry.register_position_annotation`` (``staffing`` registers ``assigned_count``: the
people assigned to each position). Without it the catalogue shows "—" in that column.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from django.db.models import Case, Count, OuterRef, Prefetch, Q, Subquery, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal.collation import vi_order
from portal.models import EDIT_ROLES, Organization, Role, scope_for, scope_q
from portal.registry import position_annotations
from portal.text import fold
from positions.models import (
    Competency,
    CompetencyKind,
    CompetencyLevel,
    DescriptionCompetency,
    DescriptionStatus,
    FrameworkPosition,
    Position,
    PositionDescription,
    PositionGroup,
)
from positions.services import Content, content_of

FRAMEWORK_SEARCH_LIMIT = 20
COPY_SOURCES_LIMIT = 50
NO_DESCRIPTION = "none"


def with_latest(queryset):
    """Annotate each position with its latest description version (id, number, status) and the
    registered per-position figures: three subqueries in the same SELECT."""
    latest = PositionDescription.objects.filter(position=OuterRef("pk")).order_by("-version")
    return queryset.annotate(
        latest_id=Subquery(latest.values("pk")[:1]),
        latest_version=Subquery(latest.values("version")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
        **{name: factory() for name, factory in position_annotations.items()},
    ).select_related("group", "min_rank", "max_rank")


# --------------------------------------------------------------------------- catalogue


@dataclass
class GroupBlock:
    group: PositionGroup
    rows: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def headcount(self) -> int:
        return sum(p.headcount for p in self.rows)


@dataclass
class Catalogue:
    organization: Organization
    blocks: list[GroupBlock]

    @property
    def count(self) -> int:
        return sum(b.count for b in self.blocks)

    @property
    def headcount(self) -> int:
        return sum(b.headcount for b in self.blocks)

    @property
    def has_assigned(self) -> bool:
        return "assigned_count" in position_annotations


def catalogue(org: Organization, *, include_empty_groups: bool = True) -> Catalogue:
    """An organisation's positions grouped by position group, in catalogue order (two queries,
    whatever the number of positions)."""
    rows = with_latest(Position.objects.filter(organization=org)).order_by("group__order", "subgroup", "order", "code")
    blocks = {g.pk: GroupBlock(group=g) for g in PositionGroup.objects.order_by("order")}
    for position in rows:
        blocks.setdefault(position.group_id, GroupBlock(group=position.group)).rows.append(position)
    kept = [b for b in blocks.values() if include_empty_groups or b.rows]
    return Catalogue(organization=org, blocks=kept)


def single_home_organization(user) -> Organization | None:
    """The user's organisation when they hold roles in exactly one."""
    orgs = list(Organization.objects.filter(memberships__user=user).distinct().order_by("pk")[:2])
    return orgs[0] if len(orgs) == 1 else None


# --------------------------------------------------------------------------- search


def organizations_with_positions(user):
    """Filter choices: the organisations of the user's scope that have positions."""
    return (
        Organization.objects.for_user(user)
        .filter(pk__in=Position.objects.for_user(user).values("organization_id"))
        .order_by("path")
    )


def search_positions(user, *, q: str = "", group=None, rank=None, status: str = "", organization=None):
    """Positions of the user's scope matching the filters (one query per page)."""
    qs = with_latest(Position.objects.for_user(user).search(q)).select_related("organization")
    if group is not None:
        qs = qs.filter(group=group)
    if rank is not None:
        qs = qs.filter(
            Q(min_rank=rank)
            | Q(max_rank=rank)
            | Q(min_rank__field=rank.field, min_rank__level__lte=rank.level, max_rank__level__gte=rank.level)
        )
    if status == NO_DESCRIPTION:
        qs = qs.filter(latest_id__isnull=True)
    elif status:
        qs = qs.filter(latest_status=status)
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs.order_by("organization__path", "group__order", "subgroup", "order", "code")


def framework_search(text: str, limit: int = FRAMEWORK_SEARCH_LIMIT):
    """Active framework positions whose name folds to contain ``text`` or whose code starts so."""
    qs = FrameworkPosition.objects.filter(active=True).select_related("group", "min_rank", "max_rank")
    key = fold(text)
    if key:
        qs = qs.filter(Q(search_key__contains=key) | Q(code__istartswith=text.strip()))
    return qs.order_by("group__order", vi_order("name"), "code")[:limit]


# --------------------------------------------------------------------------- one position


def position_for(user, pk: int) -> Position:
    """A position of the user's scope (404 outside it)."""
    return get_object_or_404(
        Position.objects.for_user(user).select_related("organization__parent", "group", "min_rank", "max_rank"), pk=pk
    )


def organization_for(user, code: str) -> Organization:
    return get_object_or_404(Organization.objects.for_user(user).select_related("parent"), code=code)


def description_for(user, pk) -> PositionDescription:
    """A description version of the user's scope (404 outside it)."""
    return get_object_or_404(
        PositionDescription.objects.for_user(user).select_related(
            "position__organization__parent",
            "position__group",
            "position__min_rank",
            "position__max_rank",
            "created_by",
            "updated_by",
            "submitted_by",
            "decided_by",
        ),
        pk=pk,
    )


def versions_of(position: Position):
    return position.descriptions.select_related("created_by", "updated_by", "submitted_by", "decided_by").order_by(
        "-version"
    )


def description_content(description: PositionDescription):
    """The description's tasks and required competencies, each competency with the meaning of its
    required level (two queries)."""
    descriptor = CompetencyLevel.objects.filter(competency=OuterRef("competency"), level=OuterRef("level"))
    return (
        list(description.tasks.order_by("order")),
        list(
            description.competencies.select_related("competency")
            .annotate(descriptor=Subquery(descriptor.values("descriptor")[:1]))
            .order_by("competency__kind", "competency__order", "competency__code")
        ),
    )


# --------------------------------------------------------------------------- editor


@dataclass
class KindBlock:
    kind: str
    label: str
    competencies: list


def competency_dictionary(description: PositionDescription | None = None) -> list[KindBlock]:
    """The competency dictionary grouped by kind, each with its level descriptors (two queries).
    Inactive competencies already required by ``description`` are kept."""
    used = DescriptionCompetency.objects.filter(description=description).values("competency_id")
    qs = (
        Competency.objects.filter(Q(active=True) | Q(pk__in=used) if description else Q(active=True))
        .prefetch_related(Prefetch("levels", queryset=CompetencyLevel.objects.order_by("level")))
        .order_by("kind", "order", "code")
    )
    by_kind: dict[str, list] = {k: [] for k in CompetencyKind.values}
    for competency in qs:
        by_kind.setdefault(competency.kind, []).append(competency)
    labels = dict(CompetencyKind.choices)
    return [KindBlock(kind=k, label=str(labels.get(k, k)), competencies=v) for k, v in by_kind.items() if v]


def copy_sources(user, description: PositionDescription, text: str = ""):
    """Approved descriptions of other positions in the user's scope (latest approved first)."""
    qs = (
        PositionDescription.objects.for_user(user)
        .filter(status=DescriptionStatus.APPROVED)
        .exclude(position_id=description.position_id)
        .select_related("position__organization")
    )
    key = fold(text)
    if key:
        qs = qs.filter(position__search_key__contains=key)
    return qs.order_by("position__organization__path", "position__code", "-version")[:COPY_SOURCES_LIMIT]


def approval_queue(user):
    """Submitted descriptions the user may decide on: those of organisations whose parent lies in
    an organisation the user administers (national admins: all)."""
    qs = PositionDescription.objects.filter(status=DescriptionStatus.SUBMITTED).select_related(
        "position__organization", "position__group", "submitted_by"
    )
    q = scope_q(user, "position__organization__parent", {Role.ORG_ADMIN})
    return (qs if q is None else qs.filter(q)).order_by("submitted_at", "pk")


def is_approver(user) -> bool:
    """Whether the user decides on descriptions at all (a national or an organisation admin): the
    scope only, no query."""
    scope = scope_for(user)
    return scope.national or scope.has_any({Role.ORG_ADMIN})


def waiting_for_approval(user) -> int:
    """How many descriptions wait for the user's decision (the approval queue's length): one
    COUNT, kept on the user object for the request (the menu's badge and the home page share it),
    none for a user who approves nothing."""
    if not is_approver(user):
        return 0
    cached = getattr(user, "_vtvl_waiting_for_approval", None)
    if cached is None:
        cached = user._vtvl_waiting_for_approval = approval_queue(user).order_by().count()
    return cached


# --------------------------------------------------------------------------- home page, hub

# The statuses of the latest description of a position a person works on, in the order the home
# page lists them; the catalogue search filters by the same ``latest_status``.
WORK_STATUSES = (DescriptionStatus.RETURNED, DescriptionStatus.DRAFT, DescriptionStatus.SUBMITTED)


def description_counts(user) -> dict[str, int]:
    """``{status: positions}`` of the user's scope by the status of their latest description
    (``NO_DESCRIPTION``: none yet), exactly what the search (``search_positions(status=…)``)
    lists: one aggregate."""
    latest = PositionDescription.objects.filter(position=OuterRef("pk")).order_by("-version")
    qs = Position.objects.for_user(user).annotate(latest_status=Subquery(latest.values("status")[:1]))
    counts = {s: Count("pk", filter=Q(latest_status=s)) for s in DescriptionStatus.values}
    return qs.aggregate(**counts, **{NO_DESCRIPTION: Count("pk", filter=Q(latest_status__isnull=True))})


def descriptions_to_work_on(user, limit: int = 5):
    """The returned and draft descriptions the user may edit, returned ones first, the most
    recently changed first (one query)."""
    qs = PositionDescription.objects.for_user(user, EDIT_ROLES).filter(
        status__in=[DescriptionStatus.RETURNED, DescriptionStatus.DRAFT]
    )
    returned_first = Case(When(status=DescriptionStatus.RETURNED, then=0), default=1)
    return qs.select_related("position__organization").order_by(returned_first, "-updated_at", "pk")[:limit]


def position_count(org: Organization) -> int:
    """The positions of one organisation's catalogue (one COUNT)."""
    return Position.objects.filter(organization=org).count()


# --------------------------------------------------------------------------- sections (diff, conflict)


def _line(label: str, value: str) -> str:
    return f"{html.escape(label)}: {value}<br>" if value else ""


def content_sections(content: Content) -> dict[str, str]:
    """Section title -> light HTML of that section, the input of ``diffing.diff_sections`` (one
    query for the competency names)."""
    f = content.fields
    names = dict(Competency.objects.filter(pk__in=[c for c, _ in content.competencies]).values_list("pk", "name"))
    tasks = []
    for i, t in enumerate((t for t in content.tasks if (t.get("task") or "").strip()), start=1):
        tasks.append(
            f"{i}. {t['task']}<br>"
            + _line("  " + _("Sản phẩm đầu ra"), t.get("outputs", ""))
            + _line("  " + _("Tiêu chí đánh giá"), t.get("criteria", ""))
        )
    levels = [
        html.escape(_("%(name)s: cấp độ %(level)s") % {"name": names.get(cid, f"#{cid}"), "level": level}) + "<br>"
        for cid, level in content.competencies
    ]
    return {
        _("Mục tiêu"): f.get("objective", ""),
        _("Nhiệm vụ"): "".join(tasks),
        _("Quan hệ công tác"): _line(_("Bên trong"), f.get("relationships_internal", ""))
        + _line(_("Bên ngoài"), f.get("relationships_external", "")),
        _("Quyền hạn"): f.get("authority", ""),
        _("Điều kiện làm việc"): f.get("working_conditions", ""),
        _("Trình độ, kinh nghiệm, phẩm chất"): _line(_("Trình độ đào tạo"), html.escape(f.get("training_level", "")))
        + _line(_("Chuyên ngành đào tạo"), html.escape(f.get("training_field", "")))
        + _line(_("Kinh nghiệm công tác"), f.get("experience", ""))
        + _line(_("Phẩm chất cá nhân"), f.get("personal_qualities", ""))
        + _line(_("Yêu cầu khác"), f.get("other_requirements", "")),
        _("Khung năng lực"): "".join(levels),
    }


def description_sections(description: PositionDescription) -> dict[str, str]:
    return content_sections(content_of(description))


def other_versions(description: PositionDescription):
    return description.position.descriptions.order_by("-version").only("pk", "version", "status")
