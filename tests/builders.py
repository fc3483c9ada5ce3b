"""Plain builder helpers for tests: small functions that create one row each, with defaults.

They write the rows directly (no services), so a test sees exactly the data it set up: e.g. a
national admin built here has the role and nothing else (``is_superuser`` stays False).
"""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model

from portal.models import ADMIN_ROLES, Membership, Organization, OrgKind, Role
from staffing.models import Sex, Staff, StaffCategory, StaffStatus

PASSWORD = "vtvl-test-2026"  # noqa: S105 - test fixture password

_seq = itertools.count(1)


def make_org(code: str, name: str, kind: str = OrgKind.PHONG, parent: Organization | None = None, **fields):
    return Organization.objects.create(code=code, name=name, kind=kind, parent=parent, **fields)


def make_user(
    username: str,
    role: str | None = None,
    org: Organization | None = None,
    *,
    password: str = PASSWORD,
    is_staff: bool | None = None,
    **fields,
):
    """A user with an optional role at ``org`` (no org for a national admin). Admin roles get
    ``is_staff`` (they use the Django admin); nobody gets ``is_superuser``."""
    user = get_user_model()(username=username, is_staff=bool(role in ADMIN_ROLES if is_staff is None else is_staff))
    for name, value in fields.items():
        setattr(user, name, value)
    user.set_password(password)
    user.save()
    if role:
        add_role(user, role, org)
    return user


def add_role(user, role: str, org: Organization | None = None) -> Membership:
    return Membership.objects.create(user=user, role=role, organization=None if role == Role.NATIONAL_ADMIN else org)


def make_staff(
    org: Organization,
    full_name: str = "Nguyễn Văn An",
    *,
    status: str = StaffStatus.WORKING,
    category: str = StaffCategory.CC,
    sex: str = Sex.MALE,
    date_of_birth: datetime.date = datetime.date(1980, 5, 17),
    **fields,
) -> Staff:
    n = next(_seq)
    fields.setdefault("employee_code", f"T{n:06d}")
    if status != StaffStatus.WORKING:
        fields.setdefault("exit_date", datetime.date(2025, 7, 1))
    return Staff.objects.create(
        organization=org,
        full_name=full_name,
        status=status,
        category=category,
        sex=sex,
        date_of_birth=date_of_birth,
        **fields,
    )
