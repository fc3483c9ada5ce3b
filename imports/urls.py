"""URLs of the import/export screens."""

from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/", views.import_start, name="import_start"),
    path("imports/templates/<slug:kind>.xlsx", views.import_template, name="import_template"),
    path("imports/<uuid:pk>/", views.import_detail, name="import_detail"),
    path("imports/<uuid:pk>/status/", views.import_status, name="import_status"),
    path("imports/<uuid:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("imports/<uuid:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("imports/<uuid:pk>/rerun/", views.import_rerun, name="import_rerun"),
    path("imports/<uuid:pk>/errors.xlsx", views.import_errors, name="import_errors"),
    path("exports/", views.export, name="export"),
]
