from django.urls import path

from portal import views
from portal.audit import views as audit_views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("orgs/", views.organization_list, name="organization_list"),
    path("orgs/new/", views.organization_form, name="organization_create_root"),
    path("orgs/<str:code>/", views.organization_detail, name="organization_detail"),
    path("orgs/<str:code>/edit/", views.organization_form, name="organization_edit"),
    path("orgs/<str:parent_code>/new/", views.organization_form, name="organization_create"),
    path("orgs/<str:code>/children/", views.organization_children, name="organization_children"),
    path("admin-users/", views.membership_list, name="membership_list"),
    path("admin-users/new/", views.membership_create, name="membership_create"),
    path("admin-users/<int:pk>/delete/", views.membership_delete, name="membership_delete"),
    path("audit/", audit_views.auditlog_list, name="auditlog_list"),
    path("audit/export.xlsx", audit_views.auditlog_export, name="auditlog_export"),
]
