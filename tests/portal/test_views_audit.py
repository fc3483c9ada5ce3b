"""The audit log: who changed what, when, before → after; per object and as a list."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from portal.models import Organization, OrgKind

HISTORY = "Lịch sử thay đổi"


def edit_in_admin(client, org, **changes):
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
        **changes,
    }
    response = client.post(reverse("admin:portal_organization_change", args=[org.pk]), data)
    assert response.status_code == 302
    return response


def test_creating_an_organisation_records_actor_and_values(login, tree):
    data = {"code": "X.NEW", "name": "Trung tâm Lưu trữ", "kind": OrgKind.SNCL, "parent": tree.A.pk}
    assert login("national").post(reverse("admin:portal_organization_add"), data).status_code == 302
    org = Organization.objects.get(code="X.NEW")
    entry = LogEntry.objects.get_for_object(org).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor.username == "national"
    assert entry.changes_dict["name"] == [None, "Trung tâm Lưu trữ"]
    assert "path" not in entry.changes_dict  # derived columns are not noise in the log
    assert "search_key" not in entry.changes_dict


def test_updating_an_organisation_records_before_and_after(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ")
    entry = LogEntry.objects.get_for_object(tree.A2).get()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor.username == "admin_a"
    assert entry.changes_dict == {"name": ["Văn phòng Sở", "Văn phòng Sở Nội vụ"]}


def test_organisation_page_history_is_shown_to_its_admins(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ")
    for persona in ("admin_a", "national"):
        html = login(persona).get(tree.A2.get_absolute_url()).content.decode()
        assert HISTORY in html
        assert "Văn phòng Sở → Văn phòng Sở Nội vụ" in html
        assert "admin_a" in html


def test_organisation_page_history_is_hidden_from_hr_and_managers(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ")
    for persona in ("hr_a", "manager_a"):
        html = login(persona).get(tree.A2.get_absolute_url()).content.decode()
        assert HISTORY not in html
        assert "Văn phòng Sở →" not in html


def test_auditlog_list_shows_changes_to_the_national_admin(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ")
    response = login("national").get(reverse("portal:auditlog_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Văn phòng Sở Nội vụ" in html
    assert "admin_a" in html


def test_auditlog_list_is_national_only(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ")
    response = login("admin_a").get(reverse("portal:auditlog_list"))
    assert response.status_code == 403
    assert "Văn phòng Sở Nội vụ" not in response.content.decode()


def test_changes_made_outside_a_request_have_no_actor(tree):
    tree.A3.name = "Phường Hải Châu 1"
    tree.A3.save()
    entry = LogEntry.objects.get_for_object(tree.A3).get()
    assert entry.actor is None
    assert entry.changes_dict["name"] == ["Phường Hải Châu", "Phường Hải Châu 1"]


@pytest.mark.parametrize("n", [3, 30])
def test_auditlog_list_query_count_is_constant(login, tree, django_assert_num_queries, n):
    for i in range(n):
        tree.A3.name = f"Phường Hải Châu {i}"
        tree.A3.save()
    client = login("national")
    # session, user, scope, count, page of entries, the menu's approvals waiting; session save (3)
    with django_assert_num_queries(9):
        response = client.get(reverse("portal:auditlog_list"))
    assert len(response.context["page"]) == n


def test_audit_list_shows_field_labels_and_choice_labels_not_codes(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ", kind=OrgKind.SNCL)
    html = login("national").get(reverse("portal:auditlog_list")).content.decode()
    assert "<strong>tên đơn vị</strong>: Văn phòng Sở → Văn phòng Sở Nội vụ" in html
    assert "<strong>loại hình</strong>: Vụ, cục, chi cục, phòng, văn phòng → Đơn vị sự nghiệp công lập" in html
    assert "PHONG → SNCL" not in html


def test_page_of_an_organisation_created_with_the_audit_log_on_shows_its_creation(login, tree):
    data = {"code": "X.NEW2", "name": "Trung tâm Dữ liệu", "kind": OrgKind.SNCL, "parent": tree.A.pk}
    assert login("national").post(reverse("admin:portal_organization_add"), data).status_code == 302
    org = Organization.objects.get(code="X.NEW2")
    response = login("national").get(org.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>tên đơn vị</strong>: ∅ → Trung tâm Dữ liệu" in html
