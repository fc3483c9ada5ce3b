from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _

# The empty choice of every drop-down: Django 6.1's own label ("- Select an option -") has no
# Vietnamese translation. Set when the app registry imports this module, before any app's ready():
# the admin's autodiscovery (the first app's ready) already imports forms whose fields take the
# label when their class is defined.
fields.BLANK_CHOICE_LABEL = _("— chọn —")


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng VTVL — lõi")

    def ready(self):
        from auditlog.registry import auditlog

        from portal.models import LegalDocument, Membership, Organization

        auditlog.register(Organization, exclude_fields=["path", "depth", "search_key"])
        auditlog.register(Membership)
        auditlog.register(LegalDocument)
