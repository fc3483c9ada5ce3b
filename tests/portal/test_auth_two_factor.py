"""Two-step sign-in (TOTP with django-otp) and recovery codes."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.builders import PASSWORD

WRONG = "Mã không đúng, đã hết hạn hoặc đã dùng."


def code(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def forgive(username):
    """Clear the devices' throttling (a wrong code delays the next try by 1, 2, 4 … seconds)."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user__username=username).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )


def sign_in(username, password=PASSWORD, client=None):
    client = client or Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


def enrol(client):
    """Enrol the signed-in user; return (device, recovery codes)."""
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    text = page.content.decode()
    assert device.config_url in text.replace("&amp;", "&")
    response = client.post(reverse("two_factor_setup"), {"code": code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


def test_without_a_device_nothing_changes(people):
    client, response = sign_in("hr_a")
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_wrong_code_delays_the_next_try(people):
    client, _ = sign_in("hr_a")
    device, _codes = enrol(client)
    client, _ = sign_in("hr_a")
    client.post(reverse("two_factor_verify"), {"code": "000000"})
    response = client.post(reverse("two_factor_verify"), {"code": code(device, drift=1)})
    assert WRONG in response.content.decode()


def test_the_whole_flow(people):
    client, _ = sign_in("hr_a")
    device, codes = enrol(client)
    assert client.get(reverse("portal:home")).status_code == 200  # this session is verified

    client, response = sign_in("hr_a")
    assert response.status_code == 302
    home = client.get(reverse("portal:home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("two_factor_verify"))
    page = client.get(home["Location"])
    assert "Đăng nhập hai bước" in page.content.decode()

    deep = client.get("/orgs/?q=a&page=2")
    assert deep["Location"] == reverse("two_factor_verify") + "?next=%2Forgs%2F%3Fq%3Da%26page%3D2"

    wrong = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert WRONG in wrong.content.decode()
    assert client.get(reverse("portal:home")).status_code == 302

    forgive("hr_a")
    response = client.post(reverse("two_factor_verify"), {"code": code(device, drift=1), "next": "/orgs/"})
    assert response.status_code == 302
    assert response["Location"] == "/orgs/"
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_recovery_code_works_once(people):
    client, _ = sign_in("hr_a")
    _device, codes = enrol(client)
    client, _ = sign_in("hr_a")
    response = client.post(reverse("two_factor_verify"), {"code": codes[0]}, follow=True)
    assert "còn 9 mã" in response.content.decode()
    assert client.get(reverse("portal:home")).status_code == 200
    assert StaticToken.objects.filter(token=codes[0]).count() == 0

    client, _ = sign_in("hr_a")
    again = client.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert WRONG in again.content.decode()
    assert client.get(reverse("portal:home")).status_code == 302


def test_the_django_admin_needs_the_code_too(people):
    client, _ = sign_in("admin_a")
    enrol(client)
    client, _ = sign_in("admin_a")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_wrong_confirmation_code_on_enrolment(people):
    client, _ = sign_in("hr_a")
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"code": "12"})
    assert WRONG in response.content.decode()
    assert not TOTPDevice.objects.filter(user__username="hr_a", confirmed=True).exists()


@pytest.mark.parametrize("persona", ["admin_a", "national"])
def test_an_admin_must_enrol_when_required(people, settings, persona):
    settings.VTVL_REQUIRE_2FA_FOR_ADMINS = True
    client, _ = sign_in(persona)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(reverse("two_factor_setup"))
    assert "Tài khoản quản trị phải bật đăng nhập hai bước" in page.content.decode()
    enrol(client)
    assert client.get(reverse("portal:home")).status_code == 200


def test_an_hr_officer_need_not_enrol(people, settings):
    settings.VTVL_REQUIRE_2FA_FOR_ADMINS = True
    client, _ = sign_in("hr_a")
    assert client.get(reverse("portal:home")).status_code == 200


def test_turning_it_off_needs_a_code(people):
    client, _ = sign_in("hr_a")
    device, codes = enrol(client)
    response = client.post(reverse("two_factor_disable"), {"code": "000000"})
    assert WRONG in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    forgive("hr_a")
    response = client.post(reverse("two_factor_disable"), {"code": codes[1]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user__username="hr_a").exists()
    client, _ = sign_in("hr_a")
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_required_admin_cannot_turn_it_off(people, settings):
    settings.VTVL_REQUIRE_2FA_FOR_ADMINS = True
    client, _ = sign_in("admin_a")
    _device, codes = enrol(client)
    assert "không thể tắt" in client.get(reverse("two_factor_setup")).content.decode()
    assert client.post(reverse("two_factor_disable"), {"code": codes[0]}).status_code == 404
    assert TOTPDevice.objects.filter(user__username="admin_a").exists()


def test_axes_still_counts_password_failures(people):
    client, _ = sign_in("hr_a")
    enrol(client)
    for _ in range(5):
        sign_in("hr_a", password="sai-mat-khau")
    _client, response = sign_in("hr_a")
    assert response.status_code == 429


def test_a_session_from_before_two_step_sign_in_is_checked_once(people):
    client, _ = sign_in("hr_a")
    enrol(client)
    old = Client()
    old.force_login(people.hr_a)
    session = old.session
    del session["vtvl_two_factor"]  # a session from before this feature has no decision
    session.save()
    response = old.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))
