"""Thin views: parse, call, render. Every object lookup goes through ``for_user``."""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.tasks import task
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import registry, reports, services
from portal.forms import MembershipForm, OrganizationForm, OrganizationSearchForm
from portal.models import ADMIN_ROLES, Membership, Organization, Role, home_organization, scope_for


def _require(user, roles=ADMIN_ROLES):
    if not scope_for(user).has_any(roles):
        raise PermissionDenied


def _org_figures(org, summary, prefix: str) -> list[dict]:
    """The organisation's labelled figures, each linked to what it counts: its direct units (its
    page's table of them) and every registered counter with a label (e.g. the working staff of
    its subtree, linked to the staff list filtered by it)."""
    figures = [
        {
            "label": _("Đơn vị trực thuộc"),
            "count": summary["child_count"],
            "url": f"{org.get_absolute_url()}#children",
            "id": f"{prefix}-child-count",
        }
    ]
    for name, counter in registry.org_counter_links.items():
        figures.append(
            {
                "label": counter.label,
                "count": summary.get(name, 0),
                "url": counter.link(org) if counter.link else "",
                "id": f"{prefix}-{name.replace('_', '-')}",
            }
        )
    return figures


def home(request):
    """The user's organisation and its figures, then the work queues the apps register
    (``portal.registry.home_panels``), each shown once, in their order, if the user's roles
    want it."""
    org = home_organization(request.user)
    summary = reports.organization_summary(org) if org else None
    panels = []
    for entry in registry.home_panels:
        found = entry.render(request)
        if found:
            name, context = found
            panels.append({"html": loader.render_to_string(name, context, request=request), "wide": entry.wide})
    return render(
        request,
        "portal/home.html",
        {
            "org": org,
            "figures": _org_figures(org, summary, "home") if org else [],
            "memberships": reports.user_memberships(request.user),
            "scope": scope_for(request.user),
            "panels": panels,
        },
    )


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the Django admin's). The static
    URL is resolved per request: the manifest storage only knows it after collectstatic."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@login_not_required
@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def organization_list(request):
    form = OrganizationSearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if q:
        results = list(reports.search(request.user, q))
        return render(
            request,
            "portal/organization_list.html",
            {"form": form, "q": q, "results": results, "limit": reports.SEARCH_LIMIT},
        )
    return render(request, "portal/organization_list.html", {"form": form, "roots": reports.tree_roots(request.user)})


def organization_children(request, code):
    org = get_object_or_404(Organization.objects.for_user(request.user), code=code)
    return render(request, "portal/_org_rows.html", {"nodes": reports.children_of(org), "level": org.depth + 1})


def organization_detail(request, code):
    """An organisation's hub: its figures, the links the apps register for it (catalogue, staff,
    quotas, reports, imports; only those the user may open), its direct units with their figures,
    and for its admins the roles granted there and its history."""
    org = get_object_or_404(Organization.objects.for_user(request.user), code=code)
    scope = scope_for(request.user)
    is_admin = scope.covers(org.path, ADMIN_ROLES)
    can_edit = is_admin and org.is_active  # a closed (merged) unit's page is read-only
    summary = reports.organization_summary(org)
    children = reports.children_of(org, summary)  # counted by the summary's aggregate
    sections = [s for s in (entry.build(request, org, summary) for entry in registry.org_sections) if s]
    return render(
        request,
        "portal/organization_detail.html",
        {
            "org": org,
            "figures": _org_figures(org, summary, "org"),
            "sections": sections,
            "children": [{"org": c, "figures": _child_figures(c)} for c in children],
            "counter_labels": [c.label for c in registry.org_counter_links.values()],
            "crumbs": reports.breadcrumbs(request.user, org),
            "is_admin": is_admin,
            "can_edit": can_edit,
            "successors": reports.successors_of(org),
            "memberships": reports.memberships_of_org(org) if is_admin else None,
            "history": LogEntry.objects.get_for_object(org).select_related("actor")[:20] if is_admin else None,
            "predecessors": org.predecessors.all(),
        },
    )


def _child_figures(child) -> list[dict]:
    """A row of the hub's table of units: its direct units (its own page's table) and every
    labelled counter, each with the link to what it counts."""
    figures = [{"count": child.child_count, "url": f"{child.get_absolute_url()}#children" if child.child_count else ""}]
    for name, counter in registry.org_counter_links.items():
        value = getattr(child, name, 0)
        figures.append({"count": value, "url": counter.link(child) if counter.link and value else ""})
    return figures


def organization_form(request, code=None, parent_code=None):
    """Create (under ``parent_code``, or a root for national admins) or edit an organisation."""
    scope = scope_for(request.user)
    visible = Organization.objects.for_user(request.user)
    org = get_object_or_404(visible, code=code) if code else None
    parent = get_object_or_404(visible, code=parent_code) if parent_code else None
    anchor = org or parent
    if not (scope.covers(anchor.path, ADMIN_ROLES) if anchor else scope.national):
        raise PermissionDenied
    initial = {"parent_code": parent.code} if parent else {}
    form = OrganizationForm(request.POST or None, instance=org, initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu đơn vị %(name)s.") % {"name": saved.name})
        return redirect(saved)
    return render(request, "portal/organization_form.html", {"form": form, "org": org, "parent": parent})


def membership_list(request):
    _require(request.user)
    role = request.GET.get("role", "")
    role = role if role in Role.values else ""  # allow-listed: anything else lists every role
    page = Paginator(reports.memberships_for(request.user, role), 50).get_page(request.GET.get("page"))
    roles = [r for r in Role if scope_for(request.user).national or r != Role.NATIONAL_ADMIN]
    return render(request, "portal/membership_list.html", {"page": page, "role": role, "roles": roles})


def membership_create(request):
    _require(request.user)
    form = MembershipForm(
        request.POST or None, actor=request.user, organizations=reports.orgs_for_admin_choice(request.user)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.grant_role(
            username=d["username"],
            role=d["role"],
            organization=d["organization"],
            full_name=d["full_name"],
            email=d["email"],
            password=d["password"],
            existing_user=d["existing_user"],
        )
        messages.success(request, _("Đã cấp quyền cho %(user)s.") % {"user": d["username"]})
        return redirect("portal:membership_list")
    return render(request, "portal/membership_form.html", {"form": form})


@require_POST
def membership_delete(request, pk):
    _require(request.user)
    membership = get_object_or_404(Membership.objects.for_user(request.user, ADMIN_ROLES), pk=pk)
    if membership.user_id == request.user.pk:
        messages.error(request, _("Bạn không thể tự thu hồi quyền của chính mình."))
    else:
        services.revoke_role(membership=membership)
        messages.success(request, _("Đã thu hồi quyền."))
    return redirect("portal:membership_list")


# --------------------------------------------------------------------------- errors


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No request context: context processors touch the session, the user and their scope, i.e.
    # the database, which is the usual cause of a 500.
    return HttpResponseServerError(loader.get_template("500.html").render())


def boom(request):  # pragma: no cover - only wired with DEBUG, to look at the 500 page
    raise RuntimeError("test 500")


# --------------------------------------------------------------------------- background tasks


@task
def health_task(value: int = 1) -> int:
    """A trivial task proving the worker runs: returns the number of organisations + value."""
    return Organization.objects.count() + value
