"""Every read query behind the portal's organisation pages (views never build queries).

Counts on the organisation pages: ``child_count`` (direct children, "đơn vị trực thuộc") is a
per-row subquery on the parent index; the registered org counters (``portal.registry``, e.g.
``staff_count`` from staffing) are counted once per page, one aggregate per counter over the
subtrees shown, and rolled up by path in Python. So a page's queries do not grow with the rows it
shows, and their time grows with the size of the subtrees shown, never with rows × subtree."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from portal import registry
from portal.collation import vi_order
from portal.models import ADMIN_ROLES, LegalDocument, Membership, Organization, Role, scope_for
from portal.registry import direct_counts, subtree_counts

SEARCH_LIMIT = 200


def _sibling_order() -> tuple:
    """Siblings on the tree page: by kind, then name in Vietnamese order (``portal.collation``)."""
    return ("kind", vi_order("name"), "code")


def _child_count():
    children = Organization.objects.filter(parent=OuterRef("pk")).order_by().values("parent").annotate(n=Count("pk"))
    return Coalesce(Subquery(children.values("n"), output_field=IntegerField()), 0)


def _with_counts(queryset, under: list[str] | None = None, direct=None) -> list[Organization]:
    """The rows of ``queryset`` with ``child_count`` and every registered counter set: one query
    for the rows, and one per counter over the subtrees ``under`` (by default the rows' own), or
    none if ``direct`` (``registry.direct_counts``) already holds the counts of their subtrees."""
    orgs = list(queryset.annotate(child_count=_child_count()))
    if not orgs:
        return orgs
    if direct is None:
        direct = direct_counts(under or [o.path for o in orgs])
    for name, by_path in subtree_counts([o.path for o in orgs], direct).items():
        for org in orgs:
            setattr(org, name, by_path[org.path])
    return orgs


def tree_roots(user) -> list[Organization]:
    """The top organisations of the user's scope, with their counts (one query + one per counter)."""
    scope = scope_for(user)
    qs = Organization.objects.all()
    if scope.national:
        qs = qs.filter(parent__isnull=True)
    else:
        prefixes = scope.prefixes()
        if not prefixes:
            return []
        qs = qs.filter(path__in=prefixes)
    return _with_counts(qs.order_by(*_sibling_order()))


def children_of(org: Organization, summary: dict | None = None) -> list[Organization]:
    """The organisation's children with their counts (one query + one per counter; none per
    counter with ``summary``, ``organization_summary(org)``: its subtree holds theirs)."""
    qs = Organization.objects.filter(parent=org).order_by(*_sibling_order())
    # Under the one root org.path, not under each child's: one LIKE however many children.
    return _with_counts(qs, [org.path], summary["direct_counts"] if summary else None)


def search(user, text: str) -> list[Organization]:
    """Organisations of the user's scope whose name folds to contain ``text``, with their counts
    (one query + one per counter)."""
    qs = Organization.objects.for_user(user).search(text)
    return _with_counts(qs.order_by("depth", vi_order("name"), "code")[:SEARCH_LIMIT])


def organization_summary(org: Organization) -> dict:
    """Counts for one organisation page: ``child_count``, ``unit_count`` (units in its subtree
    besides itself) and every registered counter over its subtree (one query + one per counter).
    ``direct_counts`` keeps the counters' per-path counts for ``children_of(org, summary)``."""
    summary = Organization.objects.filter(path__startswith=org.path).aggregate(
        child_count=Count("pk", filter=Q(parent=org)),
        unit_count=Count("pk", filter=~Q(pk=org.pk)),
    )
    direct = direct_counts([org.path])
    for name, by_path in subtree_counts([org.path], direct).items():
        summary[name] = by_path[org.path]
    summary["direct_counts"] = direct
    return summary


def memberships_for(user, role: str = ""):
    """The roles granted in the user's admin scope; ``role`` (a ``Role`` value, else ignored)
    keeps one role."""
    qs = Membership.objects.for_user(user, ADMIN_ROLES).select_related("user", "organization")
    if role in Role.values:
        qs = qs.filter(role=role)
    return qs.order_by("organization__path", "user__username", "role")


def membership_counts(user) -> dict[str, int]:
    """``{role: roles granted}`` in the user's admin scope, every role present (one aggregate):
    the lengths of ``memberships_for(user, role)``."""
    rows = Membership.objects.for_user(user, ADMIN_ROLES).order_by().values_list("role").annotate(n=Count("pk"))
    return dict.fromkeys(Role.values, 0) | dict(rows)


def active_organization_count() -> int:
    """Organisations in operation (not dissolved or merged), the whole portal (one COUNT)."""
    return Organization.objects.filter(valid_to__isnull=True).count()


# --------------------------------------------------------------------------- reference data


@dataclass
class ReferenceStatus:
    """One registered rule-set or reference-data model: its rows, those without a legal document,
    and the documents its rows rest on."""

    model: type
    legal_field: str | None
    total: int = 0
    without_basis: int = 0
    documents: list = field(default_factory=list)  # unverified ones first


def legal_documents() -> list[LegalDocument]:
    """Every legal document, unverified ones first (one query; a few dozen rows)."""
    return list(LegalDocument.objects.order_by("verified", "-issued_on", "number"))


def reference_status(documents: list[LegalDocument]) -> list[ReferenceStatus]:
    """The registered models (``portal.registry.reference_data``) with their rows counted by legal
    document: one aggregate per model (a constant number, whatever the rows), ``documents`` from
    ``legal_documents()``."""
    by_pk = {d.pk: d for d in documents}
    found = []
    for entry in registry.reference_data:
        status = ReferenceStatus(entry.model, entry.legal_field)
        if entry.legal_field:
            rows = entry.model.objects.order_by().values_list(entry.legal_field).annotate(n=Count("pk"))
            for pk, n in rows:
                status.total += n
                if pk is None:
                    status.without_basis += n
                elif pk in by_pk:
                    status.documents.append(by_pk[pk])
            status.documents.sort(key=lambda d: (d.verified, d.code))
        else:
            status.total = entry.model.objects.count()
        found.append(status)
    return found


def memberships_of_org(org: Organization):
    return Membership.objects.filter(organization=org).select_related("user").order_by("role", "user__username")


def breadcrumbs(user, org: Organization):
    """The organisation's ancestors (root first), each flagged whether the user may open it."""
    scope = scope_for(user)
    return [(a, scope.covers(a.path)) for a in org.ancestors()]


def user_memberships(user):
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__path")


def orgs_for_admin_choice(user):
    return Organization.objects.for_user(user, ADMIN_ROLES).filter(Q(valid_to__isnull=True)).order_by("path")


def successors_of(org: Organization | None) -> list[Organization]:
    """The units a closed organisation was merged into (none for an open one: no query)."""
    if org is None or org.valid_to is None:
        return []
    return list(org.successors.order_by("code"))
