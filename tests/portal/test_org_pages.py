"""The organisation tree page, its children endpoint, the organisation page and search."""

import re
import unicodedata

import pytest
from django.urls import reverse

from portal.models import OrgKind
from tests.builders import make_org, make_staff, org_children_rows

LIST = reverse("portal:organization_list")


def children_url(org):
    return reverse("portal:organization_children", args=[org.code])


def rows(html):
    """(code, name, child count, staff count) of each tree row, as the page shows them."""
    found = []
    for item in re.findall(r'<li class="org-node".*?</li>', html, flags=re.S):
        code = re.search(r'data-code="([^"]+)"', item).group(1)
        name = re.search(r'class="flex-grow-1 org-name"[^>]*>([^<]+)</a>', item).group(1)
        counts = [int(n) for n in re.findall(r'<span class="org-count"[^>]*>(\d+)</span>', item)]
        found.append((code, name, *counts))
    return found


def test_hr_a_tree_starts_at_org_a(login, tree, staff):
    response = login("hr_a").get(LIST)
    assert [r[0] for r in rows(response.content.decode())] == [tree.A.code]
    # A: 3 child units, 5 working staff in its subtree (2 in A + 3 in A1; the retired one is not counted)
    assert rows(response.content.decode()) == [(tree.A.code, "Sở Nội vụ", 3, 5)]


def test_national_tree_starts_at_the_roots(login, tree, staff):
    got = {r[0]: r[2:] for r in rows(login("national").get(LIST).content.decode())}
    assert got == {tree.P.code: (2, 6), tree.M.code: (0, 0)}


def test_user_without_role_gets_an_empty_tree(login, tree):
    response = login("nobody").get(LIST)
    assert rows(response.content.decode()) == []
    assert "Bạn chưa được phân quyền tại đơn vị nào." in response.content.decode()


def test_children_endpoint_lists_divisions_with_counts(login, tree, staff):
    make_org("000.01.01.01.H17", "Tổ tiếp nhận", OrgKind.PHONG, parent=tree.A1)
    html = login("hr_a").get(children_url(tree.A)).content.decode()
    got = {r[0]: r[1:] for r in rows(html)}
    assert got == {
        tree.A1.code: ("Phòng Tổ chức, biên chế", 1, 3),
        tree.A2.code: ("Văn phòng Sở", 0, 0),
        tree.A3.code: ("Phường Hải Châu", 0, 0),
    }
    # Only a node with children gets an expand button that loads its own children.
    assert f'hx-get="{children_url(tree.A1)}"' in html
    assert f'hx-get="{children_url(tree.A2)}"' not in html


def test_staff_count_covers_the_subtree_and_only_working_staff(login, tree, staff):
    deep = make_org("000.01.01.01.H17", "Tổ tiếp nhận", OrgKind.PHONG, parent=tree.A1)
    make_staff(deep, "Bùi Văn Khoa")
    make_staff(deep, "Đỗ Thị Lan", status="TV")
    got = {r[0]: r[3] for r in rows(login("hr_a").get(children_url(tree.A)).content.decode())}
    assert got[tree.A1.code] == 4
    detail = login("hr_a").get(tree.A.get_absolute_url()).content.decode()
    assert re.search(r'id="org-staff-count">6<', detail)
    assert re.search(r'id="org-child-count">3<', detail)


def test_home_shows_the_users_organisation(login, tree, staff):
    html = login("hr_a").get("/").content.decode()
    assert tree.A.name in html
    assert re.search(r'id="home-staff-count">5<', html)
    assert re.search(r'id="home-child-count">3<', html)


@pytest.mark.parametrize("n", [3, 30])
def test_children_endpoint_query_count_is_constant(login, tree, django_assert_num_queries, n):
    for i in range(n):
        unit = make_org(f"000.{i:02d}.02.01.H17", f"Tổ {i}", OrgKind.PHONG, parent=tree.A2)
        make_staff(unit, f"Người số {i}")
    client = login("hr_a")
    # session, user, scope, the organisation, its children with their child counts, the working
    # staff of their subtrees (one aggregate); session save (3 statements)
    with django_assert_num_queries(9):
        response = client.get(children_url(tree.A2))
    assert len(rows(response.content.decode())) == n


@pytest.mark.parametrize("n", [3, 30])
def test_tree_page_query_count_is_constant(login, tree, django_assert_num_queries, n):
    for i in range(n):
        root = make_org(f"R{i:03d}", f"Bộ số {i}", OrgKind.BO)
        make_org(f"R{i:03d}.1", f"Vụ số {i}", OrgKind.PHONG, parent=root)
    client = login("national")
    # session, user, scope, the roots with their child counts, the working staff of their subtrees
    # (one aggregate), the menu's approvals waiting; session save (3 statements)
    with django_assert_num_queries(9):
        response = client.get(LIST)
    assert len(rows(response.content.decode())) == n + 2  # + P and M


