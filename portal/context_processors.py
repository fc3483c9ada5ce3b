from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal.models import Role, scope_for

# The main navigation after "Tổ chức": (label, URL name, path prefix). An entry whose URL is not
# built yet is shown disabled.
NAV = [
    (_("Vị trí việc làm"), "positions:position_list", "/positions/"),
    (_("Cán bộ"), "staffing:staff_list", "/staff/"),
    (_("Báo cáo"), "staffing:report_index", "/reports/"),
]


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    return {
        "user_scope": scope,
        "user_is_national_admin": scope.national,
        "user_is_admin": scope.national or scope.has_any({Role.ORG_ADMIN}),
        "nav_items": [
            {"label": label, "url": _url(name), "active": request.path.startswith(prefix)}
            for label, name, prefix in NAV
        ],
    }
