"""Vietnamese order (portal.text.vi_sort_key, portal.collation): the pure key, the collation "vi"
on the database the tests run on (SQLite: registered per connection; PostgreSQL: the ICU collation
of migration 0007) giving the same order, and the lists that sort names with it: the organisation
tree, its search results and children, the drop-downs, the staff list, framework positions."""

import csv
import html
import random
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse

from portal.collation import in_tree_order, vi_order
from portal.models import Organization, OrgKind
from portal.text import vi_sort_key
from tests.builders import make_org, make_position

ADMIN_UNITS = Path(__file__).resolve().parents[2] / "portal" / "data" / "vn_admin_units_2025.csv"

# The issue's examples, each pair in Vietnamese order (code-point order had them the other way).
ISSUE_PAIRS = [
    ("Xã Hải Lạng", "Xã Hoành Mô"),
    ("Xã Điền Xá", "Xã Thống Nhất"),
    ("Sở Nội vụ", "Sở Nông nghiệp và Môi trường"),
]

# Written by hand in Vietnamese order: letters first (a ă â b c d đ e ê … o ô ơ … u ư …), word by
# word (a space before any letter), digits before letters and one by one (10 before 2), then tones
# (none, huyền, hỏi, ngã, sắc, nặng), then case (lower case first).
EXPECTED = [
    "Phường 1",
    "Phường 10",
    "Phường 2",
    "Phường An Sinh",
    "Phường Hà An",
    "Phường Hạ Long",  # the letters decide before the tones: "ha l" < "ha t"
    "Phường Hà Tu",
    "Phường Hồng Gai",
    "Phường Móng Cái 1",
    "Phường Mông Dương",
    "Sở Công Thương",
    "Sở Nội vụ",
    "Sở Nông nghiệp và Môi trường",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Trường Mầm non Ánh Dương",
    "Trường Mầm non Ban Mai",
    "xã Ba Chẽ",
    "Xã Ba Chẽ",
    "Xã Bà Nà",
    "Xã Bắc Sơn",
    "Xã Cái Chiên",
    "Xã Dương Hòa",
    "Xã Đầm Hà",
    "Xã Điền Xá",
    "Xã Hải Lạng",
    "Xã Hải Ninh",
    "Xã Hoành Mô",
    "Xã Ô Chợ Dừa",
    "Xã Ông Văn",
    "Xã Ơn Tôm",
    "Xã Quảng Hà",
    "Xã Thống Nhất",
    "Xã Ửng Hòa",
    "Xã Ứng Hòa",
    "Xã Vạn Ninh",
    "Xã Yên Than",
]
TONES = ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ", "Hă", "Hâ", "He"]


def shuffled(values, seed=12):
    values = list(values)
    random.Random(seed).shuffle(values)
    return values


def db_sorted(values) -> list[str]:
    """``values`` ordered by the database's collation "vi" (one query, no table)."""
    rows = ", ".join(["(%s)"] * len(values))
    sql = f'SELECT column1 FROM (VALUES {rows}) AS t ORDER BY column1 COLLATE "vi"'  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, list(values))
        return [row[0] for row in cursor.fetchall()]


def tricky_names(n=3000, seed=7) -> list[str]:
    """Names made of every Vietnamese letter and tone in both cases, digits, spaces and the
    punctuation of names: where two orders would part, they do."""
    letters = [
        unicodedata.normalize("NFC", letter + tone)
        for letter in "aăâbcdđeêghiklmnoôơpqrstuưvxy"
        for tone in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
    ]
    alphabet = [ch for ch in letters if len(ch) == 1]
    alphabet += [ch.upper() for ch in alphabet] + list(" 0123456789,.-–()/'\"&")
    rng = random.Random(seed)
    return sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10))) for _ in range(n)})


# --------------------------------------------------------------------------- the pure key


