"""The merge pages (/reports/merges/): who reads and who writes, 404 outside the scope on every URL,
the scenario form and the choices form with their messages, the stale banner, comparing two
scenarios, the confirmation and the apply, the old units' pages afterwards, and query counts that
do not grow with units, people or scenarios."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from portal.models import Organization
from staffing import services
from staffing.models import MergeScenario, MergeStatus
from tests.builders import (
    MERGE_CODE,
    live_tables,
    make_assignment,
    make_merge_world,
    make_org,
    make_position,
    make_staff,
    merge_scenario_fields,
)


@pytest.fixture
def world(tree, by_name):
    return make_merge_world(tree, by_name)


@pytest.fixture
def scenario(world, tree, people):
    return services.save_scenario(user=people.admin_a, **merge_scenario_fields(tree))


def url(name, *args):
    return reverse(f"merges:{name}", args=args)


def choices_data(scenario, **changes) -> dict:
    """The choices form as the page posts it, ``changes`` (field name → value) applied."""
    data = {}
    for p in scenario.figures["positions"]:
        data |= {f"code-{p['key']}": p["code"], f"name-{p['key']}": p["name"], f"needed-{p['key']}": p["needed"]}
        data |= {f"map-{o['id']}": p["key"] for o in p["olds"]}
    data |= {f"norm-{c['category']}": c["norm"] for c in scenario.figures["categories"]}
    data.update(changes)
    return data


# --------------------------------------------------------------------------- access


def test_the_list_shows_the_scenarios_of_the_users_scope(scenario, login):
    for persona, seen in (("admin_a", True), ("hr_a", True), ("manager_a", True), ("hr_b", False), ("nobody", False)):
        page = login(persona).get(url("scenario_list"))
        assert page.status_code == 200
        assert (scenario.title in page.content.decode()) is seen, persona
    assert 'id="merge-new"' in login("admin_a").get(url("scenario_list")).content.decode()
    assert 'id="merge-new"' not in login("manager_a").get(url("scenario_list")).content.decode()


def test_readers_see_the_figures_without_the_forms(scenario, login):
    page = login("manager_a").get(url("scenario_detail", scenario.pk)).content.decode()
    assert "merge-catalogue" in page and 'id="merge-choices"' not in page and 'id="merge-apply"' not in page
    page = login("admin_a").get(url("scenario_detail", scenario.pk)).content.decode()
    assert 'id="merge-choices"' in page and 'id="merge-apply"' in page


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "scenario_detail"),
        ("get", "scenario_edit"),
        ("post", "scenario_edit"),
        ("post", "scenario_choices"),
        ("post", "scenario_recompute"),
        ("post", "scenario_delete"),
        ("get", "scenario_apply"),
        ("post", "scenario_apply"),
    ],
)
def test_every_url_of_a_scenario_is_404_outside_the_scope(scenario, login, method, name):
    before = live_tables()
    for persona in ("hr_b", "nobody"):
        response = getattr(login(persona), method)(url(name, scenario.pk), {"confirm": "on"})
        assert response.status_code == 404, (persona, name)
    assert live_tables() == before
    assert MergeScenario.objects.get(pk=scenario.pk).status == MergeStatus.DRAFT


def test_compare_is_404_when_either_scenario_is_outside_the_scope(scenario, tree, login):
    other = MergeScenario.objects.create(
        title="B's", organization=tree.B, new_code="X", new_name="X", new_kind="PHONG", effective_date=dt.date.today()
    )
    response = login("admin_a").get(url("scenario_compare"), {"a": scenario.pk, "b": other.pk})
    assert response.status_code == 404
    assert login("hr_b").get(url("scenario_compare"), {"a": other.pk, "b": scenario.pk}).status_code == 404


@pytest.mark.parametrize("persona", ["hr_a", "manager_a"])
@pytest.mark.parametrize(
    "name", ["scenario_edit", "scenario_choices", "scenario_recompute", "scenario_delete", "scenario_apply"]
)
def test_readers_may_not_write(scenario, login, persona, name):
    assert login(persona).post(url(name, scenario.pk), {"confirm": "on"}).status_code == 403
    assert MergeScenario.objects.get(pk=scenario.pk).status == MergeStatus.DRAFT


def test_only_admins_open_the_new_scenario_page(world, tree, login):
    assert login("admin_a").get(url("scenario_create")).status_code == 200
    assert login("hr_a").get(url("scenario_create")).status_code == 403
    assert login("hr_b").get(url("scenario_create"), {"org": tree.A.code}).status_code == 404
    assert login("admin_a").get(url("scenario_create"), {"org": tree.B.code}).status_code == 404


# --------------------------------------------------------------------------- the forms


def scenario_form(tree, **changes) -> dict:
    data = {
        "title": "Phương án 1",
        "units": [tree.A1.pk, tree.A2.pk],
        "new_name": "Phòng Tổng hợp",
        "new_code": "000.09.01.h17",  # upper-cased
        "new_kind": "PHONG",
        "new_parent": tree.A.pk,
        "effective_date": "01/09/2026",
        "decision_number": "15/QĐ-UBND",
        "decision_date": "20/08/2026",
        "issuer": "UBND thành phố",
    }
    data.update(changes)
    return data


def test_a_new_scenario_from_the_form(world, tree, login):
    page = login("admin_a").get(url("scenario_create")).content.decode()
    assert tree.A1.name in page and tree.B.name not in page  # units under A only
    response = login("admin_a").post(url("scenario_create"), scenario_form(tree))
    saved = MergeScenario.objects.get()
    assert response.status_code == 302 and response["Location"] == url("scenario_detail", saved.pk)
    assert (saved.new_code, saved.effective_date, saved.organization) == (MERGE_CODE, dt.date(2026, 9, 1), tree.A)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"units": []}, ["ít nhất 2 đơn vị"]),
        ({"units": None}, ["ít nhất 2 đơn vị", "đang chọn 1"]),
        ({"new_parent": "A1"}, ["ngoài các đơn vị sáp nhập"]),
        ({"effective_date": "31/02/2026"}, ["dd/mm/yyyy"]),
        ({"new_code": "000.00.01.H17"}, ["đã là mã của một đơn vị"]),
    ],
)
def test_a_bad_scenario_form_says_what_is_wrong(world, tree, login, changes, words):
    if changes.get("units") is None and "units" in changes:
        changes["units"] = [tree.A1.pk]
    if changes.get("new_parent") == "A1":
        changes["new_parent"] = tree.A1.pk
    response = login("admin_a").post(url("scenario_create"), scenario_form(tree, **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert all(w in page for w in words), words
    assert not MergeScenario.objects.exists()


def test_edit_the_units_and_dates_of_a_scenario(scenario, world, tree, login):
    page = login("admin_a").get(url("scenario_edit", scenario.pk)).content.decode()
    assert 'value="Hợp nhất hai phòng"' in page and "01/09/2026" in page
    three = make_org("000.07.01.H17", "Phòng Bảy", parent=tree.A)
    data = scenario_form(tree, units=[tree.A1.pk, tree.A2.pk, three.pk], effective_date="01/10/2026")
    assert login("admin_a").post(url("scenario_edit", scenario.pk), data).status_code == 302
    scenario.refresh_from_db()
    assert scenario.effective_date == dt.date(2026, 10, 1)
    assert set(scenario.units.all()) == {tree.A1, tree.A2, three}  # three-way: the catalogue proposed again
    assert set(scenario.figures["categories"][0]["by_unit"]) == {tree.A1.code, tree.A2.code, three.code}


def test_the_new_scenario_page_lists_units_below_the_chosen_organisation(world, tree, login):
    team = make_org("000.01.09.H17", "Tổ Văn thư", parent=tree.A1)
    page = login("admin_a").get(url("scenario_create"), {"org": tree.A1.code}).content.decode()
    assert team.name in page and tree.A2.name not in page
    page = login("admin_a").get(url("scenario_create")).content.decode()
    assert f"— {team.name}" in page  # two levels below A, indented


def test_the_choices_form_recomputes_and_saves(scenario, login):
    clerk = next(p for p in scenario.figures["positions"] if p["code"] == "VT01")
    data = choices_data(scenario, **{"norm-CBCC": 4, f"code-{clerk['key']}": "VT-TH"})
    response = login("admin_a").post(url("scenario_choices", scenario.pk), data)
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.norms == {"CBCC": 4} and scenario.figures["totals"]["surplus"] == 3
    assert "VT-TH" in [p["code"] for p in scenario.figures["positions"]]
    page = login("admin_a").get(url("scenario_detail", scenario.pk)).content.decode()
    assert 'id="merge-surplus">3<' in page


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"norm-CBCC": 9}, ["Định mức CBCC (9) vượt tổng của các đơn vị trước sáp nhập (8)"]),
        ({"norm-CBCC": "mười"}, ["Định mức CBCC: hãy nhập một số nguyên từ 0"]),
        ("needed", ["Số người cần của vị trí LD01 không được âm"]),
        ("duplicate", ["dùng cho cả"]),
    ],
)
def test_bad_choices_give_the_page_with_the_message(scenario, login, change, words):
    keys = [p["key"] for p in scenario.figures["positions"]]
    if change == "needed":
        change = {f"needed-{keys[0]}": -1}
    if change == "duplicate":
        change = {f"code-{keys[1]}": "LD01"}
    before = MergeScenario.objects.values_list("norms", "figures").get(pk=scenario.pk)
    response = login("admin_a").post(url("scenario_choices", scenario.pk), choices_data(scenario, **change))
    assert response.status_code == 200
    page = response.content.decode()
    assert all(w in page for w in words), page[page.find("invalid-feedback") - 200 :][:800]
    assert MergeScenario.objects.values_list("norms", "figures").get(pk=scenario.pk) == before


def test_the_page_says_when_live_data_changed_and_recomputes(scenario, tree, login):
    assert 'id="merge-stale"' not in login("admin_a").get(url("scenario_detail", scenario.pk)).content.decode()
    make_staff(tree.A2, "Người Mới")
    page = login("manager_a").get(url("scenario_detail", scenario.pk)).content.decode()
    assert 'id="merge-stale"' in page and 'id="merge-recompute"' not in page  # readers see it, cannot act
    page = login("admin_a").get(url("scenario_detail", scenario.pk)).content.decode()
    assert 'id="merge-recompute"' in page
    assert login("admin_a").post(url("scenario_recompute", scenario.pk)).status_code == 302
    page = login("admin_a").get(url("scenario_detail", scenario.pk)).content.decode()
    assert 'id="merge-stale"' not in page
    scenario.refresh_from_db()
    assert scenario.figures["totals"]["headcount"] == 8


def test_compare_two_scenarios(scenario, tree, people, login):
    second = services.save_scenario(
        user=people.admin_a, **merge_scenario_fields(tree, title="Phương án hai", new_code="000.08.01.H17")
    )
    services.update_scenario_choices(
        user=people.admin_a, scenario=second, mapping={}, needed={}, codes={}, names={}, norms={"CBCC": 5}
    )
    response = login("manager_a").get(url("scenario_compare"), {"a": scenario.pk, "b": second.pk})
    assert response.status_code == 200
    rows = {r.label: (r.left, r.right) for r in response.context["rows"]}
    assert rows["Định mức biên chế"] == (8, 5)
    assert rows["Dôi dư"] == (0, 2)
    assert "merge-differs" in response.content.decode()
    assert login("admin_a").get(url("scenario_compare"), {"a": "x", "b": "1"}).status_code == 302


# --------------------------------------------------------------------------- applying


def test_the_confirmation_lists_what_will_happen_then_applies(scenario, world, tree, login):
    page = login("admin_a").get(url("scenario_apply", scenario.pk)).content.decode()
    for text in (MERGE_CODE, tree.A1.name, tree.A2.name, "31/08/2026", "Chuyển 7 người", "gộp vào", "15/QĐ-UBND"):
        assert text in page, text
    response = login("admin_a").post(url("scenario_apply", scenario.pk), {})
    assert response.status_code == 200 and "Hãy đánh dấu ô xác nhận" in response.content.decode()
    assert not Organization.objects.filter(code=MERGE_CODE).exists()
    response = login("admin_a").post(url("scenario_apply", scenario.pk), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == f"/orgs/{MERGE_CODE}/"
    # the old unit's page opens, read-only, marked with a link to the new unit
    page = login("admin_a").get(f"/orgs/{tree.A1.code}/").content.decode()
    assert 'id="merged-into"' in page and f'href="/orgs/{MERGE_CODE}/"' in page
    assert 'id="org-edit"' not in page
    page = login("admin_a").get(f"/orgs/{MERGE_CODE}/").content.decode()
    assert 'id="org-predecessors"' in page and tree.A2.name in page
    # its catalogue and positions: read-only; the reduction report opens, marked
    page = login("hr_a").get(reverse("positions:catalogue", args=[tree.A2.code])).content.decode()
    assert 'id="merged-into"' in page and 'id="position-add"' not in page
    assert login("hr_a").get(reverse("positions:position_edit", args=[world.head2.pk])).status_code == 403
    assert login("hr_a").get(reverse("positions:position_create", args=[tree.A2.code])).status_code == 403
    page = login("manager_a").get(reverse("reports:reductions"), {"org": tree.A1.code}).content.decode()
    assert 'id="merged-into"' in page
    # the applied scenario: no more forms, no more apply
    page = login("admin_a").get(url("scenario_detail", scenario.pk)).content.decode()
    assert 'id="merge-result"' in page and 'id="merge-choices"' not in page
    assert login("admin_a").get(url("scenario_apply", scenario.pk)).status_code == 302


def test_a_refused_apply_shows_why_and_changes_nothing(scenario, tree, login):
    make_staff(tree.A1, "Người Mới")  # the live data changed since the scenario was computed
    page = login("admin_a").get(url("scenario_apply", scenario.pk)).content.decode()
    assert 'id="apply-blocked"' in page and 'id="apply-form"' not in page
    before = live_tables()
    response = login("admin_a").post(url("scenario_apply", scenario.pk), {"confirm": "on"})
    assert response.status_code == 200
    assert "đã thay đổi sau khi phương án được tính" in response.content.decode()
    assert live_tables() == before


def test_delete_a_draft(scenario, login):
    assert login("admin_a").post(url("scenario_delete", scenario.pk)).status_code == 302
    assert not MergeScenario.objects.exists()


# --------------------------------------------------------------------------- query counts


def grow(tree, units: int, people: int):
    """``units`` divisions of A with ``people`` working people spread over them, each on one of
    two positions of their division (a duplicate name across divisions)."""
    made = []
    for i in range(units):
        org = make_org(f"000.{60 + i}.01.H17", f"Phòng {i}", parent=tree.A)
        posts = [make_position(org, "VT01", "Văn thư"), make_position(org, f"CV{i}", f"Chuyên viên {i}")]
        made.append((org, posts))
    for n in range(people):
        org, posts = made[n % units]
        make_assignment(make_staff(org, f"Người {n}"), posts[n % 2])
    return [org for org, _posts in made]


SIZES = [(2, 3), (3, 30)]


@pytest.fixture(params=SIZES, ids=["2 units, 3 people", "3 units, 30 people"])
def grown(request, tree, people):
    units, count = request.param
    orgs = grow(tree, units, count)
    scenario = services.save_scenario(user=people.admin_a, **merge_scenario_fields(tree, units=orgs))
    return scenario


# Every page: the session, the user, their scope (3) and the session's save (3). Detail: the
# scenario and its units (2), the live data's positions, people and quotas for the stale check (3),
# the other scenarios to compare with (1). Apply: the scenario (2), the live data (3), the rules in
# force (retirement ages, base salary, the benefit regime, the merge rules: 1 + 1 + 4 + 1), the open assignments per
# position, the units' children and their users' roles (3). List: the scenarios and their units (2).
# Detail and apply are an org admin's: the menu's approvals waiting (1) too.
DETAIL_QUERIES = 13
APPLY_QUERIES = 22
LIST_QUERIES = 8


def test_detail_page_queries(grown, login, django_assert_num_queries):
    client = login("admin_a")
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(url("scenario_detail", grown.pk)).status_code == 200


def test_apply_page_queries(grown, login, django_assert_num_queries):
    client = login("admin_a")
    with django_assert_num_queries(APPLY_QUERIES):
        assert client.get(url("scenario_apply", grown.pk)).status_code == 200


def test_list_page_queries(grown, tree, people, login, django_assert_num_queries):
    services.save_scenario(user=people.admin_a, **merge_scenario_fields(tree, units=list(grown.units.all()), title="2"))
    client = login("manager_a")
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url("scenario_list")).status_code == 200


def test_a_scenario_names_its_merge_rules_and_flags_them_unverified(grown, login):
    html = login("admin_a").get(url("scenario_detail", grown.pk)).content.decode()
    basis = re.search(r'<span id="merge-rules-basis">(.*?)</span></p>', html, re.S).group(1)
    assert "Quy định về sáp nhập: ND178-2024" in basis and "cần kiểm tra" in basis
