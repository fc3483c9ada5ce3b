"""staffing.services' streamlining writes: a case b/c/d/đ decision with its required note, an
exclusion with its required reason (who and when recorded, audited, replaced when recorded again,
refused for people who no longer work and for users without an edit role over them), and the
numbered, immutable candidate snapshots (1, 2, 3 … per organisation and year; a number taken
meanwhile is retried; two concurrent saves on PostgreSQL get 1 and 2).

Persona tree (tests/conftest.py): hr_a, admin_a, manager_a in A (Sở Nội vụ ⊃ A1, A2, A3); hr_b in
B (Sở Tài chính)."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from staffing import services
from staffing.models import (
    CandidateSnapshot,
    ImmutableError,
    StaffStatus,
    StreamliningDecision,
    StreamliningExclusion,
)
from tests.builders import STREAMLINING_AS_OF, STREAMLINING_YEAR, make_candidate_world, make_staff

pytestmark = pytest.mark.django_db
YEAR = STREAMLINING_YEAR


@pytest.fixture
def world(tree):
    return make_candidate_world(tree)


# --------------------------------------------------------------------------- decisions


def test_a_decision_records_the_case_the_note_who_and_when(people, world):
    d = services.set_streamlining_decision(
        user=people.hr_a, staff=world[5], year=YEAR, case="d", note="  Quyết định 12/QĐ-SNV  "
    )
    assert (d.case, d.note, d.decided_by, d.year) == ("d", "Quyết định 12/QĐ-SNV", people.hr_a, YEAR)
    assert d.decided_at is not None
    entry = LogEntry.objects.get_for_object(d).get()
    assert entry.action == LogEntry.Action.CREATE


def test_recording_the_same_case_again_replaces_the_note_and_who(people, world):
    first = services.set_streamlining_decision(user=people.hr_a, staff=world[5], year=YEAR, case="đ", note="Cũ")
    again = services.set_streamlining_decision(user=people.admin_a, staff=world[5], year=YEAR, case="đ", note="Mới")
    assert again.pk == first.pk and again.note == "Mới" and again.decided_by == people.admin_a
    assert StreamliningDecision.objects.filter(staff=world[5]).count() == 1
    assert LogEntry.objects.get_for_object(again).count() == 2  # created, then changed


@pytest.mark.parametrize("note", ["", "   ", "\u200b\u200b"])
def test_a_decision_without_a_note_is_refused(people, world, note):
    with pytest.raises(ValidationError) as exc:
        services.set_streamlining_decision(user=people.hr_a, staff=world[5], year=YEAR, case="d", note=note)
    assert "note" in exc.value.message_dict
    assert not StreamliningDecision.objects.exists()


@pytest.mark.parametrize("case", ["a", "e", "g", "h", "x", "D"])
def test_only_cases_b_c_d_dd_are_decided(people, world, case):
    with pytest.raises(ValidationError) as exc:
        services.set_streamlining_decision(user=people.hr_a, staff=world[5], year=YEAR, case=case, note="Căn cứ")
    assert f"Trường hợp “{case}” không ghi được theo quyết định; chỉ ghi được: b, c, d, đ." in exc.value.messages
    assert not StreamliningDecision.objects.exists()


def test_a_person_who_no_longer_works_is_refused(people, tree):
    gone = make_staff(tree.A, "Người Đã Nghỉ", status=StaffStatus.RETIRED)
    with pytest.raises(ValidationError) as exc:
        services.set_streamlining_decision(user=people.hr_a, staff=gone, year=YEAR, case="d", note="Căn cứ")
    assert exc.value.messages == ["Người Đã Nghỉ không còn đang làm việc (Nghỉ hưu): không xét tinh giản năm 2026."]
    with pytest.raises(ValidationError):
        services.exclude_from_streamlining(user=people.hr_a, staff=gone, year=YEAR, reason="Lý do")
    assert not StreamliningDecision.objects.exists() and not StreamliningExclusion.objects.exists()


@pytest.mark.parametrize("persona", ["manager_a", "hr_b", "nobody"])
def test_only_an_edit_role_over_the_person_may_decide_or_exclude(people, world, persona):
    user = getattr(people, persona)
    with pytest.raises(PermissionDenied):
        services.set_streamlining_decision(user=user, staff=world[5], year=YEAR, case="d", note="Căn cứ")
    with pytest.raises(PermissionDenied):
        services.exclude_from_streamlining(user=user, staff=world[5], year=YEAR, reason="Lý do")
    d = StreamliningDecision.objects.create(staff=world[5], year=YEAR, case="b", note="Căn cứ")
    with pytest.raises(PermissionDenied):
        services.remove_streamlining_decision(user=user, decision=d)
    assert StreamliningDecision.objects.filter(pk=d.pk).exists()
    assert not StreamliningExclusion.objects.exists()


def test_removing_a_decision_is_audited(people, world):
    d = services.set_streamlining_decision(user=people.hr_a, staff=world[5], year=YEAR, case="c", note="Căn cứ")
    pk = d.pk
    services.remove_streamlining_decision(user=people.hr_a, decision=d)
    assert not StreamliningDecision.objects.filter(pk=pk).exists()
    assert (
        LogEntry.objects.get_for_model(StreamliningDecision)
        .filter(object_pk=str(pk), action=LogEntry.Action.DELETE)
        .exists()
    )


# --------------------------------------------------------------------------- exclusions


def test_an_exclusion_records_the_reason_who_and_when_and_is_undone(people, world):
    ex = services.exclude_from_streamlining(user=people.hr_a, staff=world[3], year=YEAR, reason="Đã điều động")
    assert (ex.reason, ex.excluded_by, ex.year) == ("Đã điều động", people.hr_a, YEAR) and ex.excluded_at
    again = services.exclude_from_streamlining(user=people.admin_a, staff=world[3], year=YEAR, reason="Lý do mới")
    assert again.pk == ex.pk and again.reason == "Lý do mới" and again.excluded_by == people.admin_a
    services.undo_streamlining_exclusion(user=people.hr_a, exclusion=again)
    assert not StreamliningExclusion.objects.exists()
    actions = list(
        LogEntry.objects.get_for_model(StreamliningExclusion)
        .filter(object_pk=str(ex.pk))
        .values_list("action", flat=True)
        .order_by("pk")
    )
    assert actions == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE]


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_an_exclusion_without_a_reason_is_refused(people, world, reason):
    with pytest.raises(ValidationError) as exc:
        services.exclude_from_streamlining(user=people.hr_a, staff=world[3], year=YEAR, reason=reason)
    assert "reason" in exc.value.message_dict
    assert not StreamliningExclusion.objects.exists()


# --------------------------------------------------------------------------- snapshots


def save(people, tree, persona="hr_a", org=None, year=YEAR, note=""):
    return services.save_candidate_snapshot(
        user=getattr(people, persona), org=org or tree.A, year=year, as_of=STREAMLINING_AS_OF, note=note
    )


def test_a_snapshot_freezes_the_list_with_who_the_rule_sets_and_the_base_salary(people, tree, world):
    snap = save(people, tree, note="Trình Sở Nội vụ thẩm định")
    assert (snap.organization, snap.year, snap.number, snap.as_of) == (tree.A, YEAR, 1, STREAMLINING_AS_OF)
    assert (snap.rule_set_code, snap.benefit_rule_set_code, snap.base_salary) == ("ND154-2025", "ND154-2025", 2_530_000)
    assert snap.created_by == people.hr_a and snap.note == "Trình Sở Nội vụ thẩm định"
    rows = {r["employee_code"]: r for r in snap.data["rows"]}
    assert list(rows) == ["CL001", "CL002", "CL003", "CL004"]  # CL005 has no case, CL009 is in B
    assert rows["CL001"]["cases"] == ["g", "h"] and rows["CL001"]["benefit"]["total"] == 285_257_500
    assert snap.totals["candidates"] == 2 and snap.totals["deferred"] == 1
    assert LogEntry.objects.get_for_object(snap).get().action == LogEntry.Action.CREATE


def test_snapshots_are_numbered_per_organisation_and_year(people, tree, world):
    assert [save(people, tree).number for _ in range(3)] == [1, 2, 3]
    assert save(people, tree, year=2025).number == 1
    assert save(people, tree, org=tree.A1).number == 1
    assert save(people, tree, persona="hr_b", org=tree.B).number == 1


def test_a_number_taken_meanwhile_is_retried(people, tree, world, monkeypatch):
    first = save(people, tree)
    taken = iter([first.number])  # the first attempt reads a number another save has just taken
    original = services._next_snapshot_number
    monkeypatch.setattr(services, "_next_snapshot_number", lambda org, year: next(taken, None) or original(org, year))
    assert save(people, tree).number == 2
    assert sorted(CandidateSnapshot.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize("persona", ["manager_a", "hr_b"])
def test_only_an_edit_role_over_the_organisation_saves(people, tree, world, persona):
    with pytest.raises(PermissionDenied):
        save(people, tree, persona=persona)
    assert not CandidateSnapshot.objects.exists()


def test_a_saved_snapshot_cannot_be_changed_or_deleted(people, tree, world):
    snap = save(people, tree)
    snap.note = "Sửa"
    with pytest.raises(ImmutableError):
        snap.save()
    with pytest.raises(ImmutableError):
        snap.delete()
    with pytest.raises(ImmutableError):
        CandidateSnapshot.objects.filter(pk=snap.pk).update(note="Sửa")
    with pytest.raises(ImmutableError):
        CandidateSnapshot.objects.filter(pk=snap.pk).delete()
    snap.refresh_from_db()
    assert snap.note == ""
