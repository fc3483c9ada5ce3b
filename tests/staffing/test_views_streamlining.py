"""The streamlining pages (/reports/streamlining/…): the live list with its sections, totals and
empty states; a person's decisions and exclusion (forms, errors, who may write); saving a list as a
numbered snapshot; the saved lists, a saved list shown exactly as saved after the data changed, its
XLSX and print; comparing two (added, dropped and why, changed); 404 outside the subtree on every
URL; no URL changes or deletes a saved list; query counts that do not grow with the people or the
saved lists.

People (tests/builders.make_candidate_world) in A (Sở Nội vụ ⊃ A1, A2, A3), review year 2026 as of
15/11/2026: CL001 g and h, CL002 redundant on maternity leave (deferred), CL003 redundant, CL004
sick days without insured years (missing data), CL005 no case; CL009 in B."""

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from staffing.models import (
    CandidateSnapshot,
    Staff,
    StaffStatus,
    StreamliningDecision,
    StreamliningExclusion,
)
from staffing.views import streamlining as views
from tests.builders import (
    STREAMLINING_AS_OF,
    STREAMLINING_YEAR,
    make_candidate_world,
    make_many_candidates,
)

pytestmark = pytest.mark.django_db

LIST = "/reports/streamlining/"
XLSX = "/reports/streamlining.xlsx"
PRINT = "/reports/streamlining/print/"
SAVE = "/reports/streamlining/save/"
PERSON = "/reports/streamlining/person/"
DECIDE = "/reports/streamlining/person/decide/"
EXCLUDE = "/reports/streamlining/person/exclude/"
SNAPSHOTS = "/reports/streamlining/snapshots/"
COMPARE = "/reports/streamlining/compare/"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEAR = STREAMLINING_YEAR


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(views, "_today", lambda: STREAMLINING_AS_OF)


@pytest.fixture
def world(tree):
    return make_candidate_world(tree)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def codes(response, section: str) -> list[str]:
    """The employee codes in a section's table (``sl-candidates``, ``sl-deferred`` …)."""
    html = response.content.decode()
    match = re.search(rf'<table[^>]*id="{section}".*?</section>', html, re.S)  # tables nest: up to the section's end
    return re.findall(r'<tr data-code="([^"]+)"', match.group(0)) if match else []


def save(client, org, note="", year=YEAR):
    return client.post(SAVE, {"org": org.code, "year": year, "as_of": STREAMLINING_AS_OF.isoformat(), "note": note})


def snapshot_of(org, number, year=YEAR) -> CandidateSnapshot:
    return CandidateSnapshot.objects.get(organization=org, year=year, number=number)


# --------------------------------------------------------------------------- the live list


def test_the_list_of_the_home_organisation_with_its_sections(login, world, tree):
    page = login("hr_a").get(LIST)
    assert page.status_code == 200
    html = text(page)
    assert "Danh sách đối tượng tinh giản biên chế năm 2026" in html and "Sở Nội vụ" in html
    assert codes(page, "sl-candidates") == ["CL001", "CL003"]
    assert codes(page, "sl-deferred") == ["CL002"]
    assert codes(page, "sl-excluded") == []
    assert codes(page, "sl-missing") == ["CL004"]
    assert "CL005" not in html and "CL009" not in html  # no case; another department
    # The reasons built from the data, the deferral, what is missing.
    assert "Xếp loại Không hoàn thành nhiệm vụ năm 2025" in html
    assert "Nghỉ ốm 45 ngày năm 2026, mức tối đa 40 ngày với 26 năm đóng BHXH" in html
    assert "Dôi dư do sắp xếp tổ chức bộ máy" in html
    assert "Hoãn xét tinh giản: Mang thai, nghỉ thai sản, nuôi con dưới 36 tháng" in html
    assert "thiếu số năm đóng BHXH" in html
    # Retirement, months left, S, the policy and its items, the totals (the deferred one left out).
    assert "30/04/2029" in html and "còn 29 tháng" in html
    assert "13.915.000" in html and "Nghỉ hưu trước tuổi (2–5 năm)" in html
    assert "173.937.500" in html and "111.320.000" in html and "285.257.500" in html
    totals = page.context["view"].totals
    assert (totals["candidates"], totals["deferred"]) == (2, 1)
    assert f'id="sl-total-benefit">{totals["benefit"]:,}'.replace(",", ".") in page.content.decode()
    # The basis: rule set, regime, base salary, date.
    assert "ND154-2025" in html and "2.530.000" in html and "15/11/2026" in html
    # An HR officer saves and opens people; links to each person's page.
    assert 'id="sl-save-form"' in html and 'id="sl-person-form"' in html
    assert f"{PERSON}?code=CL001&amp;year=2026&amp;org={tree.A.code}" in html