@pytest.mark.parametrize(("first", "second"), ISSUE_PAIRS)
def test_issue_examples(first, second):
    assert sorted([second, first], key=vi_sort_key) == [first, second]
    assert sorted([second, first]) == [second, first]  # code points: the order the issue saw


def test_hand_made_list():
    assert sorted(shuffled(EXPECTED), key=vi_sort_key) == EXPECTED


def test_tones_after_letters():
    assert sorted(shuffled(TONES), key=vi_sort_key) == TONES


def test_decomposed_text_sorts_as_composed():
    nfd = unicodedata.normalize("NFD", "Xã Điền Xá")
    assert vi_sort_key(nfd) == vi_sort_key("Xã Điền Xá")


def test_in_tree_order_puts_subtrees_under_their_parent_siblings_by_kind_and_name():
    def org(code, name, kind, parent=""):
        return SimpleNamespace(code=code, name=name, kind=kind, path=f"{parent}/{code}/".replace("//", "/"))

    p = org("P", "Tỉnh Quảng Ninh", OrgKind.TINH)
    xa1 = org("X1", "Xã Hoành Mô", OrgKind.XA, p.path)
    xa2 = org("X2", "Xã Hải Lạng", OrgKind.XA, p.path)
    so1 = org("S1", "Sở Nông nghiệp và Môi trường", OrgKind.SO, p.path)
    so2 = org("S2", "Sở Nội vụ", OrgKind.SO, p.path)
    phong = org("S2P", "Văn phòng Sở", OrgKind.PHONG, so2.path)
    other_root = org("B", "Bộ Nội vụ", OrgKind.BO)
    found = in_tree_order(shuffled([xa1, xa2, so1, so2, phong, p, other_root]))
    assert [o.code for o in found] == ["B", "P", "S2", "S2P", "S1", "X2", "X1"]
    # A list without the root (a scope of two departments) keeps each subtree together.
    assert [o.code for o in in_tree_order([phong, so1, so2])] == ["S2", "S2P", "S1"]


# --------------------------------------------------------------------------- the database


@pytest.mark.django_db
def test_database_collation_gives_the_hand_made_order():
    assert db_sorted(shuffled(EXPECTED)) == EXPECTED
    assert db_sorted(shuffled(TONES)) == TONES


@pytest.mark.django_db
def test_database_collation_is_the_python_key_for_every_commune_name():
    """The names of the 3,321 units of the 2025 list and 3,000 made-up names: the database's
    order is the Python key's order (on PostgreSQL this checks ICU's "vi" against vi_sort_key)."""
    with ADMIN_UNITS.open(encoding="utf-8") as f:
        names = sorted({row["unit_full_name"] for row in csv.DictReader(f)})
    assert len(names) > 2900  # names repeat from one province to another
    for values in (names, tricky_names()):
        assert db_sorted(shuffled(values)) == sorted(values, key=vi_sort_key)


@pytest.mark.django_db
def test_vi_order_in_a_queryset(tree):
    for i, name in enumerate(shuffled(EXPECTED)):
        make_org(f"T.{i:03d}", name, OrgKind.XA, parent=tree.M)
    found = Organization.objects.filter(parent=tree.M).order_by(vi_order("name"))
    assert [o.name for o in found] == EXPECTED
    descending = Organization.objects.filter(parent=tree.M).order_by(vi_order("name").desc())
    assert [o.name for o in descending] == EXPECTED[::-1]


# --------------------------------------------------------------------------- the pages


@pytest.fixture
def communes(tree):
    """Communes of P in code order, i.e. not in name order (the issue's examples)."""
    names = ["Xã Thống Nhất", "Xã Hoành Mô", "Xã Điền Xá", "Xã Hải Lạng", "Đặc khu Vân Đồn", "Phường Hà Tu"]
    return [make_org(f"000.00.{51 + i}.T22", name, OrgKind.XA, parent=tree.P) for i, name in enumerate(names)]


IN_ORDER = ["Đặc khu Vân Đồn", "Phường Hà Tu", "Xã Điền Xá", "Xã Hải Lạng", "Xã Hoành Mô", "Xã Thống Nhất"]


