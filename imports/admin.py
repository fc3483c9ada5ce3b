"""django-import-export on the portal's own import engine: one code path for web, admin and CLI.

- ``EngineResource``: an import_export ``Resource`` whose ``import_data`` runs ``run_import`` (the
  engine's reading, validation, organisation scope, one-transaction write and audit log) and whose
  ``export`` is the engine's export of the scope. Code that speaks django-import-export (scripts,
  other admin screens) therefore gets exactly the engine's behaviour.
- ``EngineImportExportMixin``: for a ``ModelAdmin`` of a model that has a registered sheet. The
  change list keeps django-import-export's "Import"/"Export" buttons, but they lead to the portal's
  import screen (upload → preview with every error → confirm, background for big files) and export
  screen, pre-filled with the model's kind. Those screens work under the strict CSP, which
  django-import-export's own export page (inline ``style`` attributes) would not.

Use it in any app's admin::

    @admin.register(Staff)
    class StaffAdmin(EngineImportExportMixin, ScopedAdminMixin, admin.ModelAdmin):
        engine_kind = "staff"  # optional: found from the registered sheet whose model is Staff
"""

from __future__ import annotations

from urllib.parse import urlencode

import tablib
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportExportMixin
from import_export.resources import Resource
from import_export.results import Error, Result, RowResult

from imports.engine import run_import
from imports.exporting import export_cells, write_csv
from imports.registry import get_sheet, sheets
from portal.models import ADMIN_ROLES, Organization, scope_for


def _may_use(user, scope_org) -> bool:
    """A user may import into / export from the organisations they administer."""
    scope = scope_for(user)
    return scope.national or (scope_org is not None and scope.covers(scope_org.path, ADMIN_ROLES))


def default_scope(user):
    """The scope of an admin screen: the whole portal for a national admin, otherwise the
    (first) organisation the user administers."""
    scope = scope_for(user)
    if scope.national:
        return None
    return Organization.objects.filter(path__in=scope.prefixes(ADMIN_ROLES)).order_by("path").first()


def kind_for_model(model) -> str:
    for sheet in sheets():
        if sheet.model is model:
            return sheet.kind
    raise ImproperlyConfigured(f"No import sheet is registered for {model._meta.label}.")


class EngineResource(Resource):
    """A Resource for one registered sheet, scoped to an organisation (``None``: everything)."""

    kind: str = ""

    def __init__(self, *, kind: str | None = None, scope_org=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind or self.kind
        self.scope_org = scope_org
        self.user = user
        self.sheet = get_sheet(self.kind)
        if user is not None and not _may_use(user, scope_org):
            raise PermissionDenied

    @classmethod
    def for_kind(cls, kind: str) -> type[EngineResource]:
        return type(f"{kind.title()}EngineResource", (cls,), {"kind": kind, "__module__": __name__})

    def get_display_name(self):
        return str(get_sheet(self.kind).title)

    # ------------------------------------------------------------------ export
    def export(self, queryset=None, **kwargs) -> tablib.Dataset:
        """The engine's export of the scope (formula-escaped); ``queryset`` is not used: the
        scope decides which rows are exported."""
        columns, rows = export_cells(self.sheet, self.scope_org)
        return tablib.Dataset(*[list(r) for r in rows], headers=[c.header for c in columns])

    # ------------------------------------------------------------------ import
    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs) -> Result:
        """Import ``dataset`` through ``run_import``: all or nothing, with the engine's messages."""
        data = _csv_bytes(dataset)
        outcome = run_import(
            kind=self.kind,
            data=data,
            file_name=kwargs.get("file_name") or f"{self.kind}.csv",
            scope_org=self.scope_org,
            user=self.user or kwargs.get("user"),
            dry_run=dry_run,
        )
        result = Result()
        result.add_dataset_headers(list(dataset.headers or []))
        result.totals[RowResult.IMPORT_TYPE_NEW] = outcome.created
        result.totals[RowResult.IMPORT_TYPE_UPDATE] = outcome.updated
        result.totals[RowResult.IMPORT_TYPE_SKIP] = outcome.unchanged
        result.totals[RowResult.IMPORT_TYPE_ERROR] = outcome.error_count
        result.total_rows = outcome.created + outcome.updated + outcome.unchanged
        by_row: dict[int, RowResult] = {}
        for error in outcome.errors:
            exc = ValueError(f"{error.column}: {error.message}" if error.column else error.message)
            if error.row is None:
                result.append_base_error(Error(exc))
                continue
            row = by_row.get(error.row)
            if row is None:
                row = by_row[error.row] = RowResult()
                row.import_type = RowResult.IMPORT_TYPE_ERROR
                result.append_row_result(row)
            row.errors.append(Error(exc, number=error.row))
        if raise_errors and outcome.error_count:
            first = outcome.errors[0] if outcome.errors else None
            raise ValueError(first.line() if first else "import rejected")
        return result


def _csv_bytes(dataset) -> bytes:
    """A tablib Dataset as the CSV the engine reads (header row first)."""
    import io

    from imports.sheets import Column
    from imports.values import Text

    columns = [Column(str(h), str(h), Text()) for h in (dataset.headers or [])]
    buffer = io.BytesIO()
    write_csv(columns, ([("" if v is None else v) for v in row] for row in dataset), buffer)
    return buffer.getvalue()


class EngineImportExportMixin(ImportExportMixin):
    """django-import-export's admin buttons, wired to the portal's engine screens (see the module
    docstring). ``engine_kind`` names the sheet; by default the one registered for the model."""

    engine_kind: str | None = None
    import_export_change_list_template = "imports/admin_change_list.html"

    def get_engine_kind(self) -> str:
        return self.engine_kind or kind_for_model(self.model)

    # resources (django-import-export's API: everything it builds goes through the engine)
    def get_resource_classes(self, request):
        return [EngineResource.for_kind(self.get_engine_kind())]

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**kwargs, "user": request.user, "scope_org": default_scope(request.user)}

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
