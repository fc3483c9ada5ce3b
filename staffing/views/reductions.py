"""The headcount-reduction dashboard (/reports/reductions/): the page, the tree table's rows of
one organisation's children (htmx), the XLSX export and the A4 print, all from
``staffing.reports.dashboard.reduction_report``; and the home-page panels (``home_panel``, the
manager's summary, and ``home_link_panel``, registered in ``portal.registry``). The organisation
(``?org=CODE``, default the user's home organisation) is looked up through ``for_user``: 404
outside the scope, on every URL. A national admin without ``?org=`` and without a home
organisation gets the national roll-up (``org=None``: every current root; the tree's first level
is the roots). A bad rule set or date gives the page with the message, never a 500."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.models import Organization, Role, home_organization, scope_for
from portal.reports import successors_of
from staffing import rulesets
from staffing.exporting import XLSX_TYPE, workbook
from staffing.reports.dashboard import clamp_to_period, parse_as_of, reduction_report
from staffing.reports.dashboard_exports import reduction_sheets
from staffing.rulesets import RuleSetError


def _organization(request) -> Organization | None:
    """``?org=CODE`` in the user's scope (404 otherwise), else the home organisation."""
    code = request.GET.get("org", "").strip()
    if code:
        return get_object_or_404(Organization.objects.for_user(request.user), code=code)
    return home_organization(request.user)


def _load(request, *, forecast: bool = True, org: Organization | None = None) -> dict:
    """What every URL of the dashboard shows: the organisation, the rule sets to pick from, the
    report (None with ``error`` when the rule set or the date cannot be used)."""
    org = org or _organization(request)
    national = org is None and scope_for(request.user).national
    known = rulesets.reduction_rule_sets()
    code = request.GET.get("rule_set", "").strip()
    text = request.GET.get("as_of", "").strip()
    context = {"org": org, "national": national, "rule_sets": known, "rule_set_code": code, "as_of_text": text}
    context["successors"] = successors_of(org)  # a merged unit's report opens, marked
    context["report"] = None
    context["error"] = "" if org or national else _("Hãy chọn một cơ quan, đơn vị trong phạm vi của bạn.")
    chosen = next((info for info in known if info.code == code), None)
    as_of = today = timezone.localdate()
    try:
        as_of = parse_as_of(text, clamp_to_period(today, chosen) if chosen else today)
        if org is not None or national:
            context["report"] = reduction_report(
                org=org, rule_set_code=code or None, as_of=as_of, forecast=forecast, rule_sets=known
            )
    except RuleSetError as error:
        context["error"] = error.message
    context["picker"] = _picker(org, known, as_of, context["report"], code)
    report = context["report"]
    if report:
        context["query"] = _query(report)
        context["query_base"] = urlencode({"rule_set": report.rule_set.code, "as_of": report.as_of.isoformat()})
        context["views"] = report.category_views()
        context["tree_lines"] = [report.root_line(), *report.children()]
    return context


def _query(report) -> str:
    """The query string naming exactly what ``report`` used (organisation, rule set, date)."""
    params = {"org": report.organization.code} if not report.national else {}
    return urlencode({**params, "rule_set": report.rule_set.code, "as_of": report.as_of.isoformat()})


def _picker(org, known, as_of, report, code) -> list[dict]:
    """A link per rule set: the same organisation, the date kept if inside its period."""
    current = report.rule_set.code if report else code
    out = []
    for info in known:
        params = {"org": org.code} if org else {}
        params["rule_set"] = info.code
        if info.rules.covers(as_of):
            params["as_of"] = as_of.isoformat()
        url = f"{reverse('reports:reductions')}?{urlencode(params)}"
        out.append({"info": info, "url": url, "active": current == info.code})
    return out


def reductions(request):
    context = _load(request)
    return render(request, "staffing/reports/reductions.html", context)


def reduction_children(request):
    """The rows of ``org``'s children in the tree table of the page's organisation ``root``
    (default ``org``), inserted after ``org``'s row by htmx: the report of ``root``'s subtree,
    sliced, so a child covered by a quota above ``org`` says whose, and indents from ``root``
    (one level more under the national table: ``national=1``)."""
    node = _organization(request)
    root_code = request.GET.get("root", "").strip()
    root = get_object_or_404(Organization.objects.for_user(request.user), code=root_code) if root_code else node
    if node is None or not node.path.startswith(root.path):
        raise Http404
    context = _load(request, forecast=False, org=root)
    report = context["report"]
    context["national"] = request.GET.get("national") == "1" and scope_for(request.user).national
    if report is not None and context["national"]:
        report.level_offset = 1
    context["lines"] = report.children(node.code) if report else []
    return render(request, "staffing/reports/_reduction_rows.html", context)


def reduction_export(request):
    context = _load(request)
    report = context["report"]
    if report is None:
        return render(request, "staffing/reports/reductions.html", context, status=400)
    response = HttpResponse(workbook(reduction_sheets(report)), content_type=XLSX_TYPE)
    who = report.organization.code or "toan-quoc"
    name = f"tinh-gian-bien-che-{who}-{report.rule_set.code}-{report.as_of.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def reduction_print(request):
    context = _load(request)
    if context["report"] is None:
        return render(request, "staffing/reports/reductions.html", context, status=400)
    context["org"] = context["org"] or context["report"].organization  # the header of the national view
    return render(request, "staffing/reports/reduction_print.html", context)


def home_panel(request):
    """The home page's first panel for a manager: the dashboard's summary (their home page is the
    dashboard, whatever other roles they hold)."""
    if not scope_for(request.user).holds(Role.MANAGER):
        return None
    return "staffing/reports/_reduction_home.html", _load(request)


def home_link_panel(request):
    """A link to the dashboard, at the end of the home page of everyone else with a role (no
    query)."""
    scope = scope_for(request.user)
    if not scope.has_any() or scope.holds(Role.MANAGER):
        return None
    return "staffing/reports/_reduction_home_link.html", {}