def test_children_on_the_organisation_page_and_the_tree(login, tree, communes):
    client = login("national")
    rows = client.get(reverse("portal:organization_detail", args=[tree.P.code])).context["children"]
    children = [row["org"] for row in rows]  # the hub's table: each unit with its figures
    assert [o.name for o in children if o.kind == OrgKind.XA] == IN_ORDER
    rows = client.get(reverse("portal:organization_children", args=[tree.P.code])).context["nodes"]
    assert [o.name for o in rows if o.kind == OrgKind.XA] == IN_ORDER
    departments = [o.name for o in children if o.kind == OrgKind.SO]
    assert departments == ["Sở Nội vụ", "Sở Tài chính"]  # siblings by kind, then name


def test_search_results(login, tree, communes):
    results = login("national").get(reverse("portal:organization_list"), {"q": "xa"}).context["results"]
    assert [o.name for o in results] == ["Xã Điền Xá", "Xã Hải Lạng", "Xã Hoành Mô", "Xã Thống Nhất"]


def test_tree_roots(login, tree):
    make_org("000.00.00.Z99", "Bộ Ngoại giao", OrgKind.BO)
    roots = login("national").get(reverse("portal:organization_list")).context["roots"]
    assert [o.name for o in roots if o.kind == OrgKind.BO] == ["Bộ Ngoại giao", "Bộ Nội vụ"]


def options(page: str, select_id: str) -> list[str]:
    """The labels of a drop-down, indentation kept (one em space per level)."""
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [html.unescape(o).strip("\n ") for o in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]


TREE_IN_ORDER = [
    "Bộ Nội vụ",  # roots: a ministry (BO) before a province (TINH)
    "Thành phố Đà Nẵng",
    "\u2003Sở Nội vụ",
    "\u2003\u2003Phòng Tổ chức, biên chế",  # A's divisions (PHONG) before its ward (XA)
    "\u2003\u2003Văn phòng Sở",
    "\u2003\u2003Phường Hải Châu",
    "\u2003Sở Tài chính",
    *(f"\u2003{name}" for name in IN_ORDER),
]


@pytest.mark.parametrize(
    ("url", "select_id", "empty"),
    [
        ("staffing:staff_list", "id_organization", "Tất cả"),
        ("staffing:staff_create", "id_organization", "— chọn —"),
        ("portal:membership_create", "id_organization", "— chọn —"),
        ("imports:export", "id_organization", "Toàn cổng"),  # a national admin may export everything
    ],
)
def test_drop_downs_list_the_tree_with_siblings_in_vietnamese_order(login, tree, communes, url, select_id, empty):
    found = options(login("national").get(reverse(url)).content.decode(), select_id)
    if url == "imports:export":  # the scope of an export: each name followed by its code
        found = [label.rsplit(" (", 1)[0] for label in found]
    assert found == [empty, *TREE_IN_ORDER]


@pytest.mark.parametrize("url", ["reports:streamlining", "reports:retirement"])
def test_report_organisation_pickers_list_the_tree_in_order(login, tree, communes, url):
    select_id = {"reports:streamlining": "sl-org", "reports:retirement": "rf-org"}[url]
    found = options(login("national").get(reverse(url)).content.decode(), select_id)
    assert [label.rsplit(" (", 1)[0] for label in found] == [label.strip("\u2003") for label in TREE_IN_ORDER]


def test_position_search_offers_the_organisations_with_positions_in_order(login, tree, communes):
    for org in (communes[1], communes[3], tree.B):  # Xã Hoành Mô, Xã Hải Lạng, Sở Tài chính
        make_position(org, "VT01", "Văn thư")
    found = options(login("national").get(reverse("positions:position_list")).content.decode(), "id_organization")
    assert found == ["Tất cả", "Sở Tài chính", "Xã Hải Lạng", "Xã Hoành Mô"]
