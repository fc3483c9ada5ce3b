"""Read queries of the import/export screens (views never build queries)."""

from imports.models import ImportJob
from portal.models import ADMIN_ROLES, Organization, scope_for, scope_q


def jobs_in_scope(user, *, with_file: bool = False, with_errors: bool = True):
    """Import jobs whose scope organisation the user administers (a national admin: every job,
    the whole-portal ones included). The file's bytes are loaded only when asked for."""
    q = scope_q(user, "organization", ADMIN_ROLES)
    jobs = ImportJob.objects.all() if q is None else ImportJob.objects.filter(q)
    deferred = [name for name, keep in (("file_content", with_file), ("errors", with_errors)) if not keep]
    return jobs.select_related("organization", "created_by").defer(*deferred)


def admin_prefixes(user) -> tuple[str, ...] | None:
    """The paths of the subtrees the user administers (``None``: a national admin, everything)."""
    scope = scope_for(user)
    return None if scope.national else scope.prefixes(ADMIN_ROLES)


def recent_jobs(user):
    return jobs_in_scope(user, with_errors=False).order_by("-created_at")


def import_scopes(user):
    """The organisations the user may import into or export from (their admin subtrees)."""
    return Organization.objects.for_user(user, ADMIN_ROLES).filter(valid_to__isnull=True).order_by("path")
