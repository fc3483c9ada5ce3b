"""A NUL byte in a URL answers 404, never 500 (hardening issue item 9): PostgreSQL refuses NUL in
text, so a view that looked the code up failed. Run on PostgreSQL too (DATABASE_URL)."""

import pytest

pytestmark = pytest.mark.django_db

NUL_PATHS = [
    "/orgs/%00/",
    "/orgs/A%00/",
    "/staff/A%00B/",
    "/staff/A%00B/edit/",
    "/positions/org/%00/export.xlsx",
    "/%00",
    "/admin/staffing/staff/%00/change/",
]


@pytest.mark.parametrize("path", NUL_PATHS)
@pytest.mark.parametrize("persona", ["admin_a", "hr_a", None])
def test_a_nul_in_the_path_is_not_found(login, path, persona):
    response = login(persona, raise_request_exception=False).get(path)
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/staff/", "/orgs/", "/positions/", "/admin/staffing/staff/"])
@pytest.mark.parametrize("param", ["q", "sort", "page", "organization"])
def test_a_nul_in_a_query_parameter_gets_the_page(login, path, param):
    response = login("admin_a", raise_request_exception=False).get(path, {param: "A\x00B"})
    # the admin answers an unknown filter with its own redirect to ?e=1
    assert response.status_code == 200 or (path.startswith("/admin/") and response.status_code == 302)
