from django.urls import reverse

from portal.models import Role, scope_for
from portal.registry import menu_entries


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
            {"label": e.label, "url": reverse(e.url_name), "active": request.path.startswith(e.path_prefix)}
            for e in menu_entries
        ],
    }
