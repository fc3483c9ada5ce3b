"""The Django admin's import/export (django-import-export's buttons) goes through the portal's
engine: the admin buttons lead to the engine's screens, and a file posted to the admin's import
URL gets exactly the web's checks and messages."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.admin import EngineImportExportMixin, kind_for_model
from imports.errors import RowError
from imports.models import ImportJob, ImportStatus
from portal.models import Organization
from tests.builders import csv_bytes

pytestmark = pytest.mark.django_db

A = "000.00.01.H17"
HEADER = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại hình"]
GOOD = csv_bytes([HEADER, ["N.1", "Phòng Một", A, "PHONG"]])
BAD = csv_bytes([HEADER, ["n 1", "Phòng Một", A, "PHONG"], ["N.2", "Phòng Hai", "000.00.02.H17", "ZZ"]])

IMPORT_URL = reverse("admin:portal_organization_import")
EXPORT_URL = reverse("admin:portal_organization_export")
CHANGELIST = reverse("admin:portal_organization_changelist")


def post_file(client, url, data, *, org, name="orgs.csv"):
    return client.post(url, {"kind": "organizations", "organization": org.pk, "file": SimpleUploadedFile(name, data)})


def job_at(response) -> ImportJob:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def test_changelist_offers_import_and_export_without_inline_script(login):
    page = login("admin_a").get(CHANGELIST).content.decode()
    assert f'href="{IMPORT_URL}"' in page and f'href="{EXPORT_URL}"' in page
    assert "Nhập từ tệp" in page and "Xuất ra tệp" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # CSP: no inline script
    assert 'class="import_link"' in page and 'class="export_link"' in page


def test_admin_import_leads_to_the_engine_screen(login):
    response = login("admin_a").get(IMPORT_URL)
    assert response.status_code == 302 and response.url == reverse("imports:import_start") + "?kind=organizations"
    page = login("admin_a").get(response.url).content.decode()
    assert '<option value="organizations" selected>' in page


def test_admin_export_leads_to_the_engine_export(login, tree):
    client = login("admin_a")
    response = client.get(EXPORT_URL)
    assert response.status_code == 302 and response.url == reverse("imports:export") + "?kind=organizations"
    download = client.get(
        reverse("imports:export"), {"kind": "organizations", "organization": tree.A.pk, "format": "csv"}
    )
    body = download.content.decode("utf-8-sig")
    assert "Sở Nội vụ" in body and "Sở Tài chính" not in body  # the admin's scope only


def test_a_bad_file_through_the_admin_gets_the_web_messages_and_nothing_is_written(login, tree):
    client = login("admin_a")
    via_admin = job_at(post_file(client, IMPORT_URL, BAD, org=tree.A))
    via_web = job_at(post_file(client, reverse("imports:import_start"), BAD, org=tree.A))
    assert via_admin.status == via_web.status == ImportStatus.REJECTED
    assert via_admin.errors == via_web.errors and via_admin.error_count == 3
    messages = " ".join(RowError.from_dict(e).message for e in via_admin.errors)
    assert "“n 1”" in messages and "ZZ" in messages and "không thuộc phạm vi" in messages
    assert not Organization.objects.filter(code__in=["n 1", "N.2"]).exists()
    page = client.get(reverse("imports:import_detail", args=[via_admin.pk])).content.decode()
    assert 'id="error-table"' in page


def test_a_good_file_through_the_admin_is_previewed_then_confirmed_once(login, tree):
    client = login("admin_a")
    job = job_at(post_file(client, IMPORT_URL, GOOD, org=tree.A))
    assert job.status == ImportStatus.READY and not Organization.objects.filter(code="N.1").exists()
    client.post(reverse("imports:import_confirm", args=[job.pk]))
    client.post(reverse("imports:import_confirm", args=[job.pk]))
    assert Organization.objects.filter(code="N.1", parent=tree.A).count() == 1


def test_the_admin_import_url_keeps_the_kind_and_the_scope(login, tree):
    response = post_file(login("admin_a"), IMPORT_URL, GOOD, org=tree.B)  # not the admin's organisation
    assert response.status_code == 200 and not ImportJob.objects.exists()


def test_process_import_never_imports(login, tree):
    response = login("admin_a").post(reverse("admin:portal_organization_process_import"), {"import_file_name": "x"})
    assert response.status_code == 302 and response.url == reverse("imports:import_list")
    assert not ImportJob.objects.exists()


def test_staff_without_an_admin_role_may_not_import_or_export(login, people):
    people.hr_a.is_staff = True
    people.hr_a.save()
    client = login("hr_a")
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_anonymous_goes_to_the_login_page(login):
    response = login(None).get(IMPORT_URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not ImportJob.objects.exists()


# --------------------------------------------------------------------------- the mixin


def test_mixin_finds_the_kind_of_its_model():
    assert kind_for_model(Organization) == "organizations"

    class Admin(EngineImportExportMixin):
        model = Organization

    assert Admin.get_engine_kind(Admin()) == "organizations"
