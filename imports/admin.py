"""The Django admin on the portal's own import engine: one code path for web, admin and CLI.

``EngineImportExportMixin``, for a ``ModelAdmin`` of a model that has a registered sheet: the
change list keeps django-import-export's "Import"/"Export" buttons (its URLs, change-list
template and permission hooks), but they lead to the portal's import screen (upload → preview
with every error → confirm, background for big files) and export screen, pre-filled with the
model's kind. Those screens work under the strict CSP, which django-import-export's own export
page (inline ``style`` attributes) would not. django-import-export's own import, confirm and
export views are all replaced, so none of its ``Resource`` classes ever runs here.

Use it in any app's admin::

    @admin.register(Staff)
    class StaffAdmin(EngineImportExportMixin, ScopedAdminMixin, admin.ModelAdmin):
        engine_kind = "staff"  # optional: found from the registered sheet whose model is Staff
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportExportMixin

from imports.registry import sheets
from portal.admin import OrganizationAdmin
from portal.models import ADMIN_ROLES, Organization, scope_for


def kind_for_model(model) -> str:
    for sheet in sheets():
        if sheet.model is model:
            return sheet.kind
    raise ImproperlyConfigured(f"No import sheet is registered for {model._meta.label}.")


class EngineImportExportMixin(ImportExportMixin):
    """django-import-export's admin buttons, wired to the portal's engine screens (see the module
    docstring). ``engine_kind`` names the sheet; by default the one registered for the model."""

    engine_kind: str | None = None
    import_export_change_list_template = "imports/admin_change_list.html"

    def get_engine_kind(self) -> str:
        return self.engine_kind or kind_for_model(self.model)

    # permissions: the portal's admins (each in their subtree), like the rest of the admin
    def has_import_permission(self, request):
        return scope_for(request.user).has_any(ADMIN_ROLES)

    has_export_permission = has_import_permission

    # the two screens
    def import_action(self, request, **kwargs):
        """GET: the portal's import screen for this kind. POST (a form posted here): the same
        upload handling as that screen, so the same checks and messages."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            from imports.views import import_start

            return import_start(request, kind=self.get_engine_kind())
        return HttpResponseRedirect(self._portal_url("imports:import_start"))

    def process_import(self, request, **kwargs):
        """Confirming happens on the job page (``confirm_job``), never here."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("imports:import_list"))

    def export_action(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(self._portal_url("imports:export"))

    def _portal_url(self, name: str) -> str:
        return f"{reverse(name)}?{urlencode({'kind': self.get_engine_kind()})}"


# --------------------------------------------------------------------------- organisations
# portal sits below the engine, so the engine adds its buttons to portal's organisation admin
# (portal/admin.py registers it first: apps' admin modules load in INSTALLED_APPS order).


class OrganizationEngineAdmin(EngineImportExportMixin, OrganizationAdmin):
    pass


admin.site.unregister(Organization)
admin.site.register(Organization, OrganizationEngineAdmin)
