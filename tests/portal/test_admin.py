"""The Django admin, scoped like the portal: querysets, foreign-key choices, search, audit history."""

import json

import pytest
from django.urls import reverse

from portal.models import Membership, Organization, OrgKind, Role

CHANGELIST = reverse("admin:portal_organization_changelist")


def change_url(org):
    return reverse("admin:portal_organization_change", args=[org.pk])


def listed(response):
    return {o.code for o in response.context["cl"].result_list}


def org_form_data(org, **changes):
    data = {
        "code": org.code,
        "name": org.name,
        "short_name": org.short_name,
        "name_en": org.name_en,
        "kind": org.kind,
        "admin_unit_code": org.admin_unit_code,
        "parent": org.parent_id or "",
        "valid_from": "",
        "valid_to": "",
    }
    data.update(changes)
    return data


def autocomplete(client, model_name, field_name, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "portal", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return {r["text"] for r in json.loads(response.content)["results"]}


def test_org_admin_changelist_shows_the_subtree_only(login, tree):
    response = login("admin_a").get(CHANGELIST)
    assert response.status_code == 200
    assert listed(response) == {tree.A.code, tree.A1.code, tree.A2.code, tree.A3.code}


def test_national_admin_changelist_shows_everything(login, tree):
    response = login("national").get(CHANGELIST)
    assert listed(response) == set(Organization.objects.values_list("code", flat=True))


def test_org_admin_cannot_open_an_organisation_outside_the_subtree(login, tree):
    response = login("admin_a").get(change_url(tree.B))
    # Django's admin answers an object its queryset does not hold with a redirect to the index
    # ("… does not exist"), exactly as for a deleted one: nothing says B is there.
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert tree.B.name not in login("admin_a").get(change_url(tree.B), follow=True).content.decode()


def test_org_admin_cannot_change_an_organisation_outside_the_subtree(login, tree):
    login("admin_a").post(change_url(tree.B), org_form_data(tree.B, name="Đã bị sửa"))
    tree.B.refresh_from_db()
    assert tree.B.name == "Sở Tài chính"


def test_audit_history_outside_the_subtree_is_404(login, tree):
    url = reverse("admin:portal_organization_auditlog", args=[tree.B.pk])
    assert login("admin_a").get(url).status_code == 404
    assert login("national").get(url).status_code == 200


@pytest.mark.parametrize("persona", ["hr_a", "manager_a", "hr_b", "nobody"])
def test_non_admins_cannot_enter_the_admin(login, tree, persona):
    response = login(persona).get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_parent_choices_are_the_scope(login, tree):
    client = login("admin_a")
    form = client.get(reverse("admin:portal_organization_add")).context["adminform"].form
    assert set(form.fields["parent"].queryset.values_list("code", flat=True)) == {
        tree.A.code,
        tree.A1.code,
        tree.A2.code,
        tree.A3.code,
    }
    assert autocomplete(client, "organization", "parent") == {
        "Sở Nội vụ",
        "Phòng Tổ chức, biên chế",
        "Văn phòng Sở",
        "Phường Hải Châu",
    }


def test_membership_organisation_choices_are_the_scope(login, tree):
    client = login("admin_a")
    form = client.get(reverse("admin:portal_membership_add")).context["adminform"].form
    assert set(form.fields["organization"].queryset.values_list("code", flat=True)) == {
        tree.A.code,
        tree.A1.code,
        tree.A2.code,
        tree.A3.code,
    }
    assert Role.NATIONAL_ADMIN not in dict(form.fields["role"].choices)
    assert "Sở Tài chính" not in autocomplete(client, "membership", "organization")
    assert set(form.fields["user"].queryset.values_list("username", flat=True)) == {"admin_a", "hr_a", "manager_a"}


def test_autocomplete_search_folds_diacritics(login, tree):
    assert autocomplete(login("national"), "organization", "parent", "so noi vu") == {"Sở Nội vụ"}
    assert autocomplete(login("national"), "organization", "parent", "da nang") == {"Thành phố Đà Nẵng"}
    assert autocomplete(login("admin_a"), "organization", "parent", "tai chinh") == set()


@pytest.mark.parametrize("q", ["so noi vu", "Sở Nội vụ", "SỞ NỘI VỤ", "000.00.01.H17"])
def test_changelist_search_folds_diacritics(login, tree, q):
    assert listed(login("admin_a").get(CHANGELIST, {"q": q})) == {tree.A.code}


def test_changelist_search_is_scoped(login, tree):
    assert listed(login("admin_a").get(CHANGELIST, {"q": "tai chinh"})) == set()
    assert listed(login("national").get(CHANGELIST, {"q": "tai chinh"})) == {tree.B.code}


def test_org_admin_can_rename_a_division(login, tree):
    response = login("admin_a").post(change_url(tree.A2), org_form_data(tree.A2, name="Văn phòng Sở Nội vụ"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    tree.A2.refresh_from_db()
    assert tree.A2.name == "Văn phòng Sở Nội vụ"


def test_org_admin_can_rename_their_own_organisation(login, tree):
    """A's parent (the province) lies outside the admin's scope, yet keeping it must be valid."""
    response = login("admin_a").post(change_url(tree.A), org_form_data(tree.A, name="Sở Nội vụ thành phố"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    tree.A.refresh_from_db()
    assert (tree.A.name, tree.A.parent_id) == ("Sở Nội vụ thành phố", tree.P.pk)


def test_org_admin_cannot_move_their_organisation_out_of_the_tree(login, tree):
    response = login("admin_a").post(change_url(tree.A), org_form_data(tree.A, parent=""))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    tree.A.refresh_from_db()
    assert tree.A.parent_id == tree.P.pk


def test_org_admin_cannot_create_a_root_organisation(login, tree):
    data = {"code": "X.NEW", "name": "Đơn vị mới", "kind": OrgKind.PHONG, "parent": ""}
    response = login("admin_a").post(reverse("admin:portal_organization_add"), data)
    assert response.status_code == 200
    assert not Organization.objects.filter(code="X.NEW").exists()


def test_org_admin_creates_a_division_inside_the_subtree(login, tree):
    data = {"code": "X.NEW", "name": "Phòng mới", "kind": OrgKind.PHONG, "parent": tree.A1.pk}
    assert login("admin_a").post(reverse("admin:portal_organization_add"), data).status_code == 302
    assert Organization.objects.get(code="X.NEW").path == tree.A1.path + "X.NEW/"


def test_org_admin_cannot_create_under_another_subtree(login, tree):
    data = {"code": "X.NEW", "name": "Phòng mới", "kind": OrgKind.PHONG, "parent": tree.B.pk}
    response = login("admin_a").post(reverse("admin:portal_organization_add"), data)
    assert "parent" in response.context["adminform"].form.errors
    assert not Organization.objects.filter(code="X.NEW").exists()


def test_admin_refuses_a_cycle(login, tree):
    response = login("national").post(change_url(tree.A), org_form_data(tree.A, parent=tree.A1.pk))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    tree.A.refresh_from_db()
    assert tree.A.parent_id == tree.P.pk


def test_only_national_admin_deletes_organisations(login, tree):
    url = reverse("admin:portal_organization_delete", args=[tree.A3.pk])
    assert login("admin_a").post(url, {"post": "yes"}).status_code == 403
    assert Organization.objects.filter(pk=tree.A3.pk).exists()
    assert login("national").post(url, {"post": "yes"}).status_code == 302
    assert not Organization.objects.filter(pk=tree.A3.pk).exists()


def test_legal_documents_are_national_only(login, tree):
    url = reverse("admin:portal_legaldocument_changelist")
    assert login("admin_a").get(url).status_code == 403
    assert login("national").get(url).status_code == 200


def test_org_admin_cannot_grant_national_admin_in_the_admin(login, tree, people):
    data = {"user": people.hr_a.pk, "role": Role.NATIONAL_ADMIN, "organization": ""}
    response = login("admin_a").post(reverse("admin:portal_membership_add"), data)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=people.hr_a, role=Role.NATIONAL_ADMIN).exists()


def test_org_admin_membership_changelist_is_scoped(login, tree):
    response = login("admin_a").get(reverse("admin:portal_membership_changelist"))
    assert {m.user.username for m in response.context["cl"].result_list} == {"admin_a", "hr_a", "manager_a"}


def test_granting_and_revoking_org_admin_in_the_admin_sets_the_admin_flag(login, tree, people):
    client = login("national")
    data = {"user": people.hr_b.pk, "role": Role.ORG_ADMIN, "organization": tree.B.pk}
    assert client.post(reverse("admin:portal_membership_add"), data).status_code == 302
    people.hr_b.refresh_from_db()
    assert people.hr_b.is_staff and not people.hr_b.is_superuser
    membership = Membership.objects.get(user=people.hr_b, role=Role.ORG_ADMIN)
    delete_url = reverse("admin:portal_membership_delete", args=[membership.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    people.hr_b.refresh_from_db()
    assert not people.hr_b.is_staff
    assert Membership.objects.filter(user=people.hr_b).count() == 1  # the HR role stays


def test_changing_org_admin_to_hr_officer_in_the_admin_removes_the_admin_flag(login, tree, people):
    membership = Membership.objects.get(user=people.admin_a)
    data = {"user": people.admin_a.pk, "role": Role.HR_OFFICER, "organization": tree.A.pk}
    url = reverse("admin:portal_membership_change", args=[membership.pk])
    assert login("national").post(url, data).status_code == 302
    people.admin_a.refresh_from_db()
    assert not people.admin_a.is_staff
    assert login("admin_a").get(reverse("admin:index")).status_code == 302


def view_on_site_url(obj):
    from django.contrib.contenttypes.models import ContentType

    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_view_on_site_redirects_within_the_scope(login, tree):
    from tests.builders import make_staff

    person = make_staff(tree.A1, "Trần Văn Nội", employee_code="NOI001")
    response = login("admin_a").get(view_on_site_url(person))
    assert response.status_code == 302 and response["Location"] == "/staff/NOI001/"
    response = login("admin_a").get(view_on_site_url(tree.A2))
    assert response.status_code == 302 and response["Location"] == tree.A2.get_absolute_url()


def test_view_on_site_does_not_tell_an_org_admin_who_works_elsewhere(login, tree):
    """Django's own redirect fetches any object by id: trying ids would reveal the employee code
    (and the organisation codes) of anyone in the country to any staff user."""
    from tests.builders import make_staff

    outsider = make_staff(tree.B, "Lê Thị Ngoài", employee_code="NGOAI01")
    for obj in (outsider, tree.B):
        response = login("admin_a").get(view_on_site_url(obj))
        assert response.status_code == 404
        assert "NGOAI01" not in response.get("Location", "") and tree.B.code not in response.get("Location", "")
    assert login("national").get(view_on_site_url(outsider))["Location"] == "/staff/NGOAI01/"


@pytest.mark.parametrize("args", [("x", "1"), ("999999", "1")])
def test_view_on_site_with_a_bad_content_type_is_404(login, tree, args):
    assert login("admin_a").get(reverse("admin:view_on_site", args=args)).status_code == 404
