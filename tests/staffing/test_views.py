"""The staff pages: the access matrix for every URL, the list (scope, search folding, filters, the
sort allow-list, query budget), the staff page (masked personal ID, assignments, yearly records,
audit history), the edit forms and their messages, assignments, quotas, the position page's
incumbents and vacancy, and escaping of names everywhere."""

import datetime
import re
import unicodedata
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from staffing.models import AnnualRecord, Assignment, AssignmentKind, Quota, Staff, StaffCategory
from tests.builders import LONG_AGO, make_assignment, make_position, make_quota, make_rank, make_staff

pytestmark = pytest.mark.django_db

ALL = ("anon", "national", "admin_a", "hr_a", "manager_a", "hr_b", "nobody")


def expect(default, anon=302, **by_persona):
    return {p: by_persona.get(p, default) for p in ALL} | {"anon": anon}


VIEW_A = {"national": 200, "admin_a": 200, "hr_a": 200, "manager_a": 200}
EDIT_A = {"national": 200, "admin_a": 200, "hr_a": 200, "manager_a": 403}
VIEW_B = {"national": 200, "hr_b": 200}
EDIT_ANY = {"national": 200, "admin_a": 200, "hr_a": 200, "hr_b": 200, "manager_a": 403, "nobody": 403}


@pytest.fixture
def world(tree, by_name):
    """A position in A held by An, a position in B held by Hải, and quotas of A and B."""
    pos_a = make_position(tree.A, "VT01", "Văn thư", headcount=2)
    pos_b = make_position(tree.B, "KT01", "Kế toán")
    return {
        "pos_a": pos_a,
        "pos_b": pos_b,
        "asg_a": make_assignment(by_name["An"], pos_a),
        "asg_b": make_assignment(by_name["Hải"], pos_b),
        "quota_a": make_quota(tree.A, 50),
        "quota_b": make_quota(tree.B, 30),
    }


def staff_url(name, who, *extra):
    return lambda by_name, w: reverse(
        name, args=[by_name[who].employee_code, *extra(w)] if extra else [by_name[who].employee_code]
    )


def end_url(who, asg):
    return lambda by_name, w: reverse("staffing:assignment_end", args=[by_name[who].employee_code, w[asg].pk])


def plain(name, *args):
    return lambda by_name, w: reverse(name, args=[w[a].pk for a in args])