def test_a_unit_of_the_subtree_and_the_totals_per_case_and_unit(login, world, tree):
    page = login("hr_a").get(LIST, {"org": tree.A1.code})
    assert codes(page, "sl-candidates") == ["CL001"] and codes(page, "sl-deferred") == []
    whole = login("hr_a").get(LIST, {"org": tree.A.code})
    by_case = {line.case: line.people for line in whole.context["view"].by_case}
    assert by_case["a"] == 1 and by_case["g"] == 1 and by_case["h"] == 1 and by_case["d"] == 0
    units = {u["code"]: (u["people"], u["deferred"]) for u in whole.context["view"].by_unit}
    assert units[tree.A.code] == (1, 1) and units[tree.A1.code] == (1, 0)


def test_a_manager_reads_the_list_without_the_write_forms(login, world):
    page = login("manager_a").get(LIST)
    assert page.status_code == 200 and codes(page, "sl-candidates") == ["CL001", "CL003"]
    html = text(page)
    assert 'id="sl-save-form"' not in html and 'id="sl-person-form"' not in html


def test_a_year_outside_the_rule_set_says_why(login, world):
    page = login("hr_a").get(LIST, {"year": "2031"})
    assert page.status_code == 200
    assert "Năm xét 2031 không thuộc giai đoạn của bộ quy tắc xét tinh giản biên chế nào" in text(page)
    assert "view" not in page.context
    assert 'id="sl-save-form"' not in text(page) and 'id="sl-export"' not in text(page)


def test_a_year_without_ratings_gives_an_empty_list_that_says_why(login, tree):
    page = login("hr_a").get(LIST, {"year": "2029"})
    assert page.status_code == 200
    assert "Chưa có xếp loại chất lượng năm 2028, 2029 của cán bộ nào trong Sở Nội vụ" in text(page)
    assert codes(page, "sl-candidates") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "20x6"}, "Năm xét “20x6” không phải là một năm"),
        ({"as_of": "31/02/2026"}, "Ngày tính “31/02/2026” không hợp lệ: hãy nhập ngày dd/mm/yyyy"),
    ],
)
def test_a_bad_year_or_date_is_named_and_the_default_used(login, world, params, message):
    page = login("hr_a").get(LIST, params)
    assert page.status_code == 200
    assert message in text(page)
    assert page.context["year"] == YEAR and codes(page, "sl-candidates") == ["CL001", "CL003"]


def test_the_live_list_exports_and_prints(login, world, tree):
    response = login("hr_a").get(XLSX, {"org": tree.A.code, "year": YEAR})
    assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE
    assert f"danh-sach-tinh-gian-{tree.A.code}-2026.xlsx" in response["Content-Disposition"]
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    names = [r[2] for r in rows if r and isinstance(r[0], int)]
    assert names == ["Nguyễn Văn Một", "Lê Văn Ba", "Trần Thị Hai"]  # counted first, deferred after
    printed = login("hr_a").get(PRINT, {"org": tree.A.code})
    html = text(printed)
    assert printed.status_code == 200 and "DANH SÁCH ĐỐI TƯỢNG TINH GIẢN BIÊN CHẾ NĂM 2026" in html
    assert "Căn cứ: Nghị định 154/2025/NĐ-CP (ND154-2025)" in html and "15/11/2026" in html
    assert 'class="a4-sheet sl-landscape"' in html and "Nguyễn Văn Một" in html


def test_an_export_or_print_that_cannot_be_built_gives_the_page_with_the_reason(login, world):
    for url in (XLSX, PRINT):
        response = login("hr_a").get(url, {"year": "2031"})
        assert response.status_code == 400
        assert "không thuộc giai đoạn" in text(response)


# --------------------------------------------------------------------------- decisions and exclusions


