"""staffing.services: the FTE rule and primary-position handover of assign_position, the quota
nesting rule of save_quota (docs/rules.md §2), and who may call them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from staffing import services
from staffing.models import Assignment, AssignmentKind, Quota
from tests.builders import LONG_AGO, make_assignment, make_position, make_quota

pytestmark = pytest.mark.django_db

D = datetime.date


def assign(people, staff, position, kind=AssignmentKind.PRIMARY, fte="1", start=LONG_AGO, end=None, user="hr_a"):
    return services.assign_position(
        user=getattr(people, user),
        staff=staff,
        position=position,
        kind=kind,
        fte=Decimal(fte),
        start_date=start,
        end_date=end,
    )


def test_concurrent_half_on_top_of_full_primary_is_rejected_in_vietnamese(tree, people, by_name):
    an = by_name["An"]
    assign(people, an, make_position(tree.A, "GD"))
    with pytest.raises(ValidationError) as exc:
        assign(people, an, make_position(tree.A, "VT"), AssignmentKind.CONCURRENT, "0.5")
    assert "không được vượt quá 1" in exc.value.message_dict["fte"][0]
    assert Assignment.objects.filter(staff=an).count() == 1


def test_half_primary_and_half_concurrent_are_accepted(tree, people, by_name):
    an = by_name["An"]
    assign(people, an, make_position(tree.A, "GD"), fte="0.5")
    assign(people, an, make_position(tree.A, "VT"), AssignmentKind.CONCURRENT, "0.5")
    assert sum(a.fte for a in Assignment.objects.filter(staff=an)) == Decimal(1)


def test_new_primary_closes_the_previous_one_the_day_before(tree, people, by_name):
    an = by_name["An"]
    old = assign(people, an, make_position(tree.A, "VT"), start=D(2020, 1, 1))
    new = assign(people, an, make_position(tree.A, "GD"), start=D(2025, 3, 1))
    old.refresh_from_db()
    assert old.end_date == D(2025, 2, 28)
    assert new.end_date is None
    # The FTE of the closed primary no longer counts from the new start.
    assert Assignment.objects.filter(staff=an, kind=AssignmentKind.PRIMARY, end_date__isnull=True).get() == new


def test_rejected_primary_leaves_the_previous_one_open(tree, people, by_name):
    an = by_name["An"]
    old = assign(people, an, make_position(tree.A, "VT"), fte="0.5", start=D(2020, 1, 1))
    assign(people, an, make_position(tree.A, "KT"), AssignmentKind.CONCURRENT, "0.5", start=D(2020, 1, 1))
    with pytest.raises(ValidationError):
        assign(people, an, make_position(tree.A, "GD"), fte="1", start=D(2025, 3, 1))
    old.refresh_from_db()
    assert old.end_date is None  # the handover was rolled back with the failed assignment


def test_ended_assignments_do_not_count(tree, people, by_name):
    an = by_name["An"]
    make_assignment(an, make_position(tree.A, "VT"), fte="1", start=D(2019, 1, 1), end=D(2020, 12, 31))
    new = assign(people, an, make_position(tree.A, "GD"), AssignmentKind.CONCURRENT, "1", start=D(2021, 1, 1))
    # a full FTE on top of the ended full-time post is accepted: the ended one no longer counts
    assert new.fte == Decimal(1) and new.position.code == "GD"
    assert Assignment.objects.filter(staff=an).count() == 2


def test_positions_and_people_outside_the_editors_scope_are_refused(tree, people, by_name):
    in_a, in_b = make_position(tree.A, "VT"), make_position(tree.B, "KT")
    with pytest.raises(PermissionDenied):
        assign(people, by_name["An"], in_b)
    with pytest.raises(PermissionDenied):
        assign(people, by_name["Hải"], in_a)
    with pytest.raises(PermissionDenied):
        assign(people, by_name["An"], in_a, user="manager_a")
    assert not Assignment.objects.exists()


def _quota(org, assigned, year=2025, category="CBCC"):
    return Quota(
        organization=org,
        year=year,
        category=category,
        assigned=assigned,
        decision_number="12/QĐ",
        decision_date=D(2024, 12, 1),
    )


def test_children_quotas_over_the_parent_are_rejected_naming_organisations_and_numbers(tree, people):
    make_quota(tree.A, 100)
    services.save_quota(user=people.hr_a, quota=_quota(tree.A1, 60))
    with pytest.raises(ValidationError) as exc:
        services.save_quota(user=people.hr_a, quota=_quota(tree.A2, 41))
    message = exc.value.messages[0]
    for part in ("Sở Nội vụ", "Phòng Tổ chức, biên chế: 60", "Văn phòng Sở: 41", "(101", "(100)", "2025"):
        assert part in message
    assert not Quota.objects.filter(organization=tree.A2).exists()


def test_a_parent_cut_below_its_childrens_total_is_rejected(tree, people):
    make_quota(tree.A1, 30)
    make_quota(tree.A2, 30)
    services.save_quota(user=people.national, quota=_quota(tree.A, 60))
    quota = Quota.objects.get(organization=tree.A)
    quota.assigned = 59
    with pytest.raises(ValidationError):
        services.save_quota(user=people.national, quota=quota)
    quota.refresh_from_db()
    assert quota.assigned == 60


def test_quotas_of_other_years_and_categories_do_not_count(tree, people):
    make_quota(tree.A, 10)
    services.save_quota(user=people.hr_a, quota=_quota(tree.A1, 50, year=2024))
    services.save_quota(user=people.hr_a, quota=_quota(tree.A1, 50, category="VC"))
    services.save_quota(user=people.hr_a, quota=_quota(tree.A1, 10))
    # all three saved: only A's CBCC 2025 quota of 10 bounds A1's CBCC 2025 quota (10 ≤ 10)
    assert set(Quota.objects.filter(organization=tree.A1).values_list("year", "category", "assigned")) == {
        (2024, "CBCC", 50),
        (2025, "VC", 50),
        (2025, "CBCC", 10),
    }


def test_a_unit_without_its_own_quota_is_covered_by_the_nearest_ancestor(tree, people):
    make_quota(tree.P, 10)  # A has none: A1 counts against P directly
    with pytest.raises(ValidationError):
        services.save_quota(user=people.hr_a, quota=_quota(tree.A1, 11))


def test_quota_writes_need_an_edit_role_over_the_organisation(tree, people):
    with pytest.raises(PermissionDenied):
        services.save_quota(user=people.manager_a, quota=_quota(tree.A, 5))
    with pytest.raises(PermissionDenied):
        services.save_quota(user=people.hr_a, quota=_quota(tree.B, 5))
