from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = _("Vị trí việc làm")

    def ready(self):
        from auditlog.registry import auditlog

        from positions import models as m

        auditlog.register(m.Position, exclude_fields=["search_key"])
        auditlog.register(m.PositionDescription)
        auditlog.register(m.FrameworkPosition, exclude_fields=["search_key"])
        auditlog.register(m.Rank)
        auditlog.register(m.Competency)
        auditlog.register(m.CompetencyLevel)
        auditlog.register(m.PositionGroup)

        from portal.registry import register_menu_entry, register_sheet
        from positions.sheets.positions import PositionSheet
        from positions.sheets.reference import CompetencySheet, FrameworkSheet, RankSheet

        for sheet in (PositionSheet(), RankSheet(), CompetencySheet(), FrameworkSheet()):
            register_sheet(sheet)
        register_menu_entry(_("Vị trí việc làm"), "positions:position_list", "/positions/")

        from positions import hooks

        hooks.register()  # "Phê duyệt" in the menu, the home page's queues, the organisation page's card
