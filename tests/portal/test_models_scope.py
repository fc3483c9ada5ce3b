"""Access scoping: Organization.objects.for_user, Scope and scope_q, per role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.models import ADMIN_ROLES, EDIT_ROLES, Membership, Organization, Role, scope_for, scope_q
from staffing.models import Staff
from tests.builders import add_role, make_org, make_user


def codes(qs):
    return set(qs.values_list("code", flat=True))


def subtree_codes(*orgs):
    return {o.code for org in orgs for o in org.descendants()}


@pytest.mark.parametrize("persona", ["admin_a", "hr_a", "manager_a"])
def test_role_at_a_covers_the_whole_subtree_of_a_only(tree, people, persona):
    seen = codes(Organization.objects.for_user(getattr(people, persona)))
    assert seen == {tree.A.code, tree.A1.code, tree.A2.code, tree.A3.code}
    assert tree.B.code not in seen  # sibling
    assert tree.P.code not in seen  # parent
    assert tree.M.code not in seen  # another root


def test_hr_b_sees_only_b(tree, people):
    assert codes(Organization.objects.for_user(people.hr_b)) == {tree.B.code}


def test_national_admin_role_alone_reaches_everything(tree, people):
    user = people.national
    assert not user.is_superuser  # the role, not the flag, gives the scope
    assert scope_for(user).national
    assert codes(Organization.objects.for_user(user)) == set(Organization.objects.values_list("code", flat=True))
    assert tree.M.code in codes(Organization.objects.for_user(user))


@pytest.mark.parametrize("user", [None, "nobody", "anonymous", "inactive"])
def test_users_without_a_role_see_nothing(tree, people, user):
    if user == "anonymous":
        user = AnonymousUser()
    elif user == "inactive":
        user = people.hr_a
        user.is_active = False
    elif user:
        user = getattr(people, user)
    assert not Organization.objects.for_user(user).exists()
    assert not scope_for(user).has_any()


def test_several_memberships_give_the_union(tree):
    user = make_user("two_hats", Role.HR_OFFICER, tree.A1)
    add_role(user, Role.MANAGER, tree.B)
    add_role(user, Role.HR_OFFICER, tree.M)
    assert codes(Organization.objects.for_user(user)) == {tree.A1.code, tree.B.code, tree.M.code}


def test_prefixes_are_minimal(tree):
    user = make_user("nested", Role.HR_OFFICER, tree.A)
    add_role(user, Role.MANAGER, tree.A1)  # inside A: adds nothing
    add_role(user, Role.ORG_ADMIN, tree.A2)  # inside A
    add_role(user, Role.MANAGER, tree.B)
    scope = scope_for(user)
    assert scope.prefixes() == tuple(sorted([tree.A.path, tree.B.path]))
    assert scope.prefixes(ADMIN_ROLES) == (tree.A2.path,)
    assert scope.prefixes({Role.HR_OFFICER}) == (tree.A.path,)


def test_manager_has_no_edit_scope(tree, people):
    manager = people.manager_a
    assert scope_for(manager).has_any()
    assert not scope_for(manager).has_any(EDIT_ROLES)
    assert not Organization.objects.for_user(manager, EDIT_ROLES).exists()
    assert not Staff.objects.for_user(manager, EDIT_ROLES).exists()
    assert scope_q(manager, "organization", EDIT_ROLES) is not None


def test_hr_officer_has_edit_but_not_admin_scope(tree, people):
    assert codes(Organization.objects.for_user(people.hr_a, EDIT_ROLES)) == subtree_codes(tree.A)
    assert not Organization.objects.for_user(people.hr_a, ADMIN_ROLES).exists()
    assert codes(Organization.objects.for_user(people.admin_a, ADMIN_ROLES)) == subtree_codes(tree.A)


def test_scope_q_is_none_only_for_national(tree, people):
    assert scope_q(people.national, "organization") is None
    assert scope_q(people.hr_a, "organization") is not None


def test_scope_covers(tree, people):
    scope = scope_for(people.hr_a)
    assert scope.covers(tree.A1.path)
    assert not scope.covers(tree.B.path)
    assert not scope.covers(tree.P.path)
    assert scope_for(people.national).covers(tree.M.path)


def test_staff_scoping_follows_the_tree(tree, people, staff):
    def names(user):
        return set(Staff.objects.for_user(user).values_list("full_name", flat=True))

    assert names(people.hr_b) == {"Vũ Văn Hải"}
    assert "Phạm Thị Dung" in names(people.hr_a)  # in A1, below A
    assert "Vũ Văn Hải" not in names(people.hr_a)
    assert len(names(people.national)) == len(staff)


def test_membership_scoping_by_admin_role(tree, people):
    visible = Membership.objects.for_user(people.admin_a, ADMIN_ROLES)
    assert set(visible.values_list("user__username", flat=True)) == {"admin_a", "hr_a", "manager_a"}


def test_sibling_code_prefix_is_not_a_subtree(tree):
    """``/…/A/`` must not cover a sibling whose code merely starts with A's code."""
    twin = make_org(tree.A.code + "9", "Sở Nội vụ 9", "SO", parent=tree.P)
    user = make_user("hr_a_only", Role.HR_OFFICER, tree.A)
    assert twin.code not in codes(Organization.objects.for_user(user))


def test_scope_is_computed_once_per_user_object(tree, people, django_assert_num_queries):
    user = people.hr_a
    with django_assert_num_queries(1):
        scope_for(user)
        scope_for(user)
        scope_for(user)
