"""The staff list: scope, search folding, filters and their choices, columns, the sort allow-list,
pagination and the query budget."""

import datetime
import re
import unicodedata

import pytest
from django.urls import reverse

from staffing.models import Assignment, AssignmentKind, Staff, StaffCategory
from tests.builders import LONG_AGO, make_assignment, make_position, make_rank, make_staffing_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree, by_name):
    """A position in A held by An, a position in B held by Hải, and quotas of A and B."""
    return make_staffing_world(tree, by_name)


def names(response) -> list[str]:
    return re.findall(r'<tr class="staff-row">.*?<a href="[^"]+">([^<]+)</a>', response.content.decode(), re.S)


def listing(client, **params):
    return names(client.get(reverse("staffing:staff_list"), params))


def test_list_shows_the_working_staff_of_the_users_subtree(login, staff):
    assert sorted(listing(login("hr_a"))) == sorted(
        ["Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung", "Hoàng Văn Em", "Đặng Thị Giang"]
    )
    assert listing(login("hr_b")) == ["Vũ Văn Hải"]
    assert listing(login("nobody")) == []


def test_status_filter_defaults_to_working_and_offers_all(login, staff):
    client = login("hr_a")
    assert listing(client, status="NH") == ["Lê Văn Cường"]
    assert len(listing(client, status="all")) == 6
    assert "Lê Văn Cường" not in listing(client, q="cuong")
    assert listing(client, q="cuong", status="all") == ["Lê Văn Cường"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("nguyen van", ["Nguyễn Văn An"]),
        ("NGUYỄN", ["Nguyễn Văn An"]),
        (unicodedata.normalize("NFD", "Nguyễn Văn"), ["Nguyễn Văn An"]),
        ("nguyen an", ["Nguyễn Văn An"]),  # every word, in any place
        ("dang", ["Đặng Thị Giang"]),
        ("Đặng", ["Đặng Thị Giang"]),
        ("thi", ["Trần Thị Bình", "Phạm Thị Dung", "Đặng Thị Giang"]),
        ("xyz", []),
    ],
)
def test_search_folds_diacritics_and_d(login, staff, query, found):
    assert sorted(listing(login("hr_a"), q=query)) == sorted(found)


def test_search_by_exact_employee_code(login, by_name):
    client = login("hr_a")
    code = by_name["Em"].employee_code
    assert listing(client, q=code) == ["Hoàng Văn Em"]
    assert listing(client, q=code.lower()) == ["Hoàng Văn Em"]
    assert listing(client, q=by_name["Hải"].employee_code) == []  # B's person stays out of scope


def test_organisation_filter_includes_the_subtree(login, tree, staff):
    client = login("hr_a")
    assert len(listing(client, organization=tree.A.pk)) == 5
    assert sorted(listing(client, organization=tree.A1.pk)) == ["Hoàng Văn Em", "Phạm Thị Dung", "Đặng Thị Giang"]
    assert listing(client, organization=tree.A2.pk) == []


def test_organisation_choices_are_the_scope(login, tree, staff):
    response = login("hr_a").get(reverse("staffing:staff_list"), {"organization": tree.B.pk})
    form = response.context["form"]
    offered = {o.pk for o in form.fields["organization"].queryset}
    assert offered == {tree.A.pk, tree.A1.pk, tree.A2.pk, tree.A3.pk}
    assert "organization" in form.errors  # another organisation is not a valid choice...
    assert "Vũ Văn Hải" not in names(response)  # ...and never widens the scope


def test_category_rank_and_position_filters(login, tree, by_name):
    rank = make_rank()
    Staff.objects.filter(pk=by_name["Em"].pk).update(category=StaffCategory.HD)
    Staff.objects.filter(pk=by_name["Dung"].pk).update(rank=rank)
    position = make_position(tree.A1, "TC01", "Tổ chức cán bộ")
    make_assignment(by_name["Giang"], position)
    make_assignment(by_name["An"], position, end=datetime.date(2021, 1, 1))  # ended: not a holder now
    client = login("hr_a")
    assert listing(client, category="HD") == ["Hoàng Văn Em"]
    assert listing(client, rank=rank.pk) == ["Phạm Thị Dung"]
    assert listing(client, position=position.pk) == ["Đặng Thị Giang"]


def test_training_level_filter_and_people_without_one(login, tree, by_name):
    Staff.objects.filter(pk__in=[by_name["An"].pk, by_name["Hải"].pk]).update(training_level="CD")
    Staff.objects.exclude(pk__in=[by_name["An"].pk, by_name["Hải"].pk]).update(training_level="DH")
    Staff.objects.filter(pk=by_name["Em"].pk).update(training_level="", category=StaffCategory.HD)
    client = login("hr_a")
    assert listing(client, training_level="CD") == ["Nguyễn Văn An"]  # not Hải of B
    assert listing(client, training_level="none") == ["Hoàng Văn Em"]
    assert sorted(listing(client, training_level="DH")) == ["Phạm Thị Dung", "Trần Thị Bình", "Đặng Thị Giang"]
    bad = client.get(reverse("staffing:staff_list"), {"training_level": "XX", "category": "HD"})
    assert "training_level" in bad.context["form"].errors  # reported, and the other filters still apply
    assert names(bad) == ["Hoàng Văn Em"]