CASES = [
    ("list", plain("staffing:staff_list"), expect(200)),
    ("detail-A", staff_url("staffing:staff_detail", "An"), expect(404, **VIEW_A)),
    ("detail-A1", staff_url("staffing:staff_detail", "Dung"), expect(404, **VIEW_A)),
    ("detail-B", staff_url("staffing:staff_detail", "Hải"), expect(404, **VIEW_B)),
    ("create", plain("staffing:staff_create"), expect(403, **EDIT_ANY)),
    ("edit-A", staff_url("staffing:staff_edit", "An"), expect(404, **EDIT_A)),
    ("edit-B", staff_url("staffing:staff_edit", "Hải"), expect(404, **VIEW_B)),
    ("records-A", staff_url("staffing:staff_records", "An"), expect(404, **EDIT_A)),
    ("records-B", staff_url("staffing:staff_records", "Hải"), expect(404, **VIEW_B)),
    ("assign-A", staff_url("staffing:assignment_create", "An"), expect(404, **EDIT_A)),
    ("assign-B", staff_url("staffing:assignment_create", "Hải"), expect(404, **VIEW_B)),
    ("end-A", end_url("An", "asg_a"), expect(404, **EDIT_A)),
    ("end-B", end_url("Hải", "asg_b"), expect(404, **VIEW_B)),
    ("end-other-persons-assignment", end_url("An", "asg_b"), expect(404, manager_a=403)),
    ("quotas", plain("staffing:quota_list"), expect(200)),
    ("quota-create", plain("staffing:quota_create"), expect(403, **EDIT_ANY)),
    ("quota-edit-A", plain("staffing:quota_edit", "quota_a"), expect(404, **EDIT_A)),
    ("quota-edit-B", plain("staffing:quota_edit", "quota_b"), expect(404, **VIEW_B)),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize(("case", "build", "expected"), CASES, ids=[c[0] for c in CASES])
def test_access_matrix(login, world, by_name, persona, case, build, expected):
    response = login(None if persona == "anon" else persona).get(build(by_name, world))
    assert response.status_code == expected[persona]
    if persona == "anon":
        assert response["Location"].startswith(reverse("login"))


WRITES = [
    ("create", plain("staffing:staff_create")),
    ("edit-A", staff_url("staffing:staff_edit", "An")),
    ("records-A", staff_url("staffing:staff_records", "An")),
    ("assign-A", staff_url("staffing:assignment_create", "An")),
    ("end-A", end_url("An", "asg_a")),
    ("quota-create", plain("staffing:quota_create")),
    ("quota-edit-A", plain("staffing:quota_edit", "quota_a")),
]


@pytest.mark.parametrize(("case", "build"), WRITES, ids=[w[0] for w in WRITES])
def test_managers_are_read_only_and_writes_change_nothing(login, world, by_name, case, build):
    before = LogEntry.objects.count()
    response = login("manager_a").post(build(by_name, world), {"full_name": "X", "end_date": "01/01/2026"})
    assert response.status_code == 403
    assert LogEntry.objects.count() == before


def test_other_organisations_writes_answer_404(login, world, by_name):
    client = login("hr_a")
    hai = by_name["Hải"]
    assert client.post(reverse("staffing:staff_edit", args=[hai.employee_code]), {"full_name": "X"}).status_code == 404
    assert client.post(reverse("staffing:quota_edit", args=[world["quota_b"].pk]), {"assigned": 1}).status_code == 404
    hai.refresh_from_db()
    assert hai.full_name == "Vũ Văn Hải"


def test_nav_links_to_the_staff_list_and_the_reports(login):
    client = login("hr_a")
    page = client.get(reverse("staffing:staff_list")).content.decode()
    assert f'href="{reverse("staffing:staff_list")}"' in page
    assert f'href="{reverse("reports:index")}"' in page
    assert client.get(reverse("reports:index")).status_code == 200


# --------------------------------------------------------------------------- the list


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
    assert len(names(small)) == 10 + 3
    assert len(names(large)) == 50
    assert large.content.decode().count("Chuyên viên") >= 50


# --------------------------------------------------------------------------- the staff page


def test_staff_page_identity_employment_assignments_and_records(login, tree, by_name, world):
    an = by_name["An"]
    Staff.objects.filter(pk=an.pk).update(personal_id="001080012345", salary_step=3, salary_coefficient=Decimal("3.00"))
    AnnualRecord.objects.create(staff=an, year=2024, rating="HTTNV", sick_days=3)
    AnnualRecord.objects.create(staff=an, year=2025, rating="HTXSNV", sick_days=0)
    concurrent = make_position(tree.A, "KT02", "Kế toán kiêm nhiệm")
    Assignment.objects.filter(pk=world["asg_a"].pk).update(fte=Decimal("0.5"))
    make_assignment(an, concurrent, kind=AssignmentKind.CONCURRENT, fte="0.25")
    page = login("hr_a").get(reverse("staffing:staff_detail", args=[an.employee_code])).content.decode()
    assert "001080012345" in page
    assert "Công chức (CC)" in page and "bậc 3" in page and "3,00" in page
    assert "Văn thư" in page and "Kế toán kiêm nhiệm" in page and "Kiêm nhiệm" in page
    assert "tổng FTE hiện tại: 0,75" in page
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and "Hoàn thành tốt nhiệm vụ" in page
    assert page.index("2025") < page.index("Hoàn thành tốt nhiệm vụ")  # newest year first


def test_personal_id_is_masked_for_managers(login, by_name):
    Staff.objects.filter(pk=by_name["An"].pk).update(personal_id="001080012345")
    url = reverse("staffing:staff_detail", args=[by_name["An"].employee_code])
    manager = login("manager_a").get(url).content.decode()
    assert "001080012345" not in manager and "••••••••2345" in manager
    assert "001080012345" in login("hr_a").get(url).content.decode()
    assert reverse("staffing:staff_edit", args=[by_name["An"].employee_code]) not in manager


def test_history_shows_who_when_and_before_after(login, people, tree, by_name, world):
    an = by_name["An"]
    client = login("hr_a")
    data = staff_post(an, full_name="Nguyễn Văn An Mới", organization=tree.A1.pk, salary_step="4")
    assert client.post(reverse("staffing:staff_edit", args=[an.employee_code]), data).status_code == 302
    with set_actor(people.hr_a):
        record = AnnualRecord.objects.create(staff=an, year=2023, rating="HTNV", sick_days=12)
        record.delete()
    page = client.get(reverse("staffing:staff_detail", args=[an.employee_code])).content.decode()
    history = page[page.index('id="history"') :]
    assert "hr_a" in history
    assert "Nguyễn Văn An → Nguyễn Văn An Mới" in history
    assert "Sở Nội vụ → Phòng Tổ chức, biên chế" in history  # foreign keys by name
    assert "Xoá" in history and "Hoàn thành nhiệm vụ" in history  # a deleted yearly record is kept
    assert "Tạo mới" in history


def test_history_stays_with_its_person(login, people, by_name):
    with set_actor(people.hr_a):
        AnnualRecord.objects.create(staff=by_name["Bình"], year=2022, rating="KHTNV")
    page = login("hr_a").get(reverse("staffing:staff_detail", args=[by_name["An"].employee_code])).content.decode()
    assert "Không hoàn thành nhiệm vụ" not in page


def test_staff_page_query_count_does_not_grow_with_history(login, people, by_name, django_assert_max_num_queries):
    an = by_name["An"]
    client = login("hr_a")
    url = reverse("staffing:staff_detail", args=[an.employee_code])
    with set_actor(people.hr_a):
        for year in range(2000, 2030):
            AnnualRecord.objects.create(staff=an, year=year, rating="HTNV", sick_days=1)
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


# --------------------------------------------------------------------------- the edit forms


def staff_post(staff=None, **changes):
    data = {
        "employee_code": "NV-0001",
        "personal_id": "",
        "full_name": "Trương Thị Mới",
        "date_of_birth": "17/05/1990",
        "sex": "F",
        "category": "CC",
        "organization": "",
        "rank": "",
        "salary_step": "",
        "salary_coefficient": "",
        "recruitment_date": "",
        "insurance_years": "",
        "deferral": "",
        "status": "DLV",
        "exit_date": "",
    }
    if staff is not None:
        data.update(
            employee_code=staff.employee_code,
            full_name=staff.full_name,
            date_of_birth=staff.date_of_birth.strftime("%d/%m/%Y"),
            sex=staff.sex,
            category=staff.category,
            organization=staff.organization_id,
            status=staff.status,
            exit_date=staff.exit_date.strftime("%d/%m/%Y") if staff.exit_date else "",
        )
    data.update(changes)
    return data


def create(login, tree, **changes):
    data = staff_post(**({"organization": tree.A1.pk} | changes))
    return login("hr_a").post(reverse("staffing:staff_create"), data)


def test_create_staff_stores_nfc_and_is_audited_with_the_actor(login, people, tree):
    response = create(
        login, tree, full_name=unicodedata.normalize("NFD", "  Trương   Thị Mới "), personal_id="001 190 012 345"
    )
    assert response.status_code == 302
    person = Staff.objects.get(employee_code="NV-0001")
    assert response["Location"] == reverse("staffing:staff_detail", args=["NV-0001"])
    assert person.full_name == "Trương Thị Mới" == unicodedata.normalize("NFC", person.full_name)
    assert person.personal_id == "001190012345"
    assert person.date_of_birth == datetime.date(1990, 5, 17) and not person.birth_year_only
    entry = LogEntry.objects.get_for_object(person).get()
    assert entry.actor == people.hr_a and entry.action == LogEntry.Action.CREATE


def test_a_year_alone_is_a_birth_year(login, tree):
    assert create(login, tree, date_of_birth="1975").status_code == 302
    person = Staff.objects.get(employee_code="NV-0001")
    assert person.date_of_birth == datetime.date(1975, 1, 1) and person.birth_year_only
    form = login("hr_a").get(reverse("staffing:staff_edit", args=["NV-0001"])).content.decode()
    assert 'value="1975"' in form


def errors(response, field=None):
    form = response.context["form"]
    return form.errors.get(field or "__all__", []) if field else form.errors


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"personal_id": "12345"}, "personal_id", "Số định danh cá nhân gồm đúng 12 chữ số."),
        ({"personal_id": "00119001234X"}, "personal_id", "Số định danh cá nhân gồm đúng 12 chữ số."),
        ({"date_of_birth": "03/25/1990"}, "date_of_birth", "Hãy nhập ngày theo dạng dd/mm/yyyy, ví dụ 25/03/1990."),
        ({"date_of_birth": "31/02/1990"}, "date_of_birth", "Hãy nhập ngày theo dạng dd/mm/yyyy, ví dụ 25/03/1990."),
        ({"status": "NH"}, "exit_date", "Hãy nhập ngày nghỉ khi trạng thái không phải Đang làm việc."),
        (
            {"recruitment_date": "16/05/2005"},
            "recruitment_date",
            "Ngày tuyển dụng không được trước ngày đủ 15 tuổi (17/05/2005).",
        ),
        ({"date_of_birth": "01/01/2099"}, "date_of_birth", "Ngày sinh không được ở tương lai."),
        ({"insurance_years": "-1"}, "insurance_years", "Số năm đóng BHXH không được âm."),
        ({"salary_step": "13"}, "salary_step", "Bậc lương từ 1 đến 12."),
        (
            {"employee_code": "A/B"},
            "employee_code",
            "Mã cán bộ không được chứa dấu “/” hoặc trùng tên một trang (new, quotas).",
        ),
        (
            {"employee_code": "new"},
            "employee_code",
            "Mã cán bộ không được chứa dấu “/” hoặc trùng tên một trang (new, quotas).",
        ),
    ],
)
def test_staff_form_messages(login, tree, changes, field, message):
    response = create(login, tree, **changes)
    assert response.status_code == 200
    assert message in errors(response, field)
    assert message in response.content.decode()
    assert not Staff.objects.filter(employee_code="NV-0001").exists()


