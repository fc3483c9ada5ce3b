"""What the import engine adds to the pages of the layer below it (registered in
ImportsConfig.ready): the home page's imports panel (admins: the jobs that wait or failed, counted,
and the latest ones; others: the latest imports into their units) and an organisation page's
import and export links for its admins."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from imports import reports
from imports.registry import sheets
from portal.models import ADMIN_ROLES, Role, scope_for
from portal.registry import HubLink, HubSection, register_home_panel, register_org_section

RECENT_SHOWN = 5


def imports_panel(request):
    """Admins: the jobs of their scope waiting for confirmation, waiting or being processed, and
    refused or failed lately, each count linking to the job list filtered so (one aggregate), and
    the latest jobs (one query). HR officers: the latest imports into their units, without links
    (the job pages are the admins'). Nothing for anyone else."""
    user = request.user
    scope = scope_for(user)
    admin = scope.has_any(ADMIN_ROLES)
    if not admin and not scope.holds(Role.HR_OFFICER):
        return None
    titles = {sheet.kind: sheet.title for sheet in sheets()}
    recent = list(reports.recent_jobs(user)[:RECENT_SHOWN] if admin else reports.jobs_of_view_scope(user, RECENT_SHOWN))
    for job in recent:
        job.kind_title = titles.get(job.kind, job.kind)
    context = {"recent": recent, "admin": admin, "figures": []}
    if admin:
        counts = reports.job_state_counts(user)
        url = reverse("imports:import_list")
        context["figures"] = [
            {
                "label": label,
                "count": counts[state],
                "url": f"{url}?{urlencode({'state': state})}",
                "id": f"home-imports-{state}",
                "warn": state != "pending",
            }
            for state, label in reports.job_state_labels().items()
        ]
    return "imports/_home_imports.html", context


def org_section(request, org, summary):
    """Importing into and exporting from the organisation: its admins only, while it is active."""
    if not org.is_active or not scope_for(request.user).covers(org.path, ADMIN_ROLES):
        return None
    query = urlencode({"organization": org.pk})
    links = [
        HubLink(
            _("Nhập dữ liệu vào đơn vị này"),
            f"{reverse('imports:import_start')}?{query}",
            id="hub-import",
            icon="bi-upload",
        ),
        HubLink(
            _("Xuất dữ liệu của đơn vị này"),
            f"{reverse('imports:export')}?{query}",
            id="hub-export",
            icon="bi-box-arrow-down",
        ),
    ]
    return HubSection(_("Nhập, xuất dữ liệu"), links, icon="bi-arrow-down-up", id="hub-imports")


def register() -> None:
    register_home_panel(imports_panel, order=50)
    register_org_section(org_section, order=40)
