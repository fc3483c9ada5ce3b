"""The staff pages' access: the matrix of every staff, assignment and quota URL for every persona
(anonymous users to the login page, other organisations 404, managers read-only), writes that
change nothing, the menu, escaping of names on every page, unknown people and codes with a slash."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.builders import make_assignment, make_position, make_quota, make_staff, make_staffing_world

pytestmark = pytest.mark.django_db

ALL = ("anon", "national", "admin_a", "hr_a", "manager_a", "hr_b", "nobody")


def expect(default, anon=302, **by_persona):
    return {p: by_persona.get(p, default) for p in ALL} | {"anon": anon}


VIEW_A = {"national": 200, "admin_a": 200, "hr_a": 200, "manager_a": 200}
EDIT_A = {"national": 200, "admin_a": 200, "hr_a": 200, "manager_a": 403}
VIEW_B = {"national": 200, "hr_b": 200}
GRANT_A = {"national": 200, "admin_a": 403, "hr_a": 403, "manager_a": 403}
EDIT_ANY = {"national": 200, "admin_a": 200, "hr_a": 200, "hr_b": 200, "manager_a": 403, "nobody": 403}


@pytest.fixture
def world(tree, by_name):
    """A position in A held by An, a position in B held by Hải, and quotas of A and B."""
    return make_staffing_world(tree, by_name)


def staff_url(name, who, *extra):
    return lambda by_name, w: reverse(
        name, args=[by_name[who].employee_code, *extra(w)] if extra else [by_name[who].employee_code]
    )


def end_url(who, asg):
    return lambda by_name, w: reverse("staffing:assignment_end", args=[by_name[who].employee_code, w[asg].pk])


def plain(name, *args):
    return lambda by_name, w: reverse(name, args=[w[a].pk for a in args])


CASES = [
    ("list", plain("staffing:staff_list"), expect(200)),
    ("detail-A", staff_url("staffing:staff_detail", "An"), expect(404, **VIEW_A)),
    ("detail-A1", staff_url("staffing:staff_detail", "Dung"), expect(404, **VIEW_A)),
    ("detail-B", staff_url("staffing:staff_detail", "Hải"), expect(404, **VIEW_B)),
    ("create", plain("staffing:staff_create"), expect(403, **EDIT_ANY)),
    ("edit-A", staff_url("staffing:staff_edit", "An"), expect(404, **EDIT_A)),
    ("edit-B", staff_url("staffing:staff_edit", "Hải"), expect(404, **VIEW_B)),
    ("records-A", staff_url("staffing:staff_records", "An"), expect(404, **EDIT_A)),
    ("records-B", staff_url("staffing:staff_records", "Hải"), expect(404, **VIEW_B)),
    ("assign-A", staff_url("staffing:assignment_create", "An"), expect(404, **EDIT_A)),
    ("assign-B", staff_url("staffing:assignment_create", "Hải"), expect(404, **VIEW_B)),
    ("end-A", end_url("An", "asg_a"), expect(404, **EDIT_A)),
    ("end-B", end_url("Hải", "asg_b"), expect(404, **VIEW_B)),
    ("end-other-persons-assignment", end_url("An", "asg_b"), expect(404, manager_a=403)),
    ("quotas", plain("staffing:quota_list"), expect(200)),
    ("quota-create", plain("staffing:quota_create"), expect(403, **EDIT_ANY)),
    # a unit's quota is granted by its parent (docs/rules.md §2): A's and B's officers read them only
    ("quota-edit-A", plain("staffing:quota_edit", "quota_a"), expect(404, **GRANT_A)),
    ("quota-edit-B", plain("staffing:quota_edit", "quota_b"), expect(404, national=200, hr_b=403)),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize(("case", "build", "expected"), CASES, ids=[c[0] for c in CASES])
def test_access_matrix(login, world, by_name, persona, case, build, expected):
    response = login(None if persona == "anon" else persona).get(build(by_name, world))
    assert response.status_code == expected[persona]
    if persona == "anon":
        assert response["Location"].startswith(reverse("login"))


WRITES = [
    ("create", plain("staffing:staff_create")),
    ("edit-A", staff_url("staffing:staff_edit", "An")),
    ("records-A", staff_url("staffing:staff_records", "An")),
    ("assign-A", staff_url("staffing:assignment_create", "An")),
    ("end-A", end_url("An", "asg_a")),
    ("quota-create", plain("staffing:quota_create")),
    ("quota-edit-A", plain("staffing:quota_edit", "quota_a")),
]


@pytest.mark.parametrize(("case", "build"), WRITES, ids=[w[0] for w in WRITES])
def test_managers_are_read_only_and_writes_change_nothing(login, world, by_name, case, build):
    before = LogEntry.objects.count()
    response = login("manager_a").post(build(by_name, world), {"full_name": "X", "end_date": "01/01/2026"})
    assert response.status_code == 403
    assert LogEntry.objects.count() == before


def test_other_organisations_writes_answer_404(login, world, by_name):
    client = login("hr_a")
    hai = by_name["Hải"]
    assert client.post(reverse("staffing:staff_edit", args=[hai.employee_code]), {"full_name": "X"}).status_code == 404
    assert client.post(reverse("staffing:quota_edit", args=[world["quota_b"].pk]), {"assigned": 1}).status_code == 404
    hai.refresh_from_db()
    assert hai.full_name == "Vũ Văn Hải"


def test_nav_links_to_the_staff_list_and_the_reports(login):
    client = login("hr_a")
    page = client.get(reverse("staffing:staff_list")).content.decode()
    assert f'href="{reverse("staffing:staff_list")}"' in page
    assert f'href="{reverse("reports:index")}"' in page
    assert client.get(reverse("reports:index")).status_code == 200


# --------------------------------------------------------------------------- escaping


def test_script_in_a_name_is_escaped_on_every_page(login, tree):
    evil = "<script>alert(1)</script>"
    person = make_staff(tree.A, f"{evil} Nguyễn", employee_code="XSS1")
    position = make_position(tree.A, "XSS", f"{evil} vị trí")
    asg = make_assignment(person, position)
    quota = make_quota(tree.A1, 5, number=f"{evil}/QĐ")  # hr_a grants A1's quota
    client = login("hr_a")
    urls = [
        reverse("staffing:staff_list"),
        reverse("staffing:staff_list") + "?q=" + evil,
        reverse("staffing:staff_detail", args=["XSS1"]),
        reverse("staffing:staff_edit", args=["XSS1"]),
        reverse("staffing:staff_records", args=["XSS1"]),
        reverse("staffing:assignment_create", args=["XSS1"]),
        reverse("staffing:assignment_end", args=["XSS1", asg.pk]),
        reverse("staffing:quota_list"),
        reverse("staffing:quota_edit", args=[quota.pk]),
        reverse("positions:position_detail", args=[position.pk]),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_unknown_person_is_404(login):
    assert login("hr_a").get(reverse("staffing:staff_detail", args=["KHONG-CO"])).status_code == 404


def test_codes_with_a_slash_have_pages(login, tree):
    make_staff(tree.A, "Người Có Gạch", employee_code="CB/2020/001")
    client = login("hr_a")
    url = reverse("staffing:staff_detail", args=["CB/2020/001"])
    assert url == "/staff/CB/2020/001/"
    assert client.get(url).status_code == 200
    assert client.get(reverse("staffing:staff_edit", args=["CB/2020/001"])).status_code == 200
    assert "Người Có Gạch" in client.get(reverse("staffing:staff_list")).content.decode()
