"""Test environment, loaded by pytest before Django's settings (``-p tests.env`` in pyproject.toml).

pytest-django imports ``portal.settings`` before any conftest.py, so variables that settings.py
reads at import time must be set here, not in tests/conftest.py. The suite always runs with:

- ``DJANGO_DEBUG=1``: the development settings (no HTTPS redirect, no secret key needed;
  pytest-django still turns ``settings.DEBUG`` off while the tests run);
- ``DJANGO_TASKS_IMMEDIATE=1``: background tasks run inline, in the test's transaction;
- the documented defaults for everything else: variables an operator may have exported
  (.env) are dropped, so a developer's shell cannot change what the tests see.
  ``DATABASE_URL`` is kept: it selects PostgreSQL (``make test-pg``).
"""

import os

os.environ["DJANGO_DEBUG"] = "1"
os.environ["DJANGO_TASKS_IMMEDIATE"] = "1"
for _name in (
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_HSTS",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_HSTS_PRELOAD",
    "DJANGO_SSL_REDIRECT",
    "DJANGO_SESSION_AGE",
    "DJANGO_MEDIA_ROOT",
    "IMPORT_MAX_FILE_SIZE",
    "IMPORT_MAX_UNPACKED_SIZE",
    "IMPORT_MAX_ZIP_ENTRIES",
    "IMPORT_MAX_ZIP_RATIO",
    "IMPORT_MAX_CELLS",
    "IMPORT_BACKGROUND_ROWS",
    "IMPORT_BACKGROUND_BYTES",
    "IMPORT_HEARTBEAT_TIMEOUT",
    "IMPORT_LOCK_TIMEOUT",
    "IMPORT_STATEMENT_TIMEOUT",
    "DJANGO_CONN_MAX_AGE",
    "DJANGO_LOG_LEVEL",
    "AXES_FAILURE_LIMIT",
    "AXES_PROXY_COUNT",
):
    os.environ.pop(_name, None)
