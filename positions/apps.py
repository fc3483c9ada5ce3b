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

        import positions.importing_reference  # noqa: F401 - registers ranks, competencies, framework
        from positions import importing  # noqa: F401 - registers the positions sheet
