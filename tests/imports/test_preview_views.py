"""The preview of an import on the job page (issue 12): the rows a ready job will add (key and
name) and the fields it will change (old → new, under the column's header), paged from what the
job stored (the file is not validated again), for every sheet kind; once written, the rows it
added and changed with links to the records the reader may open; a constant number of queries."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imports import preview
from imports.models import ImportJob, ImportStatus
from portal.models import Role
from tests.builders import csv_bytes, logged_in_session, make_position, make_quota, make_user, staff_sheet

pytestmark = pytest.mark.django_db

A, A1 = "000.00.01.H17", "000.01.01.H17"
STAFF_BASE = ["employee_code", "full_name", "date_of_birth", "sex", "category", "organization_code"]


def upload(client, data, *, kind, org, name="file.csv") -> ImportJob:
    response = client.post(
        reverse("imports:import_start"), {"kind": kind, "organization": org.pk, "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def page_of(client, job, **params) -> str:
    response = client.get(reverse("imports:import_detail", args=[job.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def preview_table(page: str) -> list[list[str]]:
    """The cells of the preview table's body rows, tags stripped, whitespace collapsed."""
    body = page.split('id="preview-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells])
    return rows


def person(staff, **values) -> dict:
    """A staff sheet row with a stored person's values (``values`` replace some)."""
    row = {
        "employee_code": staff.employee_code,
        "full_name": staff.full_name,
        "date_of_birth": staff.date_of_birth.strftime("%d/%m/%Y"),
        "sex": "Nam" if staff.sex == "M" else "Nữ",
        "category": staff.category,
        "organization_code": staff.organization.code,
    }
    row.update(values)
    return row


def newcomer(code, name="Trần Văn Mới") -> dict:
    return {
        "employee_code": code,
        "full_name": name,
        "date_of_birth": "15/06/1985",
        "sex": "Nữ",
        "category": "CC",
        "organization_code": A,
    }


@pytest.fixture
def an(staff):
    return next(s for s in staff if s.full_name == "Nguyễn Văn An")


def test_the_preview_lists_the_rows_to_add_and_the_fields_to_change(login, tree, staff, an):
    client = login("admin_a")
    unchanged = next(s for s in staff if s.full_name == "Trần Thị Bình")
    data = csv_bytes(
        staff_sheet(
            person(an, full_name="Nguyễn Văn Ân", sex="Nữ", date_of_birth="18/05/1980"),
            person(unchanged),
            newcomer("CB9001"),
        )
    )
    job = upload(client, data, kind="staff", org=tree.A)
    assert job.status == ImportStatus.READY

    added = page_of(client, job)
    assert 'id="job-preview"' in added and "Xem trước: các dòng sẽ ghi" in added
    assert 'aria-current="page" href="?show=new#job-preview" id="preview-tab-new"' in added
    assert preview_table(added) == [["4", "CB9001 Trần Văn Mới"]]  # row 4 of the file: the new person
    assert '<th scope="col">Mã cán bộ · Tên</th>' in added

    changed = page_of(client, job, show="updated")
    [row] = preview_table(changed)
    assert row[:2] == ["2", f"{an.employee_code} Nguyễn Văn Ân"]
    assert "Họ và tên : Nguyễn Văn An → Nguyễn Văn Ân" in row[2]
    assert "Giới tính : Nam → Nữ" in row[2]
    assert "Ngày sinh : 17/05/1980 → 18/05/1980" in row[2]
    assert unchanged.employee_code not in changed  # unchanged rows are counted, not listed
    assert f'href="/staff/{an.employee_code}/"' in changed  # the person's page, already there
    an.refresh_from_db()
    assert an.full_name == "Nguyễn Văn An"  # nothing written by a preview


def test_after_confirming_the_page_links_the_people_imported(login, tree, an):
    client = login("admin_a")
    job = upload(
        client,
        csv_bytes(staff_sheet(person(an, full_name="Nguyễn Văn Ân"), newcomer("CB9001"))),
        kind="staff",
        org=tree.A,
    )
    client.post(reverse("imports:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE

    done = page_of(client, job)
    assert "Các dòng đã ghi" in done and "Đã thêm mới" in done and "Bấm vào mã để mở bản ghi." in done
    assert preview_table(done) == [["3", "CB9001 Trần Văn Mới"]]
    assert 'href="/staff/CB9001/">CB9001</a>' in done
    assert login("admin_a").get("/staff/CB9001/").status_code == 200
    changed = page_of(client, job, show="updated")
    assert f'href="/staff/{an.employee_code}/">{an.employee_code}</a>' in changed
    assert "Nguyễn Văn An → Nguyễn Văn Ân" in preview_table(changed)[0][2]


def test_the_preview_is_paged_and_stored_with_the_job(login, tree, monkeypatch):
    client = login("admin_a")
    people = [newcomer(f"CB{i:04d}", f"Người số {i}") for i in range(1, 61)]
    job = upload(client, csv_bytes(staff_sheet(*people)), kind="staff", org=tree.A)
    assert len(job.preview["new"]) == 60 and job.preview["updated"] == []

    def never(*args, **kwargs):
        raise AssertionError("the preview pages must not validate the file again")

    monkeypatch.setattr("imports.engine.validate_file", never)
    first = preview_table(page_of(client, job))
    second_page = page_of(client, job, show="new", page=2)
    second = preview_table(second_page)
    assert len(first) == preview.PREVIEW_PAGE == 50 and len(second) == 10
    assert first[0][1] == "CB0001 Người số 1" and second[-1] == ["61", "CB0060 Người số 60"]
    assert "Trang 2/2" in second_page and 'href="?show=new&amp;page=1"' in second_page
    assert 'id="preview-more"' not in second_page


def test_a_big_file_keeps_the_first_rows_and_says_how_many_more(login, tree, monkeypatch):
    monkeypatch.setattr(preview, "PREVIEW_ROWS", 5)
    client = login("admin_a")
    job = upload(
        client, csv_bytes(staff_sheet(*[newcomer(f"CB{i:04d}") for i in range(1, 9)])), kind="staff", org=tree.A
    )
    assert job.counts["created"] == 8 and len(job.preview["new"]) == 5
    page = page_of(client, job)
    assert len(preview_table(page)) == 5 and 'id="count-created">8<' in page
    assert "Chỉ 5 dòng đầu được liệt kê ở đây; còn 3 dòng nữa" in page


def test_a_rejected_file_has_no_preview(login, tree):
    client = login("admin_a")
    job = upload(client, csv_bytes(staff_sheet(newcomer("CB/1"))), kind="staff", org=tree.A)
    assert job.status == ImportStatus.REJECTED and job.preview == {}
    assert 'id="job-preview"' not in page_of(client, job)


def test_a_job_stored_before_the_preview_existed_shows_its_counts_only(login, tree, people):
    job = ImportJob.objects.create(
        kind="staff",
        organization=tree.A,
        created_by=people.admin_a,
        file_name="old.csv",
        status=ImportStatus.DONE,
        counts={"created": 3, "updated": 0, "unchanged": 0, "blank": 0},
    )
    page = page_of(login("admin_a"), job)
    assert 'id="count-created">3<' in page and 'id="job-preview"' not in page


def admin_of_b(tree) -> Client:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = logged_in_session(make_user("admin_b", Role.ORG_ADMIN, tree.B))
    return client


def test_outside_the_jobs_scope_the_preview_answers_404_or_403(login, tree, an):
    job = upload(login("admin_a"), csv_bytes(staff_sheet(person(an, full_name="Người Khác"))), kind="staff", org=tree.A)
    url = reverse("imports:import_detail", args=[job.pk])
    admin_b = admin_of_b(tree)
    for show in ("new", "updated"):
        response = admin_b.get(url, {"show": show})
        assert response.status_code == 404  # an admin of the sibling department
        for persona in ("hr_b", "hr_a", "manager_a"):  # not admins: the import screens are closed
            response = login(persona).get(url, {"show": show})
            assert response.status_code == 403 and "Nguyễn Văn An" not in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "rows", "expected"),
    [
        (
            "organizations",
            [["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại hình"], [A1, "Phòng Tổ chức cán bộ", A, "PHONG"]],
            "Tên đơn vị : Phòng Tổ chức, biên chế → Phòng Tổ chức cán bộ",
        ),
        (
            "positions",
            [
                ["Mã đơn vị", "Mã vị trí", "Tên vị trí việc làm", "Nhóm", "Số người cần"],
                [A, "VT01", "Văn thư", "CMNV", "3"],
            ],
            "Số người cần : 1 → 3",
        ),
        (
            "quotas",
            [
                ["Mã đơn vị", "Năm", "Loại biên chế", "Số được giao", "Số quyết định", "Ngày quyết định"],
                [A1, "2025", "CBCC", "7", "01/QĐ", "20/12/2024"],
            ],
            "Số được giao : 5 → 7",
        ),
    ],
)
def test_every_kind_shows_its_changes_under_the_column_headers(login, tree, kind, rows, expected):
    make_position(tree.A, "VT01", "Văn thư")
    make_quota(tree.A1, 5)
    client = login("admin_a")
    job = upload(client, csv_bytes(rows), kind=kind, org=tree.A)
    assert job.status == ImportStatus.READY, job.errors
    [row] = preview_table(page_of(client, job, show="updated"))
    assert expected in row[-1]


def test_the_preview_page_queries_do_not_grow_with_the_rows(login, tree, django_assert_num_queries):
    client = login("admin_a")
    few = upload(client, csv_bytes(staff_sheet(*[newcomer(f"CA{i:04d}") for i in range(3)])), kind="staff", org=tree.A)
    many = upload(
        client, csv_bytes(staff_sheet(*[newcomer(f"CB{i:04d}") for i in range(120)])), kind="staff", org=tree.A
    )
    for job in (few, many):
        client.post(reverse("imports:import_confirm", args=[job.pk]))  # done: every row links to its person
    url = reverse("imports:import_detail", args=[few.pk])
    client.get(url)  # warm-up (sessions, content types)
    with CaptureQueriesContext(connection) as baseline:
        assert 'href="/staff/CA0000/"' in client.get(url).content.decode()
    with django_assert_num_queries(len(baseline)):
        page = client.get(reverse("imports:import_detail", args=[many.pk]), {"page": 2}).content.decode()
    assert page.count('href="/staff/CB') == 50