def test_recruitment_on_the_15th_birthday_is_accepted(login, tree):
    assert create(login, tree, recruitment_date="17/05/2005").status_code == 302


def test_leaving_staff_with_an_exit_date_is_accepted(login, tree):
    assert create(login, tree, status="NH", exit_date="01/06/2026", date_of_birth="01/01/1960").status_code == 302


def test_personal_id_and_employee_code_are_unique_without_saying_where(login, tree, by_name):
    Staff.objects.filter(pk=by_name["Hải"].pk).update(personal_id="001080099999")
    response = create(login, tree, personal_id="001080099999", employee_code=by_name["Hải"].employee_code)
    assert errors(response, "personal_id") == ["Số định danh cá nhân này đã có trong hệ thống."]
    assert errors(response, "employee_code") == [f"Mã cán bộ “{by_name['Hải'].employee_code}” đã được sử dụng."]
    assert "Sở Tài chính" not in response.content.decode()


def test_salary_coefficient_inside_the_ranks_range(login, tree):
    rank = make_rank(low="2.34", high="4.98")
    response = create(login, tree, rank=rank.pk, salary_coefficient="5,10")
    assert errors(response, "salary_coefficient") == [
        "Hệ số lương của Chuyên viên (thử) phải trong khoảng 2.34 – 4.98."
    ]
    assert create(login, tree, rank=rank.pk, salary_coefficient="3,33").status_code == 302
    assert Staff.objects.get(employee_code="NV-0001").salary_coefficient == Decimal("3.33")


