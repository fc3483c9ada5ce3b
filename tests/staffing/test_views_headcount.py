"""The headcount report pages (/reports/quotas/, /reports/exits/, /reports/groups/), their XLSX
exports and A4 prints: 200 in scope, 404 outside it (hr_b, a manager asking for another subtree,
nobody), the workbooks (numbers as numbers, the as-of line, a frozen header), bad parameters as a
message, and the same number of queries whatever the data."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from staffing.exporting import XLSX_TYPE
from staffing.models import StaffStatus
from tests.builders import make_quota, make_staff

pytestmark = pytest.mark.django_db

PAGES = ["quotas", "exits", "groups"]
URLS = [f"/reports/{name}{suffix}" for name in PAGES for suffix in ("/", ".xlsx", "/print/")]


def is_xlsx(url: str) -> bool:
    return url.endswith(".xlsx")


@pytest.fixture
def data(tree):
    make_quota(tree.A, 10)
    make_quota(tree.A1, 4)
    make_quota(tree.A3, 1)
    make_staff(tree.A3, "Ngô Văn Khoa")
    make_staff(tree.A3, "Lý Thị Lan")
    make_staff(tree.A1, "Đỗ Thị Mai", status=StaffStatus.RESIGNED, exit_date=dt.date(2024, 3, 1))


@pytest.mark.parametrize("url", URLS)
def test_every_report_opens_in_scope(login, tree, data, url):
    client = login("manager_a")
    for query in ("", f"?org={tree.A.code}", f"?org={tree.A1.code}&as_of=30/06/2025&year=2025&from=2022&to=2025"):
        response = client.get(url + query)
        assert response.status_code == 200, query
        if is_xlsx(url):
            assert response["Content-Type"] == XLSX_TYPE
            assert response["Content-Disposition"].startswith("attachment; filename=")
            assert tree.A.code in response["Content-Disposition"] or tree.A1.code in response["Content-Disposition"]
        else:
            assert "Sở Nội vụ" in response.content.decode() or query


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(("persona", "org"), [("hr_b", "A"), ("manager_a", "B"), ("manager_a", "P"), ("hr_a", "M")])
def test_outside_the_subtree_every_report_is_404(login, tree, url, persona, org):
    response = login(persona).get(f"{url}?org={getattr(tree, org).code}")
    assert response.status_code == 404
    assert getattr(tree, org).name not in response.content.decode()


@pytest.mark.parametrize("url", URLS)
def test_an_unknown_organisation_or_a_user_without_a_role_is_404(login, url):
    assert login("manager_a").get(f"{url}?org=000.99.99.H17").status_code == 404
    assert login("nobody").get(url).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_a_national_admin_reaches_every_subtree(login, tree, url):
    assert login("national").get(f"{url}?org={tree.B.code}").status_code == 200


def test_hr_b_sees_its_own_department_by_default(login, tree):
    page = login("hr_b").get("/reports/quotas/").content.decode()
    assert "Sở Tài chính" in page and "Sở Nội vụ" not in page


def workbook_of(response):
    return load_workbook(BytesIO(response.content))


def test_the_quota_workbook(login, tree, data):
    wb = workbook_of(login("manager_a").get(f"/reports/quotas.xlsx?org={tree.A.code}&as_of=30/06/2025"))
    assert wb.sheetnames == ["Biên chế và thực có"]
    ws = wb.active
    lines = [ws.cell(i, 1).value for i in range(1, 7)]
    assert lines[0] == "BIÊN CHẾ ĐƯỢC GIAO SO VỚI THỰC CÓ"
    assert "Năm biên chế: 2025" in lines and "Tính đến ngày: 30/06/2025" in lines
    assert lines[5].startswith("Nghỉ hưu trong 12 tháng tới: theo ND135-2020")
    header = 8
    assert ws.cell(header, 3).value == "Đơn vị" and ws.cell(header, 5).value == "Biên chế được giao"
    assert ws.freeze_panes == f"A{header + 1}"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=header + 1)]
    assert [r[1] for r in rows] == [tree.A.code, tree.A1.code, tree.A3.code]
    a, _a1, a3 = rows
    assert (a[4], a[8], a[9]) == (10, 7, 3) and all(isinstance(v, int) for v in (a[4], a[8], a[9], a[10]))
    assert (a3[4], a3[8], a3[9]) == (1, 2, -1)
    assert ws.column_dimensions["C"].width == 44


def test_the_exit_and_group_workbooks(login, tree, data):
    client = login("manager_a")
    wb = workbook_of(client.get(f"/reports/exits.xlsx?org={tree.A.code}&as_of=30/06/2025"))
    assert wb.sheetnames == ["Theo năm", "Theo đơn vị"]
    by_year = wb["Theo năm"]
    values = [[c.value for c in row] for row in by_year.iter_rows()]
    assert [v for v in values[4] if v] == ["Tính đến ngày: 30/06/2025"]
    assert any(row[0] == "Giai đoạn: 2022–2026 (theo KL40-2022, 40-KL/TW)" for row in values)
    header = next(i for i, row in enumerate(values) if row[0] == "Năm")
    assert values[header + 3] == [2024, 0, 1, 0, 0, 0, 1]  # Đỗ Thị Mai resigned in 2024
    assert values[-1] == ["Cộng", 1, 1, 0, 0, 0, 2]  # and Cường retired in 2025
    groups = workbook_of(client.get(f"/reports/groups.xlsx?org={tree.A.code}&as_of=30/06/2025")).active
    values = [[c.value for c in row] for row in groups.iter_rows()]
    assert "Tính đến ngày: 30/06/2025" in [row[0] for row in values]
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    assert values[header][-1] == "Chưa bố trí vị trí"
    first = values[header + 1]
    assert first[:6] == [1, tree.A.code, "Sở Nội vụ", "Cán bộ, công chức", 10, 7] and first[-1] == 7


def test_no_quota_says_chua_giao_bien_che(login, tree):
    client = login("national")
    page = client.get(f"/reports/quotas/?org={tree.P.code}").content.decode()
    assert "chưa giao biên chế" in page and 'id="hc-no-quota"' in page
    assert "hc-quota-canvas" not in page  # no bars without a quota
    groups = client.get(f"/reports/groups/?org={tree.P.code}").content.decode()
    assert "chưa giao biên chế" in groups
    wb = workbook_of(client.get(f"/reports/quotas.xlsx?org={tree.P.code}")).active
    assert "chưa giao biên chế" in [c.value for c in wb["E"]]


def test_the_quota_page_draws_its_chart_from_json(login, tree, data):
    page = login("manager_a").get(f"/reports/quotas/?org={tree.A.code}&as_of=30/06/2025").content.decode()
    assert '<canvas data-chart="hc-quota-chart"' in page
    assert '<script id="hc-quota-chart" type="application/json">' in page
    assert "chart.umd.min.js" in page and "js/charts.js" in page
    assert "vượt 1" in page and "còn trống 3" in page
    assert f"?org={tree.A1.code}" in page  # a unit's name opens the report for that unit
    assert "Lên đơn vị cấp trên" not in page  # Đà Nẵng is outside manager_a's scope


def test_a_unit_below_offers_the_way_up(login, tree, data):
    page = login("manager_a").get(f"/reports/exits/?org={tree.A1.code}").content.decode()
    assert 'id="hc-up"' in page and f"?org={tree.A.code}" in page


@pytest.mark.parametrize("name", PAGES)
def test_the_prints_have_the_administrative_header(login, tree, data, name):
    page = login("manager_a").get(f"/reports/{name}/print/?org={tree.A.code}").content.decode()
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
    assert "SỞ NỘI VỤ" in page and "THÀNH PHỐ ĐÀ NẴNG" in page
    assert "css/reports.css" in page and 'class="doc-table hc-print-table' in page


BAD = [
    ("as_of=31/02/2025", "Ngày báo cáo “31/02/2025” không hợp lệ"),
    ("as_of=hôm+qua", "Ngày báo cáo “hôm qua” không hợp lệ"),
    ("as_of=01/01/1900", "trong các năm 2000–2100"),
    ("year=20x5", "Năm biên chế “20x5” không hợp lệ: hãy nhập một năm từ 2000 đến 2100."),
    ("year=1999", "Năm biên chế “1999” không hợp lệ"),
    ("from=abc", "Năm bắt đầu “abc” không hợp lệ"),
    ("to=99999", "Năm kết thúc “99999” không hợp lệ"),
    ("from=2026&to=2022", "Năm bắt đầu 2026 sau năm kết thúc 2022"),
    ("from=2000&to=2100", "Giai đoạn 2000–2100 dài quá 30 năm"),
    ("category=CB", "Loại biên chế “CB” không có; chọn một trong: CBCC, VC, VCTC, HD"),
]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(("query", "message"), BAD)
def test_a_bad_parameter_is_a_message_not_a_500(login, tree, data, name, query, message):
    client = login("manager_a")
    page = client.get(f"/reports/{name}/?{query}")
    assert page.status_code == 200
    assert message in page.content.decode()
    for suffix in (".xlsx", "/print/"):
        answer = client.get(f"/reports/{name}{suffix}?{query}")
        assert answer.status_code == 302 and answer["Location"].startswith(f"/reports/{name}/?")
        assert message in client.get(answer["Location"]).content.decode()


def test_a_year_without_quotas_is_said(login, tree, data):
    page = login("manager_a").get("/reports/quotas/?year=2030").content.decode()
    assert "Năm 2030 chưa có biên chế được giao trong Sở Nội vụ; các năm có: 2025." in page


@pytest.mark.parametrize("url", URLS)
def test_view_queries_do_not_grow_with_the_data(login, tree, url, django_assert_max_num_queries):
    client = login("manager_a")
    client.get(url)  # warm the session
    with django_assert_max_num_queries(16) as before:
        client.get(url)
    make_quota(tree.A, 10)
    for org in (tree.A1, tree.A2, tree.A3):
        make_quota(org, 2)
        for i in range(5):
            make_staff(org, f"Người {i}")
            make_staff(org, f"Nghỉ {i}", status=StaffStatus.RESIGNED, exit_date=dt.date(2024, 1, 1))
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)
