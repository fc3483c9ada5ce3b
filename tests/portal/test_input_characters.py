"""Input that looks like other input (hardening issue items 6 and 7): codes, numbers and dates in
digits other than 0–9 are refused, invisible format characters (bidi controls, zero-width
spaces) are dropped, in the staff form, the admin, the import and the staff search."""

import re

import pytest
from django.urls import reverse

from imports.values import Code, Date, Integer, Number, Text, clean_cell, clean_row
from portal.models import Organization
from portal.text import ascii_digits, has_invisible, has_other_digit, nfc, nfc_multiline
from positions.models import Competency
from staffing import rules
from staffing.models import Staff
from tests.builders import import_staff, sheet_errors, staff_by_code, staff_row

pytestmark = pytest.mark.django_db

FULLWIDTH_ID = "０２４１７８７０６５７３"
ARABIC_ID = "٠٢٤١٧٨٧٠٦٥٧٣"
ASCII_ID = "024178706573"
OTHER_DIGITS = "chữ số không phải 0–9"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
SPOOFED = "Nguy\u202eễn\u202c Văn\u2066 A\u2069n\u200b\ufeff"


# --------------------------------------------------------------------------- the helpers


def test_other_digits_are_told_apart_and_folded():
    assert has_other_digit(FULLWIDTH_ID) and has_other_digit(ARABIC_ID) and has_other_digit("CB٠1")
    assert not has_other_digit(ASCII_ID) and not has_other_digit("Nguyễn Văn An ²")
    assert ascii_digits(FULLWIDTH_ID) == ascii_digits(ARABIC_ID) == ASCII_ID


@pytest.mark.parametrize("value", [FULLWIDTH_ID, ARABIC_ID, "02417870657３"])
def test_the_rules_take_ascii_digits_only(value):
    assert not rules.PERSONAL_ID_RE.match(value)
    assert not rules.EMPLOYEE_CODE_RE.match("CB" + value[-6:])
    assert rules.PERSONAL_ID_RE.match(ASCII_ID) and rules.EMPLOYEE_CODE_RE.match("CB-024178 Đ")


def test_every_format_character_is_dropped():
    assert nfc(SPOOFED) == "Nguyễn Văn An"
    assert nfc("A" + BIDI + "B") == "AB"
    assert not has_invisible(nfc(SPOOFED)) and has_invisible(SPOOFED)
    assert nfc_multiline("Dòng 1\u202e\n\tDòng  2\u200b") == "Dòng 1\n\tDòng  2"


# --------------------------------------------------------------------------- the import's parsers


@pytest.mark.parametrize("value", [FULLWIDTH_ID, ARABIC_ID])
def test_import_parsers_refuse_other_digits(value):
    for parser, text in [
        (Code(rules.PERSONAL_ID_PATTERN, "12 chữ số"), value),
        (Code(rules.EMPLOYEE_CODE_PATTERN, "mã"), "CB" + value[:4]),
        (Integer(), value[:3]),
        (Number(), value[:2] + "," + value[2]),
        (Date(), f"{value[:2]}/{value[2:4]}/{value[4:8]}"),
        (Date(year_only=True), value[4:8]),
    ]:
        with pytest.raises(ValueError, match=OTHER_DIGITS):
            parser(text)


def test_import_cells_lose_format_characters():
    assert clean_cell(SPOOFED) == "Nguyễn Văn An"
    assert clean_row(["CB1", SPOOFED, 3]) == ["CB1", "Nguyễn Văn An", 3]
    assert Text(max_length=50)(clean_cell("\u2067Sở\u2069 Nội vụ")) == "Sở Nội vụ"


@pytest.mark.parametrize("value", [FULLWIDTH_ID, ARABIC_ID])
def test_staff_import_refuses_other_digits_and_keeps_the_id_unique(tree, value):
    assert not import_staff(staff_row("CB900", personal_id=ASCII_ID), extra=("personal_id",)).error_count
    result = import_staff(
        staff_row("CB901", personal_id=value),
        staff_row("CB９０２"),
        staff_row("CB903", date_of_birth=f"{value[:2]}/{value[2:4]}/1985"),
        extra=("personal_id",),
    )
    assert [(row, col) for row, col, _m in sheet_errors(result)] == [
        (2, "personal_id"),
        (3, "employee_code"),
        (4, "date_of_birth"),
    ]
    assert all(OTHER_DIGITS in message for _r, _c, message in sheet_errors(result))
    assert not Staff.objects.filter(employee_code__in=["CB901", "CB９０２", "CB903"]).exists()


def test_staff_import_stores_names_without_format_characters(tree):
    assert not import_staff(staff_row("CB910", full_name=SPOOFED)).error_count
    person = staff_by_code("CB910")
    assert person.full_name == "Nguyễn Văn An" and person.search_key == "nguyen van an"


# --------------------------------------------------------------------------- the staff form


def staff_post(tree, **changes):
    return {
        "employee_code": "NV-0001",
        "personal_id": "",
        "full_name": "Trương Thị Mới",
        "date_of_birth": "17/05/1990",
        "sex": "F",
        "category": "CC",
        "organization": tree.A1.pk,
        "status": "DLV",
    } | changes


def form_errors(response):
    assert response.status_code == 200, "the form was accepted"
    return response.context["form"].errors


