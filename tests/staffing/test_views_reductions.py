"""The headcount-reduction dashboard (/reports/reductions/, its children rows, .xlsx and /print/)
and the manager's home page: what a manager sees, the rule-set picker, the drill-down fragment, the
export and the print, 404 outside the subtree on every URL, a message (never a 500) for bad
parameters, 'chưa giao biên chế' for a unit without quota, and query counts constant in units and
staff.

Persona tree (tests/conftest.py): manager_a, hr_a, admin_a in A (Sở Nội vụ ⊃ A1, A2, A3); hr_b
in B (Sở Tài chính); P is their parent; national has the role only; nobody has no role."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from portal.models import OrgKind, Role
from staffing.models import StaffCategory
from staffing.views import reductions
from tests.builders import make_org, make_quota, make_staff, make_user

pytestmark = pytest.mark.django_db

PAGE = "/reports/reductions/"
CHILDREN = "/reports/reductions/children/"
EXPORT = "/reports/reductions.xlsx"
PRINT = "/reports/reductions/print/"
URLS = (PAGE, CHILDREN, EXPORT, PRINT)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KL40 = {"rule_set": "KL40-2022", "as_of": "30/06/2026"}


def quotas(org, by_year, category="CBCC"):
    for year, assigned in by_year.items():
        make_quota(org, assigned, year=year, category=category)


@pytest.fixture
def data(tree):
    """The contract's example in A (CBCC 120 → 116: 4 of 6, behind), a VC quota in A1 (10 → 9,
    target 1, done), nothing in A2 and A3; B has its own."""
    quotas(tree.A, {2021: 120, 2022: 119, 2024: 117, 2026: 116})
    quotas(tree.A1, {2021: 10, 2026: 9}, category="VC")
    quotas(tree.B, {2021: 50, 2026: 40})
    return tree


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(reductions.timezone, "localdate", lambda *a: dt.date(2026, 6, 30))


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --------------------------------------------------------------------------- the page


def test_the_dashboard_of_the_managers_organisation(login, data, today):
    page = login("manager_a").get(PAGE)
    assert page.status_code == 200
    html = text(page)
    assert "Tinh giản biên chế" in html and "Sở Nội vụ" in html
    # The rule set in force on the as-of date, with its legal basis, and the date.
    assert "Tính theo bộ quy tắc <strong>KL40-2022</strong> (40-KL/TW; giai đoạn 2022–2026, năm gốc 2021)" in html
    assert "số liệu đến ngày <strong>30/06/2026</strong>" in html
    report = page.context["report"]
    assert report.rule_set.code == "KL40-2022" and report.organization.code == data.A.code
    # The picker: every rule set, its basis, binding or guidance; the one used is active.
    picker = {item["info"].code: item for item in page.context["picker"]}
    assert list(picker) == ["NQ39-2015", "KL40-2022", "BNV10989-2025"] and picker["KL40-2022"]["active"]
    assert "10989/BNV — Bộ Nội vụ" in html and "Hướng dẫn, chưa bắt buộc" in html and "40-KL/TW — Bộ Chính trị" in html
    # The cards: CBCC behind, with the reason; VC (A1's quota) done.
    assert "Chậm lộ trình: đã giảm 4/6, kế hoạch đến 2026 là 6" in html
    cbcc, vc = page.context["views"]
    assert (cbcc.cell.base_assigned, cbcc.cell.target, cbcc.cell.achieved, cbcc.cell.remaining) == (120, 6, 4, 2)
    assert (vc.cell.own, vc.cell.target, vc.cell.achieved, vc.cell.done) == (False, 1, 1, True)
    # The chart configurations, as json_script, drawn by static/js/charts.js.
    assert 'data-chart="rd-chart-cbcc"' in html and '<script id="rd-chart-cbcc" type="application/json">' in html
    assert "chart.umd.min.js" in html and "js/reductions.js" in html
    # The tree: A, then its children; the ones without a quota say so; A is highlighted.
    rows = re.findall(r'<tr class="rd-row rd-level-(\d)( rd-behind)?" data-code="([^"]+)"', html)
    assert [(level, code) for level, _b, code in rows] == [
        ("0", data.A.code),
        ("1", data.A1.code),
        ("1", data.A2.code),
        ("1", data.A3.code),
    ]
    assert rows[0][1] == " rd-behind"
    assert "chưa giao biên chế" in html and "(thuộc biên chế của Sở Nội vụ)" in html
    # Export and print with exactly what the page used.
    assert f'href="/reports/reductions.xlsx?org={data.A.code}&amp;rule_set=KL40-2022&amp;as_of=2026-06-30"' in html
    assert f'href="/reports/reductions/print/?org={data.A.code}&amp;rule_set=KL40-2022&amp;as_of=2026-06-30"' in html


def test_another_rule_set_and_date(login, data, today):
    quotas(data.A, {2015: 140, 2018: 130, 2020: 125})
    client = login("manager_a")
    # An older rule set without a date: today moved into its period.
    page = client.get(PAGE, {"rule_set": "NQ39-2015"})
    report = page.context["report"]
    assert (report.rule_set.code, report.as_of) == ("NQ39-2015", dt.date(2021, 12, 31))
    assert report.rows[0].base_assigned == 140 and report.rows[0].target == 14
    # A date, dd/mm/yyyy or ISO, picks the rule set in force then.
    for as_of in ("15/03/2019", "2019-03-15"):
        report = client.get(PAGE, {"as_of": as_of}).context["report"]
        assert (report.rule_set.code, report.as_of) == ("NQ39-2015", dt.date(2019, 3, 15))
    # The 2026–2031 guidance: the 2026 quotas are its base.
    report = client.get(PAGE, {"rule_set": "BNV10989-2025"}).context["report"]
    assert report.rule_set.code == "BNV10989-2025" and not report.rule_set.binding
    assert [(r.organization, r.category, r.base_assigned, r.target) for r in report.rows] == [
        (data.A.code, "CBCC", 116, 6),
        (data.A1.code, "VC", 9, 1),
    ]
    # A subunit's dashboard, from the tree's link.
    report = client.get(PAGE, {"org": data.A1.code, **KL40}).context["report"]
    assert report.organization.code == data.A1.code and [r.category for r in report.rows] == ["VC"]


def test_the_picker_keeps_the_date_only_inside_each_period(login, data, today):
    page = login("manager_a").get(PAGE, KL40)
    urls = {item["info"].code: item["url"] for item in page.context["picker"]}
    assert urls["KL40-2022"].endswith("rule_set=KL40-2022&as_of=2026-06-30")
    assert urls["BNV10989-2025"].endswith("rule_set=BNV10989-2025&as_of=2026-06-30")
    assert urls["NQ39-2015"].endswith("rule_set=NQ39-2015")


def test_a_unit_without_quota_says_chua_giao_bien_che(login, data):
    page = login("manager_a").get(PAGE, {"org": data.A2.code, **KL40})
    assert page.status_code == 200
    html = text(page)
    assert 'id="rd-no-quota"' in html and "chưa giao biên chế năm 2021" in html
    assert "chưa giao biên chế" in html and "(thuộc biên chế của" not in html.split('id="rd-tree"')[0]
    for url in (EXPORT, PRINT):
        assert login("manager_a").get(url, {"org": data.A2.code, **KL40}).status_code == 200


def test_the_national_admin_without_a_home_organisation_sees_the_whole_country(login, data, today):
    make_quota(data.M, 30, year=2021)
    make_quota(data.M, 28, year=2026)
    closed = make_org("C.ROOT", "Tỉnh cũ (đã hợp nhất)", OrgKind.TINH, valid_to=dt.date(2025, 6, 30))
    make_quota(closed, 1000, year=2021)
    page = login("national").get(PAGE, KL40)
    assert page.status_code == 200
    report = page.context["report"]
    assert report.national and report.organization.name == "Toàn quốc"
    # The tree's first level: the current roots (the closed one left out), each with its toggle.
    lines = page.context["tree_lines"]
    assert [line.node.code for line in lines[1:]] == sorted([data.P.code, data.M.code])
    assert [line.level for line in lines] == [0, 1, 1]
    # The cards: the top rows of every root (A and B under P, M), A1's VC once.
    cbcc, vc = page.context["views"]
    assert (cbcc.cell.base_assigned, cbcc.cell.target, cbcc.cell.achieved) == (200, 6 + 3 + 2, 4 + 10 + 2)
    assert report.totals["CBCC"].base_assigned == 200 and vc.cell.base_assigned == 10
    html = text(page)
    assert 'id="rd-national"' in html and f"root={data.P.code}&amp;org={data.P.code}&amp;national=1" in html
    assert "org=&amp;" not in html and "?rule_set=KL40-2022&amp;as_of=2026-06-30" in html
    # Drilling into a root: its children, one level below the roots.
    rows = login("national").get(CHILDREN, {**KL40, "root": data.P.code, "org": data.P.code, "national": "1"})
    assert [line.level for line in rows.context["lines"]] == [2, 2] and "national=1" in text(rows)
    # The export and the print of the national view.
    export = login("national").get(EXPORT, KL40)
    assert export.status_code == 200 and "toan-quoc" in export["Content-Disposition"]
    sheet = load_workbook(BytesIO(export.content))["Tổng hợp"]
    assert sheet["A1"].value == "Toàn quốc"
    assert login("national").get(PRINT, KL40).status_code == 200
    # A root's own dashboard as before.
    report = login("national").get(PAGE, {"org": data.P.code, **KL40}).context["report"]
    assert report.totals["CBCC"].base_assigned == 170 and not report.national


@pytest.mark.parametrize(("who", "home"), [("manager_a", "A"), ("hr_b", "B"), ("admin_a", "A")])
def test_other_users_never_get_the_national_view(login, data, who, home):
    report = login(who).get(PAGE, KL40).context["report"]
    assert report is not None and not report.national and report.organization.code == getattr(data, home).code
    if home == "A":  # national=1 is ignored: A's children one level below A
        rows = login(who).get(CHILDREN, {**KL40, "org": data.A.code, "national": "1"})
        assert {line.level for line in rows.context["lines"]} == {1} and "national=1" not in text(rows)
    assert login(who).get(PAGE, {**KL40, "org": data.M.code}).status_code == 404


def test_nobody_gets_no_national_view(login, data):
    page = login("nobody").get(PAGE, KL40)
    assert page.status_code in (200, 302, 404) and (page.status_code != 200 or page.context["report"] is None)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"rule_set": "KL41"}, "Không có bộ quy tắc tinh giản biên chế “KL41”; hiện có: NQ39-2015, KL40-2022"),
        ({"as_of": "31/02/2026"}, "Ngày báo cáo “31/02/2026” không hợp lệ"),
        ({"as_of": "hôm qua"}, "Ngày báo cáo “hôm qua” không hợp lệ"),
        ({"as_of": "01/01/2010"}, "Ngày 01/01/2010 không thuộc giai đoạn của bộ quy tắc tinh giản biên chế nào"),
        (
            {"rule_set": "NQ39-2015", "as_of": "30/06/2026"},
            "Ngày báo cáo 30/06/2026 nằm ngoài giai đoạn 2015–2021 của bộ quy tắc NQ39-2015",
        ),
    ],
)
def test_bad_parameters_give_the_message_not_a_500(login, data, params, message):
    client = login("manager_a")
    page = client.get(PAGE, params)
    assert page.status_code == 200 and message in text(page) and page.context["report"] is None
    assert 'id="rd-rulesets"' in text(page)  # the picker is still there to choose again
    for url in (EXPORT, PRINT):
        response = client.get(url, params)
        assert response.status_code == 400 and message in text(response)
    fragment = client.get(CHILDREN, {"org": data.A.code, **params})
    assert fragment.status_code == 200 and message in text(fragment) and "rd-error" in text(fragment)


# --------------------------------------------------------------------------- drill-down


def test_the_children_rows_of_a_unit(login, data):
    fragment = login("manager_a").get(CHILDREN, {"org": data.A.code, **KL40})
    assert fragment.status_code == 200
    html = text(fragment)
    assert "<html" not in html and "<tr" in html
    codes = re.findall(r'<tr class="rd-row rd-level-(\d)[^"]*" data-code="([^"]+)" data-parent="([^"]+)"', html)
    assert codes == [
        ("1", data.A1.code, data.A.code),
        ("1", data.A2.code, data.A.code),
        ("1", data.A3.code, data.A.code),
    ]
    assert ">1<" in html  # A1's VC target
    # A row with children gets a toggle loading them after it, in the tree of the page's organisation.
    deep = make_org("000.01.09.H17", "Tổ một", OrgKind.PHONG, parent=data.A2)
    html = text(login("manager_a").get(CHILDREN, {"org": data.A.code, **KL40}))
    expected = f"/reports/reductions/children/?rule_set=KL40-2022&amp;as_of=2026-06-30&amp;root={data.A.code}"
    assert f"{expected}&amp;org={data.A2.code}" in html
    assert 'hx-target="closest tr" hx-swap="afterend" hx-trigger="click once"' in html
    # Sliced from the root's report: indented from the root, and covered by the root's quota.
    rows = text(login("manager_a").get(CHILDREN, {"org": data.A2.code, "root": data.A.code, **KL40}))
    assert f'rd-level-2" data-code="{deep.code}"' in rows and "(thuộc biên chế của Sở Nội vụ)" in rows
    leaf = text(login("manager_a").get(CHILDREN, {"org": deep.code, **KL40}))
    assert "Không có đơn vị trực thuộc." in leaf
    # A node outside the root's subtree, or a root outside the scope: 404.
    assert login("manager_a").get(CHILDREN, {"org": data.A.code, "root": data.A2.code, **KL40}).status_code == 404
    assert login("manager_a").get(CHILDREN, {"org": data.A2.code, "root": data.P.code, **KL40}).status_code == 404


# --------------------------------------------------------------------------- export and print


def test_the_export_is_a_workbook_with_the_rule_set_and_numbers_as_numbers(login, data):
    response = login("manager_a").get(EXPORT, {"org": data.A.code, **KL40})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        f'attachment; filename="tinh-gian-bien-che-{data.A.code}-KL40-2022-2026-06-30.xlsx"'
    )
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Tổng hợp", "Lộ trình", "Theo đơn vị"]
    for sheet in book.worksheets:
        lines = [sheet.cell(r, 1).value for r in range(1, 5)]
        assert lines[0] == f"Sở Nội vụ ({data.A.code})"
        assert lines[2].startswith("Bộ quy tắc: KL40-2022 — 40-KL/TW, Bộ Chính trị, 18/07/2022 (bắt buộc)")
        assert lines[3] == "Số liệu đến ngày: 30/06/2026"
        assert sheet.freeze_panes == "A7" and sheet.column_dimensions["A"].width > 10
    summary = book["Tổng hợp"]
    assert summary.cell(6, 1).value == "Loại biên chế" and summary.cell(6, 2).value.startswith(
        "Biên chế được giao năm 2021"
    )
    first = [c.value for c in summary[7]]
    assert first[0] == "Cán bộ, công chức" and first[1:8] == [120, 5, 6, 116, 4, 2, 6]
    assert all(isinstance(v, int | float) for v in first[1:8])
    assert first[-1] == "Chậm lộ trình: đã giảm 4/6, kế hoạch đến 2026 là 6"
    roadmap = [[c.value for c in row] for row in book["Lộ trình"].iter_rows(min_row=7)]
    assert roadmap[0] == ["Cán bộ, công chức", 2022, 2, 2, 119, 1]
    units = [[c.value for c in row] for row in book["Theo đơn vị"].iter_rows(min_row=7)]
    assert units[0][:8] == [data.A.code, "Sở Nội vụ", 0, "Cán bộ, công chức", "Có", 120, 5, 6]
    a2 = [row for row in units if row[0] == data.A2.code]
    assert a2[0][-1] == "chưa giao biên chế (thuộc biên chế của Sở Nội vụ)"


def test_the_print_page_is_an_a4_document_with_the_administrative_header(login, data):
    page = login("manager_a").get(PRINT, {"org": data.A.code, **KL40})
    assert page.status_code == 200
    html = text(page)
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "BÁO CÁO TÌNH HÌNH THỰC HIỆN TINH GIẢN BIÊN CHẾ" in html
    assert "(Theo 40-KL/TW, giai đoạn 2022–2026; số liệu đến ngày 30/06/2026)" in html
    assert "THÀNH PHỐ ĐÀ NẴNG" in html and "SỞ NỘI VỤ" in html  # the issuer block: parent and organisation
    assert "Chậm lộ trình: đã giảm 4/6, kế hoạch đến 2026 là 6" in html
    assert 'id="print-behind"' in html and "a4-sheet" in html


# --------------------------------------------------------------------------- scope


def manager_of_b(tree) -> Client:
    client = Client()
    client.force_login(make_user("manager_b", Role.MANAGER, tree.B))
    return client


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("who", ["hr_b", "manager_b"])
def test_outside_the_subtree_every_url_is_404(login, data, url, who):
    client = manager_of_b(data) if who == "manager_b" else login(who)
    for org in (data.A, data.A1, data.P):
        assert client.get(url, {"org": org.code, **KL40}).status_code == 404
    assert client.get(url, {"org": data.B.code, **KL40}).status_code == 200  # their own


@pytest.mark.parametrize("url", URLS)
def test_a_manager_gets_404_for_a_sibling_or_a_parent_and_for_an_unknown_code(login, data, url):
    client = login("manager_a")
    for code in (data.B.code, data.P.code, "000.99.99.H17"):
        response = client.get(url, {"org": code, **KL40})
        assert response.status_code == 404
        assert "Sở Tài chính" not in text(response) and "Đà Nẵng" not in text(response)


def test_nobody_without_a_role_sees_no_numbers(login, data):
    page = login("nobody").get(PAGE)
    assert page.status_code == 200 and page.context["report"] is None
    assert login("nobody").get(PAGE, {"org": data.A.code}).status_code == 404


# --------------------------------------------------------------------------- home page


def test_the_managers_home_page_is_the_dashboard(login, data, today):
    home = login("manager_a").get("/")
    assert home.status_code == 200
    html = text(home)
    assert 'id="home-reductions"' in html and "Mở bảng điều khiển" in html
    assert "Chậm lộ trình: đã giảm 4/6, kế hoạch đến 2026 là 6" in html
    assert "1 đơn vị chậm lộ trình" in html
    assert f'href="/reports/reductions/?org={data.A.code}&amp;rule_set=KL40-2022&amp;as_of=2026-06-30"' in html
    assert "Vai trò của bạn" in html and 'id="home-staff-count"' in html  # the home page's own content stays


@pytest.mark.parametrize("who", ["hr_a", "admin_a", "national", "hr_b"])
def test_others_get_a_link_to_the_dashboard_on_their_home_page(login, data, who):
    html = text(login(who).get("/"))
    assert 'id="home-reductions"' in html and 'href="/reports/reductions/"' in html
    assert "rd-summary" not in html


def test_no_panel_without_a_role(login, data):
    assert 'id="home-reductions"' not in text(login("nobody").get("/"))


def test_the_reports_index_has_the_dashboard_card(login, data):
    html = text(login("manager_a").get("/reports/"))
    assert 'id="card-reductions"' in html and 'href="/reports/reductions.xlsx"' in html


# --------------------------------------------------------------------------- query counts


def grow(parent, units: int, staff: int):
    made = []
    for i in range(units):
        unit = make_org(f"G.{parent.code}.{i:02d}", f"Đơn vị {i}", OrgKind.SNCL, parent=parent)
        make_org(f"G.{parent.code}.{i:02d}.1", f"Phòng {i}", OrgKind.PHONG, parent=unit)
        quotas(unit, {2021: 10, 2026: 9})
        quotas(unit, {2021: 20, 2025: 18}, category="VC")
        made.append(unit)
    for i in range(staff):
        born = dt.date(1960 + i % 30, 1 + i % 12, 1)
        make_staff(made[i % units], f"Người {i}", date_of_birth=born, category=StaffCategory.VC if i % 2 else "CC")
    return made


SIZES = [(3, 10), (30, 300)]


@pytest.mark.parametrize(("units", "staff_n"), SIZES)
def test_the_page_export_and_print_query_counts_are_constant(login, data, django_assert_num_queries, units, staff_n):
    grow(data.A2, units, staff_n)
    client = login("manager_a")
    params = {"org": data.A.code, **KL40}
    # session, user, scope, the organisation, rule sets (2), organisations, quotas, retirement
    # schedule, staff by birth month; session save (3 statements)
    with django_assert_num_queries(13):
        assert client.get(PAGE, params).status_code == 200
    with django_assert_num_queries(13):
        assert client.get(EXPORT, params).status_code == 200
    with django_assert_num_queries(14):  # + the organisation's parent for the print header
        assert client.get(PRINT, params).status_code == 200
    # the children rows: + the root, no forecast
    with django_assert_num_queries(12):
        assert client.get(CHILDREN, {**params, "org": data.A2.code, "root": data.A.code}).status_code == 200


@pytest.mark.parametrize(("units", "staff_n"), SIZES)
def test_the_managers_home_query_count_is_constant(login, data, django_assert_num_queries, units, staff_n):
    grow(data.A2, units, staff_n)
    client = login("manager_a")
    # the home page's own 10, then the panel: home organisation, rule sets (2), organisations,
    # quotas, retirement schedule, staff by birth month
    with django_assert_num_queries(17):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("roots", [2, 6])
def test_the_national_view_query_count_is_constant_in_the_number_of_roots(
    login, data, django_assert_num_queries, roots
):
    for i in range(roots - 2):  # the persona tree has 2 roots (P, M)
        root = make_org(f"R.{i:02d}", f"Tỉnh {i}", OrgKind.TINH)
        grow(root, 2, 6)
        quotas(root, {2021: 100, 2026: 95})
    assert len([line for line in login("national").get(PAGE, KL40).context["tree_lines"] if line.level == 1]) == roots
    client = login("national")
    # session, user, scope (no organisation), rule sets (2), organisations, quotas, retirement
    # schedule, staff by birth month; session save (3 statements); the page's menu: the approvals
    # waiting (a national admin approves)
    with django_assert_num_queries(14):
        assert client.get(PAGE, KL40).status_code == 200
    with django_assert_num_queries(13):
        assert client.get(EXPORT, KL40).status_code == 200
    with django_assert_num_queries(13):
        assert client.get(PRINT, KL40).status_code == 200