def test_a_person_page_shows_the_cases_and_the_forms(login, world):
    page = login("hr_a").get(PERSON, {"code": "CL001", "year": YEAR})
    assert page.status_code == 200
    html = text(page)
    assert "Nguyễn Văn Một" in html and "Xếp loại Không hoàn thành nhiệm vụ năm 2025" in html
    assert 'id="sl-decide-form"' in html and 'id="sl-exclude-form"' in html
    read_only = text(login("manager_a").get(PERSON, {"code": "CL001", "year": YEAR}))
    assert "Nguyễn Văn Một" in read_only and 'id="sl-decide-form"' not in read_only


def test_an_hr_officer_sets_a_case_d_with_a_note_and_removes_it(login, world, people, tree):
    client = login("hr_a")
    response = client.post(
        DECIDE, {"code": "CL005", "year": YEAR, "case": "d", "note": "QĐ 15/QĐ-SNV", "org": tree.A.code}
    )
    assert response.status_code == 302 and "code=CL005" in response.url
    decision = StreamliningDecision.objects.get(staff=world[5])
    assert (decision.case, decision.note, decision.decided_by) == ("d", "QĐ 15/QĐ-SNV", people.hr_a)
    follow = client.get(response.url)
    assert "Đã ghi trường hợp (d) năm 2026 cho Phạm Văn Năm." in text(follow)
    page = client.get(LIST)
    assert codes(page, "sl-candidates") == ["CL001", "CL003", "CL005"]
    assert "QĐ 15/QĐ-SNV" in text(page)  # the note in the case's reason
    removed = client.post(f"/reports/streamlining/decisions/{decision.pk}/remove/", {"org": tree.A.code})
    assert removed.status_code == 302 and not StreamliningDecision.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"case": "d", "note": "   "}, "Hãy ghi căn cứ, ghi chú: không ghi được trường hợp mà không có căn cứ."),
        ({"case": "g", "note": "Căn cứ"}, "Trường hợp “g” không ghi được theo quyết định; chỉ chọn (b), (c), (d)"),
        ({"case": "", "note": "Căn cứ"}, "Hãy chọn trường hợp (b), (c), (d) hoặc (đ)."),
    ],
)
def test_a_decision_form_error_is_shown_and_nothing_is_written(login, world, data, message):
    response = login("hr_a").post(DECIDE, {"code": "CL005", "year": YEAR, **data})
    assert response.status_code == 200
    assert message in text(response)
    assert not StreamliningDecision.objects.exists()


def test_a_decision_for_someone_no_longer_working_is_refused_on_the_form(login, world):
    Staff.objects.filter(pk=world[5].pk).update(status=StaffStatus.RETIRED, exit_date="2026-11-01")
    response = login("hr_a").post(DECIDE, {"code": "CL005", "year": YEAR, "case": "b", "note": "Căn cứ"})
    assert response.status_code == 200
    assert "Phạm Văn Năm không còn đang làm việc (Nghỉ hưu): không xét tinh giản năm 2026." in text(response)
    assert not StreamliningDecision.objects.exists()


def test_an_exclusion_with_its_reason_is_shown_and_undone(login, world, people, tree):
    client = login("admin_a")
    response = client.post(EXCLUDE, {"code": "CL003", "year": YEAR, "reason": "Đã có quyết định điều động"})
    assert response.status_code == 302
    page = client.get(LIST)
    assert codes(page, "sl-candidates") == ["CL001"] and codes(page, "sl-excluded") == ["CL003"]
    html = text(page)
    assert "Đã có quyết định điều động" in html and "Lê Quản Trị" in html  # admin_a's name
    assert page.context["view"].totals["excluded"] == 1
    exclusion = StreamliningExclusion.objects.get()
    client.post(f"/reports/streamlining/exclusions/{exclusion.pk}/undo/")
    assert not StreamliningExclusion.objects.exists()
    assert codes(client.get(LIST), "sl-candidates") == ["CL001", "CL003"]


def test_an_exclusion_without_a_reason_is_refused(login, world):
    response = login("hr_a").post(EXCLUDE, {"code": "CL003", "year": YEAR, "reason": ""})
    assert response.status_code == 200
    assert "Hãy ghi lý do: không đưa một người ra khỏi danh sách mà không có lý do." in text(response)
    assert not StreamliningExclusion.objects.exists()


