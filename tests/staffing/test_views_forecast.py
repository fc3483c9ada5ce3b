"""The retirement forecast pages (/reports/retirement/, .xlsx, /print/): what a manager sees, the
filters, the export and the print, 404 outside the subtree on every URL, a message (never a 500)
for bad parameters, and query counts that do not grow with units or staff.

Persona tree (tests/conftest.py): manager_a and hr_a work in A (Sở Nội vụ ⊃ A1, A2, A3); hr_b in
B (Sở Tài chính); P is their parent; nobody has no role.
"""

import json
import re
from datetime import date
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from portal.models import OrgKind
from staffing.models import RetirementAgeRule, Staff
from tests.builders import make_org, make_staff

pytestmark = pytest.mark.django_db

URLS = ("/reports/retirement/", "/reports/retirement.xlsx", "/reports/retirement/print/")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def examples(tree):
    """Working staff retiring in 2021–2027 (rules.md §6 examples), in A and below, plus one in B."""
    make_staff(tree.A, "Ông Chín", employee_code="EX-0961", date_of_birth=date(1961, 9, 15))
    make_staff(tree.A1, "Ông Mười", employee_code="EX-1061", date_of_birth=date(1961, 10, 15))
    make_staff(tree.A2, "Ông Bảy", employee_code="EX-0762", date_of_birth=date(1962, 7, 1))
    make_staff(tree.A3, "Ông Năm", employee_code="EX-1966", date_of_birth=date(1966, 6, 20), birth_year_only=True)
    make_staff(
        tree.A1,
        "Bà Ba",
        employee_code="EX-HEAVY",
        sex="F",
        category="VC",
        date_of_birth=date(1970, 3, 10),
        heavy_work=True,
    )
    make_staff(tree.B, "Ông Sở Khác", employee_code="EX-B", date_of_birth=date(1961, 10, 15))


def _get(client, url, **params):
    return client.get(url, params)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --------------------------------------------------------------------------- the page


def test_the_page_of_the_home_organisation(login, tree, examples):
    page = _get(login("manager_a"), URLS[0], **{"from": 2021, "to": 2030})
    assert page.status_code == 200
    html = _text(page)
    assert "Dự báo nghỉ hưu" in html and tree.A.name in html
    assert "Quy định ND135-2020 (hiệu lực từ 01/01/2021)" in html
    assert '<span class="rf-big" id="rf-total">5</span>' in html
    assert "trong đó 1 người làm nghề nặng nhọc, độc hại" in html
    # the people, in retirement-date order, with the ages and the heavy-work date
    codes = re.findall(r"<code>(EX-[\w-]+)</code>", html)
    assert codes == ["EX-0961", "EX-1061", "EX-0762", "EX-HEAVY", "EX-1966"]
    assert "60 tuổi 3 tháng" in html and "31/12/2021" in html and "31/07/2022" in html
    assert '<td class="text-nowrap d-none d-sm-table-cell">1966</td>' in html  # a year-only birth
    assert "EX-B" not in html  # Sở Tài chính
    # the per-year table: every year of the range
    years = re.findall(r'<tr class="rf-year" data-year="(\d+)">', html)
    assert years == [str(y) for y in range(2021, 2031)]
    # the per-unit table: A's own staff first, then its children, each a link to its forecast
    units = re.findall(r'<tr class="rf-unit" data-code="([^"]+)">', html)
    assert units == [tree.A.code, tree.A1.code, tree.A2.code, tree.A3.code]
    assert f"?from=2021&amp;to=2030&amp;org={tree.A1.code}" in html
    # the chart: a canvas drawn by charts.js from a json_script configuration
    assert 'data-chart="rf-chart-data"' in html and "js/charts.js" in html and "chart.umd.min.js" in html
    config = json.loads(re.search(r'<script id="rf-chart-data" type="application/json">(.*?)</script>', html).group(1))
    assert config["data"]["labels"][0] == "2021"
    assert {d["stack"] for d in config["data"]["datasets"]} == {"M", "F"}
    # the export and the print keep the filters
    assert 'href="/reports/retirement.xlsx?from=2021&amp;to=2030"' in html
    assert 'href="/reports/retirement/print/?from=2021&amp;to=2030"' in html


def test_default_range_is_this_year_and_nine_more(login, tree):
    html = _text(_get(login("manager_a"), URLS[0]))
    years = re.findall(r'<tr class="rf-year" data-year="(\d+)">', html)
    assert years == [str(y) for y in range(THIS_YEAR, THIS_YEAR + 10)]
    assert "Không có ai đến tuổi nghỉ hưu trong khoảng năm này." in html


