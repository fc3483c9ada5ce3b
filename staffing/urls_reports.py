"""URLs of the report pages, mounted at /reports/ (portal/urls.py): the headcount-reduction
dashboard and its drill-down, the retirement forecast, quota against actual, exits by kind and the
staffing report by job-position group; each with its XLSX export and A4 print."""

from django.urls import path

from staffing.views import forecast, headcount, reductions, reports

app_name = "reports"

urlpatterns = [
    path("", reports.report_index, name="index"),
    path("reductions/", reductions.reductions, name="reductions"),
    path("reductions/children/", reductions.reduction_children, name="reduction_children"),
    path("reductions.xlsx", reductions.reduction_export, name="reduction_export"),
    path("reductions/print/", reductions.reduction_print, name="reduction_print"),
    path("quotas/", headcount.quotas, name="quotas"),
    path("quotas.xlsx", headcount.quotas, {"fmt": headcount.XLSX}, name="quotas_xlsx"),
    path("quotas/print/", headcount.quotas, {"fmt": headcount.PRINT}, name="quotas_print"),
    path("exits/", headcount.exits, name="exits"),
    path("exits.xlsx", headcount.exits, {"fmt": headcount.XLSX}, name="exits_xlsx"),
    path("exits/print/", headcount.exits, {"fmt": headcount.PRINT}, name="exits_print"),
    path("groups/", headcount.groups, name="groups"),
    path("groups.xlsx", headcount.groups, {"fmt": headcount.XLSX}, name="groups_xlsx"),
    path("groups/print/", headcount.groups, {"fmt": headcount.PRINT}, name="groups_print"),
    path("retirement/", forecast.retirement, name="retirement"),
    path("retirement.xlsx", forecast.retirement_export, name="retirement_export"),
    path("retirement/print/", forecast.retirement_print, name="retirement_print"),
]
