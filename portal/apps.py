from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng VTVL — lõi")

    def ready(self):
        from auditlog.registry import auditlog

        from portal.models import LegalDocument, Membership, Organization

        auditlog.register(Organization, exclude_fields=["path", "depth", "search_key"])
        auditlog.register(Membership)
        auditlog.register(LegalDocument)

        from portal.audit import recording
        from portal.registry import register_audit_owner

        recording.connect()  # rows saved in bulk recorded on their owner's entry
        register_audit_owner(Membership, "organization", Organization)  # a revoked role stays in its log
