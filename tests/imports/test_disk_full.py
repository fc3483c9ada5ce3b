"""Issue 11, item 5: a full disk during an upload gives a clear message and writes nothing (no 500):
the temporary file of a large upload cannot be written (ENOSPC), or the database cannot store
the uploaded bytes."""

import errno

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db import OperationalError
from django.urls import reverse

from imports import tasks
from imports.models import ImportJob
from tests.builders import csv_bytes

pytestmark = pytest.mark.django_db


class DiskFullHandler(FileUploadHandler):
    """What Django's temporary-file upload handler meets on a full disk."""

    def receive_data_chunk(self, raw_data, start):
        raise OSError(errno.ENOSPC, "No space left on device")

    def file_complete(self, file_size):  # pragma: no cover - never reached
        return None


class BrokenDiskHandler(DiskFullHandler):
    def receive_data_chunk(self, raw_data, start):
        raise OSError(errno.EIO, "I/O error")


def upload(client, tree):
    data = csv_bytes([["code", "name", "kind", "parent_code"], ["X.1", "Phòng X", "PHONG", tree.A.code]])
    return client.post(
        reverse("imports:import_start"),
        {"kind": "organizations", "organization": tree.A.pk, "file": SimpleUploadedFile("x.csv", data)},
    )


def test_a_full_disk_while_receiving_the_file_answers_507_with_a_message(login, tree, settings):
    settings.FILE_UPLOAD_HANDLERS = ["tests.imports.test_disk_full.DiskFullHandler"]
    response = upload(login("admin_a"), tree)
    assert response.status_code == 507
    page = response.content.decode()
    assert "Máy chủ không còn đủ chỗ để nhận tệp tải lên: chưa có gì được ghi." in page
    assert "No space left" not in page
    assert not ImportJob.objects.exists()


def test_other_os_errors_are_not_taken_for_a_full_disk(login, tree, settings):
    settings.FILE_UPLOAD_HANDLERS = ["tests.imports.test_disk_full.BrokenDiskHandler"]
    client = login("admin_a")
    client.raise_request_exception = False
    assert upload(client, tree).status_code == 500


def test_a_database_that_cannot_store_the_upload_gives_the_form_with_a_message(login, tree, monkeypatch):
    def full(**kwargs):
        raise OperationalError('could not extend file "base/16384/16500": No space left on device 012345678901')

    monkeypatch.setattr(tasks, "start_import", full)
    response = upload(login("admin_a"), tree)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không lưu được tệp tải lên (cơ sở dữ liệu không ghi được): chưa có gì được ghi." in page
    assert "012345678901" not in page and "could not extend" not in page
    assert not ImportJob.objects.exists()
