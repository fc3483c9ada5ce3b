"""The counts of the organisation pages (issue 17): "đơn vị trực thuộc" and the working staff of
each subtree, counted once per page (one aggregate of the subtrees' staff, rolled up by path)
instead of one correlated subquery per row and per joined child.

- the numbers: nested subtrees, non-working staff, and every page against the old definition;
- the registry API (``portal.registry``: counters ``(root_paths) -> {path: direct count}``);
- query counts that do not grow with the units or the staff shown;
- the growth property: one statement reads staffing_staff per page, and on PostgreSQL its plan
  reads each staff row at most once (no SubPlan per organisation row).
"""

import datetime
import itertools
import json
import random
import re

import pytest
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import registry, reports
from portal.models import Organization, OrgKind
from portal.text import fold
from staffing.models import Sex, Staff, StaffCategory, StaffStatus
from tests.builders import make_org, make_staff, org_children_rows

LIST = reverse("portal:organization_list")
_codes = itertools.count(1)


def children_url(org):
    return reverse("portal:organization_children", args=[org.code])


def rows(html):
    """code -> (child count, staff count) of each tree row, as the page shows them."""
    found = {}
    for item in re.findall(r'<li class="org-node".*?</li>', html, flags=re.S):
        code = re.search(r'data-code="([^"]+)"', item).group(1)
        found[code] = tuple(int(n) for n in re.findall(r'<span class="org-count"[^>]*>(\d+)</span>', item))
    return found


def search_rows(html):
    """code -> (child count, staff count) of each search result."""
    found = re.findall(r'<code>([^<]+)</code></td><td class="text-end">(\d+)</td><td class="text-end">(\d+)</td>', html)
    return {code: (int(c), int(s)) for code, c, s in found}


def shown(html, element_id):
    return int(re.sub(r"\D", "", re.search(rf'id="{element_id}">([^<]+)<', html).group(1)))


def add_staff(org, working=1, left=0):
    """Bulk-create people in ``org`` (``left`` of them retired), without the audit log."""
    people = []
    for i in range(working + left):
        n = next(_codes)
        name = f"Người số {n}"
        gone = i >= working
        people.append(
            Staff(
                employee_code=f"B{n:07d}",
                full_name=name,
                search_key=fold(name),
                date_of_birth=datetime.date(1985, 1, 1),
                sex=Sex.FEMALE,
                category=StaffCategory.VC,
                organization=org,
                status=StaffStatus.RETIRED if gone else StaffStatus.WORKING,
                exit_date=datetime.date(2025, 1, 1) if gone else None,
            )
        )
    Staff.objects.bulk_create(people)


