"""The home panels of portal itself, registered like the other apps' (PortalConfig.ready): users
and roles for admins, and for the national admin the organisations, the legal documents and the
registered rule sets and reference data with their legal status."""

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal import reports
from portal.models import ADMIN_ROLES, LegalDocument, Role, scope_for
from portal.registry import register_home_panel


def users_panel(request):
    """Admins: the roles granted in their scope, per role, each count linking to the list of
    users and roles filtered by it (one aggregate)."""
    scope = scope_for(request.user)
    if not scope.has_any(ADMIN_ROLES):
        return None
    counts = reports.membership_counts(request.user)
    url = reverse("portal:membership_list")
    roles = [r for r in Role if scope.national or r != Role.NATIONAL_ADMIN]
    figures = [
        {
            "label": role.label,
            "count": counts[role.value],
            "url": f"{url}?{urlencode({'role': role.value})}",
            "id": f"home-users-{role.value}",
        }
        for role in roles
    ]
    return "portal/_home_users.html", {"figures": figures, "total": sum(counts.values())}


def _admin_url(model, lookup: dict | None = None) -> str:
    """The Django admin's list of ``model`` (filtered by ``lookup``), or "" if it has none."""
    opts = model._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(lookup)}" if lookup else url


def reference_panel(request):
    """The national admin: organisations in operation; legal documents, those not checked against
    the original text flagged; each registered rule set or reference data with its rows, the rows
    without a legal document and the documents they rest on (one query each)."""
    user = request.user
    if not scope_for(user).national:
        return None
    documents = reports.legal_documents()
    in_admin = user.is_staff
    unverified = [d for d in documents if not d.verified]
    figures = [
        {
            "label": _("Cơ quan, đơn vị đang hoạt động"),
            "count": reports.active_organization_count(),
            "url": reverse("portal:organization_list"),
            "id": "home-national-orgs",
        },
        {
            "label": _("Văn bản pháp lý"),
            "count": len(documents),
            "url": _admin_url(LegalDocument) if in_admin else "",
            "id": "home-national-documents",
        },
        {
            "label": _("Văn bản chưa đối chiếu với bản gốc"),
            "count": len(unverified),
            "url": _admin_url(LegalDocument, {"verified__exact": "0"}) if in_admin else "",
            "id": "home-national-unverified",
            "warn": True,
        },
    ]
    rows = []
    for status in reports.reference_status(documents):
        lookup = {f"{status.legal_field}__isnull": "True"} if status.legal_field else None
        rows.append(
            {
                "status": status,
                "label": status.model._meta.verbose_name_plural,
                "id": f"home-ref-{status.model._meta.app_label}-{status.model._meta.model_name}",
                "url": _admin_url(status.model) if in_admin else "",
                "without_url": _admin_url(status.model, lookup) if in_admin and status.without_basis else "",
                "documents": [(d, _document_url(d) if in_admin else "") for d in status.documents],
            }
        )
    unverified = [(d, _document_url(d) if in_admin else "") for d in unverified]
    context = {"figures": figures, "rows": rows, "unverified": unverified}
    return "portal/_home_reference.html", context


def _document_url(document) -> str:
    try:
        return reverse("admin:portal_legaldocument_change", args=[document.pk])
    except NoReverseMatch:
        return ""


def register() -> None:
    register_home_panel(users_panel, order=60)
    register_home_panel(reference_panel, order=70, wide=True)
