"""Issue 11 items 14 and 15 (docs/rules.md §2): a quota of X is granted by X's parent — only a
user with an edit role on a proper ancestor of X (or a national admin) creates, changes or
deletes it; X's own officers distribute X's quota to X's children — on the form, in the admin,
in the import (rows named) and in the service; and the nesting messages name only what the user
may read ("vượt quá phần còn lại có thể giao: N").
Tree (tests/conftest.py): P ⊃ A ⊃ {A1, A2, A3}, P ⊃ B; M another root. hr_a, admin_a: A."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from imports.exporting import export_bytes
from imports.jobs import run_import
from portal.models import Role, scope_for
from staffing import services
from staffing.models import Quota
from staffing.quotas import may_grant_quota, parent_path
from tests.builders import csv_bytes, make_quota, make_user

pytestmark = pytest.mark.django_db

P, A, A1 = "000.00.00.H17", "000.00.01.H17", "000.01.01.H17"
QUOTA_HEADER = ["Mã đơn vị", "Năm", "Loại biên chế", "Số được giao", "Số quyết định", "Ngày quyết định"]
REFUSED = "Biên chế của “Sở Nội vụ” do cấp trên giao: bạn không được sửa."


@pytest.fixture
def admin_p(tree):
    """An organisation admin of the province (Thành phố Đà Nẵng)."""
    return make_user("admin_p", Role.ORG_ADMIN, tree.P)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def new_quota(org, assigned, *, year=2025, category="CBCC") -> Quota:
    return Quota(
        organization=org,
        year=year,
        category=category,
        assigned=assigned,
        decision_number="9/QĐ",
        decision_date=dt.date(year - 1, 12, 1),
    )


def form_data(org, assigned, **changes):
    return {
        "organization": org.pk,
        "year": "2025",
        "category": "CBCC",
        "assigned": str(assigned),
        "decision_number": "15/QĐ-UBND",
        "decision_date": "20/12/2024",
        "issuer": "UBND thành phố",
        "legal_basis": "",
    } | changes


# --------------------------------------------------------------------------- the rule


def test_the_rule_reads_the_parent_path(tree, people, admin_p):
    assert parent_path(tree.A1.path) == tree.A.path and parent_path(tree.P.path) is None
    hr_a, national = scope_for(people.hr_a), scope_for(people.national)
    assert not may_grant_quota(hr_a, tree.A) and may_grant_quota(hr_a, tree.A1) and may_grant_quota(hr_a, tree.A3)
    assert not may_grant_quota(hr_a, tree.B) and not may_grant_quota(hr_a, tree.P)
    assert not may_grant_quota(scope_for(people.manager_a), tree.A1)  # reads, does not edit
    assert may_grant_quota(scope_for(admin_p), tree.A) and not may_grant_quota(scope_for(admin_p), tree.P)
    assert may_grant_quota(national, tree.P) and may_grant_quota(national, tree.M)


# --------------------------------------------------------------------------- service


def test_service_hr_a_cannot_set_its_own_units_quota_but_sets_its_divisions(tree, people):
    stored = make_quota(tree.A, 48, year=2026)
    stored.assigned = 47
    with pytest.raises(PermissionDenied):
        services.save_quota(user=people.hr_a, quota=stored)
    assert Quota.objects.get(pk=stored.pk).assigned == 48
    with pytest.raises(PermissionDenied):
        services.save_quota(user=people.hr_a, quota=new_quota(tree.A, 5))
    with pytest.raises(PermissionDenied):
        services.delete_quota(user=people.hr_a, quota=stored)
    services.save_quota(user=people.hr_a, quota=new_quota(tree.A1, 20, year=2026))
    assert Quota.objects.get(organization=tree.A1).assigned == 20


def test_service_a_stored_quota_cannot_be_moved_away_from_a_unit_one_may_not_grant(tree, people):
    stored = make_quota(tree.A, 48)
    stored.organization = tree.A1
    with pytest.raises(PermissionDenied):
        services.save_quota(user=people.hr_a, quota=stored)
    assert Quota.objects.get(pk=stored.pk).organization == tree.A


def test_service_province_admin_and_national_admin_change_sis_quota(tree, people, admin_p):
    stored = make_quota(tree.A, 48, year=2026)
    stored.assigned = 47
    services.save_quota(user=admin_p, quota=stored)
    assert Quota.objects.get(pk=stored.pk).assigned == 47
    services.save_quota(user=people.national, quota=new_quota(tree.P, 500))
    with pytest.raises(PermissionDenied):
        services.save_quota(user=admin_p, quota=new_quota(tree.P, 400, year=2024))  # P's parent: none
    services.delete_quota(user=people.national, quota=stored)
    assert not Quota.objects.filter(pk=stored.pk).exists()


# --------------------------------------------------------------------------- messages (item 15)


def leaky_world(tree):
    """The province has 100 for 2026; Sở Tài chính (a sibling of Sở Nội vụ, outside hr_a's scope)
    holds 40; Sở Nội vụ has no quota of its own, so its divisions count against the province."""
    make_quota(tree.P, 100, year=2026)
    make_quota(tree.B, 40, year=2026)


def assert_no_leak(message: str):
    for secret in ("Sở Tài chính", "Thành phố Đà Nẵng", "000.00.02.H17", P, "100", "40"):
        assert secret not in message, (secret, message)


def test_service_message_outside_the_scope_gives_only_what_remains(tree, people):
    leaky_world(tree)
    with pytest.raises(ValidationError) as exc:
        services.save_quota(user=people.hr_a, quota=new_quota(tree.A1, 500, year=2026))
    message = exc.value.messages[0]
    assert "vượt quá phần còn lại có thể giao: 60." in message and "Phòng Tổ chức, biên chế" in message
    assert_no_leak(message)
    # a national admin reads everything: the full message
    with pytest.raises(ValidationError) as exc:
        services.save_quota(user=people.national, quota=new_quota(tree.A1, 500, year=2026))
    assert "Sở Tài chính: 40" in exc.value.messages[0] and "Thành phố Đà Nẵng" in exc.value.messages[0]


def test_remaining_is_never_negative(tree, people):
    make_quota(tree.P, 30, year=2026)
    Quota.objects.create(  # stored over the limit before the rule: B alone exceeds P
        organization=tree.B,
        year=2026,
        category="CBCC",
        assigned=40,
        decision_number="1",
        decision_date=dt.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        services.save_quota(user=people.hr_a, quota=new_quota(tree.A1, 1, year=2026))
    assert "phần còn lại có thể giao: 0." in exc.value.messages[0]


def test_a_stored_violation_elsewhere_does_not_block_nor_show(tree, people):
    make_quota(tree.B, 10)
    Quota.objects.create(
        organization=tree.B,
        year=2025,
        category="VC",
        assigned=1,
        decision_number="1",
        decision_date=dt.date(2025, 1, 1),
    )
    make_quota(tree.P, 5)  # P 5 < B 10: stored before, in another subtree
    make_quota(tree.A, 50, year=2024)
    services.save_quota(user=people.hr_a, quota=new_quota(tree.A1, 3, year=2024))


def test_form_message_for_hr_a_entering_500_names_no_sibling_and_no_province_total(login, tree):
    leaky_world(tree)
    response = login("hr_a").post(reverse("staffing:quota_create"), form_data(tree.A1, 500, year="2026"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "vượt quá phần còn lại có thể giao: 60." in text
    assert "Sở Tài chính" not in text and "Thành phố Đà Nẵng" not in text
    assert not Quota.objects.filter(organization=tree.A1).exists()


# --------------------------------------------------------------------------- form and views


def test_form_offers_only_units_one_may_grant_and_refuses_the_own_unit(login, tree):
    client = login("hr_a")
    page = client.get(reverse("staffing:quota_create"))
    offered = set(page.context["form"].fields["organization"].queryset)
    assert offered == {tree.A1, tree.A2, tree.A3}
    response = client.post(reverse("staffing:quota_create"), form_data(tree.A, 47, year="2026"))
    assert response.status_code == 200
    assert "biên chế của một đơn vị do cấp trên của nó giao" in response.content.decode()
    assert not Quota.objects.filter(organization=tree.A).exists()


def test_hr_a_cannot_open_the_edit_page_of_sis_quota_and_sees_no_edit_button(login, tree):
    own = make_quota(tree.A, 48, year=2026)
    division = make_quota(tree.A1, 20, year=2026)
    client = login("hr_a")
    assert client.get(reverse("staffing:quota_edit", args=[own.pk])).status_code == 403
    response = client.post(reverse("staffing:quota_edit", args=[own.pk]), form_data(tree.A, 47, year="2026"))
    assert response.status_code == 403
    assert Quota.objects.get(pk=own.pk).assigned == 48
    page = client.get(reverse("staffing:quota_list")).content.decode()
    assert reverse("staffing:quota_edit", args=[division.pk]) in page
    assert reverse("staffing:quota_edit", args=[own.pk]) not in page
    assert page.count('class="text-muted quota-granted-above"') == 1  # the own unit's row says why
    assert client.get(reverse("staffing:quota_edit", args=[division.pk])).status_code == 200


def test_province_admin_edits_sis_quota_on_the_form(tree, admin_p):
    own = make_quota(tree.A, 48, year=2026)
    client = client_of(admin_p)
    assert reverse("staffing:quota_edit", args=[own.pk]) in client.get(reverse("staffing:quota_list")).content.decode()
    response = client.post(reverse("staffing:quota_edit", args=[own.pk]), form_data(tree.A, 47, year="2026"))
    assert response.status_code == 302
    assert Quota.objects.get(pk=own.pk).assigned == 47


# --------------------------------------------------------------------------- admin


def test_admin_org_admin_of_a_views_but_cannot_change_or_delete_sis_quota(login, tree):
    own = make_quota(tree.A, 48, year=2026)
    division = make_quota(tree.A1, 20, year=2026)
    client = login("admin_a")
    change = reverse("admin:staffing_quota_change", args=[own.pk])
    response = client.get(change)
    assert response.status_code == 200 and not response.context["has_change_permission"]
    client.post(change, form_data(tree.A, 47, year="2026"))
    assert Quota.objects.get(pk=own.pk).assigned == 48
    assert client.post(reverse("admin:staffing_quota_delete", args=[own.pk]), {"post": "yes"}).status_code == 403
    assert Quota.objects.filter(pk=own.pk).exists()
    # the bulk action deletes nothing when one quota is not the user's to grant
    client.post(
        reverse("admin:staffing_quota_changelist"),
        {"action": "delete_selected", "_selected_action": [own.pk, division.pk], "post": "yes"},
    )
    assert Quota.objects.filter(pk__in=[own.pk, division.pk]).count() == 2
    # the add form offers the divisions, not Sở Nội vụ itself
    response = client.post(reverse("admin:staffing_quota_add"), form_data(tree.A, 5))
    assert "organization" in response.context["adminform"].form.errors
    assert client.post(reverse("admin:staffing_quota_add"), form_data(tree.A2, 5)).status_code == 302
    division_change = reverse("admin:staffing_quota_change", args=[division.pk])
    assert client.post(division_change, form_data(tree.A1, 19, year="2026")).status_code == 302
    assert Quota.objects.get(pk=division.pk).assigned == 19


def test_admin_province_admin_changes_sis_quota(tree, admin_p):
    own = make_quota(tree.A, 48, year=2026)
    client = client_of(admin_p)
    change = reverse("admin:staffing_quota_change", args=[own.pk])
    assert client.post(change, form_data(tree.A, 47, year="2026")).status_code == 302
    assert Quota.objects.get(pk=own.pk).assigned == 47


def test_admin_nesting_message_hides_what_the_admin_cannot_read(login, tree):
    leaky_world(tree)
    response = login("admin_a").post(reverse("admin:staffing_quota_add"), form_data(tree.A1, 500, year="2026"))
    text = response.content.decode()
    assert "vượt quá phần còn lại có thể giao: 60." in text
    assert "Sở Tài chính" not in text


# --------------------------------------------------------------------------- import


def run_quotas(rows, **kwargs):
    return run_import(kind="quotas", data=csv_bytes([QUOTA_HEADER, *rows]), file_name="quotas.csv", **kwargs)


def test_import_names_the_rows_of_units_the_user_may_not_grant(tree, people):
    make_quota(tree.A, 48, year=2026)
    result = run_quotas(
        [[A, "2026", "CBCC", "47", "1/QĐ", "01/01/2026"], [A1, "2026", "CBCC", "20", "2/QĐ", "01/01/2026"]],
        scope_org=tree.A,
        user=people.admin_a,
    )
    assert not result.written
    assert [(e.row, e.column, e.value, e.message) for e in result.errors] == [(2, "Mã đơn vị", A, REFUSED)]
    assert Quota.objects.get(organization=tree.A).assigned == 48
    ok = run_quotas([[A1, "2026", "CBCC", "20", "2/QĐ", "01/01/2026"]], scope_org=tree.A, user=people.admin_a)
    assert ok.written and ok.created == 1


def test_import_province_admin_national_admin_and_command_line_set_sis_quota(tree, people, admin_p):
    make_quota(tree.A, 48, year=2026)
    row = [A, "2026", "CBCC", "47", "1/QĐ", "01/01/2026"]
    assert run_quotas([row], scope_org=tree.P, user=admin_p).updated == 1
    assert run_quotas([row[:3] + ["46", *row[4:]]], scope_org=tree.A, user=admin_p).updated == 1
    assert run_quotas([row[:3] + ["45", *row[4:]]], user=people.national).updated == 1
    assert run_quotas([row[:3] + ["44", *row[4:]]], scope_org=tree.A).updated == 1  # the command line
    assert Quota.objects.get(organization=tree.A).assigned == 44


def test_import_nesting_message_for_a_parent_outside_the_scope(tree, people):
    leaky_world(tree)
    result = run_quotas([[A1, "2026", "CBCC", "500", "1/QĐ", "01/01/2026"]], scope_org=tree.A, user=people.admin_a)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Số được giao")]
    message = result.errors[0].message
    assert "dòng 2: 500" in message and "vượt quá phần còn lại có thể giao: 60." in message
    assert_no_leak(message)


def test_import_an_export_of_the_own_unit_imports_back_unchanged_but_no_change_passes(tree, people):
    """The export of Sở Nội vụ holds its own quota: imported back unchanged it is accepted (it
    changes nothing); any change of it — even the issuer — is refused by name."""
    make_quota(tree.A, 48, year=2026)
    make_quota(tree.A1, 20, year=2026)
    data = export_bytes(kind="quotas", fmt="csv", scope_org=tree.A)
    result = run_import(kind="quotas", data=data, file_name="a.csv", scope_org=tree.A, user=people.admin_a)
    assert result.errors == [] and (result.unchanged, result.updated) == (2, 0)
    changed = data.decode("utf-8-sig").replace("UBND thành phố", "UBND tỉnh", 1).encode()
    result = run_import(kind="quotas", data=changed, file_name="a.csv", scope_org=tree.A, user=people.admin_a)
    assert [(e.row, e.column, e.message) for e in result.errors] == [(2, "Mã đơn vị", REFUSED)]
    assert Quota.objects.get(organization=tree.A).issuer == "UBND thành phố"
