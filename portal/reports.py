"""Every read query behind the portal's organisation pages (views never build queries)."""

from django.db.models import Count, Q

from portal.models import ADMIN_ROLES, Membership, Organization, scope_for
from portal.registry import annotate_counters

SEARCH_LIMIT = 200


def _with_counts(queryset):
    return annotate_counters(queryset.annotate(child_count=Count("children", distinct=True)))


def tree_roots(user):
    """The top organisations of the user's scope, with their counts (one query)."""
    scope = scope_for(user)
    qs = Organization.objects.all()
    if scope.national:
        qs = qs.filter(parent__isnull=True)
    else:
        prefixes = scope.prefixes()
        if not prefixes:
            return Organization.objects.none()
        qs = qs.filter(path__in=prefixes)
    return _with_counts(qs).order_by("kind", "name")


def children_of(org: Organization):
    return _with_counts(Organization.objects.filter(parent=org)).order_by("kind", "name")


def search(user, text: str):
    """Organisations of the user's scope whose name folds to contain ``text`` (one query)."""
    qs = Organization.objects.for_user(user).search(text)
    return _with_counts(qs).order_by("depth", "name")[:SEARCH_LIMIT]


def organization_summary(org: Organization) -> dict:
    """Counts for one organisation page (one query)."""
    row = (
        annotate_counters(
            Organization.objects.filter(pk=org.pk).annotate(
                child_count=Count("children", distinct=True),
            )
        )
        .values()
        .first()
    )
    row["unit_count"] = Organization.objects.filter(path__startswith=org.path).exclude(pk=org.pk).count()
    return row


def memberships_for(user):
    return (
        Membership.objects.for_user(user, ADMIN_ROLES)
        .select_related("user", "organization")
        .order_by("organization__path", "user__username", "role")
    )


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
