"""Read queries of the import/export screens (views never build queries)."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.models import ImportJob, ImportStatus
from portal.models import ADMIN_ROLES, Organization, scope_for, scope_q

# The job list's ``state`` filter (the home page's counts link to it): the jobs that wait for a
# person or a worker, and the ones refused or failed lately. Request data only ever picks a key.
ATTENTION_DAYS = 30
JOB_STATES = {
    # previewed, waiting for the admin's "Xác nhận nhập"
    "ready": (ImportStatus.READY,),
    # not settled yet: waiting for a worker, being checked, queued, being written
    "pending": (ImportStatus.UPLOADED, ImportStatus.VALIDATING, ImportStatus.QUEUED, ImportStatus.RUNNING),
    # refused (errors in the file) or failed (a system error), in the last ATTENTION_DAYS days
    "failed": (ImportStatus.REJECTED, ImportStatus.FAILED),
}
RECENT_STATES = frozenset({"failed"})


def job_state_labels() -> dict[str, str]:
    """What each ``JOB_STATES`` group is called (the job list's filter, the home page's counts)."""
    return {
        "ready": _("Chờ xác nhận nhập"),
        "pending": _("Đang chờ hoặc đang xử lý"),
        "failed": _("Bị từ chối hoặc lỗi trong %(days)s ngày qua") % {"days": ATTENTION_DAYS},
    }


def state_q(state: str, now: dt.datetime | None = None) -> Q:
    """The jobs of one ``JOB_STATES`` group (``failed``: created in the last ``ATTENTION_DAYS``)."""
    q = Q(status__in=JOB_STATES[state])
    if state in RECENT_STATES:
        q &= Q(created_at__gte=(now or timezone.now()) - dt.timedelta(days=ATTENTION_DAYS))
    return q


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


def recent_jobs(user, state: str = ""):
    """The job list, newest first; ``state`` (a ``JOB_STATES`` key, else ignored) filters it."""
    jobs = jobs_in_scope(user, with_errors=False)
    if state in JOB_STATES:
        jobs = jobs.filter(state_q(state))
    return jobs.order_by("-created_at")


def job_state_counts(user) -> dict[str, int]:
    """``{state: jobs}`` of the user's admin scope for each ``JOB_STATES`` group: one aggregate, the
    same jobs as ``recent_jobs(user, state)``."""
    now = timezone.now()
    return jobs_in_scope(user, with_errors=False).aggregate(
        **{state: Count("pk", filter=state_q(state, now)) for state in JOB_STATES}
    )


def jobs_of_view_scope(user, limit: int = 5):
    """The latest jobs of organisations in the user's scope (any role: an HR officer sees what was
    imported into their units, without the files or the errors), newest first (one query)."""
    q = scope_q(user, "organization")
    jobs = ImportJob.objects.all() if q is None else ImportJob.objects.filter(q)
    return (
        jobs.select_related("organization", "created_by")
        .defer("file_content", "errors", "preview")
        .order_by("-created_at")[:limit]
    )


def import_scopes(user):
    """The organisations the user may import into or export from (their admin subtrees)."""
    return Organization.objects.for_user(user, ADMIN_ROLES).filter(valid_to__isnull=True).order_by("path")