@pytest.mark.parametrize("value", [FULLWIDTH_ID, ARABIC_ID])
def test_staff_form_refuses_other_digits(login, tree, value):
    client = login("hr_a")
    url = reverse("staffing:staff_create")
    errors = form_errors(client.post(url, staff_post(tree, personal_id=value)))
    assert OTHER_DIGITS in errors["personal_id"][0] and value in errors["personal_id"][0]
    errors = form_errors(client.post(url, staff_post(tree, employee_code="NV-" + value[:4])))
    assert OTHER_DIGITS in errors["employee_code"][0]
    errors = form_errors(client.post(url, staff_post(tree, date_of_birth=f"{value[:2]}/{value[2:4]}/1990")))
    assert "date_of_birth" in errors
    errors = form_errors(client.post(url, staff_post(tree, date_of_birth=value[4:8])))
    assert "date_of_birth" in errors
    assert not Staff.objects.filter(full_name="Trương Thị Mới").exists()


def test_staff_form_stores_names_without_format_characters(login, tree):
    response = login("hr_a").post(reverse("staffing:staff_create"), staff_post(tree, full_name=SPOOFED))
    assert response.status_code == 302
    assert Staff.objects.get(employee_code="NV-0001").full_name == "Nguyễn Văn An"


def test_staff_search_by_code_folds_other_digits(login, staff):
    person = next(s for s in staff if s.full_name.endswith(" An"))
    Staff.objects.filter(pk=person.pk).update(employee_code="CB0417")
    client = login("hr_a")
    for q in ["CB０４１７", "CB٠٤١٧", "CB0417"]:
        response = client.get(reverse("staffing:staff_list"), {"q": q})
        assert response.status_code == 200
        assert [s.pk for s in response.context["page"]] == [person.pk], q


# --------------------------------------------------------------------------- the admin


def admin_staff_post(client, tree, **changes):
    page = client.get(reverse("admin:staffing_staff_add")).content.decode()
    management = dict(re.findall(r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"', page))
    data = management | {
        "employee_code": "AD-0001",
        "personal_id": "",
        "full_name": "Lê Văn Quản",
        "date_of_birth": "17/05/1990",
        "sex": "M",
        "category": "CC",
        "organization": tree.A1.pk,
        "status": "DLV",
        "recruitment_date": "",
        "exit_date": "",
    }
    return client.post(reverse("admin:staffing_staff_add"), data | changes)


@pytest.mark.parametrize("value", [FULLWIDTH_ID, ARABIC_ID])
def test_admin_refuses_personal_ids_in_other_digits(login, tree, value):
    client = login("admin_a")
    response = admin_staff_post(client, tree, personal_id=value)
    assert response.status_code == 200
    assert "personal_id" in response.context["adminform"].form.errors
    assert not Staff.objects.filter(employee_code="AD-0001").exists()
    assert admin_staff_post(client, tree, personal_id=ASCII_ID).status_code == 302


def test_admin_stores_names_without_format_characters(login, tree):
    client = login("admin_a")
    assert admin_staff_post(client, tree, full_name=SPOOFED).status_code == 302
    assert Staff.objects.get(employee_code="AD-0001").full_name == "Nguyễn Văn An"


def test_model_fields_drop_format_characters_on_every_write_path(tree):
    Organization.objects.filter(pk=tree.A1.pk).update(name="Phòng\u202e Tổ chức")  # update() → get_prep_value
    assert Organization.objects.get(pk=tree.A1.pk).name == "Phòng Tổ chức"
    competency = Competency.objects.create(
        code="NLX", kind="CHUNG", name="\u2066Giao tiếp\u2069", definition="Dòng 1\u202e\nDòng 2"
    )
    competency.refresh_from_db()
    assert (competency.name, competency.definition) == ("Giao tiếp", "Dòng 1\nDòng 2")


@pytest.mark.parametrize("value", ["１２", "١٢", "1٢"])
def test_staff_form_numbers_take_ascii_digits_only(login, tree, value):
    client = login("hr_a")
    for field, text in [("salary_step", value[-1:]), ("insurance_years", value + ",5")]:
        errors = form_errors(client.post(reverse("staffing:staff_create"), staff_post(tree, **{field: text})))
        assert OTHER_DIGITS in errors[field][0], field
    assert not Staff.objects.filter(employee_code="NV-0001").exists()
    response = client.post(reverse("staffing:staff_create"), staff_post(tree, salary_step="2", insurance_years="12,5"))
    assert response.status_code == 302


@pytest.mark.parametrize("code", ["AD-００１", "AD-٠٠١", "AD/001"])
def test_admin_refuses_employee_codes_in_other_digits_or_with_a_slash(login, tree, code):
    client = login("admin_a")
    response = admin_staff_post(client, tree, employee_code=code)
    assert response.status_code == 200
    assert "employee_code" in response.context["adminform"].form.errors
    assert not Staff.objects.filter(employee_code=code).exists()
    assert admin_staff_post(client, tree, employee_code="AD-001").status_code == 302


@pytest.mark.parametrize("code", ["０１", "٠١", "٠١٢٣٤"])
def test_admin_unit_codes_take_ascii_digits_only(tree, code):
    from django.core.exceptions import ValidationError

    tree.A.admin_unit_code = code
    with pytest.raises(ValidationError) as raised:
        tree.A.full_clean()
    assert "admin_unit_code" in raised.value.error_dict
    tree.A.admin_unit_code = "22"
    tree.A.full_clean()