def old_staff_count():
    """The ``staff_count`` counter as it was before issue 17 (a correlated subquery per row): the
    oracle of "the same numbers as before", and the control of the growth test."""
    counts = (
        Staff.objects.filter(organization__path__startswith=OuterRef("path"), status=StaffStatus.WORKING)
        .order_by()
        .values(_g=OuterRef("pk"))
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def old_counts():
    """code -> (child count, staff count) of every organisation, as the pages counted them before."""
    qs = Organization.objects.annotate(child_count=Count("children", distinct=True), staff_count=old_staff_count())
    return {o.code: (o.child_count, o.staff_count) for o in qs}


# --------------------------------------------------------------------------- the numbers


@pytest.fixture
def deep(tree, staff):
    """A1 → C1 → C2 under the conftest tree: 2 working + 1 retired in C2, 1 resigned in C1."""
    c1 = make_org("000.01.01.01.H17", "Tổ tiếp nhận", OrgKind.PHONG, parent=tree.A1)
    c2 = make_org("000.01.01.01.01.H17", "Nhóm một cửa", OrgKind.PHONG, parent=c1)
    make_staff(c2, "Bùi Văn Khoa")
    make_staff(c2, "Đỗ Thị Lan")
    make_staff(c2, "Lý Văn Minh", status=StaffStatus.RETIRED)
    make_staff(c1, "Mai Thị Nga", status=StaffStatus.RESIGNED)
    return c1, c2


def test_staff_of_a_great_grandchild_count_in_every_ancestor(login, tree, deep):
    c1, c2 = deep
    # A1: 3 + C2's 2 working; A: 2 + A1's 5; P: A's 7 + B's 1. Retired/resigned never count.
    children = rows(login("hr_a").get(children_url(tree.A)).content.decode())
    assert children[tree.A1.code] == (1, 5)
    assert rows(login("hr_a").get(children_url(tree.A1)).content.decode()) == {c1.code: (1, 2)}
    assert rows(login("hr_a").get(children_url(c1)).content.decode()) == {c2.code: (0, 2)}
    assert rows(login("hr_a").get(LIST).content.decode()) == {tree.A.code: (3, 7)}
    assert rows(login("national").get(LIST).content.decode()) == {tree.P.code: (2, 8), tree.M.code: (0, 0)}

    detail = login("hr_a").get(tree.A.get_absolute_url()).content.decode()
    assert (shown(detail, "org-child-count"), shown(detail, "org-staff-count")) == (3, 7)
    assert org_children_rows(detail)[tree.A1.code] == (1, 5)
    detail = login("hr_a").get(c1.get_absolute_url()).content.decode()
    assert (shown(detail, "org-child-count"), shown(detail, "org-staff-count")) == (1, 2)

    home = login("hr_a").get("/").content.decode()
    assert (shown(home, "home-child-count"), shown(home, "home-staff-count")) == (3, 7)

    found = search_rows(login("hr_a").get(LIST, {"q": "H17"}).content.decode())
    assert found[tree.A1.code] == (1, 5)
    assert found[c1.code] == (1, 2)
    assert found[c2.code] == (0, 2)


def test_summary_counts_units_children_and_staff(tree, deep):
    summary = reports.organization_summary(tree.A)
    assert (summary["child_count"], summary["unit_count"], summary["staff_count"]) == (3, 5, 7)
    summary = reports.organization_summary(deep[1])
    assert (summary["child_count"], summary["unit_count"], summary["staff_count"]) == (0, 0, 2)


def test_codes_that_prefix_each_other_do_not_mix(login, tree):
    """ "/…/X1/" is not in the subtree of "/…/X/" although the string starts the same."""
    x = make_org("X", "Đơn vị X", OrgKind.PHONG, parent=tree.A2)
    x1 = make_org("X1", "Đơn vị X1", OrgKind.PHONG, parent=tree.A2)
    x_dash = make_org("X-1", "Đơn vị X-1", OrgKind.PHONG, parent=tree.A2)
    add_staff(x, 1)
    add_staff(x1, 2)
    add_staff(x_dash, 4)
    got = rows(login("hr_a").get(children_url(tree.A2)).content.decode())
    assert got == {x.code: (0, 1), x1.code: (0, 2), x_dash.code: (0, 4)}


def test_every_page_shows_the_numbers_it_showed_before(login, tree, staff):
    """A random tree of 40 more units with random staff: every number on every page equals the
    old per-row definition (COUNT(DISTINCT children), the correlated subtree subquery)."""
    rng = random.Random(17)
    units = [tree.A, tree.A1, tree.A2, tree.A3, tree.B]
    for i in range(40):
        unit = make_org(f"R.{i:02d}.H17", f"Đơn vị ngẫu nhiên {i}", OrgKind.PHONG, parent=rng.choice(units))
        units.append(unit)
        add_staff(unit, rng.randrange(4), rng.randrange(3))
    expected = old_counts()
    client = login("national")
    assert rows(client.get(LIST).content.decode()) == {tree.P.code: expected[tree.P.code], tree.M.code: (0, 0)}
    for org in Organization.objects.all():
        html = client.get(org.get_absolute_url()).content.decode()
        assert (shown(html, "org-child-count"), shown(html, "org-staff-count")) == expected[org.code], org.code
        children = rows(client.get(children_url(org)).content.decode())
        assert children == {c: expected[c] for c in org.children.values_list("code", flat=True)}, org.code
        assert org_children_rows(html) == children
    found = search_rows(client.get(LIST, {"q": "H17"}).content.decode())
    assert found and found == {code: expected[code] for code in found}
    home = login("hr_a").get("/").content.decode()
    assert (shown(home, "home-child-count"), shown(home, "home-staff-count")) == expected[tree.A.code]


# --------------------------------------------------------------------------- the registry API


def test_minimal_roots():
    assert registry.minimal_roots([]) == []
    assert registry.minimal_roots(["/P/A/", "/P/", "/P/A/1/", "/M/", "/P/"]) == ["/M/", "/P/"]
    assert registry.minimal_roots(["/P/A/", "/P/A1/", "/P/A-1/", "/P/A/B/"]) == ["/P/A-1/", "/P/A/", "/P/A1/"]


def test_roll_up_sums_the_paths_under_each_path():
    direct = {"/P/": 1, "/P/A/": 2, "/P/A/1/": 4, "/P/A1/": 8, "/P/A-1/": 16, "/M/": 32}
    assert registry.roll_up(direct, ["/P/", "/P/A/", "/P/A/1/", "/P/A1/", "/P/A-1/", "/M/", "/N/", "/P/B/"]) == {
        "/P/": 31,
        "/P/A/": 6,
        "/P/A/1/": 4,
        "/P/A1/": 8,
        "/P/A-1/": 16,
        "/M/": 32,
        "/N/": 0,
        "/P/B/": 0,
    }
    assert registry.roll_up({}, ["/P/"]) == {"/P/": 0}


def test_a_registered_counter_is_called_once_per_page_with_the_subtrees_shown(tree, people, monkeypatch):
    """Portal knows nothing of what a counter counts: it calls it once per page with the minimal
    roots of the rows shown (the parent for a list of children) and rolls its direct counts up
    by path."""
    calls = []

    def units(root_paths):  # one per organisation: the rolled-up count is the subtree's size
        calls.append(sorted(root_paths))
        return {p: 1 for p in Organization.objects.values_list("path", flat=True) if p.startswith(tuple(root_paths))}

    monkeypatch.setattr(registry, "org_counters", {"units_below": units})  # staff_count out of the way

    nodes = reports.children_of(tree.A)
    assert calls == [[tree.A.path]]  # one root for the children, not one per child
    assert {n.code: n.units_below for n in nodes} == {tree.A1.code: 1, tree.A2.code: 1, tree.A3.code: 1}

    calls.clear()
    roots = reports.tree_roots(people.national)
    assert calls == [sorted([tree.M.path, tree.P.path])]
    assert {n.code: n.units_below for n in roots} == {tree.P.code: 6, tree.M.code: 1}

    calls.clear()
    summary = reports.organization_summary(tree.A)
    nodes = reports.children_of(tree.A, summary)
    assert calls == [[tree.A.path]]  # the children were counted by the summary's call
    assert summary["units_below"] == 4
    assert {n.code: n.units_below for n in nodes} == {tree.A1.code: 1, tree.A2.code: 1, tree.A3.code: 1}

    calls.clear()
    found = reports.search(people.national, "phong")
    assert calls == [sorted([tree.A1.path, tree.A2.path])]
    assert {n.code: n.units_below for n in found} == {tree.A1.code: 1, tree.A2.code: 1}

    calls.clear()
    assert reports.tree_roots(people.nobody) == []
    assert reports.children_of(tree.A3) == []
    assert calls == []  # no rows, no count


def test_staffing_registers_direct_counts_of_working_staff(tree, deep):
    from staffing.reports import working_staff_by_path

    assert registry.org_counters["staff_count"] is working_staff_by_path
    c1, c2 = deep
    assert working_staff_by_path([tree.A1.path]) == {tree.A1.path: 3, c2.path: 2}
    assert working_staff_by_path([tree.A.path, tree.B.path]) == {
        tree.A.path: 2,
        tree.A1.path: 3,
        c2.path: 2,
        tree.B.path: 1,
    }
    assert working_staff_by_path([]) == {}


# --------------------------------------------------------------------------- query counts


def grow(parent, units, staff):
    """``units`` children under ``parent``, each with a child of its own, and ``staff`` working
    people (plus a retired one per 10) spread over all of them."""
    made = []
    for i in range(units):
        unit = make_org(f"G.{parent.code}.{i:02d}", f"Tổ {i}", OrgKind.PHONG, parent=parent)
        made += [unit, make_org(f"G.{parent.code}.{i:02d}.1", f"Nhóm {i}", OrgKind.PHONG, parent=unit)]
    for i, unit in enumerate(made):
        share = staff // len(made) + (1 if i < staff % len(made) else 0)
        add_staff(unit, share, share // 10)
    return made


SIZES = [(3, 10), (30, 300)]  # (units, staff)


@pytest.mark.parametrize(("units", "staff_n"), SIZES)
def test_home_query_count_is_constant(login, tree, django_assert_num_queries, units, staff_n):
    grow(tree.A2, units, staff_n)
    client = login("hr_a")
    # session, user, scope, home organisation, summary (units, working staff of the subtree),
    # memberships; the HR officer's panels: positions by description status, descriptions to
    # work on, records with missing data (one aggregate of the subtree's staff), latest imports;
    # session save (3 statements)
    with django_assert_num_queries(14):
        html = client.get("/").content.decode()
    assert shown(html, "home-staff-count") == 5 + staff_n


@pytest.mark.parametrize(("units", "staff_n"), SIZES)
def test_children_endpoint_query_count_is_constant_in_units_and_staff(
    login, tree, django_assert_num_queries, units, staff_n
):
    grow(tree.A2, units, staff_n)
    client = login("hr_a")
    # session, user, scope, the organisation, its children, their working staff; session save (3)
    with django_assert_num_queries(9):
        got = rows(client.get(children_url(tree.A2)).content.decode())
    assert len(got) == units and sum(s for _, s in got.values()) == staff_n


@pytest.mark.parametrize(("units", "staff_n"), SIZES)
def test_tree_page_query_count_is_constant_in_units_and_staff(login, tree, django_assert_num_queries, units, staff_n):
    grow(tree.A2, units, staff_n)
    client = login("national")
    # session, user, scope, the roots, their working staff, the menu's approvals waiting; session
    # save (3 statements)
    with django_assert_num_queries(9):
        got = rows(client.get(LIST).content.decode())
    assert got[tree.P.code] == (2, 6 + staff_n)


@pytest.mark.parametrize(("units", "staff_n"), SIZES)
def test_organisation_page_query_count_is_constant_in_units_and_staff(
    login, tree, django_assert_num_queries, units, staff_n
):
    grow(tree.A2, units, staff_n)
    client = login("admin_a")
    # session, user, scope, org, summary (2), children, the positions of its catalogue, ancestors,
    # predecessors, memberships, history, the menu's approvals waiting; session save (3 statements)
    with django_assert_num_queries(16):
        html = client.get(tree.A2.get_absolute_url()).content.decode()
    assert shown(html, "org-staff-count") == staff_n and len(org_children_rows(html)) == units


@pytest.mark.parametrize(("units", "staff_n"), SIZES)
def test_search_query_count_is_constant_in_units_and_staff(login, tree, django_assert_num_queries, units, staff_n):
    grow(tree.A2, units, staff_n)
    client = login("hr_a")
    # session, user, scope, the results, their working staff; session save (3 statements)
    with django_assert_num_queries(8):
        found = search_rows(client.get(LIST, {"q": "nhom"}).content.decode())
    assert len(found) == units


# --------------------------------------------------------------------------- growth


def staff_statements(queries):
    return [q["sql"] for q in queries if "staffing_staff" in q["sql"]]


@pytest.fixture
def big(tree):
    """A few thousand rows under A2: 12 units with 4 sub-units each (60 units), 3,000 working and
    300 retired people spread over them, and fresh planner statistics."""
    made = []
    for i in range(12):
        unit = make_org(f"BIG.{i:02d}", f"Trung tâm {i}", OrgKind.SNCL, parent=tree.A2)
        made.append(unit)
        made += [make_org(f"BIG.{i:02d}.{j}", f"Khoa {j}", OrgKind.PHONG, parent=unit) for j in range(4)]
    for unit in made:
        add_staff(unit, 50, 5)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE staffing_staff, portal_organization")
    return made


BIG_PAGES = [
    ("admin_a", lambda tree: "/"),
    ("admin_a", lambda tree: LIST),
    ("national", lambda tree: LIST),
    ("admin_a", lambda tree: tree.A2.get_absolute_url()),
    ("admin_a", lambda tree: children_url(tree.A2)),
    ("admin_a", lambda tree: children_url(tree.A)),
    ("admin_a", lambda tree: LIST + "?q=khoa"),
]


@pytest.mark.parametrize(("persona", "url"), BIG_PAGES)
def test_the_staff_table_is_read_by_one_statement_per_page(login, tree, big, persona, url):
    client = login(persona)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url(tree)).status_code == 200
    statements = staff_statements(ctx.captured_queries)
    assert len(statements) == 1, statements
    assert "GROUP BY" in statements[0].upper()


def test_the_hr_officers_home_reads_the_staff_table_twice_each_an_aggregate(login, tree, big):
    """The HR officer's home adds one figure set on the staff (issue 12: records lacking a rank,
    insurance years or last year's rating): one more aggregate, not one per unit or person."""
    client = login("hr_a")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    statements = staff_statements(ctx.captured_queries)
    assert len(statements) == 2, statements
    assert "GROUP BY" in statements[0].upper()  # the working staff per path (the org counter)
    assert statements[1].upper().startswith("SELECT COUNT(")  # the missing data: one row of counts


def explain(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    return json.loads(plan) if isinstance(plan, str) else plan


def staff_reads(plan):
    """(rows read from staffing_staff = Σ actual rows × loops of its scans, Σ loops, whether a
    scan of it sits in a SubPlan/InitPlan, i.e. runs per row of an outer query)."""
    found = {"rows": 0, "loops": 0, "in_subplan": False}

    def walk(node, in_subplan):
        in_subplan = in_subplan or node.get("Parent Relationship") in ("SubPlan", "InitPlan")
        # Every scan of the table names it (a Bitmap Index Scan does not: its Bitmap Heap Scan
        # above has the same rows).
        if node.get("Relation Name") == "staffing_staff":
            found["rows"] += node["Actual Rows"] * node["Actual Loops"]
            found["loops"] += node["Actual Loops"]
            found["in_subplan"] |= in_subplan
        for child in node.get("Plans", ()):
            walk(child, in_subplan)

    walk(plan[0]["Plan"], False)
    return found


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="EXPLAIN (ANALYZE, FORMAT JSON) is PostgreSQL's; run with DATABASE_URL=postgres://… for this part",
)
@pytest.mark.parametrize(("persona", "url"), [*BIG_PAGES, ("hr_a", lambda tree: "/")])
def test_each_staff_row_is_read_at_most_once_per_page(login, tree, big, persona, url):
    """The growth property on PostgreSQL: the plan of each page's statements reads staffing_staff
    outside any SubPlan, and at most once per staff row (Σ rows × loops ≤ the table's rows; an
    index scan's rows per loop are rounded, hence + loops): the time grows with the staff of the
    subtree shown, not with rows shown × that staff."""
    client = login(persona)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url(tree)).status_code == 200
    total = Staff.objects.count()
    for sql in staff_statements(ctx.captured_queries):
        reads = staff_reads(explain(sql))
        assert not reads["in_subplan"], sql
        assert 0 < reads["rows"] <= total + reads["loops"], (reads, total, sql)