def test_a_manager_cannot_write(login, world, tree):
    client = login("manager_a")
    assert client.post(DECIDE, {"code": "CL005", "year": YEAR, "case": "d", "note": "x"}).status_code == 403
    assert client.post(EXCLUDE, {"code": "CL003", "year": YEAR, "reason": "x"}).status_code == 403
    assert save(client, tree.A).status_code == 403
    d = StreamliningDecision.objects.create(staff=world[5], year=YEAR, case="b", note="x")
    e = StreamliningExclusion.objects.create(staff=world[3], year=YEAR, reason="x")
    assert client.post(f"/reports/streamlining/decisions/{d.pk}/remove/").status_code == 403
    assert client.post(f"/reports/streamlining/exclusions/{e.pk}/undo/").status_code == 403
    assert StreamliningDecision.objects.count() == 1 and StreamliningExclusion.objects.count() == 1
    assert not CandidateSnapshot.objects.exists()


def test_write_urls_take_post_only(login, world):
    client = login("hr_a")
    for url in (SAVE, DECIDE, EXCLUDE, "/reports/streamlining/decisions/1/remove/"):
        assert client.get(url).status_code == 405


# --------------------------------------------------------------------------- snapshots


def test_saving_numbers_the_snapshots_and_opens_the_saved_list(login, world, tree, people):
    client = login("hr_a")
    first = save(client, tree.A, note="Lần 1")
    one = snapshot_of(tree.A, 1)
    assert first.status_code == 302 and first.url == f"{SNAPSHOTS}{one.pk}/"
    save(client, tree.A)
    assert snapshot_of(tree.A, 2).created_by == people.hr_a
    page = client.get(first.url)
    html = text(page)
    assert page.status_code == 200 and "Đã lưu danh sách số 1 năm 2026 của Sở Nội vụ." in html
    assert "bản lưu số 1" in html and "Lần 1" in html and "không sửa, không xóa được" in html
    assert codes(page, "sl-candidates") == ["CL001", "CL003"] and codes(page, "sl-deferred") == ["CL002"]
    listing = client.get(SNAPSHOTS, {"org": tree.A.code, "year": YEAR})
    assert [s.number for s in listing.context["snapshots"]] == [2, 1]
    assert 'id="sl-compare"' in text(listing)


def test_a_saved_list_stays_as_saved_after_the_data_changed(login, world, tree):
    client = login("hr_a")
    save(client, tree.A)
    one = snapshot_of(tree.A, 1)
    client.post(EXCLUDE, {"code": "CL001", "year": YEAR, "reason": "Đã chuyển công tác"})
    Staff.objects.filter(pk=world[3].pk).update(salary_coefficient="4.00")
    Staff.objects.filter(pk=world[2].pk).update(deferral="")
    live = client.get(LIST)
    assert codes(live, "sl-candidates") == ["CL002", "CL003"] and codes(live, "sl-excluded") == ["CL001"]
    saved = client.get(f"{SNAPSHOTS}{one.pk}/")
    assert codes(saved, "sl-candidates") == ["CL001", "CL003"] and codes(saved, "sl-excluded") == []
    assert codes(saved, "sl-deferred") == ["CL002"]
    row = next(r for r in saved.context["view"].rows if r.code == "CL003")
    assert row.row["salary"]["coefficient"] == "3.33"
    xlsx = client.get(f"{SNAPSHOTS}{one.pk}.xlsx")
    wb = load_workbook(BytesIO(xlsx.content))
    names = [r[2] for r in wb.worksheets[0].iter_rows(values_only=True) if r and isinstance(r[0], int)]
    assert names == ["Nguyễn Văn Một", "Lê Văn Ba", "Trần Thị Hai"]
    header = " ".join(str(r[0]) for r in wb.worksheets[0].iter_rows(values_only=True) if r and r[0])
    assert "Danh sách đã lưu số 1" in header
    assert f"danh-sach-tinh-gian-{tree.A.code}-2026-so-1.xlsx" in xlsx["Content-Disposition"]
    printed = text(client.get(f"{SNAPSHOTS}{one.pk}/print/"))
    assert "DANH SÁCH ĐỐI TƯỢNG TINH GIẢN BIÊN CHẾ NĂM 2026" in printed and "Danh sách đã lưu số 1" in printed
    assert "Nguyễn Văn Một" in printed


