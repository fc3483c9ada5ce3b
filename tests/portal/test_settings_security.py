"""Security baseline: CSP and headers, CSRF, login throttling (and the client address it counts),
sessions, production settings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from portal.models import Role
from tests.builders import PASSWORD

BASE_DIR = Path(__file__).resolve().parents[2]


# page -> (persona, url(tree))
PAGES = {
    "login": (None, lambda t: reverse("login")),
    "home": ("hr_a", lambda t: reverse("portal:home")),
    "org-list": ("hr_a", lambda t: reverse("portal:organization_list")),
    "org-search": ("hr_a", lambda t: reverse("portal:organization_list") + "?q=phong"),
    "org-detail": ("admin_a", lambda t: t.A.get_absolute_url()),
    "org-children": ("hr_a", lambda t: reverse("portal:organization_children", args=[t.A.code])),
    "memberships": ("admin_a", lambda t: reverse("portal:membership_list")),
    "membership-form": ("admin_a", lambda t: reverse("portal:membership_create")),
    "auditlog": ("national", lambda t: reverse("portal:auditlog_list")),
    "auditlog-org-admin": ("admin_a", lambda t: reverse("portal:auditlog_list") + "?org=" + t.A1.code),
    "password-change": ("hr_a", lambda t: reverse("password_change")),
    "404": ("hr_a", lambda t: "/khong-co-trang-nay/"),
    "403": ("hr_a", lambda t: reverse("portal:membership_list")),
    "admin": ("admin_a", lambda t: reverse("admin:portal_organization_changelist")),
    "healthz": (None, lambda t: reverse("portal:healthz")),
}
PAGE_NAMES = list(PAGES)
STATUS = {"404": 404, "403": 403}  # every other page: 200


def get_page(login, tree, page):
    persona, url = PAGES[page]
    return login(persona).get(url(tree))


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_every_page_sends_a_strict_csp_and_frame_headers(login, tree, page):
    response = get_page(login, tree, page)
    assert response.status_code == STATUS.get(page, 200)
    csp = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("page", [p for p in PAGE_NAMES if p not in ("admin", "healthz")])
def test_portal_pages_have_no_inline_script_style_or_handlers(login, tree, page):
    """The CSP would block them in the browser, so the page would silently break."""
    response = get_page(login, tree, page)
    assert response.status_code == STATUS.get(page, 200)
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"\sstyle\s*=", html), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert "javascript:" not in html


# --------------------------------------------------------------------------- CSRF


@pytest.mark.parametrize(
    ("persona", "url", "data"),
    [
        ("admin_a", "portal:membership_create", {"username": "x", "role": Role.HR_OFFICER}),
        ("hr_a", "logout", {}),
        ("hr_a", "password_change", {}),
        (None, "login", {"username": "hr_a", "password": PASSWORD}),
        (None, "set_language", {"language": "en"}),
    ],
)
def test_posts_without_a_csrf_token_are_refused(people, persona, url, data):
    client = Client(enforce_csrf_checks=True)
    if persona:
        client.force_login(getattr(people, persona))
    response = client.post(reverse(url), data)
    assert response.status_code == 403


def test_post_with_the_csrf_token_is_accepted(people):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("login"), {"username": "hr_a", "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_membership_delete_without_token_keeps_the_membership(people):
    from portal.models import Membership

    client = Client(enforce_csrf_checks=True)
    client.force_login(people.admin_a)
    membership = Membership.objects.get(user=people.hr_a)
    assert client.post(reverse("portal:membership_delete", args=[membership.pk])).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


# --------------------------------------------------------------------------- login throttling


def attempt(client, password, username="hr_a"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_works(people):
    client = Client()
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200


def test_wrong_password_shows_an_error(people):
    response = attempt(Client(), "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_five_failures_lock_the_username_even_with_the_right_password(people):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "sai-mat-khau").status_code == 200
    locked = attempt(client, "sai-mat-khau")  # the 5th failure locks
    assert "Tài khoản tạm thời bị khoá đăng nhập" in locked.content.decode()
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "Tài khoản tạm thời bị khoá đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # another username from the same address is not locked
    assert attempt(Client(), PASSWORD, username="hr_b").status_code == 302


def test_a_success_before_the_limit_resets_the_count(people):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "sai-mat-khau")
    assert attempt(client, PASSWORD).status_code == 302
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "sai-mat-khau").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302


# Login throttling counts the real client address: a client cannot dodge (or aim) a lockout by
# sending its own X-Forwarded-For; behind N proxies the address the last proxy saw counts.


def test_without_proxy_forwarded_for_is_ignored():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.5")
    assert get_client_ip_address(request) == "10.0.0.5"


@override_settings(AXES_IPWARE_PROXY_COUNT=1, AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"])
def test_behind_one_proxy_the_address_it_appended_counts():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.5")
    assert get_client_ip_address(request) == "203.0.113.9"


# --------------------------------------------------------------------------- sessions


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"  # stateless web processes


def test_session_cookie_ends_with_the_browser(people):
    client = Client()
    response = attempt(client, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_logout_ends_the_session(people):
    client = Client()
    attempt(client, PASSWORD)
    assert client.post(reverse("logout")).status_code == 302
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --------------------------------------------------------------------------- production settings


def start_django(args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AXES_"))}
    env.pop("DATABASE_URL", None)
    env.update(env_overrides)
    return subprocess.Popen(  # noqa: S603
        [sys.executable, *args], cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "x.example",
    "DJANGO_HSTS": "1",
}
SHOW_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
    "s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS]))"
)


@pytest.fixture(scope="module")
def production_runs():
    """Django started in subprocesses with production variables (concurrently: each takes seconds)."""
    procs = {
        "check": start_django(["manage.py", "check", "--deploy"], **PRODUCTION),
        "settings": start_django(["-c", SHOW_SETTINGS], DJANGO_SETTINGS_MODULE="portal.settings", **PRODUCTION),
        "no-secret": start_django(["manage.py", "check"], DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="x.example"),
    }
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        results[name] = SimpleNamespace(returncode=proc.returncode, stdout=out, stderr=err)
    return results


def test_check_deploy_is_clean_with_production_variables(production_runs):
    result = production_runs["check"]
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output


def test_production_settings_are_secure(production_runs):
    result = production_runs["settings"]
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '[false, true, true, true, true, ["x.example"]]'


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off(production_runs):
    result = production_runs["no-secret"]
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# --------------------------------------------------------------------------- password change


def test_password_change_keeps_the_session_and_the_new_password_works(people):
    client = Client()
    attempt(client, PASSWORD)
    new = "mật-khẩu-mới-của-tôi-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("password_change_done")
    assert "Mật khẩu của bạn đã được đổi." in response.content.decode()
    assert client.get(reverse("portal:home")).status_code == 200  # still logged in
    assert attempt(Client(), new).status_code == 302
    assert attempt(Client(), PASSWORD).status_code == 200  # the old one no longer works


@pytest.mark.parametrize("new", ["ngan", "1234567890123", "hr_a12345", "password1234"])
def test_password_change_refuses_weak_passwords(people, new):
    client = Client()
    attempt(client, PASSWORD)
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert attempt(Client(), PASSWORD).status_code == 302
