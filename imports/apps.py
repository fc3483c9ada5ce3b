from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Nhập, xuất dữ liệu")

    def ready(self):
        from imports.models import ImportJob
        from imports.organizations import OrganizationSheet
        from portal.registry import register_audit_summary, register_sheet

        register_sheet(OrganizationSheet())
        register_audit_summary(ImportJob)  # an import's summary entry (imports.audit): one line in the log

        from imports import hooks

        hooks.register()  # the home page's imports panel, an organisation page's import/export links
