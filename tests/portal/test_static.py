"""Production static files: collectstatic with the manifest storage (which rewrites every url()
and sourceMappingURL a file names, and fails on a missing one) succeeds for every vendored and
own file; a page with DEBUG off would otherwise answer 500."""

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_manifest_storage(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/chart.js-4.6.1/chart.umd.min.*.js"))
