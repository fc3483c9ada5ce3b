"""Login throttling per address (password spraying) besides per username+address."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.builders import PASSWORD

LOCKED = "Tài khoản tạm thời bị khoá đăng nhập"


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def spray(address="10.0.0.1"):
    """One failure for each of AXES_ADDRESS_FAILURE_LIMIT different usernames from one address."""
    client = Client()
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    responses = [attempt(client, f"nguoi-{n}", "sai-mat-khau", address) for n in range(limit)]
    return client, responses


def test_the_address_limit_is_well_above_the_username_limit():
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 30
    assert settings.AXES_FAILURE_LIMIT == 5


def test_spraying_many_usernames_from_one_address_locks_the_address(people):
    client, responses = spray()
    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_ADDRESS_FAILURE_LIMIT - 1)
    assert LOCKED in responses[-1].content.decode()
    # a real user from that address, with the right password, is refused too: the page is Vietnamese
    response = attempt(Client(), "hr_a", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert 'lang="vi"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_address_still_logs_in(people):
    spray()
    client = Client()
    assert attempt(client, "hr_a", PASSWORD, address="10.0.0.2").status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_few_failures_of_different_users_in_one_office_do_not_lock_it(people):
    client = Client()
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 2):
        assert attempt(client, f"nguoi-{n}", "sai-mat-khau").status_code == 200
    assert attempt(Client(), "hr_a", PASSWORD).status_code == 302


def test_a_success_does_not_clear_the_address_count(people):
    """A sprayer with an account of their own cannot reset the address count by logging in."""
    client = Client()
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        attempt(client, f"nguoi-{n}", "sai-mat-khau")
    assert attempt(Client(), "hr_b", PASSWORD).status_code == 302
    assert LOCKED in attempt(Client(), "nguoi-x", "sai-mat-khau").content.decode()
    assert attempt(Client(), "hr_a", PASSWORD).status_code == 429


def test_the_username_limit_still_applies_below_the_address_limit(people):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "hr_a", "sai-mat-khau").status_code == 200
    assert LOCKED in attempt(client, "hr_a", "sai-mat-khau").content.decode()
    assert attempt(Client(), "hr_a", PASSWORD).status_code == 429
    assert attempt(Client(), "hr_b", PASSWORD).status_code == 302
