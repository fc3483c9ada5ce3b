"""Organisations managed in the portal: admins edit and add units inside their subtree (national
admins anywhere, roots included); the parent is given by code and must be in scope."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from portal.models import Organization, OrgKind


def form_data(org=None, **changes):
    data = {
        "code": "",
        "name": "",
        "short_name": "",
        "name_en": "",
        "kind": OrgKind.PHONG,
        "admin_unit_code": "",
        "valid_from": "",
        "valid_to": "",
        "parent_code": "",
    }
    if org is not None:
        data.update(code=org.code, name=org.name, kind=org.kind, parent_code=org.parent.code if org.parent_id else "")
    data.update(changes)
    return data


def test_org_admin_renames_a_unit_of_their_subtree_and_it_is_audited(login, tree):
    response = login("admin_a").post(
        reverse("portal:organization_edit", args=[tree.A2.code]), form_data(tree.A2, name="Văn phòng Sở Nội vụ")
    )
    assert response.status_code == 302 and response["Location"] == tree.A2.get_absolute_url()
    tree.A2.refresh_from_db()
    assert tree.A2.name == "Văn phòng Sở Nội vụ"
    entry = LogEntry.objects.get_for_object(tree.A2).get()
    assert entry.actor.username == "admin_a"


def test_org_admin_adds_a_child_unit_which_lands_in_the_tree(login, tree):
    url = reverse("portal:organization_create", args=[tree.A.code])
    page = login("admin_a").get(url).content.decode()
    assert f'value="{tree.A.code}"' in page  # the parent code is prefilled
    response = login("admin_a").post(url, form_data(code="a.new", name="Phòng Công chức", parent_code=tree.A.code))
    assert response.status_code == 302
    new = Organization.objects.get(code="A.NEW")  # codes are upper-cased
    assert new.parent == tree.A and new.path == tree.A.path + "A.NEW/"


def test_moving_a_unit_rewrites_its_path(login, tree):
    login("admin_a").post(
        reverse("portal:organization_edit", args=[tree.A2.code]), form_data(tree.A2, parent_code=tree.A1.code)
    )
    tree.A2.refresh_from_db()
    assert tree.A2.parent == tree.A1 and tree.A2.path.startswith(tree.A1.path)


@pytest.mark.parametrize("parent", ["B", "M", "P", "NOPE"])
def test_parent_outside_the_admin_scope_is_refused_without_saying_where(login, tree, parent):
    code = getattr(tree, parent).code if parent != "NOPE" else "NOPE"
    response = login("admin_a").post(
        reverse("portal:organization_edit", args=[tree.A2.code]), form_data(tree.A2, parent_code=code)
    )
    assert response.status_code == 200
    assert f"Không có đơn vị mã “{code}” trong phạm vi quản lý của bạn." in response.content.decode()
    tree.A2.refresh_from_db()
    assert tree.A2.parent == tree.A


def test_org_admin_keeps_their_own_unit_under_its_current_parent(login, tree):
    # A's parent (the province) lies above admin_a's scope but stays allowed for A itself.
    response = login("admin_a").post(
        reverse("portal:organization_edit", args=[tree.A.code]), form_data(tree.A, name="Sở Nội vụ mới")
    )
    assert response.status_code == 302
    tree.A.refresh_from_db()
    assert tree.A.name == "Sở Nội vụ mới" and tree.A.parent == tree.P


def test_a_unit_cannot_move_under_its_own_descendant(login, tree):
    response = login("national").post(
        reverse("portal:organization_edit", args=[tree.A.code]), form_data(tree.A, parent_code=tree.A1.code)
    )
    assert "Không thể chọn chính đơn vị này hoặc đơn vị cấp dưới" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "url_name", "target", "status"),
    [
        ("admin_a", "portal:organization_edit", "B", 404),
        ("admin_a", "portal:organization_create", "B", 404),
        ("hr_a", "portal:organization_edit", "A", 403),
        ("manager_a", "portal:organization_create", "A", 403),
        ("hr_b", "portal:organization_edit", "A", 404),
        ("national", "portal:organization_edit", "B", 200),
    ],
)
def test_who_may_open_the_forms(login, tree, persona, url_name, target, status):
    assert login(persona).get(reverse(url_name, args=[getattr(tree, target).code])).status_code == status


def test_only_national_admins_add_roots(login, tree):
    url = reverse("portal:organization_create_root")
    assert login("admin_a").get(url).status_code == 403
    response = login("national").post(url, form_data(code="000.00.00.G99", name="Bộ Mới", kind=OrgKind.BO))
    assert response.status_code == 302
    assert Organization.objects.get(code="000.00.00.G99").parent is None


def test_org_admin_must_name_a_parent(login, tree):
    response = login("admin_a").post(
        reverse("portal:organization_edit", args=[tree.A2.code]), form_data(tree.A2, parent_code="")
    )
    assert "Hãy nhập mã đơn vị cấp trên." in response.content.decode()


def test_edit_buttons_show_only_for_admins(login, tree):
    assert 'id="org-edit"' in login("admin_a").get(tree.A.get_absolute_url()).content.decode()
    assert 'id="org-edit"' not in login("hr_a").get(tree.A.get_absolute_url()).content.decode()