def test_no_url_changes_or_deletes_a_saved_list(login, world, tree):
    client = login("national")
    save(login("hr_a"), tree.A, note="Gốc")
    one = snapshot_of(tree.A, 1)
    urls = (f"{SNAPSHOTS}{one.pk}/", f"{SNAPSHOTS}{one.pk}.xlsx", f"{SNAPSHOTS}{one.pk}/print/", SNAPSHOTS, COMPARE)
    for url in urls:
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, {"note": "Sửa"}, content_type="application/json")
            assert response.status_code == 405, (url, method)
    one.refresh_from_db()
    assert one.note == "Gốc" and CandidateSnapshot.objects.count() == 1


def test_comparing_two_saved_lists(login, world, tree, people):
    client = login("hr_a")
    save(client, tree.A)
    # Then: CL005 gets case d; CL003 is excluded; CL002 retires; CL001's coefficient rises; CL004
    # (missing data only) moves to B.
    client.post(DECIDE, {"code": "CL005", "year": YEAR, "case": "d", "note": "QĐ 15/QĐ-SNV"})
    client.post(EXCLUDE, {"code": "CL003", "year": YEAR, "reason": "Đã có quyết định điều động"})
    Staff.objects.filter(pk=world[2].pk).update(status=StaffStatus.RETIRED, exit_date="2026-11-01")
    Staff.objects.filter(pk=world[1].pk).update(salary_coefficient="6.00")
    save(client, tree.A)
    one, two = snapshot_of(tree.A, 1), snapshot_of(tree.A, 2)
    page = client.get(COMPARE, {"a": two.pk, "b": one.pk})  # given the other way round: swapped
    assert page.status_code == 200
    cmp = page.context["comparison"]
    assert page.context["before"] == one and page.context["after"] == two
    assert [c.code for c in cmp.added] == ["CL005"]
    assert [c.code for c in cmp.dropped] == ["CL002", "CL003"]
    why = {c.code: c.why for c in cmp.dropped}
    assert why["CL002"] == ("Hiện nay: Nghỉ hưu từ ngày 01/11/2026.",)
    assert why["CL003"][0].startswith("Không đưa vào danh sách: Đã có quyết định điều động (")
    assert [c.code for c in cmp.changed] == ["CL001"]
    changed = cmp.changed[0].why
    assert "Tiền lương tháng: 13.915.000 → 15.180.000 đồng." in changed
    html = text(page)
    assert "Được thêm vào danh sách" in html and "Ra khỏi danh sách" in html
    totals = {t.label: (t.before, t.after) for t in cmp.totals}
    assert totals["Số người trong danh sách (được tính)"] == (2, 2)
    assert totals["Hoãn xét (không tính vào tổng)"] == (1, 0)


def test_a_person_moved_out_of_the_subtree_drops_out_without_naming_where(login, world, tree):
    client = login("hr_a")
    save(client, tree.A)
    Staff.objects.filter(pk=world[3].pk).update(organization=tree.B)
    save(client, tree.A)
    page = client.get(COMPARE, {"a": snapshot_of(tree.A, 1).pk, "b": snapshot_of(tree.A, 2).pk})
    (dropped,) = page.context["comparison"].dropped
    assert dropped.code == "CL003" and dropped.why == ("Đã chuyển ra khỏi Sở Nội vụ.",)
    assert "Sở Tài chính" not in text(page)


def test_comparing_needs_two_lists_of_one_organisation(login, world, tree):
    client = login("hr_a")
    save(client, tree.A)
    save(client, tree.A1)
    a, a1 = snapshot_of(tree.A, 1), snapshot_of(tree.A1, 1)
    other = client.get(COMPARE, {"a": a.pk, "b": a1.pk}, follow=True)
    assert "Chỉ so sánh được hai danh sách của cùng một cơ quan, đơn vị" in text(other)
    missing = client.get(COMPARE, {"a": a.pk}, follow=True)
    assert "Hãy chọn hai danh sách đã lưu để so sánh" in text(missing)


# --------------------------------------------------------------------------- access


