from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Cán bộ, biên chế")

    def ready(self):
        from auditlog.registry import auditlog

        from staffing import models as m

        auditlog.register(m.Staff, exclude_fields=["search_key"])
        for model in (m.AnnualRecord, m.Quota, m.Assignment, m.StreamliningDecision, m.StreamliningExclusion):
            auditlog.register(model)
        auditlog.register(m.CandidateSnapshot, exclude_fields=["data", "totals"])  # saved once, never changed
        # a merge scenario's fields and norms are logged; its catalogue and computed figures (large
        # JSON) are not: applying it logs what it did (the summary) and every row it moved
        auditlog.register(m.MergeScenario, exclude_fields=["catalogue", "figures", "fingerprint", "computed_at"])
        for model in (m.ReductionRuleSet, m.ReductionTarget, m.RetirementAgeRule, m.BaseSalary):  # rule sets
            auditlog.register(model)
        for model in (m.StreamliningRuleSet, m.SickLeaveMaximum, m.BenefitRegime, m.BenefitParameter, m.MergeRuleSet):
            auditlog.register(model)

        from staffing import hooks

        hooks.register()  # staff_count, the catalogue's column and panel, home panels, organisation cards

        from portal.registry import register_home_panel, register_menu_entry, register_sheet
        from staffing.sheets.quotas import QuotaSheet
        from staffing.sheets.staff import StaffSheet

        register_sheet(QuotaSheet())
        register_sheet(StaffSheet())
        register_menu_entry(_("Cán bộ"), "staffing:staff_list", "/staff/")
        register_menu_entry(_("Báo cáo"), "reports:index", "/reports/")
        from staffing.views.reductions import home_link_panel, home_panel

        register_home_panel(home_panel, order=10, wide=True)  # the manager's home page is the reduction dashboard
        register_home_panel(home_link_panel, order=90, wide=True)  # a link for everyone else
