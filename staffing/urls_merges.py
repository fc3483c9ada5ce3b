"""URLs of the merge pages, mounted at /reports/merges/ (portal/urls.py): the scenarios, a new one, one
scenario with its choices, recomputing, comparing two, applying one."""

from django.urls import path

from staffing.views import merges as views

app_name = "merges"

urlpatterns = [
    path("", views.scenario_list, name="scenario_list"),
    path("new/", views.scenario_create, name="scenario_create"),
    path("compare/", views.scenario_compare, name="scenario_compare"),
    path("<int:pk>/", views.scenario_detail, name="scenario_detail"),
    path("<int:pk>/edit/", views.scenario_edit, name="scenario_edit"),
    path("<int:pk>/choices/", views.scenario_choices, name="scenario_choices"),
    path("<int:pk>/recompute/", views.scenario_recompute, name="scenario_recompute"),
    path("<int:pk>/delete/", views.scenario_delete, name="scenario_delete"),
    path("<int:pk>/apply/", views.scenario_apply, name="scenario_apply"),
]
