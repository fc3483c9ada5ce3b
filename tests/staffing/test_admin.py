"""The staffing admin screens, scoped like the portal: people, assignments and quotas of the
admin's subtree only, foreign-key choices in scope, folded search, the FTE and nesting rules."""

import json
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from staffing.models import Assignment, Quota, Staff
from tests.builders import make_assignment, make_position, make_quota

pytestmark = pytest.mark.django_db

STAFF = reverse("admin:staffing_staff_changelist")
ASSIGNMENTS = reverse("admin:staffing_assignment_changelist")
QUOTAS = reverse("admin:staffing_quota_changelist")


def listed(response):
    return {str(o) for o in response.context["cl"].result_list}


def names(response):
    return {s.full_name for s in response.context["cl"].result_list}


def test_org_admin_sees_the_subtrees_staff_only(login, staff):
    response = login("admin_a").get(STAFF)
    assert response.status_code == 200
    assert "Vũ Văn Hải" not in names(response)
    assert names(response) == {s.full_name for s in staff if s.organization.code != "000.00.02.H17"}


def test_national_admin_sees_everyone(login, staff):
    assert len(names(login("national").get(STAFF))) == len(staff)


def test_staff_outside_the_subtree_cannot_be_opened_or_changed(login, by_name):
    hai = by_name["Hải"]
    url = reverse("admin:staffing_staff_change", args=[hai.pk])
    response = login("admin_a").get(url, follow=True)
    assert "Vũ Văn Hải" not in response.content.decode()
    login("admin_a").post(url, {"full_name": "Đã sửa"})
    hai.refresh_from_db()
    assert hai.full_name == "Vũ Văn Hải"
    assert login("admin_a").get(reverse("admin:staffing_staff_auditlog", args=[hai.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["hr_a", "manager_a", "nobody"])
def test_non_admins_cannot_enter(login, staff, persona):
    for url in (STAFF, ASSIGNMENTS, QUOTAS):
        assert login(persona).get(url).status_code == 302


def test_search_folds_diacritics(login, staff):
    response = login("admin_a").get(STAFF, {"q": "dang thi"})
    assert names(response) == {"Đặng Thị Giang"}
    assert names(login("admin_a").get(STAFF, {"q": "Nguyễn Văn"})) == {"Nguyễn Văn An"}


def test_staff_change_page_has_the_yearly_records_inline(login, by_name):
    page = login("admin_a").get(reverse("admin:staffing_staff_change", args=[by_name["An"].pk])).content.decode()
    assert "annual_records-TOTAL_FORMS" in page


def test_staff_organisation_choices_are_the_scope(login, tree):
    form = login("admin_a").get(reverse("admin:staffing_staff_add")).context["adminform"].form
    assert set(form.fields["organization"].queryset) == {tree.A, tree.A1, tree.A2, tree.A3}


def test_assignment_choices_are_scoped(login, tree, by_name):
    make_position(tree.A, "VT")
    make_position(tree.B, "KT")
    form = login("admin_a").get(reverse("admin:staffing_assignment_add")).context["adminform"].form
    assert {p.code for p in form.fields["position"].queryset} == {"VT"}
    assert "Vũ Văn Hải" not in {s.full_name for s in form.fields["staff"].queryset}


def test_assignment_admin_enforces_the_fte_rule(login, tree, by_name):
    an = by_name["An"]
    make_assignment(an, make_position(tree.A, "GD"))
    other = make_position(tree.A, "VT")
    data = {"staff": an.pk, "position": other.pk, "kind": "concurrent", "fte": "0.5", "start_date": "01/01/2024"}
    response = login("admin_a").post(reverse("admin:staffing_assignment_add"), data)
    assert response.status_code == 200
    assert "không được vượt quá 1" in response.content.decode()
    assert Assignment.objects.filter(staff=an).count() == 1


def test_assignments_list_is_scoped(login, tree, by_name):
    make_assignment(by_name["An"], make_position(tree.A, "VT"))
    make_assignment(by_name["Hải"], make_position(tree.B, "KT"))
    assert {a.staff.full_name for a in login("admin_a").get(ASSIGNMENTS).context["cl"].result_list} == {"Nguyễn Văn An"}


def quota_data(org, assigned, **changes):
    return {
        "organization": org.pk,
        "year": "2025",
        "category": "CBCC",
        "assigned": str(assigned),
        "decision_number": "7/QĐ",
        "decision_date": "01/12/2024",
        "issuer": "",
        "legal_basis": "",
    } | changes


def test_quota_admin_enforces_nesting_and_writes_through_the_service(login, people, tree):
    make_quota(tree.A, 10)
    client = login("admin_a")
    response = client.post(reverse("admin:staffing_quota_add"), quota_data(tree.A1, 11))
    assert response.status_code == 200
    assert "vượt quá biên chế của Sở Nội vụ" in response.content.decode()
    assert not Quota.objects.filter(organization=tree.A1).exists()
    assert client.post(reverse("admin:staffing_quota_add"), quota_data(tree.A1, 10)).status_code == 302
    quota = Quota.objects.get(organization=tree.A1)
    assert LogEntry.objects.get_for_object(quota).get().actor == people.admin_a


def test_quota_list_and_organisation_choices_are_scoped(login, tree):
    make_quota(tree.A, 10)
    make_quota(tree.B, 10)
    client = login("admin_a")
    assert {q.organization for q in client.get(QUOTAS).context["cl"].result_list} == {tree.A}
    response = client.post(reverse("admin:staffing_quota_add"), quota_data(tree.B, 1, year="2026"))
    assert "organization" in response.context["adminform"].form.errors


def test_staff_autocomplete_is_scoped(login, staff):
    response = login("admin_a").get(
        reverse("admin:autocomplete"),
        {"app_label": "staffing", "model_name": "assignment", "field_name": "staff", "term": "van"},
    )
    found = {r["text"] for r in json.loads(response.content)["results"]}
    assert found and not any("Hải" in t for t in found)
    assert all(
        Staff.objects.get(pk=r["id"]).organization.path.startswith("/000.00.00.H17/000.00.01.H17/")
        for r in json.loads(response.content)["results"]
    )


# --------------------------------------------------------------------------- training and allowances (issue 9)


def staff_admin_data(staff, **changes):
    """The Django admin's change form of ``staff`` as posted, with ``changes``."""
    data = {
        "employee_code": staff.employee_code,
        "personal_id": "",
        "full_name": staff.full_name,
        "date_of_birth": staff.date_of_birth.strftime("%d/%m/%Y"),
        "sex": staff.sex,
        "category": staff.category,
        "organization": staff.organization_id,
        "rank": "",
        "salary_step": "",
        "salary_coefficient": "",
        "leadership_allowance": "",
        "other_allowance": "",
        "seniority_percent": "",
        "allowance_percent": "",
        "recruitment_date": "",
        "insurance_years": "",
        "training_level": "",
        "training_field": "",
        "deferral": "",
        "status": staff.status,
        "exit_date": "",
        "annual_records-TOTAL_FORMS": "0",
        "annual_records-INITIAL_FORMS": "0",
        "annual_records-MIN_NUM_FORMS": "0",
        "annual_records-MAX_NUM_FORMS": "1000",
    }
    return data | changes


def test_staff_admin_edits_training_and_allowances_with_the_forms_limits(login, by_name):
    an = by_name["An"]
    url = reverse("admin:staffing_staff_change", args=[an.pk])
    client = login("admin_a")
    page = client.get(url).content.decode()
    for label in ("Lương và phụ cấp", "Đào tạo", 'name="leadership_allowance"', 'name="training_level"'):
        assert label in page
    refused = client.post(url, staff_admin_data(an, leadership_allowance="12", allowance_percent="0,25"))
    assert refused.status_code == 200
    form_errors = refused.context["adminform"].form.errors
    assert "hệ số phụ cấp từ 0 đến 10" in form_errors["leadership_allowance"][0]
    assert "phân số" in form_errors["allowance_percent"][0]
    an.refresh_from_db()
    assert an.leadership_allowance is None and an.allowance_percent is None
    saved = client.post(
        url, staff_admin_data(an, leadership_allowance="0,6", allowance_percent="25", training_level="THS")
    )
    assert saved.status_code == 302
    an.refresh_from_db()
    assert (an.leadership_allowance, an.allowance_percent, an.training_level) == (Decimal("0.60"), 25, "THS")


def test_staff_admin_filters_by_training_level(login, by_name):
    Staff.objects.filter(pk=by_name["Bình"].pk).update(training_level="TS")
    assert names(login("admin_a").get(STAFF, {"training_level__exact": "TS"})) == {"Trần Thị Bình"}
