from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from portal import admin as portal_admin
from portal import auth, views

admin.site.site_header = _("Cổng VTVL — Quản trị")
admin.site.site_title = _("Cổng VTVL")
admin.site.index_title = _("Quản trị hệ thống")

urlpatterns = [
    path("", include("portal.urls_app")),
    path("", include("imports.urls")),
    path("positions/", include("positions.urls")),
    path("staff/", include("staffing.urls")),
    path("reports/merges/", include("staffing.urls_merges")),  # before reports/: its own namespace
    path("reports/", include("staffing.urls_reports")),
    # Only the auth views the portal uses: no self-service password reset (accounts are issued
    # by an organisation's admin, and no mail server is configured).
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/2fa/", auth.setup, name="two_factor_setup"),
    path("accounts/2fa/verify/", auth.verify, name="two_factor_verify"),
    path("accounts/2fa/disable/", auth.disable, name="two_factor_disable"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Before the admin's own: its "view on site" redirect answers any object's URL, unscoped.
    path("admin/r/<path:content_type_id>/<path:object_id>/", admin.site.admin_view(portal_admin.view_on_site)),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon (the Django admin's).
    path("favicon.ico", login_not_required(views.favicon)),
]

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"

if settings.DEBUG:
    urlpatterns += [path("__errors__/500/", views.boom)]
