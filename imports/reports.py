"""Read queries of the import/export screens (views never build queries)."""

from imports.models import ImportJob
from portal.models import ADMIN_ROLES, Organization, scope_for, scope_q


def jobs_in_scope(user, *, with_file: bool = False, with_errors: bool = True, with_preview: bool = False):
    """Import jobs whose scope organisation the user administers (a national admin: every job,
    the whole-portal ones included). The file's bytes and the preview are loaded only when
    asked for."""
    q = scope_q(user, "organization", ADMIN_ROLES)
    jobs = ImportJob.objects.all() if q is None else ImportJob.objects.filter(q)
    keep = (("file_content", with_file), ("errors", with_errors), ("preview", with_preview))
    return jobs.select_related("organization", "created_by").defer(*[name for name, wanted in keep if not wanted])


def record_links(user, model, pks) -> dict:
    """``{id: URL}`` of the records among ``pks`` that the user may open (one query): records of a
    scoped model (``for_user``) with a page (``get_absolute_url``); none for other models."""
    manager = model._default_manager
    if not pks or not hasattr(model, "get_absolute_url") or not hasattr(manager, "for_user"):
        return {}
    return {obj.pk: obj.get_absolute_url() for obj in manager.for_user(user).filter(pk__in=list(pks))}


def admin_prefixes(user) -> tuple[str, ...] | None:
    """The paths of the subtrees the user administers (``None``: a national admin, everything)."""
    scope = scope_for(user)
    return None if scope.national else scope.prefixes(ADMIN_ROLES)


def recent_jobs(user):
    return jobs_in_scope(user, with_errors=False).order_by("-created_at")


def import_scopes(user):
    """The organisations the user may import into or export from (their admin subtrees)."""
    return Organization.objects.for_user(user, ADMIN_ROLES).filter(valid_to__isnull=True).order_by("path")
