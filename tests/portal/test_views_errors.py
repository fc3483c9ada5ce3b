"""Error pages in Vietnamese, with the right status."""

from django.test import Client, RequestFactory
from django.urls import reverse

from portal import views


def test_404_page_is_vietnamese(login, tree):
    response = login("hr_a").get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu." in html
    assert "Trang có thể đã bị xoá, hoặc nằm ngoài phạm vi đơn vị của bạn." in html


def test_404_for_an_anonymous_user(db):
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_404_for_an_out_of_scope_organisation_is_the_same_page(login, tree):
    response = login("hr_a").get(tree.B.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu." in response.content.decode()


def test_403_page_is_vietnamese(login, tree):
    response = login("hr_a").get(reverse("portal:membership_list"))
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()


def test_500_handler_renders_the_500_page(db):
    response = views.error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống gặp sự cố khi xử lý yêu cầu." in html
    assert '<html lang="vi">' in html


def test_500_page_on_an_unhandled_error(login, tree, monkeypatch):
    def broken(org):
        raise RuntimeError("lỗi giả lập")

    monkeypatch.setattr("portal.reports.organization_summary", broken)
    client = login("hr_a")
    client.raise_request_exception = False
    response = client.get(tree.A.get_absolute_url())
    assert response.status_code == 500
    assert "Hệ thống gặp sự cố khi xử lý yêu cầu." in response.content.decode()
    assert "lỗi giả lập" not in response.content.decode()


def test_500_page_renders_when_the_database_is_down(db):
    """The usual cause of a 500: the page must not need the database (session, user, scope)."""
    from django.db import OperationalError
    from django.utils.functional import SimpleLazyObject

    def no_database():
        raise OperationalError("could not connect to server")

    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(no_database)
    response = views.error_500(request)
    assert response.status_code == 500
    assert "Hệ thống gặp sự cố khi xử lý yêu cầu." in response.content.decode()


def test_favicon_ico_redirects_to_the_icon_without_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
