"""The report pages (/reports/): reachable from the menu by everyone with a role."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("user", ["national", "admin_a", "hr_a", "manager_a", "hr_b"])
def test_the_reports_index_opens_from_the_menu(login, user):
    client = login(user)
    page = client.get("/reports/")
    assert page.status_code == 200
    assert b'href="/reports/"' in client.get("/").content
