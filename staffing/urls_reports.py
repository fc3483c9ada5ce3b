"""URLs of the report pages, mounted at /reports/ (portal/urls.py): the headcount-reduction
dashboard and its drill-down, the retirement forecast, quota against actual, exits by kind and the
staffing report by job-position group; each with its XLSX export and A4 print."""

from django.urls import path

from staffing.views import reports

app_name = "reports"

urlpatterns = [
    path("", reports.report_index, name="index"),
]
