"""Django admin, scoped like every other screen: querysets, foreign-key choices, search and
actions only reach the user's subtree; permissions follow the portal roles."""

from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey
from django.http import Http404, HttpResponseRedirect

from portal import services
from portal.models import ADMIN_ROLES, LegalDocument, Membership, Organization, scope_for


class ScopedAdminMixin:
    """Admin access by portal role. ``admin_roles`` may change rows inside their subtree;
    national admins may do everything. Foreign keys to Organization offer only the scope."""

    admin_roles = ADMIN_ROLES
    national_only = False

    def _scope(self, request):
        return scope_for(request.user)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.for_user(request.user, self.admin_roles) if hasattr(qs, "for_user") else qs

    def has_module_permission(self, request):
        scope = self._scope(request)
        return scope.national if self.national_only else scope.has_any(self.admin_roles)

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = (
        lambda self, request, obj=None: self.has_module_permission(request)
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if isinstance(db_field, ForeignKey) and db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.for_user(request.user, self.admin_roles)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.for_user(request.user, self.admin_roles)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAuditlogHistoryMixin(AuditlogHistoryAdminMixin):
    """The audit history page of an object outside the user's scope answers 404."""

    def auditlog_history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().auditlog_history_view(request, object_id, extra_context)


@admin.register(Organization)
class OrganizationAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    """The import engine (an app above portal) adds its import/export buttons: imports/admin.py."""

    list_display = ["name", "code", "kind", "admin_unit_code", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "search_key"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["predecessors"]
    readonly_fields = ["path", "depth"]
    list_select_related = ["parent"]
    show_auditlog_history_link = True
    list_per_page = 50

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        parent = form.base_fields.get("parent")
        if parent is not None and not self._scope(request).national:
            # Only a national admin creates or moves a root organisation; an org admin may keep
            # their own organisation's parent even though it lies above their scope.
            parent.required = True
            if obj is not None and obj.parent_id:
                parent.queryset = parent.queryset | Organization.objects.filter(pk=obj.parent_id)
        return form

    def get_search_results(self, request, queryset, search_term):
        from portal.text import fold

        return super().get_search_results(request, queryset, fold(search_term) if search_term else search_term)

    def has_delete_permission(self, request, obj=None):
        return self._scope(request).national


@admin.register(Membership)
class MembershipAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "role", "organization", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organization__name"]
    autocomplete_fields = ["organization"]
    list_select_related = ["user", "organization"]

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("role") if change else None
        super().save_model(request, obj, form, change)
        if previous != obj.role:  # the same flags as a grant/revoke in the portal
            services.sync_admin_flags(user=obj.user, granted=obj.role, revoked=previous)

    def delete_model(self, request, obj):
        services.revoke_role(membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user"):
            services.revoke_role(membership=membership)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not self._scope(request).national:
            kwargs["choices"] = [c for c in db_field.choices if c[0] != "national_admin"]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not self._scope(request).national:
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(memberships__in=Membership.objects.for_user(request.user, self.admin_roles))
                .distinct()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(LegalDocument)
class LegalDocumentAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    national_only = True
    list_display = ["code", "number", "issued_on", "issuer", "effective_from", "effective_to", "verified"]
    list_filter = ["verified", "issuer"]
    search_fields = ["code", "number", "title"]
    show_auditlog_history_link = True


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect (``/admin/r/<content type>/<id>/``), scoped. Django's
    own (``contenttypes.views.shortcut``) fetches any object by its id and answers its page's URL,
    which would tell any staff user (an organisation admin) the employee code of anyone in the
    country by trying ids. Here the object must be one the user may read (``for_user``); objects
    of a model without scoping only for national admins; anything else is a 404."""
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
    except (ValueError, ContentType.DoesNotExist):
        raise Http404 from None
    model = content_type.model_class()
    if model is None or not hasattr(model, "get_absolute_url"):
        raise Http404
    queryset = model._default_manager.all()
    if hasattr(queryset, "for_user"):
        queryset = queryset.for_user(request.user)
    elif not scope_for(request.user).national:
        raise Http404
    try:
        found = queryset.filter(pk=unquote(object_id)).first()
    except (ValueError, ValidationError):
        found = None
    if found is None:
        raise Http404
    return HttpResponseRedirect(found.get_absolute_url())