def test_organisation_choices_are_the_users_edit_scope(login, tree):
    response = create(login, tree, organization=tree.B.pk)
    assert "organization" in errors(response)
    offered = {o.pk for o in response.context["form"].fields["organization"].queryset}
    assert offered == {tree.A.pk, tree.A1.pk, tree.A2.pk, tree.A3.pk}


def test_edit_staff_changes_and_redirects(login, tree, by_name):
    an = by_name["An"]
    data = staff_post(an, full_name="Nguyễn Văn Anh", status="CCT", exit_date="30/06/2026")
    response = login("hr_a").post(reverse("staffing:staff_edit", args=[an.employee_code]), data)
    assert response.status_code == 302
    an.refresh_from_db()
    assert (an.full_name, an.status, an.exit_date) == ("Nguyễn Văn Anh", "CCT", datetime.date(2026, 6, 30))


def records_post(staff, rows, existing=()):
    data = {
        "annual_records-TOTAL_FORMS": str(len(existing) + len(rows)),
        "annual_records-INITIAL_FORMS": str(len(existing)),
        "annual_records-MIN_NUM_FORMS": "0",
        "annual_records-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate([*existing, *rows]):
        for key, value in row.items():
            data[f"annual_records-{i}-{key}"] = value
        data[f"annual_records-{i}-staff"] = staff.pk
    return data


def test_yearly_records_are_added_changed_and_deleted(login, by_name):
    an = by_name["An"]
    old = AnnualRecord.objects.create(staff=an, year=2023, rating="HTNV", sick_days=4)
    gone = AnnualRecord.objects.create(staff=an, year=2022, rating="HTNV", sick_days=4)
    url = reverse("staffing:staff_records", args=[an.employee_code])
    existing = [
        {"id": old.pk, "year": "2023", "rating": "HTTNV", "sick_days": "5"},
        {"id": gone.pk, "year": "2022", "rating": "HTNV", "sick_days": "4", "DELETE": "on"},
    ]
    rows = [{"year": "2024", "rating": "HTXSNV", "sick_days": "0"}, {"year": "", "rating": "", "sick_days": ""}]
    response = login("hr_a").post(url, records_post(an, rows, existing))
    assert response.status_code == 302
    assert list(AnnualRecord.objects.filter(staff=an).values_list("year", "rating", "sick_days")) == [
        (2024, "HTXSNV", 0),
        (2023, "HTTNV", 5),
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"year": "2024", "rating": "HTNV", "sick_days": "-1"}, "Số ngày nghỉ ốm không được âm."),
        ({"year": "1999", "rating": "HTNV", "sick_days": "1"}, "Năm phải từ 2000 đến 2100."),
        ({"year": "2024", "rating": "XUATSAC", "sick_days": "1"}, "XUATSAC"),
    ],
)
def test_yearly_record_messages(login, by_name, row, message):
    an = by_name["An"]
    response = login("hr_a").post(reverse("staffing:staff_records", args=[an.employee_code]), records_post(an, [row]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AnnualRecord.objects.filter(staff=an).exists()


def test_rating_offers_exactly_the_four_levels(login, by_name):
    page = login("hr_a").get(reverse("staffing:staff_records", args=[by_name["An"].employee_code])).content.decode()
    select = re.search(r'<select name="annual_records-0-rating".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\w+)"', select) == ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]


def test_the_same_year_twice_is_refused(login, by_name):
    an = by_name["An"]
    rows = [{"year": "2024", "rating": "HTNV", "sick_days": "1"}, {"year": "2024", "rating": "HTTNV", "sick_days": "2"}]
    response = login("hr_a").post(reverse("staffing:staff_records", args=[an.employee_code]), records_post(an, rows))
    assert response.status_code == 200
    assert "2024" in response.content.decode() and not AnnualRecord.objects.filter(staff=an).exists()


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


# --------------------------------------------------------------------------- quotas


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
    client = login("hr_a")
    assert client.post(reverse("staffing:quota_create"), quota_post(tree.A, 50)).status_code == 302
    quota = Quota.objects.get(organization=tree.A)
    assert (quota.assigned, quota.decision_date) == (50, datetime.date(2024, 12, 20))
    assert client.post(reverse("staffing:quota_edit", args=[quota.pk]), quota_post(tree.A, 45)).status_code == 302
    quota.refresh_from_db()
    assert quota.assigned == 45
    assert LogEntry.objects.get_for_object(quota).filter(actor=people.hr_a).count() == 2


def test_quota_duplicate_and_bad_values(login, tree):
    make_quota(tree.A, 50)
    client = login("hr_a")
    response = client.post(reverse("staffing:quota_create"), quota_post(tree.A, 10))
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
    # session, user, memberships, years, count, page, children totals and the session save
    # (savepoint, update, release)
    with django_assert_num_queries(10):
        small = client.get(reverse("staffing:quota_list"))
    for year in range(2011, 2100):
        make_quota(tree.A1, 5, year=year)
        make_quota(tree.A2, 5, year=year)
    with django_assert_num_queries(10):
        large = client.get(reverse("staffing:quota_list"))
    assert len(small.context["rows"]) == 10 and len(large.context["rows"]) == 50


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


# --------------------------------------------------------------------------- escaping


def test_script_in_a_name_is_escaped_on_every_page(login, tree):
    evil = "<script>alert(1)</script>"
    person = make_staff(tree.A, f"{evil} Nguyễn", employee_code="XSS1")
    position = make_position(tree.A, "XSS", f"{evil} vị trí")
    asg = make_assignment(person, position)
    quota = make_quota(tree.A, 5, number=f"{evil}/QĐ")
    client = login("hr_a")
    urls = [
        reverse("staffing:staff_list"),
        reverse("staffing:staff_list") + "?q=" + evil,
        reverse("staffing:staff_detail", args=["XSS1"]),
        reverse("staffing:staff_edit", args=["XSS1"]),
        reverse("staffing:staff_records", args=["XSS1"]),
        reverse("staffing:assignment_create", args=["XSS1"]),
        reverse("staffing:assignment_end", args=["XSS1", asg.pk]),
        reverse("staffing:quota_list"),
        reverse("staffing:quota_edit", args=[quota.pk]),
        reverse("positions:position_detail", args=[position.pk]),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_unknown_person_is_404(login):
    assert login("hr_a").get(reverse("staffing:staff_detail", args=["KHONG-CO"])).status_code == 404


def test_codes_with_a_slash_have_pages(login, tree):
    make_staff(tree.A, "Người Có Gạch", employee_code="CB/2020/001")
    client = login("hr_a")
    url = reverse("staffing:staff_detail", args=["CB/2020/001"])
    assert url == "/staff/CB/2020/001/"
    assert client.get(url).status_code == 200
    assert client.get(reverse("staffing:staff_edit", args=["CB/2020/001"])).status_code == 200
    assert "Người Có Gạch" in client.get(reverse("staffing:staff_list")).content.decode()


def test_a_bad_filter_value_is_reported_and_the_other_filters_still_apply(login, tree, staff):
    response = login("hr_a").get(reverse("staffing:staff_list"), {"organization": tree.A1.pk, "status": "XYZ"})
    assert "status" in response.context["form"].errors
    assert sorted(names(response)) == ["Hoàng Văn Em", "Phạm Thị Dung", "Đặng Thị Giang"]


def test_personal_id_in_the_history_is_masked_for_managers(login, people, by_name):
    an = by_name["An"]
    with set_actor(people.hr_a):
        an.personal_id = "001080012345"
        an.save()
    url = reverse("staffing:staff_detail", args=[an.employee_code])
    manager = login("manager_a").get(url).content.decode()
    assert "001080012345" not in manager
    assert "∅ → ••••••••2345" in manager
    assert "∅ → 001080012345" in login("hr_a").get(url).content.decode()