def test_position_choices_are_the_scopes_positions(login, tree, world):
    form = login("hr_a").get(reverse("staffing:staff_list")).context["form"]
    assert {p.pk for p in form.fields["position"].queryset} == {world["pos_a"].pk}
    response = login("hr_a").get(reverse("staffing:staff_list"), {"position": world["pos_b"].pk})
    assert "Vũ Văn Hải" not in names(response)


def test_columns_dates_and_primary_position(login, tree, by_name, world):
    Staff.objects.filter(pk=by_name["Bình"].pk).update(birth_year_only=True, date_of_birth=datetime.date(1975, 1, 1))
    page = login("hr_a").get(reverse("staffing:staff_list"), {"sort": "full_name"}).content.decode()
    an_row = re.search(r'<tr class="staff-row">(?:(?!</tr>).)*Nguyễn Văn An.*?</tr>', page, re.S).group(0)
    assert "17/05/1980" in an_row and "Văn thư" in an_row and "Sở Nội vụ" in an_row and "Nam" in an_row
    binh_row = re.search(r'<tr class="staff-row">(?:(?!</tr>).)*Trần Thị Bình.*?</tr>', page, re.S).group(0)
    assert ">1975<" in binh_row and "01/01/1975" not in binh_row


def test_a_bad_filter_value_is_reported_and_the_other_filters_still_apply(login, tree, staff):
    response = login("hr_a").get(reverse("staffing:staff_list"), {"organization": tree.A1.pk, "status": "XYZ"})
    assert "status" in response.context["form"].errors
    assert sorted(names(response)) == ["Hoàng Văn Em", "Phạm Thị Dung", "Đặng Thị Giang"]


def test_sort_allow_list(login, by_name):
    Staff.objects.filter(pk=by_name["Dung"].pk).update(date_of_birth=datetime.date(1990, 1, 1))
    Staff.objects.filter(pk=by_name["Em"].pk).update(date_of_birth=datetime.date(1960, 1, 1))
    client = login("hr_a")
    by_code = listing(client)
    assert listing(client, sort="full_name") == sorted(by_code, key=lambda n: n.replace("Đ", "D").lower())
    assert listing(client, sort="-full_name") == listing(client, sort="full_name")[::-1]
    assert listing(client, sort="date_of_birth")[0] == "Hoàng Văn Em"
    assert listing(client, sort="-date_of_birth")[0] == "Phạm Thị Dung"
    for column in ("employee_code", "organization", "category", "status"):
        assert sorted(listing(client, sort=column)) == sorted(by_code)


@pytest.mark.parametrize(
    "injected",
    ["password", "organization__memberships__user__password", "-organization__memberships__user__password", "?", "pk"],
)
def test_sort_outside_the_allow_list_is_ignored(login, staff, injected):
    client = login("hr_a")
    response = client.get(reverse("staffing:staff_list"), {"sort": injected})
    assert response.status_code == 200
    assert names(response) == listing(client)  # the default order, no error, nothing leaked


def test_pagination_keeps_filters(login, tree):
    Staff.objects.bulk_create(
        Staff(
            employee_code=f"P{i:04d}",
            full_name=f"Người Thử {i}",
            search_key=f"nguoi thu {i}",
            date_of_birth=datetime.date(1980, 1, 1),
            sex="M",
            category="CC",
            organization=tree.A2,
        )
        for i in range(60)
    )
    client = login("hr_a")
    first = client.get(reverse("staffing:staff_list"), {"q": "nguoi thu", "sort": "-employee_code"})
    assert len(names(first)) == 50
    assert "q=nguoi+thu" in first.content.decode() and "page=2" in first.content.decode()
    second = client.get(reverse("staffing:staff_list"), {"q": "nguoi thu", "sort": "-employee_code", "page": 2})
    assert len(names(second)) == 10
    assert names(second)[-1] == "Người Thử 0"


def _fill_staff(org, n, prefix):
    people = Staff.objects.bulk_create(
        Staff(
            employee_code=f"{prefix}{i:04d}",
            full_name=f"Người {prefix} {i}",
            search_key=f"nguoi {prefix.lower()} {i}",
            date_of_birth=datetime.date(1980, 1, 1),
            sex="F",
            category="VC",
            organization=org,
        )
        for i in range(n)
    )
    position = make_position(org, f"V{prefix}", "Chuyên viên", headcount=n)
    Assignment.objects.bulk_create(
        Assignment(staff=s, position=position, kind=AssignmentKind.PRIMARY, fte=1, start_date=LONG_AGO) for s in people
    )


def test_list_query_count_is_constant(login, tree, django_assert_num_queries):
    _fill_staff(tree.A1, 10, "S")
    _fill_staff(tree.A2, 200, "L")
    client = login("hr_a")
    client.get(reverse("staffing:staff_list"))  # warm
    # session, user, memberships, organisation choices, the picked organisation, position
    # choices, rank choices, count, page (with the primary position) and the session save
    # (savepoint, update, release): the same for 10 and 200 people.
    with django_assert_num_queries(12):
        small = client.get(reverse("staffing:staff_list"), {"organization": tree.A1.pk})
    with django_assert_num_queries(12):
        large = client.get(reverse("staffing:staff_list"), {"organization": tree.A2.pk, "q": "nguoi"})
    with django_assert_num_queries(12):
        client.get(reverse("staffing:staff_list"), {"organization": tree.A2.pk, "training_level": "none"})
    assert len(names(small)) == 10 + 3
    assert len(names(large)) == 50
    assert large.content.decode().count("Chuyên viên") >= 50
