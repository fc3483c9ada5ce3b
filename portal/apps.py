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
        from django.db.backends.signals import connection_created

        from portal.collation import register_sqlite_collation
        from portal.models import LegalDocument, Membership, Organization

        auditlog.register(Organization, exclude_fields=["path", "depth", "search_key"])
        auditlog.register(Membership)
        auditlog.register(LegalDocument)
        # SQLite sorts names in Vietnamese order too (PostgreSQL: migration portal 0007).
        connection_created.connect(register_sqlite_collation, dispatch_uid="portal.vi_collation")

        from portal import hooks

        hooks.register()  # portal's own home panels: users and roles, the national admin's reference data

        from portal.audit import recording
        from portal.registry import register_audit_owner

        recording.connect()  # rows saved in bulk recorded on their owner's entry
        register_audit_owner(Membership, "organization", Organization)  # a revoked role stays in its log
