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
    if role in (Role.NATIONAL_ADMIN, Role.ORG_ADMIN):
        user.is_staff = True  # admins use the Django admin too (scoped by their role there)
        user.is_superuser = user.is_superuser or role == Role.NATIONAL_ADMIN
        user.save(update_fields=["is_staff", "is_superuser"])
    membership = Membership(user=user, role=role, organization=organization if role != Role.NATIONAL_ADMIN else None)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership) -> None:
    user = membership.user
    membership.delete()
    if (
        user.is_staff
        and not user.is_superuser
        and not user.memberships.filter(role__in=[Role.NATIONAL_ADMIN, Role.ORG_ADMIN]).exists()
    ):
        user.is_staff = False
        user.save(update_fields=["is_staff"])
