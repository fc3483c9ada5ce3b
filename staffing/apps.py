from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Cán bộ, biên chế")

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models import Count, IntegerField, OuterRef, Subquery
        from django.db.models.functions import Coalesce

        from portal.registry import register_org_counter
        from staffing.models import AnnualRecord, Assignment, Quota, Staff, StaffStatus

        def staff_in_subtree():
            counts = (
                Staff.objects.filter(organization__path__startswith=OuterRef("path"), status=StaffStatus.WORKING)
                .order_by()
                .values(_g=OuterRef("pk"))
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(counts, output_field=IntegerField()), 0)

        register_org_counter("staff_count", staff_in_subtree)
        auditlog.register(Staff, exclude_fields=["search_key"])
        auditlog.register(AnnualRecord)
        auditlog.register(Quota)
        auditlog.register(Assignment)

        from staffing import hooks

        hooks.register()

        from portal.registry import register_menu_entry, register_sheet
        from staffing.sheets.quotas import QuotaSheet
        from staffing.sheets.staff import StaffSheet

        register_sheet(QuotaSheet())
        register_sheet(StaffSheet())
        register_menu_entry(_("Cán bộ"), "staffing:staff_list", "/staff/")