def subplans(plan) -> list[str]:
    """The relations scanned inside a SubPlan or InitPlan (once per row of the outer query)."""
    found = []

    def walk(node, inside):
        inside = inside or node.get("Parent Relationship") in ("SubPlan", "InitPlan")
        if inside and node.get("Relation Name"):
            found.append(node["Relation Name"])
        for child in node.get("Plans", ()):
            walk(child, inside)

    walk(plan[0]["Plan"], False)
    return found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN (ANALYZE, FORMAT JSON) is PostgreSQL's")
def test_the_missing_data_counts_run_no_query_per_person(login, tree, big):
    """The HR officer's home counts the people without last year's rating with a join, not an
    EXISTS per person (inside an aggregate's FILTER PostgreSQL runs it once per row)."""
    client = login("hr_a")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    missing = [sql for sql in staff_statements(ctx.captured_queries) if "staffing_annualrecord" in sql]
    assert len(missing) == 1
    assert subplans(explain(missing[0])) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN (ANALYZE, FORMAT JSON) is PostgreSQL's")
def test_the_old_per_row_subquery_fails_the_growth_check(tree, big):
    """The control: the pages' old query reads the staff of each subtree once per joined child
    row (the organisation page of A2: 12 children → 12 × its 3,300 people, in a SubPlan)."""
    qs = Organization.objects.filter(pk=tree.A2.pk).annotate(
        child_count=Count("children", distinct=True), staff_count=old_staff_count()
    )
    sql, params = qs.query.sql_with_params()
    reads = staff_reads(explain(sql, params))
    assert reads["in_subplan"]
    assert reads["rows"] > 5 * Staff.objects.count()
