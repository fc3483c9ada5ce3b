from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Cán bộ, biên chế")

    def ready(self):
        from auditlog.registry import auditlog

        from staffing.models import AnnualRecord, Assignment, Quota, Staff

        auditlog.register(Staff, exclude_fields=["search_key"])
        auditlog.register(AnnualRecord)
        auditlog.register(Quota)
        auditlog.register(Assignment)

        from staffing import hooks

        hooks.register()  # the org counter staff_count, the positions catalogue's column and panel

        from portal.registry import register_menu_entry, register_sheet
        from staffing.sheets.quotas import QuotaSheet
        from staffing.sheets.staff import StaffSheet

        register_sheet(QuotaSheet())
        register_sheet(StaffSheet())
        register_menu_entry(_("Cán bộ"), "staffing:staff_list", "/staff/")
