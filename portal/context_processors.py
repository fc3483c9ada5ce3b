from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from portal.models import Role, scope_for
from portal.registry import menu_entries


def _nav_items(request) -> list[dict]:
    """The registered menu entries this user may see, each with its badge (a number or None) and
    whether it is the current page's (the longest prefix of the path wins: "/positions/approvals/"
    over "/positions/")."""
    user = request.user
    shown = [e for e in menu_entries if e.visible is None or e.visible(user)]
    matching = [e.path_prefix for e in shown if request.path.startswith(e.path_prefix)]
    current = max(matching, key=len, default=None)
    return [
        {
            "label": e.label,
            "url": reverse(e.url_name),
            "active": e.path_prefix == current,
            "badge": e.badge(user) if e.badge else None,
            "badge_label": e.badge_label,
            "id": "nav-" + e.url_name.replace(":", "-").replace("_", "-"),
        }
        for e in shown
    ]


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    return {
        "user_scope": scope,
        "user_is_national_admin": scope.national,
        "user_is_admin": scope.national or scope.has_any({Role.ORG_ADMIN}),
        # Lazy: a fragment without the menu (htmx rows, a home panel) never computes the badges.
        "nav_items": SimpleLazyObject(lambda: _nav_items(request)),
    }