@pytest.mark.parametrize("n", [3, 30])
def test_organisation_page_query_count_is_constant(login, tree, django_assert_num_queries, n):
    for i in range(n):
        make_org(f"000.{i:02d}.02.01.H17", f"Tổ {i}", OrgKind.PHONG, parent=tree.A2)
    client = login("admin_a")
    # session, user, scope, org, summary (units, working staff of the subtree), children (counted
    # by the summary's aggregate), the positions of its catalogue, ancestors, predecessors,
    # memberships, history, the menu's approvals waiting; session save (3)
    with django_assert_num_queries(16):
        response = client.get(tree.A2.get_absolute_url())
    assert len(org_children_rows(response.content.decode())) == n


# --------------------------------------------------------------------------- search


def search(client, q):
    response = client.get(LIST, {"q": q})
    assert response.status_code == 200
    return {node.code for node in response.context["results"]}


@pytest.mark.parametrize("q", ["so noi vu", "Sở Nội vụ", "SO NOI VU", "sở nội vụ", "noi vu", "SNV"])
def test_search_folds_diacritics(login, tree, q):
    assert tree.A.code in search(login("national"), q)


@pytest.mark.parametrize("q", ["DA NANG", "đà nẵng", "da nang", "Đà Nẵng", "ĐÀ NẴNG", "Da  Nang "])
def test_search_folds_d_with_stroke(login, tree, q):
    assert search(login("national"), q) == {tree.P.code}


def test_nfd_query_finds_nfc_data(login, tree):
    q = unicodedata.normalize("NFD", "Phường Hải Châu")
    assert q != "Phường Hải Châu"
    assert search(login("national"), q) == {tree.A3.code}


def test_nfd_data_is_found_by_nfc_query(login, tree):
    org = make_org("000.04.01.H17", unicodedata.normalize("NFD", "Phòng Quản lý công chức"), parent=tree.A)
    assert search(login("hr_a"), "Phòng Quản lý công chức") == {org.code}
    assert search(login("hr_a"), "quan ly cong chuc") == {org.code}


def test_search_by_code(login, tree):
    assert search(login("national"), tree.A1.code) == {tree.A1.code}
    assert search(login("national"), "000.01.01") == {tree.A1.code}  # its start
    assert search(login("national"), "h17") == {o.code for o in (tree.P, tree.A, tree.B, tree.A1, tree.A2, tree.A3)}
    assert search(login("national"), "G12") == {tree.M.code}  # its end, the distinctive part
    assert search(login("national"), "G１２") == {tree.M.code}  # fullwidth digits


def test_search_is_scoped(login, tree):
    assert search(login("hr_a"), "phong") == {tree.A1.code, tree.A2.code}
    assert search(login("hr_b"), "phong") == set()  # A's divisions are out of B's reach
    assert search(login("hr_b"), "so") == {tree.B.code}
    assert search(login("hr_b"), tree.A1.code) == set()
    page = login("hr_b").get(LIST, {"q": "phong"}).content.decode()
    assert tree.A1.name not in page
    assert "Không tìm thấy đơn vị nào trong phạm vi của bạn." in page


@pytest.mark.parametrize("q", ["to chuc bien che", "bien che to chuc", "Tổ chức, biên chế"])
def test_search_matches_words_across_punctuation(login, tree, q):
    assert search(login("hr_a"), q) == {tree.A1.code}


def test_search_results_show_counts(login, tree, staff):
    html = login("hr_a").get(LIST, {"q": "to chuc bien che"}).content.decode()
    assert re.search(r'<code>000\.01\.01\.H17</code></td><td class="text-end">0</td><td class="text-end">3</td>', html)


def test_home_without_a_role_says_so(login, tree):
    html = login("nobody").get("/").content.decode()
    assert "Tài khoản của bạn chưa được phân quyền tại đơn vị nào." in html


def test_home_of_the_national_admin(login, tree):
    html = login("national").get("/").content.decode()
    assert "Bạn là quản trị toàn quốc" in html
    assert "toàn quốc" in html


def test_home_lists_every_role(login, tree, people):
    from portal.models import Role
    from tests.builders import add_role

    add_role(people.hr_a, Role.MANAGER, tree.M)
    html = login("hr_a").get("/").content.decode()
    assert "Cán bộ tổ chức" in html and "Lãnh đạo (xem báo cáo)" in html
    assert tree.A.name in html and tree.M.name in html
