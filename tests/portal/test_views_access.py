"""The access matrix: every portal URL × every persona × own / other subtree.

Out-of-scope objects answer 404 (never 403, which would confirm they exist); role-restricted pages
answer 403; anonymous users are sent to the login page except for login, healthz and set_language.
"""

import pytest
from django.urls import reverse

from portal.models import Membership, Role
from tests.builders import NEW_PASSWORD, PERSONAS

ALL = ("anon", *PERSONAS)
LOGGED_IN = PERSONAS
ADMINS = ("national", "admin_a")


def expect(default, **by_persona):
    return {p: by_persona.get(p, default) for p in ALL}


def logged_in(default, anon=302, **by_persona):
    return expect(default, anon=anon, **by_persona)


def grant_post(org_attr):
    def data(t, people):
        return {
            "username": "new_officer",
            "full_name": "Ngô Thị Hoa",
            "password": NEW_PASSWORD,
            "role": Role.HR_OFFICER,
            "organization": getattr(t, org_attr).pk,
        }

    return data


def membership_of(username):
    def url(t, people):
        return reverse("portal:membership_delete", args=[Membership.objects.get(user__username=username).pk])

    return url


DETAIL, CHILDREN = "portal:organization_detail", "portal:organization_children"
CREATE = "portal:membership_create"


def org_url(name, attr):
    return lambda t, people: reverse(name, args=[getattr(t, attr).code])


def named(name):
    return lambda t, people: reverse(name)


# (id, method, url(tree, people), post data(tree, people) or None, expected status per persona)
CASES = [
    ("home", "get", named("portal:home"), None, logged_in(200)),
    ("org-list", "get", named("portal:organization_list"), None, logged_in(200)),
    ("org-detail-own-A1", "get", org_url(DETAIL, "A1"), None, logged_in(200, nobody=404, hr_b=404)),
    ("org-detail-other-B", "get", org_url(DETAIL, "B"), None, logged_in(404, national=200, hr_b=200)),
    ("org-detail-parent-P", "get", org_url(DETAIL, "P"), None, logged_in(404, national=200)),
    ("org-detail-unknown", "get", lambda t, people: reverse(DETAIL, args=["KHONG.CO"]), None, logged_in(404)),
    ("org-children-own-A", "get", org_url(CHILDREN, "A"), None, logged_in(200, nobody=404, hr_b=404)),
    ("org-children-other-B", "get", org_url(CHILDREN, "B"), None, logged_in(404, national=200, hr_b=200)),
    ("membership-list", "get", named("portal:membership_list"), None, logged_in(403, national=200, admin_a=200)),
    ("membership-create-get", "get", named(CREATE), None, logged_in(403, national=200, admin_a=200)),
    ("membership-create-own-A1", "post", named(CREATE), grant_post("A1"), logged_in(403, national=302, admin_a=302)),
    # admin_a: 200 = the form again, with an error (B is not among the choices)
    ("membership-create-other-B", "post", named(CREATE), grant_post("B"), logged_in(403, national=302, admin_a=200)),
    ("membership-delete-own-hr_a", "post", membership_of("hr_a"), None, logged_in(403, national=302, admin_a=302)),
    ("membership-delete-other-hr_b", "post", membership_of("hr_b"), None, logged_in(403, national=302, admin_a=404)),
    ("membership-delete-get", "get", membership_of("hr_a"), None, logged_in(405)),
    ("auditlog", "get", named("portal:auditlog_list"), None, logged_in(403, national=200, admin_a=200)),
    ("auditlog-export", "get", named("portal:auditlog_export"), None, logged_in(403, national=200)),
    ("password-change", "get", named("password_change"), None, logged_in(200)),
    ("logout", "post", named("logout"), None, logged_in(302)),
    ("logout-get", "get", named("logout"), None, logged_in(405)),
    ("password-reset-disabled", "get", lambda t, people: "/accounts/password_reset/", None, expect(404)),
    ("login", "get", named("login"), None, expect(200)),
    ("healthz", "get", named("portal:healthz"), None, expect(200)),
    ("set-language", "post", named("set_language"), lambda t, people: {"language": "en", "next": "/"}, expect(302)),
    ("django-admin", "get", named("admin:index"), None, expect(302, national=200, admin_a=200)),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize(("method", "url", "data", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_access_matrix(login, tree, people, persona, method, url, data, expected):
    client = login(None if persona == "anon" else persona)
    target = url(tree, people)
    payload = data(tree, people) if data else {}
    response = getattr(client, method)(target, payload)

    assert response.status_code == expected[persona], (persona, method, target)
    if response.status_code == 302 and persona == "anon" and "healthz" not in target and "setlang" not in target:
        login_url = reverse("admin:login") if target.startswith("/admin/") else reverse("login")
        assert response["Location"].startswith(login_url)
    if response.status_code == 302 and persona != "anon" and target == reverse("portal:membership_create"):
        assert response["Location"] == reverse("portal:membership_list")


@pytest.mark.parametrize("persona", ["hr_a", "manager_a", "admin_a"])
def test_out_of_scope_404_page_does_not_leak_the_name(login, tree, persona):
    response = login(persona).get(tree.B.get_absolute_url())
    assert response.status_code == 404
    assert tree.B.name not in response.content.decode()


def test_breadcrumbs_link_only_reachable_ancestors(login, tree):
    html = login("hr_a").get(tree.A1.get_absolute_url()).content.decode()
    assert tree.P.name in html  # shown as text …
    assert f'href="{tree.P.get_absolute_url()}"' not in html  # … but not a link out of scope
    assert f'href="{tree.A.get_absolute_url()}"' in html


def test_admin_menu_only_for_admins(login, tree):
    assert reverse("portal:membership_list") not in login("hr_a").get("/").content.decode()
    assert reverse("portal:membership_list") in login("admin_a").get("/").content.decode()
    # the audit log: national and organisation admins (each reads their own subtree's entries)
    assert reverse("portal:auditlog_list") not in login("hr_a").get("/").content.decode()
    assert reverse("portal:auditlog_list") in login("admin_a").get("/").content.decode()
    assert reverse("portal:auditlog_list") in login("national").get("/").content.decode()
