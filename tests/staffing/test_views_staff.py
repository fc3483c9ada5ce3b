"""The staff page (masked personal ID, assignments, yearly records, audit history), the edit forms
and their messages, and the yearly records form."""

import datetime
import re
import unicodedata
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from staffing.models import AnnualRecord, Assignment, AssignmentKind, Staff
from tests.builders import make_assignment, make_position, make_rank, make_staffing_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree, by_name):
    """A position in A held by An, a position in B held by Hải, and quotas of A and B."""
    return make_staffing_world(tree, by_name)


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


def test_personal_id_in_the_history_is_masked_for_managers(login, people, by_name):
    an = by_name["An"]
    with set_actor(people.hr_a):
        an.personal_id = "001080012345"
        an.save()
    url = reverse("staffing:staff_detail", args=[an.employee_code])
    manager = login("manager_a").get(url).content.decode()
    assert "001080012345" not in manager
    assert "— → ••••••••2345" in manager
    assert "— → 001080012345" in login("hr_a").get(url).content.decode()


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


# --------------------------------------------------------------------------- training and allowances (issue 9)


def test_staff_page_shows_training_and_salary_sections(login, by_name):
    an = by_name["An"]
    Staff.objects.filter(pk=an.pk).update(
        training_level="THS",
        training_field="Luật",
        salary_coefficient=Decimal("4.65"),
        leadership_allowance=Decimal("0.60"),
        seniority_percent=Decimal("7.50"),
        allowance_percent=Decimal("25.00"),
    )
    page = login("manager_a").get(reverse("staffing:staff_detail", args=[an.employee_code])).content.decode()
    training = page[page.index('id="training"') : page.index('id="employment-h"')]
    assert "Thạc sĩ" in training and "Luật" in training
    salary = page[page.index('id="salary"') :]
    salary = salary[: salary.index("</dl>")]
    assert "hệ số 4,65" in salary and "hệ số 0,60" in salary
    assert "7,50%" in salary and "25%" in salary
    assert 'id="other-allowance">—<' in salary  # not recorded: a dash, never "None"
    assert "None" not in page


def test_staff_page_with_nothing_recorded_shows_dashes(login, by_name):
    page = login("hr_a").get(reverse("staffing:staff_detail", args=[by_name["Bình"].employee_code])).content.decode()
    for element in (
        "training-level",
        "training-field",
        "leadership-allowance",
        "seniority-percent",
        "allowance-percent",
    ):
        assert f'id="{element}">—</dd>' in page
    assert "None" not in page


def test_create_with_training_and_allowances_typed_the_local_way(login, tree):
    response = create(
        login,
        tree,
        training_level="DH",
        training_field="  Quản lý   nhà nước ",
        leadership_allowance="0,6",
        other_allowance="0.20",
        seniority_percent="7,5",
        allowance_percent="25%",
    )
    assert response.status_code == 302
    person = Staff.objects.get(employee_code="NV-0001")
    assert (person.training_level, person.training_field) == ("DH", "Quản lý nhà nước")
    assert (person.leadership_allowance, person.other_allowance) == (Decimal("0.60"), Decimal("0.20"))
    assert (person.seniority_percent, person.allowance_percent) == (Decimal("7.50"), Decimal(25))
    form = login("hr_a").get(reverse("staffing:staff_edit", args=["NV-0001"])).content.decode()
    assert 'value="0,60"' in form and 'value="7,50"' in form


def test_edit_clears_an_allowance_and_the_history_shows_it(login, by_name):
    an = by_name["An"]
    Staff.objects.filter(pk=an.pk).update(allowance_percent=25, training_level="CD")
    data = staff_post(an, allowance_percent="", training_level="DH")
    assert login("hr_a").post(reverse("staffing:staff_edit", args=[an.employee_code]), data).status_code == 302
    an.refresh_from_db()
    assert (an.allowance_percent, an.training_level) == (None, "DH")
    page = login("hr_a").get(reverse("staffing:staff_detail", args=[an.employee_code])).content.decode()
    history = page[page.index('id="history"') :]
    assert "Cao đẳng → Đại học" in history and "25,00 → —" in history


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("leadership_allowance", "10,01", "“10,01” không hợp lệ: hệ số phụ cấp từ 0 đến 10"),
        ("leadership_allowance", "0,605", "“0,605” không hợp lệ: hệ số phụ cấp từ 0 đến 10, tối đa 2 chữ số thập phân"),
        ("other_allowance", "-0,1", "“-0,1” không hợp lệ: hệ số phụ cấp từ 0 đến 10"),
        ("other_allowance", "hai", "Hãy nhập hệ số là một số, ví dụ 0,60."),
        ("other_allowance", "０,６", "chỉ dùng các chữ số 0, 1, 2"),
        ("seniority_percent", "101", "“101” không hợp lệ: tỷ lệ phần trăm từ 0 đến 100"),
        (
            "seniority_percent",
            "0,25",
            "“0,25” là phần trăm viết dưới dạng phân số: hãy ghi số phần trăm, ví dụ 25 cho 25%",
        ),
        ("allowance_percent", "25 %%", "Hãy nhập số phần trăm là một số, ví dụ 25."),
        ("training_level", "CAOHOC", "CAOHOC"),
        ("training_field", "x" * 201, "200"),
    ],
)
def test_training_and_allowance_messages(login, tree, field, value, message):
    response = create(login, tree, **{field: value})
    assert response.status_code == 200
    assert any(message in e for e in errors(response, field)), errors(response, field)
    assert not Staff.objects.filter(employee_code="NV-0001").exists()


def test_training_level_offers_the_six_levels_lowest_first(login):
    page = login("hr_a").get(reverse("staffing:staff_create")).content.decode()
    select = re.search(r'<select name="training_level".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\w*)"', select) == ["", "SC", "TC", "CD", "DH", "THS", "TS"]
    assert "— chưa xác định —" in select
    assert page.index('name="salary_coefficient"') < page.index('name="leadership_allowance"')
