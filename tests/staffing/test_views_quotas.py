"""The quota pages: the list with decisions and children's totals, filters, the nesting rule on
the form, create and edit, messages and the query budget."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from staffing.models import Quota
from tests.builders import make_quota

pytestmark = pytest.mark.django_db


def quota_post(org, assigned, year="2025", category="CBCC"):
    return {
        "organization": org.pk,
        "year": year,
        "category": category,
        "assigned": str(assigned),
        "decision_number": "15/QĐ-UBND",
        "decision_date": "20/12/2024",
        "issuer": "UBND thành phố",
    }


def test_quota_list_shows_the_scope_with_decisions_and_children_totals(login, tree):
    make_quota(tree.A, 50, number="99/QĐ-UBND")
    make_quota(tree.A1, 20)
    make_quota(tree.A2, 10)
    make_quota(tree.B, 30)
    page = login("hr_a").get(reverse("staffing:quota_list")).content.decode()
    assert "Sở Nội vụ" in page and "Phòng Tổ chức, biên chế" in page and "99/QĐ-UBND" in page and "20/12/2024" in page
    assert "Sở Tài chính" not in page
    row = re.search(r'<tr class="quota-row">(?:(?!</tr>).)*99/QĐ-UBND.*?</tr>', page, re.S).group(0)
    assert re.search(r'quota-children">30 ', row) and "giữ lại 20" in row


def test_quota_filters(login, tree):
    make_quota(tree.A, 50)
    make_quota(tree.A, 40, year=2024)
    make_quota(tree.A, 5, category="HD")
    client = login("hr_a")
    assert len(client.get(reverse("staffing:quota_list"), {"year": 2024}).context["rows"]) == 1
    assert len(client.get(reverse("staffing:quota_list"), {"category": "HD"}).context["rows"]) == 1
    assert len(client.get(reverse("staffing:quota_list")).context["rows"]) == 3


def test_quota_nesting_error_on_the_form(login, tree):
    make_quota(tree.A, 50)
    make_quota(tree.A1, 30)
    response = login("hr_a").post(reverse("staffing:quota_create"), quota_post(tree.A2, 21))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tổng biên chế các đơn vị trực thuộc (51" in text and "vượt quá biên chế của Sở Nội vụ" in text
    assert "Văn phòng Sở: 21" in text and "(50)" in text
    assert not Quota.objects.filter(organization=tree.A2).exists()


def test_quota_create_and_edit(login, people, tree):
    client = login("hr_a")  # hr_a distributes Sở Nội vụ's quota to its divisions (docs/rules.md §2)
    assert client.post(reverse("staffing:quota_create"), quota_post(tree.A1, 50)).status_code == 302
    quota = Quota.objects.get(organization=tree.A1)
    assert (quota.assigned, quota.decision_date) == (50, datetime.date(2024, 12, 20))
    assert client.post(reverse("staffing:quota_edit", args=[quota.pk]), quota_post(tree.A1, 45)).status_code == 302
    quota.refresh_from_db()
    assert quota.assigned == 45
    assert LogEntry.objects.get_for_object(quota).filter(actor=people.hr_a).count() == 2


def test_quota_duplicate_and_bad_values(login, tree):
    make_quota(tree.A1, 50)
    client = login("hr_a")
    response = client.post(reverse("staffing:quota_create"), quota_post(tree.A1, 10))
    assert "Đơn vị này đã có biên chế được giao cho năm và loại này." in response.content.decode()
    response = client.post(reverse("staffing:quota_create"), quota_post(tree.A1, -1))
    assert "Số được giao không được âm." in response.content.decode()
    response = client.post(reverse("staffing:quota_create"), quota_post(tree.B, 1))
    assert "organization" in response.context["form"].errors


def test_quota_list_query_count_is_constant(login, tree, django_assert_num_queries):
    for year in range(2001, 2011):
        make_quota(tree.A1, 5, year=year)
    client = login("hr_a")
    client.get(reverse("staffing:quota_list"))
    # session, user, memberships, years, the organisation filter's choices, count, page, children
    # totals and the session save (savepoint, update, release)
    with django_assert_num_queries(11):
        small = client.get(reverse("staffing:quota_list"))
    for year in range(2011, 2100):
        make_quota(tree.A1, 5, year=year)
        make_quota(tree.A2, 5, year=year)
    with django_assert_num_queries(11):
        large = client.get(reverse("staffing:quota_list"))
    assert len(small.context["rows"]) == 10 and len(large.context["rows"]) == 50