def test_filters(login, tree, examples):
    client = login("manager_a")
    html = _text(_get(client, URLS[0], **{"from": 2021, "to": 2030, "sex": "F"}))
    assert re.findall(r"<code>(EX-[\w-]+)</code>", html) == ["EX-HEAVY"]
    html = _text(_get(client, URLS[0], **{"from": 2021, "to": 2030, "category": "CBCC", "unit": tree.A1.code}))
    assert re.findall(r"<code>(EX-[\w-]+)</code>", html) == ["EX-1061"]
    html = _text(_get(client, URLS[0], org=tree.A1.code, **{"from": 2021, "to": 2030}))
    assert re.findall(r"<code>(EX-[\w-]+)</code>", html) == ["EX-1061", "EX-HEAVY"]
    assert '<span class="rf-big" id="rf-total">2</span>' in html


def test_a_national_admin_and_the_parent_organisation(login, tree, examples):
    html = _text(_get(login("national"), URLS[0], org=tree.P.code, **{"from": 2022, "to": 2022}))
    assert re.findall(r"<code>(EX-[\w-]+)</code>", html) == ["EX-1061", "EX-B"]


def test_the_list_is_paginated(login, tree):
    Staff.objects.bulk_create(
        Staff(
            employee_code=f"P{i:03d}",
            full_name=f"Người {i}",
            organization=tree.A2,
            sex="M",
            category="CC",
            date_of_birth=date(1961, 10, 1),
        )
        for i in range(60)
    )
    client = login("manager_a")
    first = _text(_get(client, URLS[0], **{"from": 2022, "to": 2022}))
    assert first.count('<tr class="rf-person">') == 50 and "Trang 1/2" in first
    second = _text(_get(client, URLS[0], **{"from": 2022, "to": 2022, "page": 2}))
    assert second.count('<tr class="rf-person">') == 10
    # The number and code columns are hidden on a phone (d-none d-sm-table-cell).
    numbers = re.findall(r'<td class="num [^"]*">(\d+)</td> <td class="[^"]*"><code>P', second)
    assert numbers[0] == "51"


def test_the_reports_index_has_a_card(login):
    html = _text(login("manager_a").get("/reports/"))
    assert 'id="card-retirement"' in html
    for url in URLS:
        assert f'href="{url}"' in html


# --------------------------------------------------------------------------- export and print


