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

from portal import reports, services
from portal.forms import MembershipForm, OrganizationForm, OrganizationSearchForm
from portal.models import ADMIN_ROLES, Membership, Organization, home_organization, scope_for
from portal.registry import home_panels


def _require(user, roles=ADMIN_ROLES):
    if not scope_for(user).has_any(roles):
        raise PermissionDenied


def home(request):
    org = home_organization(request.user)
    summary = reports.organization_summary(org) if org else None
    found = filter(None, (panel(request) for panel in home_panels))
    panels = [loader.render_to_string(name, context, request=request) for name, context in found]
    return render(
        request,
        "portal/home.html",
        {
            "org": org,
            "summary": summary,
            "memberships": reports.user_memberships(request.user),
            "scope": scope_for(request.user),
            "panels": panels,  # what the apps above portal registered (portal.registry.home_panels)
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
    org = get_object_or_404(Organization.objects.for_user(request.user), code=code)
    scope = scope_for(request.user)
    is_admin = scope.covers(org.path, ADMIN_ROLES)
    summary = reports.organization_summary(org)
    return render(
        request,
        "portal/organization_detail.html",
        {
            "org": org,
            "summary": summary,
            "children": reports.children_of(org, summary),  # counted by the summary's aggregate
            "crumbs": reports.breadcrumbs(request.user, org),
            "is_admin": is_admin,
            "memberships": reports.memberships_of_org(org) if is_admin else None,
            "history": LogEntry.objects.get_for_object(org).select_related("actor")[:20] if is_admin else None,
            "predecessors": org.predecessors.all(),
        },
    )


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
    page = Paginator(reports.memberships_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "portal/membership_list.html", {"page": page})


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
