"""Granting and revoking roles in the portal (Người dùng và phân quyền)."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from portal.models import Membership, Role, scope_for
from tests.builders import NEW_PASSWORD, PASSWORD, add_role, make_user

User = get_user_model()
CREATE = reverse("portal:membership_create")
LIST = reverse("portal:membership_list")


def grant(client, org, role=Role.HR_OFFICER, username="ngo_hoa", password=NEW_PASSWORD, **extra):
    data = {"username": username, "full_name": "Ngô Thị Hoa", "password": password, "role": role}
    if org is not None:
        data["organization"] = org.pk
    return client.post(CREATE, {**data, **extra}, follow=True)


def errors(response):
    return response.context["form"].errors if response.context and "form" in response.context else {}


def test_org_admin_grants_hr_officer_at_a_division_to_a_new_user(login, tree):
    response = grant(login("admin_a"), tree.A1)
    assert response.redirect_chain == [(LIST, 302)]
    assert "Đã cấp quyền cho ngo_hoa." in response.content.decode()
    user = User.objects.get(username="ngo_hoa")
    assert user.check_password(NEW_PASSWORD)
    assert (user.first_name, user.last_name) == ("Ngô Thị", "Hoa")
    assert not user.is_staff and not user.is_superuser
    assert list(user.memberships.values_list("role", "organization__code")) == [(Role.HR_OFFICER, tree.A1.code)]
    # the new user can log in and sees A1 only
    client = login(None)
    assert client.post(reverse("login"), {"username": "ngo_hoa", "password": NEW_PASSWORD}).status_code == 302
    assert client.get(tree.A1.get_absolute_url()).status_code == 200
    assert client.get(tree.A.get_absolute_url()).status_code == 404


def test_admin_roles_get_the_django_admin_flag_only(login, tree):
    grant(login("admin_a"), tree.A2, role=Role.ORG_ADMIN)
    user = User.objects.get(username="ngo_hoa")
    assert user.is_staff
    assert not user.is_superuser


@pytest.mark.parametrize("password", ["", "ngắn", "12345678901", "password123", "ngo_hoa_2026"])
def test_new_user_needs_a_valid_password(login, tree, password):
    response = grant(login("admin_a"), tree.A1, password=password)
    assert "password" in errors(response)
    assert not User.objects.filter(username="ngo_hoa").exists()


@pytest.mark.parametrize("username", ["ngô hoa", "a/b", "x" * 151])
def test_invalid_username_is_a_form_error(login, tree, username):
    response = grant(login("admin_a"), tree.A1, username=username)
    assert response.status_code == 200
    assert "username" in errors(response)
    assert not User.objects.filter(username=username).exists()


def test_org_admin_cannot_grant_outside_the_subtree(login, tree):
    response = grant(login("admin_a"), tree.B)
    assert response.status_code == 200
    assert "organization" in errors(response)
    assert not User.objects.filter(username="ngo_hoa").exists()
    assert not Membership.objects.filter(organization=tree.B).exclude(user__username="hr_b").exists()


def test_organisation_choices_are_the_admins_subtree(login, tree):
    form = login("admin_a").get(CREATE).context["form"]
    offered = set(form.fields["organization"].queryset.values_list("code", flat=True))
    assert offered == {tree.A.code, tree.A1.code, tree.A2.code, tree.A3.code}
    assert Role.NATIONAL_ADMIN not in dict(form.fields["role"].choices)


@pytest.mark.parametrize("persona", ["admin_a", "national"])
def test_no_role_is_pre_selected_and_the_empty_choices_are_vietnamese(login, tree, persona):
    """The first role listed is the most powerful one: nothing is picked until the admin picks."""
    page = login(persona).get(CREATE).content.decode()
    role = re.search(r'<select name="role"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", role)[0] == "— chọn —"
    assert re.findall(r'<option value="([^"]*)" selected', role) == [""]  # the empty choice, no role
    assert "Select an option" not in page and "---------" not in page
    organization = re.search(r'<select name="organization"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.search(r'<option value=""[^>]*>— chọn —</option>', organization)


def test_a_role_must_be_picked(login, tree):
    response = grant(login("admin_a"), tree.A1, role="")
    assert "role" in errors(response)
    assert not User.objects.filter(username="ngo_hoa").exists()


def test_org_admin_cannot_grant_national_admin(login, tree):
    response = grant(login("admin_a"), None, role=Role.NATIONAL_ADMIN)
    assert "role" in errors(response)
    assert not User.objects.filter(username="ngo_hoa").exists()
    assert Membership.objects.filter(role=Role.NATIONAL_ADMIN).count() == 1


def test_national_admin_can_grant_national_admin(login, tree):
    response = grant(login("national"), None, role=Role.NATIONAL_ADMIN)
    assert response.redirect_chain == [(LIST, 302)]
    membership = Membership.objects.get(user__username="ngo_hoa")
    assert (membership.role, membership.organization) == (Role.NATIONAL_ADMIN, None)
    assert membership.user.is_staff


def test_existing_user_of_another_org_is_not_revealed(login, tree):
    response = grant(login("admin_a"), tree.A1, username="hr_b", password="")
    html = response.content.decode()
    assert errors(response)["username"] == ["Tên đăng nhập này đã được sử dụng."]
    assert list(errors(response)) == ["username"]  # nothing about the password or the role
    assert tree.B.name not in html
    assert not Membership.objects.filter(user__username="hr_b", organization=tree.A1).exists()


def test_existing_user_in_scope_gets_another_role_without_a_password(login, tree):
    response = grant(login("admin_a"), tree.A1, role=Role.MANAGER, username="hr_a", password="")
    assert response.redirect_chain == [(LIST, 302)]
    assert set(Membership.objects.filter(user__username="hr_a").values_list("role", "organization__code")) == {
        (Role.HR_OFFICER, tree.A.code),
        (Role.MANAGER, tree.A1.code),
    }
    assert User.objects.get(username="hr_a").check_password(PASSWORD)  # password untouched


def test_the_same_role_twice_is_a_form_error(login, tree):
    response = grant(login("admin_a"), tree.A, role=Role.HR_OFFICER, username="hr_a", password="")
    assert "role" in errors(response)
    assert Membership.objects.filter(user__username="hr_a").count() == 1


def test_membership_list_shows_the_subtree_only(login, tree):
    add_role(make_user("hr_a1"), Role.HR_OFFICER, tree.A1)
    page = login("admin_a").get(LIST)
    usernames = {m.user.username for m in page.context["page"]}
    assert usernames == {"admin_a", "hr_a", "manager_a", "hr_a1"}
    assert "hr_b" not in page.content.decode()


def test_revoking_a_role_removes_it_and_is_audited(login, tree):
    membership = Membership.objects.get(user__username="hr_a")
    response = login("admin_a").post(reverse("portal:membership_delete", args=[membership.pk]), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "Đã thu hồi quyền." in response.content.decode()
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Membership),
        object_pk=str(membership.pk),
        action=LogEntry.Action.DELETE,
    )
    assert entry.actor.username == "admin_a"
    # the revoked user no longer reaches A
    assert login("hr_a").get(tree.A.get_absolute_url()).status_code == 404


def test_granting_is_audited(login, tree):
    grant(login("admin_a"), tree.A1)
    membership = Membership.objects.get(user__username="ngo_hoa")
    entry = LogEntry.objects.get_for_object(membership).get(action=LogEntry.Action.CREATE)
    assert entry.actor.username == "admin_a"


def test_revoking_the_last_admin_role_removes_the_admin_flag(login, tree):
    user = make_user("admin_a1", Role.ORG_ADMIN, tree.A1)
    assert user.is_staff
    login("admin_a").post(reverse("portal:membership_delete", args=[user.memberships.get().pk]))
    user.refresh_from_db()
    assert not user.is_staff


def test_cannot_revoke_own_membership(login, tree, people):
    own = Membership.objects.get(user=people.admin_a)
    response = login("admin_a").post(reverse("portal:membership_delete", args=[own.pk]), follow=True)
    assert "Bạn không thể tự thu hồi quyền của chính mình." in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()
    # and the list offers no revoke button for it
    html = login("admin_a").get(LIST).content.decode()
    assert reverse("portal:membership_delete", args=[own.pk]) not in html


def test_org_admin_cannot_revoke_outside_the_subtree(login, tree):
    other = Membership.objects.get(user__username="hr_b")
    assert login("admin_a").post(reverse("portal:membership_delete", args=[other.pk])).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_revoking_national_admin_takes_the_national_scope_away(login, tree):
    grant(login("national"), None, role=Role.NATIONAL_ADMIN)
    user = User.objects.get(username="ngo_hoa")
    assert scope_for(user).national
    membership = Membership.objects.get(user=user)
    login("national").post(reverse("portal:membership_delete", args=[membership.pk]))
    user = User.objects.get(username="ngo_hoa")
    assert not scope_for(user).national
    assert not user.is_superuser and not user.is_staff
    client = login(None)
    client.force_login(user)
    assert client.get(tree.A.get_absolute_url()).status_code == 404
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.parametrize("n", [3, 30])
def test_membership_list_query_count_is_constant(login, tree, django_assert_num_queries, n):
    for i in range(n):
        add_role(make_user(f"user{i}", password=""), Role.HR_OFFICER, tree.A1)
    client = login("admin_a")
    # session, user, scope, count, page of memberships, the menu's approvals waiting; session save (3)
    with django_assert_num_queries(9):
        response = client.get(LIST)
    assert len(response.context["page"]) == n + 3
