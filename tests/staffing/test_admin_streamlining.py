"""The Django admin of the streamlining rows: decisions and exclusions of the admin's subtree only,
added, changed and deleted through staffing.services (who recorded it set there; a person who no
longer works refused on the form); saved candidate lists read-only for everyone, the national
admin included (no add, change or delete: the pages answer 403 and nothing changes)."""

import pytest
from django.urls import reverse

from staffing.models import CandidateSnapshot, StaffStatus, StreamliningDecision, StreamliningExclusion
from tests.builders import make_candidate_world

pytestmark = pytest.mark.django_db

DECISIONS = reverse("admin:staffing_streamliningdecision_changelist")
EXCLUSIONS = reverse("admin:staffing_streamliningexclusion_changelist")
SNAPSHOTS = reverse("admin:staffing_candidatesnapshot_changelist")


@pytest.fixture
def world(tree):
    return make_candidate_world(tree)


def listed(response):
    return {str(o) for o in response.context["cl"].result_list}


@pytest.fixture
def snapshot(tree, people):
    return CandidateSnapshot.objects.create(
        organization=tree.A,
        year=2026,
        number=1,
        as_of="2026-11-15",
        rule_set_code="ND154-2025",
        benefit_rule_set_code="ND154-2025",
        base_salary=2_530_000,
        created_by=people.hr_a,
        note="Gốc",
        data={"rows": []},
        totals={"candidates": 0},
    )


def test_decisions_and_exclusions_of_the_subtree_only(login, world):
    StreamliningDecision.objects.create(staff=world[5], year=2026, case="d", note="QĐ")
    StreamliningDecision.objects.create(staff=world[9], year=2026, case="b", note="QĐ")
    StreamliningExclusion.objects.create(staff=world[3], year=2026, reason="Lý do")
    StreamliningExclusion.objects.create(staff=world[9], year=2025, reason="Lý do")
    assert listed(login("admin_a").get(DECISIONS)) == {"CL005 2026 (d)"}
    assert listed(login("admin_a").get(EXCLUSIONS)) == {"CL003 2026"}
    assert len(listed(login("national").get(DECISIONS))) == 2
    outside = StreamliningDecision.objects.get(staff=world[9])
    url = reverse("admin:staffing_streamliningdecision_change", args=[outside.pk])
    login("admin_a").post(url, {"note": "Sửa"})
    outside.refresh_from_db()
    assert outside.note == "QĐ"


def test_an_org_admin_adds_a_decision_through_the_service(login, world, people):
    response = login("admin_a").post(
        reverse("admin:staffing_streamliningdecision_add"),
        {"staff": world[5].pk, "year": 2026, "case": "đ", "note": "Cơ cấu lại vị trí việc làm"},
    )
    assert response.status_code == 302
    d = StreamliningDecision.objects.get()
    assert (d.case, d.note, d.decided_by) == ("đ", "Cơ cấu lại vị trí việc làm", people.admin_a)


def test_the_admin_form_refuses_a_person_who_no_longer_works(login, world):
    world[5].status, world[5].exit_date = StaffStatus.RETIRED, "2026-10-01"
    world[5].save()
    response = login("admin_a").post(
        reverse("admin:staffing_streamliningexclusion_add"), {"staff": world[5].pk, "year": 2026, "reason": "Lý do"}
    )
    assert response.status_code == 200
    assert "Phạm Văn Năm không còn đang làm việc (Nghỉ hưu): không xét tinh giản." in response.content.decode()
    assert not StreamliningExclusion.objects.exists()


def test_the_person_of_a_decision_is_fixed_once_recorded(login, world, people):
    d = StreamliningDecision.objects.create(staff=world[5], year=2026, case="d", note="Cũ")
    url = reverse("admin:staffing_streamliningdecision_change", args=[d.pk])
    response = login("admin_a").post(url, {"staff": world[3].pk, "year": 2025, "case": "b", "note": "Mới"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.staff, d.year, d.case, d.note, d.decided_by) == (world[5], 2026, "d", "Mới", people.admin_a)


def test_deleting_a_decision_goes_through_the_service(login, world):
    d = StreamliningDecision.objects.create(staff=world[5], year=2026, case="d", note="QĐ")
    url = reverse("admin:staffing_streamliningdecision_delete", args=[d.pk])
    assert login("admin_a").post(url, {"post": "yes"}).status_code == 302
    assert not StreamliningDecision.objects.exists()


@pytest.mark.parametrize("persona", ["admin_a", "national"])
def test_saved_lists_are_read_only_in_the_admin(login, snapshot, persona):
    client = login(persona)
    page = client.get(SNAPSHOTS)
    assert page.status_code == 200 and listed(page) == {str(snapshot)}
    assert page.context["action_form"] is None  # no bulk action: no delete_selected
    change = reverse("admin:staffing_candidatesnapshot_change", args=[snapshot.pk])
    view = client.get(change)
    assert view.status_code == 200 and 'name="_save"' not in view.content.decode()
    assert client.post(change, {"note": "Sửa"}).status_code == 403
    assert client.get(reverse("admin:staffing_candidatesnapshot_add")).status_code == 403
    assert (
        client.post(reverse("admin:staffing_candidatesnapshot_delete", args=[snapshot.pk]), {"post": "yes"}).status_code
        == 403
    )
    snapshot.refresh_from_db()
    assert snapshot.note == "Gốc" and CandidateSnapshot.objects.count() == 1


def test_saved_lists_outside_the_subtree_are_not_shown(login, snapshot, tree, people):
    other = CandidateSnapshot.objects.create(
        organization=tree.B,
        year=2026,
        number=1,
        as_of="2026-11-15",
        rule_set_code="ND154-2025",
        benefit_rule_set_code="ND154-2025",
        base_salary=2_530_000,
        created_by=people.hr_b,
    )
    assert listed(login("admin_a").get(SNAPSHOTS)) == {str(snapshot)}
    url = reverse("admin:staffing_candidatesnapshot_change", args=[other.pk])
    assert str(other) not in login("admin_a").get(url, follow=True).content.decode()
