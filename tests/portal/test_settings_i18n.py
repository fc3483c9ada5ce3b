"""Languages (Vietnamese first, English second) and dd/mm/yyyy dates."""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.builders import PASSWORD


def switch_to(client, language):
    response = client.post(reverse("set_language"), {"language": language, "next": reverse("login")})
    assert response.status_code == 302
    return response


def test_vietnamese_is_the_default(db):
    assert settings.LANGUAGE_CODE == "vi"
    html = Client().get(reverse("login")).content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html


def test_switching_to_english_sets_the_page_language(db):
    client = Client()
    switch_to(client, "en")
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert 'value="en" class="btn btn-sm btn-light' in html  # the EN button is marked current


def test_english_login_page(db):
    client = Client()
    switch_to(client, "en")
    html = client.get(reverse("login")).content.decode()
    assert "Log in" in html
    assert "Đăng nhập" not in html


def test_switching_back_to_vietnamese(db):
    client = Client()
    switch_to(client, "en")
    switch_to(client, "vi")
    assert '<html lang="vi">' in client.get(reverse("login")).content.decode()


def test_language_choice_survives_login(people):
    client = Client()
    switch_to(client, "en")
    client.post(reverse("login"), {"username": "hr_a", "password": PASSWORD})
    assert '<html lang="en">' in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_render_day_month_year(language):
    template = Template('{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d }}|{{ t|date:"SHORT_DATETIME_FORMAT" }}')
    context = Context({"d": datetime.date(2026, 3, 5), "t": datetime.datetime(2026, 3, 5, 14, 7)})
    with translation.override(language):
        assert template.render(context) == "05/03/2026|05/03/2026|05/03/2026 14:07"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_date_inputs_accept_day_month_year(language):
    class F(forms.Form):
        d = forms.DateField()

    with translation.override(language):
        form = F({"d": "05/03/2026"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["d"] == datetime.date(2026, 3, 5)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_organisation_page_shows_dates_day_month_year(login, tree, language):
    tree.A2.valid_from = datetime.date(2025, 7, 1)
    tree.A2.save()
    client = login("hr_a")
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    html = client.get(tree.A2.get_absolute_url()).content.decode()
    assert f'<html lang="{language}">' in html
    assert "01/07/2025" in html


def test_time_zone_is_vietnam():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ
