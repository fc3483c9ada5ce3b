"""Assignments through the staff pages (the FTE rule, a new primary position closing the previous
one, ending an assignment) and the position page's incumbents and vacancy."""

import datetime
import re
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from staffing.models import Assignment, AssignmentKind
from tests.builders import make_assignment, make_position, make_staff, make_staffing_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree, by_name):
    """A position in A held by An, a position in B held by Hải, and quotas of A and B."""
    return make_staffing_world(tree, by_name)


# --------------------------------------------------------------------------- assignments


def assign(client, staff, position, kind="primary", fte="1", start="01/01/2024", end=""):
    url = reverse("staffing:assignment_create", args=[staff.employee_code])
    data = {"position": position.pk, "kind": kind, "fte": fte, "start_date": start, "end_date": end}
    return client.post(url, data)


def test_assignment_through_the_form_and_the_fte_rule_in_vietnamese(login, tree, by_name):
    an, client = by_name["An"], login("hr_a")
    main, other = make_position(tree.A, "GD", "Giám đốc"), make_position(tree.A1, "KT", "Kế toán")
    assert assign(client, an, main).status_code == 302
    response = assign(client, an, other, kind="concurrent", fte="0,5")
    assert response.status_code == 200
    assert "Tổng tỷ lệ thời gian của một người không được vượt quá 1 (đang có 1" in response.content.decode()
    assert Assignment.objects.filter(staff=an).count() == 1


def test_half_and_half_through_the_form(login, tree, by_name):
    an, client = by_name["An"], login("hr_a")
    assert assign(client, an, make_position(tree.A, "GD"), fte="0,5").status_code == 302
    assert assign(client, an, make_position(tree.A, "KT"), kind="concurrent", fte="0,5").status_code == 302
    page = client.get(reverse("staffing:staff_detail", args=[an.employee_code])).content.decode()
    assert "tổng FTE hiện tại: 1<" in page


def test_new_primary_through_the_form_closes_the_previous(login, tree, by_name):
    an, client = by_name["An"], login("hr_a")
    assign(client, an, make_position(tree.A, "VT"), start="01/01/2020")
    assert assign(client, an, make_position(tree.A, "GD"), start="01/03/2025").status_code == 302
    old = Assignment.objects.get(staff=an, position__code="VT")
    assert old.end_date == datetime.date(2025, 2, 28)


def test_a_primary_starting_before_the_open_one_is_explained(login, tree, by_name):
    an, client = by_name["An"], login("hr_a")
    assign(client, an, make_position(tree.A, "VT"), start="01/01/2024")
    response = assign(client, an, make_position(tree.A, "GD"), start="01/01/2023")
    assert "Người này đang giữ vị trí chính từ ngày 01/01/2024" in response.content.decode()


def test_assignment_positions_are_those_of_the_edit_scope(login, tree, by_name):
    other = make_position(tree.B, "KT")
    response = assign(login("hr_a"), by_name["An"], other)
    assert "position" in response.context["form"].errors
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(("fte", "message"), [("0", "lớn hơn 0"), ("1,5", "không quá 1"), ("abc", "phải là số")])
def test_fte_messages(login, tree, by_name, fte, message):
    response = assign(login("hr_a"), by_name["An"], make_position(tree.A, "GD"), fte=fte)
    assert any(message in e for e in response.context["form"].errors["fte"])


def test_end_an_assignment(login, by_name, world):
    an, client = by_name["An"], login("hr_a")
    url = reverse("staffing:assignment_end", args=[an.employee_code, world["asg_a"].pk])
    response = client.post(url, {"end_date": "01/01/2019"})
    assert "Ngày kết thúc không được trước ngày bắt đầu (01/01/2020)." in response.content.decode()
    assert client.post(url, {"end_date": "30/06/2026"}).status_code == 302
    world["asg_a"].refresh_from_db()
    assert world["asg_a"].end_date == datetime.date(2026, 6, 30)
    assert LogEntry.objects.get_for_object(world["asg_a"]).filter(action=LogEntry.Action.UPDATE).exists()


# --------------------------------------------------------------------------- position page


def test_position_page_shows_incumbents_and_vacancy(login, tree, by_name):
    position = make_position(tree.A, "VT", "Văn thư", headcount=3)
    make_assignment(by_name["An"], position)
    make_assignment(
        by_name["Dung"], position, kind=AssignmentKind.CONCURRENT, fte="0.5", start=datetime.date(2024, 2, 1)
    )
    make_assignment(by_name["Bình"], position, end=datetime.date(2021, 1, 1))  # ended
    make_assignment(by_name["Em"], position, start=datetime.date(2099, 1, 1))  # not started
    page = login("manager_a").get(reverse("positions:position_detail", args=[position.pk])).content.decode()
    panel = page[page.index('id="position-staffing"') :]
    assert "Nguyễn Văn An" in panel and "Phạm Thị Dung" in panel and "Kiêm nhiệm" in panel and "01/02/2024" in panel
    assert "Trần Thị Bình" not in panel and "Hoàng Văn Em" not in panel
    assert re.search(r'id="position-assigned">1,5<', panel)
    assert re.search(r'id="position-vacancy">1,5<', panel)


def test_position_page_lists_incumbents_in_vietnamese_order(login, tree, by_name):
    position = make_position(tree.A, "VT", "Văn thư", headcount=3)
    for person in (by_name["Giang"], make_staff(tree.A, "Dương Văn Ba"), by_name["An"]):
        make_assignment(person, position)
    incumbents = login("hr_a").get(reverse("positions:position_detail", args=[position.pk])).content.decode()
    incumbents = incumbents[incumbents.index('id="position-staffing"') :]
    found = [name for name in ("Dương Văn Ba", "Đặng Thị Giang", "Nguyễn Văn An") if name in incumbents]
    assert sorted(found, key=incumbents.index) == ["Dương Văn Ba", "Đặng Thị Giang", "Nguyễn Văn An"]


def test_position_catalogue_shows_fte_assigned(login, tree, by_name):
    position = make_position(tree.A, "VT", "Văn thư", headcount=3)
    make_assignment(by_name["An"], position)
    make_assignment(by_name["Dung"], position, kind=AssignmentKind.CONCURRENT, fte="0.5")
    make_position(tree.A, "KT", "Kế toán")
    rows = {
        p.code: p
        for b in login("hr_a").get(reverse("positions:catalogue", args=[tree.A.code])).context["catalogue"].blocks
        for p in b.rows
    }
    assert rows["VT"].assigned_count == Decimal("1.5")
    assert rows["KT"].assigned_count == 0
