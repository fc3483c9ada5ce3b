"""Multi-row writes of the core: granting and revoking roles."""

from django.contrib.auth import get_user_model
from django.db import transaction

from portal.models import Membership, Role


@transaction.atomic
def grant_role(
    *,
    username: str,
    role: str,
    organization,
    full_name: str = "",
    email: str = "",
    password: str = "",
    existing_user=None,
) -> Membership:
    """Create the user if needed and give them ``role`` over ``organization``'s subtree."""
    User = get_user_model()
    user = existing_user
    if user is None:
        first, _sep, last = (full_name or "").strip().rpartition(" ")
        user = User(username=username, email=email, first_name=first, last_name=last or "")
        user.set_password(password)
        user.full_clean()
        user.save()
    membership = Membership(user=user, role=role, organization=organization if role != Role.NATIONAL_ADMIN else None)
    membership.full_clean()
    membership.save()
    sync_admin_flags(user=user, granted=role)
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership) -> None:
    user, role = membership.user, membership.role
    membership.delete()
    sync_admin_flags(user=user, revoked=role)


def sync_admin_flags(*, user, granted: str | None = None, revoked: str | None = None) -> None:
    """Keep the Django-admin flags in line with the roles after a grant or a revoke: admins use
    the Django admin (``is_staff``, scoped by their role there); a national admin is a superuser
    there, and stops being one when that role is revoked (``scope_for`` trusts the flag)."""
    roles = set(user.memberships.values_list("role", flat=True))
    before = (user.is_staff, user.is_superuser)
    if granted == Role.NATIONAL_ADMIN:
        user.is_superuser = True
    if revoked == Role.NATIONAL_ADMIN and Role.NATIONAL_ADMIN not in roles:
        user.is_superuser = False
    if granted in (Role.NATIONAL_ADMIN, Role.ORG_ADMIN):
        user.is_staff = True
    elif revoked and user.is_staff and not user.is_superuser and not roles & {Role.NATIONAL_ADMIN, Role.ORG_ADMIN}:
        user.is_staff = False
    if (user.is_staff, user.is_superuser) != before:
        user.save(update_fields=["is_staff", "is_superuser"])
