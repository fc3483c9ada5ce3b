"""Thin views of the report pages (/reports/): parse the organisation, rule set and as-of date,
call ``staffing.reports``, render a page, an XLSX workbook or an A4 print. The organisation is
looked up through ``for_user`` (404 outside the user's scope)."""

from django.shortcuts import render

from portal.models import home_organization, scope_for


def report_index(request):
    org = home_organization(request.user)
    return render(request, "staffing/reports/index.html", {"org": org, "scope": scope_for(request.user)})