def test_the_xlsx_export(login, tree, examples):
    response = _get(login("manager_a"), URLS[1], **{"from": 2021, "to": 2030, "sex": "M"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="du-bao-nghi-huu-{tree.A.code}-2021-2030.xlsx"'
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == ["Theo năm", "Theo đơn vị", "Danh sách"]
    for ws in wb:
        assert ws["A1"].value == f"{tree.A.name} ({tree.A.code})"
        assert ws["A3"].value.startswith("Quy định tuổi nghỉ hưu áp dụng: ND135-2020")
        assert ws["A4"].value.startswith("Tính đến ngày: ")
        assert ws["A5"].value == "Lọc: Nam"
        assert ws.freeze_panes == "A8"
    people = wb["Danh sách"]
    assert [people.cell(r, 2).value for r in range(8, 12)] == ["EX-0961", "EX-1061", "EX-0762", "EX-1966"]
    by_year = wb["Theo năm"]
    assert [by_year.cell(8, c).value for c in range(1, 5)] == [2021, 1, 1, 0]  # numbers as numbers


def test_the_a4_print(login, tree, examples):
    response = _get(login("manager_a"), URLS[2], **{"from": 2021, "to": 2030})
    assert response.status_code == 200
    html = _text(response)
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert tree.A.name.upper() in html and tree.P.name.upper() in html  # the issuer and its parent
    assert "DỰ BÁO NGHỈ HƯU GIAI ĐOẠN 2021–2030" in html
    assert "Quy định tuổi nghỉ hưu áp dụng: ND135-2020 (hiệu lực từ 01/01/2021)" in html
    assert "Tổng số: 5 người" in html
    assert html.count('<tr class="rf-year"') == 10
    assert "Ông Chín" in html and "nặng nhọc, độc hại: sớm nhất 31/07/2022" in html
    assert 'href="/reports/retirement/?from=2021&amp;to=2030"' in html  # back to the page


def test_a_long_list_is_printed_up_to_a_limit(login, tree, examples, monkeypatch):
    monkeypatch.setattr("staffing.views.forecast.PRINT_PEOPLE_LIMIT", 2)
    html = _text(_get(login("manager_a"), URLS[2], **{"from": 2021, "to": 2030}))
    assert html.count('<td class="col-stt">') == 2
    assert "Danh sách chỉ in 2 người đầu tiên trong tổng số 5; danh sách đầy đủ có trong tệp Excel." in html
    assert "Tổng số: 5 người" in html


# --------------------------------------------------------------------------- scope


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("user", "org"),
    [
        ("manager_a", "B"),  # a sibling
        ("manager_a", "P"),  # the parent
        ("manager_a", "M"),  # another root
        ("hr_b", "A"),
        ("hr_b", "A1"),
        ("nobody", "A"),
        ("nobody", None),  # no organisation at all
    ],
)
def test_outside_the_subtree_is_404(login, tree, examples, url, user, org):
    params = {"org": getattr(tree, org).code} if org else {}
    assert login(user).get(url, params).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_an_unknown_organisation_is_404(login, tree, url):
    assert login("national").get(url, {"org": "KHONG-CO"}).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_anonymous_users_log_in_first(login, url):
    response = login(None).get(url)
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("url", URLS)
def test_a_unit_outside_the_organisation_is_a_message_without_its_name(login, tree, examples, url):
    response = login("manager_a").get(url, {"unit": tree.B.code})
    assert response.status_code == 200
    html = _text(response)
    assert f"Không có đơn vị mã “{tree.B.code}” trong Sở Nội vụ" in html
    assert "Sở Tài chính" not in html and "EX-B" not in html


# --------------------------------------------------------------------------- bad parameters


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "20x6"}, "Từ năm “20x6” không phải là một năm"),
        ({"to": "abcd"}, "Đến năm “abcd” không phải là một năm"),
        ({"from": "2030", "to": "2026"}, "Năm bắt đầu (2030) sau năm kết thúc (2026)"),
        ({"from": "2026", "to": "2099"}, "dự báo tối đa 50 năm"),
        ({"from": "1990", "to": "1995"}, "Năm 1990 nằm ngoài khoảng cho phép: từ 2000 đến 2100."),
        ({"sex": "X"}, "Giới tính “X” không hợp lệ"),
        ({"category": "ZZ"}, "Loại biên chế “ZZ” không hợp lệ; có: CBCC, VC, VCTC, HD."),
        ({"as_of": "31/02/2026"}, "Ngày tính “31/02/2026” không hợp lệ"),
        ({"as_of": "2019-06-30"}, "Không có quy định tuổi nghỉ hưu có hiệu lực ngày 30/06/2019."),
        ({"page": "abc"}, None),  # the first page
        ({"page": "999"}, None),  # the last page
    ],
)
def test_bad_parameters_give_the_page_with_a_message(login, tree, examples, url, params, message):
    response = login("manager_a").get(url, params)
    assert response.status_code == 200
    if message:
        html = _text(response)
        assert message in html
        assert 'id="rf-errors"' in html and 'id="rf-form"' in html
        assert response["Content-Type"].startswith("text/html")


def test_no_rule_set_at_all_names_what_exists(login, tree):
    RetirementAgeRule.objects.all().delete()
    html = _text(login("manager_a").get(URLS[0]))
    assert "Không có quy định tuổi nghỉ hưu có hiệu lực ngày" in html and "hiện có: —" in html


def test_the_filters_keep_what_was_typed(login, tree):
    html = _text(login("manager_a").get(URLS[0], {"from": "2030", "to": "2026", "sex": "F", "category": "VC"}))
    assert 'name="from" min="2000" max="2100" value="2030"' in html
    assert 'name="to" min="2000" max="2100" value="2026"' in html
    assert '<option value="F" selected>' in html and '<option value="VC" selected>' in html


# --------------------------------------------------------------------------- queries


def _grow(tree, units: int, people: int):
    orgs = [make_org(f"000.{i:02d}.08.H17", f"Phòng {i}", OrgKind.PHONG, parent=tree.A) for i in range(units)]
    Staff.objects.bulk_create(
        Staff(
            employee_code=f"Q{i:05d}",
            full_name=f"Người {i}",
            organization=orgs[i % units],
            sex="MF"[i % 2],
            category=["CC", "VC", "HD", "VCTC"][i % 4],
            date_of_birth=date(1962 + i % 10, 1 + i % 12, 1),
            birth_year_only=i % 17 == 0,
            heavy_work=i % 13 == 0,
        )
        for i in range(people)
    )


# The session, the user, the scope (memberships), the organisation, the rule set, the staff, the
# direct children, and the session's save (savepoint, update, release); the page adds the
# organisation and the unit choices.
QUERIES = {URLS[0]: 12, URLS[1]: 10, URLS[2]: 10}


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(("units", "people"), [(3, 10), (30, 300)])
def test_query_count_is_constant(login, tree, url, units, people, django_assert_num_queries):
    _grow(tree, units, people)
    client = login("manager_a")
    with django_assert_num_queries(QUERIES[url]):
        response = client.get(url, {"org": tree.A.code, "from": 2026, "to": 2035})
    assert response.status_code == 200