def _urls(tree, world, snapshot, decision, exclusion) -> list[tuple[str, str, dict]]:
    org = {"org": tree.A.code}
    return [
        ("get", LIST, org),
        ("get", XLSX, org),
        ("get", PRINT, org),
        ("get", SNAPSHOTS, org),
        ("get", f"{SNAPSHOTS}{snapshot.pk}/", {}),
        ("get", f"{SNAPSHOTS}{snapshot.pk}.xlsx", {}),
        ("get", f"{SNAPSHOTS}{snapshot.pk}/print/", {}),
        ("get", COMPARE, {"a": snapshot.pk, "b": snapshot.pk}),
        ("get", PERSON, {"code": "CL001", "year": YEAR}),
        ("post", SAVE, org),
        ("post", DECIDE, {"code": "CL005", "year": YEAR, "case": "d", "note": "x"}),
        ("post", EXCLUDE, {"code": "CL003", "year": YEAR, "reason": "x"}),
        ("post", f"/reports/streamlining/decisions/{decision.pk}/remove/", {}),
        ("post", f"/reports/streamlining/exclusions/{exclusion.pk}/undo/", {}),
    ]


@pytest.mark.parametrize("persona", ["hr_b", "nobody"])
def test_every_url_answers_404_outside_the_subtree(login, world, tree, people, persona):
    save(login("hr_a"), tree.A)
    snapshot = snapshot_of(tree.A, 1)
    decision = StreamliningDecision.objects.create(staff=world[5], year=YEAR, case="b", note="x")
    exclusion = StreamliningExclusion.objects.create(staff=world[1], year=YEAR, reason="x")
    client = login(persona)
    for method, url, data in _urls(tree, world, snapshot, decision, exclusion):
        assert getattr(client, method)(url, data).status_code == 404, (persona, method, url)
    assert StreamliningDecision.objects.count() == 1 and StreamliningExclusion.objects.count() == 1
    assert CandidateSnapshot.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_the_login_page(login, world, tree):
    for url in (LIST, SNAPSHOTS, PERSON):
        response = login(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_national_admin_reads_and_writes_anywhere(login, world, tree):
    client = login("national")
    assert codes(client.get(LIST, {"org": tree.A.code}), "sl-candidates") == ["CL001", "CL003"]
    assert save(client, tree.B).status_code == 302
    assert snapshot_of(tree.B, 1).data["rows"][0]["employee_code"] == "CL009"


# --------------------------------------------------------------------------- query counts


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_page_takes_a_constant_number_of_queries(login, tree, django_assert_num_queries, n):
    make_many_candidates(tree, n)
    client = login("hr_a")
    client.get(LIST)  # the session and scope are read once before counting
    with django_assert_num_queries(21):
        page = client.get(LIST, {"org": tree.A.code})
    assert len(page.context["view"].rows) == n
    with django_assert_num_queries(19):  # the same, without the organisation picker and the saved count
        export = client.get(XLSX, {"org": tree.A.code})
    assert export["Content-Type"] == XLSX_TYPE


@pytest.mark.parametrize("n", [3, 30])
def test_the_saved_lists_page_takes_a_constant_number_of_queries(login, world, tree, django_assert_num_queries, n):
    client = login("hr_a")
    for _ in range(n):
        save(client, tree.A)
    client.get(SNAPSHOTS)  # shows (and clears) the "saved" messages
    with django_assert_num_queries(10):
        page = client.get(SNAPSHOTS, {"org": tree.A.code, "year": YEAR})
    assert len(page.context["snapshots"]) == n


@pytest.mark.parametrize("n", [3, 30])
def test_a_saved_list_its_export_and_the_comparison_take_constant_queries(login, tree, django_assert_num_queries, n):
    people = make_many_candidates(tree, n)
    client = login("hr_a")
    save(client, tree.A)
    Staff.objects.filter(pk__in=[s.pk for s in people[: n // 2]]).update(organization=tree.B)
    save(client, tree.A)
    one, two = snapshot_of(tree.A, 1), snapshot_of(tree.A, 2)
    client.get(SNAPSHOTS)  # shows (and clears) the "saved" messages
    with django_assert_num_queries(8):
        client.get(f"{SNAPSHOTS}{two.pk}/")
    # session, user and scope, the snapshot (and the previous one for the page), the session saved
    with django_assert_num_queries(7):
        client.get(f"{SNAPSHOTS}{two.pk}.xlsx")
    with django_assert_num_queries(7):
        client.get(f"{SNAPSHOTS}{two.pk}/print/")
    with django_assert_num_queries(9):  # the two snapshots, where the dropped people are now
        page = client.get(COMPARE, {"a": one.pk, "b": two.pk})
    assert len(page.context["comparison"].dropped) > 0
