"""The retirement forecast (/reports/retirement/): the page, its XLSX export and its A4 print, all
from ``staffing.reports.forecast.retirement_forecast`` with the same query string (``org``,
``from``, ``to``, ``sex``, ``category``, ``unit``, ``as_of``). The organisation is looked up
through ``for_user``: 404 outside the scope (or unknown), on every URL. A bad year, range, filter
or date, or no rule set in force, gives the page with the message, never a 500."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from staffing.exporting import XLSX_TYPE
from staffing.reports import forecast, forecast_exports
from staffing.reports.forecast import ForecastError

PAGE_SIZE = 50
PRINT_PEOPLE_LIMIT = 1000  # a longer list is printed as its tables only: the XLSX has everyone


def _load(request) -> dict:
    """The organisation (404 outside the scope), the filters and the forecast (None, with the
    messages in ``errors``, when it cannot be computed)."""
    org = forecast.organization_for(request.user, request.GET.get("org"))
    query = forecast.parse_query(request.GET, timezone.localdate())
    context = {"org": org, "query": query, "errors": list(query.errors), "forecast": None}
    try:
        unit = forecast.unit_in(org, query.unit) if query.unit else None
        if not context["errors"]:
            context["forecast"] = forecast.retirement_forecast(
                org=org, year_from=query.year_from, year_to=query.year_to, as_of=query.as_of,
                sex=query.sex, category=query.category, unit=unit,
            )  # fmt: skip
    except ForecastError as exc:
        context["errors"].append(exc.message)
    return context


def _page(request, context: dict):
    fc = context["forecast"]
    context["org_choices"] = forecast.organization_choices(request.user)
    context["unit_choices"] = forecast.unit_choices(context["org"])
    if fc is not None:
        context["page"] = Paginator(fc.people, PAGE_SIZE).get_page(request.GET.get("page"))
        context["chart"] = forecast_exports.chart_config(fc)
    return render(request, "staffing/reports/forecast.html", context)


def retirement(request):
    return _page(request, _load(request))


def retirement_export(request):
    context = _load(request)
    fc = context["forecast"]
    if fc is None:
        return _page(request, context)
    response = HttpResponse(forecast_exports.forecast_xlsx(fc), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{forecast.xlsx_filename(fc)}"'
    return response


def retirement_print(request):
    context = _load(request)
    fc = context["forecast"]
    if fc is None:
        return _page(request, context)
    context["lines"] = forecast.description_lines(fc)
    context["people"] = fc.people[:PRINT_PEOPLE_LIMIT]
    context["people_cut"] = len(fc.people) > PRINT_PEOPLE_LIMIT
    return render(request, "staffing/reports/forecast_print.html", context)
