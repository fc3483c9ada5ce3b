"""URLs of the report pages, mounted at /reports/ (portal/urls.py): the headcount-reduction
dashboard and its drill-down, the retirement forecast, quota against actual, exits by kind, the
staffing report by job-position group and the streamlining candidate list (its saved lists, a
person's decisions and exclusion, the comparison of two saved lists); each with its XLSX export
and A4 print. No URL changes or deletes a saved list."""

from django.urls import path

from staffing.views import forecast, headcount, reductions, reports, streamlining

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
    path("streamlining/", streamlining.candidates, name="streamlining"),
    path("streamlining.xlsx", streamlining.candidates, {"fmt": streamlining.XLSX}, name="streamlining_xlsx"),
    path("streamlining/print/", streamlining.candidates, {"fmt": streamlining.PRINT}, name="streamlining_print"),
    path("streamlining/save/", streamlining.save, name="streamlining_save"),
    path("streamlining/person/", streamlining.person, name="streamlining_person"),
    path("streamlining/person/decide/", streamlining.decide, name="streamlining_decide"),
    path("streamlining/person/exclude/", streamlining.exclude, name="streamlining_exclude"),
    path("streamlining/decisions/<int:pk>/remove/", streamlining.decision_remove, name="streamlining_decision_remove"),
    path("streamlining/exclusions/<int:pk>/undo/", streamlining.exclusion_undo, name="streamlining_exclusion_undo"),
    path("streamlining/snapshots/", streamlining.snapshots, name="streamlining_snapshots"),
    path("streamlining/snapshots/<int:pk>/", streamlining.snapshot, name="streamlining_snapshot"),
    path(
        "streamlining/snapshots/<int:pk>.xlsx",
        streamlining.snapshot,
        {"fmt": streamlining.XLSX},
        name="streamlining_snapshot_xlsx",
    ),
    path(
        "streamlining/snapshots/<int:pk>/print/",
        streamlining.snapshot,
        {"fmt": streamlining.PRINT},
        name="streamlining_snapshot_print",
    ),
    path("streamlining/compare/", streamlining.snapshot_compare, name="streamlining_compare"),
]
