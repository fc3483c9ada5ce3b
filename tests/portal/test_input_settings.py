"""Production settings that must not start, and /healthz over plain HTTP (hardening issue items 11
and 13). Each case is Django started in a subprocess with the environment of a production server."""

import json
import secrets
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.portal.test_settings_security import start_django

ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"
GOOD_KEY = secrets.token_urlsafe(64)


def example_key() -> str:
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("DJANGO_SECRET_KEY="):
            return line.split("=", 1)[1]
    raise AssertionError(".env.example has no DJANGO_SECRET_KEY")


BAD_KEYS = {
    "env-example": example_key(),
    "change-me": "change-me",
    "changeme-long": "changeme" + "x" * 60,
    "django-insecure": "django-insecure-" + secrets.token_urlsafe(48),
    "short": secrets.token_urlsafe(30)[:49],
}
PROBE = (
    "import django, json; django.setup(); from django.test import Client; c = Client();"
    " print(json.dumps([c.get('/healthz').status_code, c.get('/orgs/').status_code, c.get('/healthz/x').status_code]))"
)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = {"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "testserver", "DJANGO_HSTS": "1"}
    db = tmp_path_factory.mktemp("db") / "probe.sqlite3"
    procs = {
        name: start_django(["manage.py", "check", "--deploy"], **base, DJANGO_SECRET_KEY=key)
        for name, key in BAD_KEYS.items()
    }
    procs["good"] = start_django(["manage.py", "check", "--deploy"], **base, DJANGO_SECRET_KEY=GOOD_KEY)
    procs["debug"] = start_django(["manage.py", "check"], DJANGO_DEBUG="1", DJANGO_SECRET_KEY="change-me")
    procs["probe"] = start_django(
        ["-c", PROBE],
        **base,
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=f"sqlite:///{db}",
    )
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=180)
        results[name] = SimpleNamespace(returncode=proc.returncode, stdout=out, stderr=err)
    return results


@pytest.mark.parametrize("name", list(BAD_KEYS))
def test_production_refuses_a_placeholder_or_short_secret_key(runs, name):
    result = runs[name]
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY cannot be used when DJANGO_DEBUG is off" in result.stderr
    assert BAD_KEYS[name] not in result.stderr  # the message does not echo the key


def test_a_random_key_of_50_characters_or_more_passes_check_deploy(runs):
    result = runs["good"]
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_debug_mode_keeps_any_key(runs):
    assert runs["debug"].returncode == 0, runs["debug"].stderr


def test_healthz_is_exempt_from_the_https_redirect_and_nothing_else(runs):
    result = runs["probe"]
    assert result.returncode == 0, result.stderr
    healthz, orgs, other = json.loads(result.stdout.strip().splitlines()[-1])
    assert healthz == 200  # plain HTTP, as a load balancer probing gunicorn directly
    assert orgs == 301 and other == 301
