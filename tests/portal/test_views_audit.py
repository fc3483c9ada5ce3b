"""The audit log (/audit/, its XLSX export, the organisation page's history): who changed what
and when, as people read it — Vietnamese labels, names, local times, word diffs, an import as one
line — scoped to the reader's subtree, filtered, paged, with a constant number of queries."""

import datetime as dt
import io

import openpyxl
import pytest
from auditlog.context import disable_auditlog, set_actor
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from imports.jobs import run_import
from imports.models import ImportJob
from portal.models import Membership, Organization, OrgKind, Role
from positions import services
from positions.models import PositionDescription
from staffing.models import AnnualRecord, Staff
from tests.builders import NEW_PASSWORD, csv_bytes, make_description, make_position, make_rank, make_user

HISTORY = "Lịch sử thay đổi"
URL = reverse("portal:auditlog_list")
EXPORT = reverse("portal:auditlog_export")


def edit_in_admin(client, org, **changes):
    data = {
        "code": org.code,
        "name": org.name,
        "short_name": org.short_name,
        "name_en": org.name_en,
        "kind": org.kind,
        "admin_unit_code": org.admin_unit_code,
        "parent": org.parent_id or "",
        "valid_from": "",
        "valid_to": "",
        **changes,
    }
    response = client.post(reverse("admin:portal_organization_change", args=[org.pk]), data)
    assert response.status_code == 302
    return response


def log(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def rows(response):
    return response.context["rows"]


def objects(response) -> list[str]:
    return [row.object_label for row in rows(response)]


def saved(obj, actor, **fields):
    """``obj`` saved with ``fields`` changed, by ``actor`` (as a request would)."""
    for name, value in fields.items():
        setattr(obj, name, value)
    with set_actor(actor):
        obj.save()
    return obj


def at(obj, moment: dt.datetime):
    """Move the entries of ``obj`` to ``moment`` (UTC)."""
    LogEntry.objects.get_for_object(obj).update(timestamp=moment)


def import_orgs(user, rows_, *, scope=None, name="donvi.csv"):
    header = ["code", "name", "kind", "parent_code"]
    result = run_import(
        kind="organizations", data=csv_bytes([header, *rows_]), file_name=name, user=user, scope_org=scope
    )
    assert not result.errors, result.errors
    return ImportJob.objects.get(pk=result.job_id)


# --------------------------------------------------------------------------- what is recorded


def test_creating_an_organisation_records_actor_and_values(login, tree):
    data = {"code": "X.NEW", "name": "Trung tâm Lưu trữ", "kind": OrgKind.SNCL, "parent": tree.A.pk}
    assert login("national").post(reverse("admin:portal_organization_add"), data).status_code == 302
    org = Organization.objects.get(code="X.NEW")
    entry = LogEntry.objects.get_for_object(org).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor.username == "national"
    assert entry.changes_dict["name"] == [None, "Trung tâm Lưu trữ"]
    assert "path" not in entry.changes_dict  # derived columns are not noise in the log
    assert "search_key" not in entry.changes_dict


def test_updating_an_organisation_records_before_and_after(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ")
    entry = LogEntry.objects.get_for_object(tree.A2).get()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor.username == "admin_a"
    assert entry.changes_dict == {"name": ["Văn phòng Sở", "Văn phòng Sở Nội vụ"]}


def test_changes_made_outside_a_request_have_no_actor(login, tree):
    tree.A3.name = "Phường Hải Châu 1"
    tree.A3.save()
    entry = LogEntry.objects.get_for_object(tree.A3).get()
    assert entry.actor is None
    assert entry.changes_dict["name"] == ["Phường Hải Châu", "Phường Hải Châu 1"]
    (row,) = rows(log(login("national")))
    assert row.actor == "hệ thống"


# --------------------------------------------------------------------------- the organisation page


def test_organisation_page_history_is_shown_to_its_admins(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ", short_name="VP")
    for persona in ("admin_a", "national"):
        html = login(persona).get(tree.A2.get_absolute_url()).content.decode()
        assert HISTORY in html
        assert '<span class="audit-label">Tên đơn vị</span>: Văn phòng Sở → Văn phòng Sở Nội vụ' in html
        assert '<span class="audit-label">Tên viết tắt</span>: — → VP' in html
        assert "Lê Quản Trị (admin_a)" in html


def test_organisation_page_history_is_hidden_from_hr_and_managers(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ")
    for persona in ("hr_a", "manager_a"):
        html = login(persona).get(tree.A2.get_absolute_url()).content.decode()
        assert HISTORY not in html
        assert "Văn phòng Sở →" not in html


def test_page_of_an_organisation_created_with_the_audit_log_on_shows_its_creation(login, tree):
    data = {"code": "X.NEW2", "name": "Trung tâm Dữ liệu", "kind": OrgKind.SNCL, "parent": tree.A.pk}
    assert login("national").post(reverse("admin:portal_organization_add"), data).status_code == 302
    org = Organization.objects.get(code="X.NEW2")
    html = login("national").get(org.get_absolute_url()).content.decode()
    assert '<span class="audit-label">Tên đơn vị</span>: Trung tâm Dữ liệu' in html
    assert '<span class="audit-label">Đơn vị cấp trên</span>: Sở Nội vụ' in html
    assert "portal.Organization.None" not in html and "∅" not in html


# --------------------------------------------------------------------------- how entries read


def test_fields_read_in_vietnamese_with_choice_labels_and_names(login, tree):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ", kind=OrgKind.SNCL, parent=tree.A1.pk)
    response = log(login("national"))
    assert rows(response)[0].changes_text().splitlines() == [
        "Tên đơn vị: Văn phòng Sở → Văn phòng Sở Nội vụ",
        "Loại hình: Vụ, cục, chi cục, phòng, văn phòng → Đơn vị sự nghiệp công lập",
        "Đơn vị cấp trên: Sở Nội vụ → Phòng Tổ chức, biên chế",
    ]
    html = response.content.decode()
    assert "PHONG → SNCL" not in html and f"#{tree.A.pk}" not in html


def test_booleans_and_numbers_of_a_person(login, people, staff):
    saved(staff[0], people.hr_a, heavy_work=True, insurance_years="12.5")
    (row,) = rows(log(login("national")))
    assert row.changes_text().splitlines() == ["Số năm đóng BHXH: — → 12,5", "Nặng nhọc, độc hại: Không → Có"]
    assert (row.action, row.type_label) == ("Sửa", "Cán bộ")


def test_times_are_local_and_to_the_minute(login, people, tree):
    saved(tree.A2, people.admin_a, short_name="VP")
    at(tree.A2, dt.datetime(2026, 12, 1, 20, 12, 14, 201265, tzinfo=dt.UTC))
    html = log(login("national")).content.decode()
    assert "02/12/2026 03:12" in html  # Asia/Ho_Chi_Minh, no seconds
    assert "20:12" not in html and "201265" not in html


def test_updates_of_technical_fields_only_are_left_out(login, people, tree):
    position = make_position(tree.A, "VT07", "Lưu trữ")
    draft = make_description(position, objective="<p>Lưu trữ hồ sơ.</p>")
    content = services.content_of(draft)
    LogEntry.objects.all().delete()
    with set_actor(people.hr_a):
        services.save_draft(description=draft, user=people.hr_a, expected_lock_version=0, content=content)
    assert LogEntry.objects.get_for_object(draft).get().changes_dict == {
        "lock_version": [0, 1],
        "updated_by": [None, people.hr_a.pk],
    }
    response = log(login("national"))
    assert rows(response) == [] and response.context["page"].paginator.count == 0
    assert "lock" not in response.content.decode().lower()


def test_an_approval_reads_as_a_status_change(login, people, tree):
    position = make_position(tree.A1, "TC09", "Tổ chức")
    draft = make_description(position, status="submitted")
    with set_actor(people.admin_a):
        services.approve_description(description=draft, user=people.admin_a)
    response = log(login("national"), type="positions.positiondescription")
    approval = rows(response)[0]
    assert approval.changes_text() == "Trạng thái: Chờ phê duyệt → Đã phê duyệt"
    html = response.content.decode()
    assert "decided" not in html and "lock version" not in html


def test_rich_text_reads_as_a_word_diff(login, people, tree):
    position = make_position(tree.A, "VT07", "Lưu trữ")
    draft = make_description(position, objective="<p>Lưu trữ hồ sơ.</p>", tasks=("Tiếp nhận hồ sơ",))
    content = services.content_of(draft)
    content.fields["objective"] = "<p>Lưu trữ <strong>và số hoá</strong> hồ sơ.</p>"
    content.tasks.append({"task": "<p>Số hoá tài liệu</p>", "outputs": "<p>Tài liệu số</p>", "criteria": ""})
    with set_actor(people.hr_a):
        services.save_draft(description=draft, user=people.hr_a, expected_lock_version=0, content=content)
    html = log(login("admin_a"), type="positions.positiondescription").content.decode()
    assert "Lưu trữ <ins>và số hoá </ins>hồ sơ." in html
    assert "&lt;p&gt;" not in html and "<strong>và" not in html
    # the task added is recorded on the description's entry and shown as a line
    assert '<span class="audit-label">Nhiệm vụ</span>' in html
    assert "<ins>• Số hoá tài liệu — Sản phẩm đầu ra: Tài liệu số</ins>" in html


def test_a_deletion_lists_what_was_removed(login, people, staff):
    with set_actor(people.hr_a):
        record = AnnualRecord.objects.create(staff=staff[0], year=2023, rating="HTNV", sick_days=12)
        record.delete()
    deleted, created = rows(log(login("admin_a")))
    assert (deleted.action, created.action) == ("Xoá", "Tạo mới")
    assert "Xếp loại: Hoàn thành nhiệm vụ" in deleted.changes_text()
    assert deleted.object_url is None and created.object_url is None  # the record is gone


# --------------------------------------------------------------------------- imports


def test_an_import_is_one_line_with_its_counts_linking_to_its_job(login, people, tree):
    job = import_orgs(
        people.admin_a,
        [["N.1", "Phòng mới", "PHONG", tree.A.code], [tree.A2.code, "Văn phòng", "PHONG", tree.A.code]],
        scope=tree.A,
    )
    response = log(login("admin_a"))
    (row,) = rows(response)  # the two organisations' entries are folded under it
    assert (row.action, row.object_label, row.summary.created, row.summary.updated) == (
        "Nhập dữ liệu",
        "donvi.csv",
        1,
        1,
    )
    html = response.content.decode()
    assert f'href="{reverse("imports:import_detail", args=[job.pk])}"' in html
    assert f'href="{URL}?import_job={job.pk}"' in html
    assert "1 thêm mới · 1 cập nhật · 0 không đổi" in html
    assert "{'import'" not in html and "file_sha256" not in html


def test_the_entries_of_one_import_and_all_of_them(login, people, tree):
    job = import_orgs(
        people.admin_a,
        [["N.1", "Phòng mới", "PHONG", tree.A.code], [tree.A2.code, "Văn phòng", "PHONG", tree.A.code]],
        scope=tree.A,
    )
    saved(tree.A3, people.admin_a, short_name="HC")
    one = log(login("admin_a"), import_job=str(job.pk))
    assert sorted(objects(one)) == ["Phòng mới", "Văn phòng"]
    assert all(row.source.file_name == "donvi.csv" and row.source.url == job.get_absolute_url() for row in rows(one))
    assert "Các thay đổi của lượt nhập lúc" in one.content.decode()
    every = log(login("admin_a"), expand="on")
    assert sorted(objects(every)) == ["Phòng mới", "Phường Hải Châu", "Văn phòng", "donvi.csv"]


def test_an_import_outside_the_subtree_stays_hidden(login, people, tree):
    job = import_orgs(people.national, [[tree.B.code, "Sở Tài chính mới", "SO", tree.P.code]], scope=tree.P)
    for params in ({}, {"import_job": str(job.pk)}, {"expand": "on"}):
        response = log(login("admin_a"), **params)
        assert rows(response) == [] and "Sở Tài chính" not in response.content.decode()
    assert objects(log(login("national"), import_job=str(job.pk))) == ["Sở Tài chính mới"]


# --------------------------------------------------------------------------- links and scope


def test_objects_link_to_their_pages(login, people, tree, staff):
    saved(tree.A2, people.admin_a, short_name="VP")
    saved(staff[0], people.hr_a, full_name="Nguyễn Văn An Mới")
    rank = make_rank()
    with set_actor(people.national):
        rank.name = "Chuyên viên (sửa)"
        rank.save()
    links = {row.object_label: row.object_url for row in rows(log(login("national")))}
    assert links["Văn phòng Sở"] == tree.A2.get_absolute_url()
    assert links[str(staff[0])] == reverse("staffing:staff_detail", args=[staff[0].employee_code])
    assert links[str(rank)] == reverse("admin:positions_rank_change", args=[rank.pk])  # reference data: the admin
    assert {row.object_label: row.object_url for row in rows(log(login("admin_a")))}[
        "Văn phòng Sở"
    ] == tree.A2.get_absolute_url()


@pytest.mark.parametrize("persona", ["hr_a", "manager_a", "hr_b", "nobody"])
def test_the_log_is_for_admins_only(login, tree, persona):
    edit_in_admin(login("admin_a"), tree.A2, name="Văn phòng Sở Nội vụ")
    for url in (URL, EXPORT):
        response = login(persona).get(url)
        assert response.status_code == 403
        assert "Văn phòng Sở Nội vụ" not in response.content.decode()


def test_an_organisation_admin_reads_only_their_subtree(login, people, tree, staff):
    saved(tree.A2, people.admin_a, short_name="VP")
    saved(staff[3], people.hr_a, full_name="Phạm Thị Dung Mới")  # in A1
    saved(tree.B, people.national, short_name="STC")
    saved(staff[6], people.hr_b, full_name="Vũ Văn Hải Mới")  # in B
    saved(make_rank(), people.national, name="Ngạch sửa")  # national reference data
    saved(tree.P, people.national, short_name="ĐN")  # above A
    response = log(login("admin_a"))
    assert sorted(objects(response)) == ["Phạm Thị Dung Mới (" + staff[3].employee_code + ")", "Văn phòng Sở"]
    html = response.content.decode()
    for outside in ("Sở Tài chính", "STC", "Vũ Văn Hải", "Ngạch sửa", "Thành phố Đà Nẵng"):
        assert outside not in html
    types = dict(response.context["form"].fields["type"].choices)
    assert "staffing.staff" in types and "positions.rank" not in types
    assert len(rows(log(login("national")))) == 7  # and the rank's creation


def test_names_outside_the_readers_scope_are_not_shown(login, people, tree, staff):
    client = Client()
    client.force_login(make_user("admin_b", Role.ORG_ADMIN, tree.B))
    saved(staff[3], people.national, organization=tree.B)  # from A1 to B
    (row,) = rows(log(client, type="staffing.staff"))
    assert row.changes_text() == "Đơn vị: (đã xoá hoặc ngoài phạm vi của bạn) → Sở Tài chính"
    assert "Phòng Tổ chức" not in log(client).content.decode()
    (national,) = rows(log(login("national"), type="staffing.staff"))
    assert national.changes_text() == "Đơn vị: Phòng Tổ chức, biên chế → Sở Tài chính"


# --------------------------------------------------------------------------- filters


def test_filter_by_person(login, people, tree, staff):
    saved(tree.A2, people.admin_a, short_name="VP")
    saved(staff[0], people.hr_a, full_name="Nguyễn Văn An Mới")
    client = login("national")
    assert objects(log(client, actor="hr_a")) == [str(Staff.objects.get(pk=staff[0].pk))]
    assert objects(log(client, actor="quản trị")) == ["Văn phòng Sở"]  # words of the full name
    assert f'href="{URL}?actor=admin_a"' in log(client).content.decode()


def test_filter_by_type_of_object(login, people, tree, staff):
    saved(tree.A2, people.admin_a, short_name="VP")
    saved(staff[0], people.hr_a, full_name="Nguyễn Văn An Mới")
    client = login("national")
    assert objects(log(client, type="portal.organization")) == ["Văn phòng Sở"]
    response = log(client, type="auth.user")
    assert "“auth.user” không phải là một loại đối tượng trong danh sách." in response.content.decode()
    assert len(rows(response)) == 2  # a bad value is reported and left out


def test_filter_by_organisation_takes_its_subtree(login, people, tree, staff):
    saved(tree.A1, people.admin_a, short_name="TCBC")
    saved(tree.A2, people.admin_a, short_name="VP")
    saved(staff[3], people.hr_a, full_name="Phạm Thị Dung Mới")  # in A1
    saved(staff[0], people.hr_a, full_name="Nguyễn Văn An Mới")  # in A
    got = objects(log(login("admin_a"), org=tree.A1.code.lower()))
    assert sorted(got) == ["Phòng Tổ chức, biên chế", f"Phạm Thị Dung Mới ({staff[3].employee_code})"]
    assert len(rows(log(login("admin_a"), org=tree.A.code))) == 4


def test_filter_by_an_organisation_outside_the_scope_is_refused(login, people, tree):
    saved(tree.B, people.national, short_name="STC")
    response = log(login("admin_a"), org=tree.B.code)
    html = response.content.decode()
    assert f"Không có đơn vị mã “{tree.B.code}” trong phạm vi quản lý của bạn." in html
    assert rows(response) == [] and "STC" not in html
    assert log(login("admin_a"), org="KHONG.CO").context["form"].errors["org"]


def test_filter_by_local_dates(login, people, tree):
    saved(tree.A1, people.admin_a, short_name="TCBC")
    saved(tree.A2, people.admin_a, short_name="VP")
    at(tree.A1, dt.datetime(2026, 3, 1, 16, 59, tzinfo=dt.UTC))  # 01/03 23:59 in Hà Nội
    at(tree.A2, dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC))  # 02/03 00:30 in Hà Nội
    client = login("national")
    assert objects(log(client, date_from="02/03/2026")) == ["Văn phòng Sở"]
    assert objects(log(client, date_to="01/03/2026")) == ["Phòng Tổ chức, biên chế"]
    assert objects(log(client, date_from="2026-03-01", date_to="2026-03-02")) == [
        "Văn phòng Sở",
        "Phòng Tổ chức, biên chế",
    ]


def test_bad_dates_are_named_in_the_message(login, tree):
    client = login("national")
    html = log(client, date_from="31/02/2026").content.decode()
    assert "“31/02/2026” không phải là ngày: hãy viết ngày/tháng/năm, ví dụ 31/12/2026." in html
    html = log(client, date_from="05/03/2026", date_to="01/03/2026").content.decode()
    assert "“Đến ngày” (01/03/2026) phải từ “Từ ngày” (05/03/2026) trở về sau." in html


def test_pagination_keeps_the_filters(login, people, tree):
    for i in range(55):
        saved(tree.A2, people.admin_a, short_name=f"VP{i}")
    client = login("national")
    first = log(client, actor="admin_a")
    assert len(rows(first)) == 50 and first.context["page"].paginator.num_pages == 2
    assert "?actor=admin_a&amp;page=2" in first.content.decode()
    second = log(client, actor="admin_a", page=2)
    assert len(rows(second)) == 5
    assert rows(second)[-1].changes_text() == "Tên viết tắt: — → VP0"  # oldest last


@pytest.mark.parametrize("n", [5, 50])
def test_the_log_page_query_count_is_constant(login, people, tree, staff, django_assert_num_queries, n):
    with disable_auditlog():
        position = make_position(tree.A, "VT01", "Văn thư")
    for i in range(n):
        saved(tree.A2, people.admin_a, short_name=f"VP{i}")
        saved(staff[i % 3], people.hr_a, organization=tree.A1 if i % 2 else tree.A, salary_step=i % 9 + 1)
        saved(position, people.hr_a, headcount=i + 2)
    client = login("admin_a")
    # session, user, scope; the count and the page of entries; the names of the organisations
    # the entries point to; the organisations, people and positions they link to; the menu's
    # approvals waiting (an org admin approves); session save (3)
    with django_assert_num_queries(13):
        response = log(client)
    assert len(rows(response)) == min(3 * n, 50)


@pytest.mark.parametrize("n", [3, 30])
def test_the_organisation_page_history_query_count_is_constant(login, people, tree, django_assert_num_queries, n):
    for i in range(n):
        saved(tree.A2, people.admin_a, short_name=f"VP{i}", parent=tree.A if i % 2 else tree.A1)
    client = login("admin_a")
    client.get(tree.A2.get_absolute_url())
    with django_assert_num_queries(17):  # the hub's 16 for an org admin and the names of the parents
        response = client.get(tree.A2.get_absolute_url())
    assert response.content.decode().count('class="history-row"') == min(n, 20)


# --------------------------------------------------------------------------- export


def sheet_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="nhat-ky-thay-doi-' in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_the_export_holds_the_filtered_entries_formula_escaped(login, people, tree):
    saved(tree.A1, people.admin_a, name='=HYPERLINK("http://x")')
    saved(tree.A2, people.hr_a, short_name="VP")
    at(tree.A1, dt.datetime(2026, 12, 1, 20, 12, 14, tzinfo=dt.UTC))
    ws = sheet_of(login("national").get(EXPORT, {"actor": "admin_a"}))
    values = [[c.value for c in r] for r in ws.iter_rows()]
    header = values.index(["Thời điểm", "Người thực hiện", "Thao tác", "Loại đối tượng", "Đối tượng", "Thay đổi"])
    assert "Người thực hiện: admin_a" in [v[0] for v in values[:header]]
    (entry,) = values[header + 1 :]
    assert entry[0] == dt.datetime(2026, 12, 2, 3, 12)  # local time
    assert entry[1:4] == ["Lê Quản Trị (admin_a)", "Sửa", "Cơ quan, đơn vị"]
    assert entry[4] == '\'=HYPERLINK("http://x")'  # never evaluated by a spreadsheet
    assert entry[5] == 'Tên đơn vị: Phòng Tổ chức, biên chế → =HYPERLINK("http://x")'


def test_the_export_is_for_national_admins(login, tree):
    assert login("admin_a").get(EXPORT).status_code == 403
    ws = sheet_of(login("national").get(EXPORT))
    assert ws.title == "Nhật ký thay đổi"


def test_the_log_page_offers_the_export_to_national_admins_only(login, tree):
    assert f'href="{EXPORT}"' in log(login("national")).content.decode()
    assert EXPORT not in log(login("admin_a")).content.decode()
    assert f'href="{EXPORT}?actor=x"' in log(login("national"), actor="x").content.decode()


def test_the_descriptions_task_lines_survive_in_the_export(login, people, tree):
    position = make_position(tree.A, "VT07", "Lưu trữ")
    draft = make_description(position, tasks=("Tiếp nhận hồ sơ",))
    content = services.content_of(draft)
    content.tasks.append({"task": "Số hoá tài liệu", "outputs": "", "criteria": ""})
    with set_actor(people.hr_a):
        services.save_draft(description=draft, user=people.hr_a, expected_lock_version=0, content=content)
    ws = sheet_of(login("national").get(EXPORT, {"type": "positions.positiondescription"}))
    values = [[c.value for c in r] for r in ws.iter_rows()]
    (newest,) = [v for v in values if len(v) > 2 and v[2] == "Sửa"]
    assert newest[5] == "Nhiệm vụ: • Tiếp nhận hồ sơ → • Tiếp nhận hồ sơ\n• Số hoá tài liệu"
    assert PositionDescription.objects.get(pk=draft.pk).tasks.count() == 2


def test_a_revoked_role_stays_in_the_organisation_admins_log(login, people, tree):
    client = login("admin_a")
    data = {"username": "ngo_hoa", "password": NEW_PASSWORD, "role": Role.MANAGER, "organization": tree.A1.pk}
    assert client.post(reverse("portal:membership_create"), data).status_code == 302
    membership = Membership.objects.get(user__username="ngo_hoa")
    assert client.post(reverse("portal:membership_delete", args=[membership.pk])).status_code == 302
    revoked, granted = rows(log(client, type="portal.membership"))
    assert (revoked.action, granted.action) == ("Xoá", "Tạo mới")
    assert "Vai trò: Lãnh đạo (xem báo cáo)" in revoked.changes_text()
    assert "Đơn vị: Phòng Tổ chức, biên chế" in granted.changes_text()
    assert rows(log(login("national"), type="portal.membership", org=tree.B.code)) == []


def test_a_long_log_is_counted_up_to_a_limit(login, people, tree, monkeypatch):
    monkeypatch.setattr("portal.audit.reports.COUNT_LIMIT", 4)
    monkeypatch.setattr("portal.audit.reports.PAGE_SIZE", 2)
    for i in range(6):
        saved(tree.A2, people.admin_a, short_name=f"VP{i}")
    client = login("national")
    response = log(client)
    assert response.context["page"].paginator.count_capped and response.context["page"].paginator.num_pages == 2
    assert "Hơn 4 mục: hãy lọc theo ngày hoặc người thực hiện để xem các mục cũ hơn." in response.content.decode()
    assert [r.changes_text() for r in rows(log(client, page=9))] == [
        "Tên viết tắt: VP2 → VP3",
        "Tên viết tắt: VP1 → VP2",
    ]
    assert rows(log(client, date_to="01/01/2026")) == []  # older entries: by filtering
    assert not log(client, actor="nobody").context["page"].paginator.count_capped


def test_an_export_stops_at_its_limit_and_says_so(login, people, tree, monkeypatch):
    monkeypatch.setattr("portal.audit.reports.EXPORT_LIMIT", 3)
    monkeypatch.setattr("portal.audit.reports.EXPORT_CHUNK", 2)
    for i in range(5):
        saved(tree.A2, people.admin_a, short_name=f"VP{i}")
    ws = sheet_of(login("national").get(EXPORT))
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert ["Chỉ xuất 3 mục mới nhất: hãy lọc theo ngày để xuất phần còn lại."] in [v[:1] for v in values]
    assert [v[5] for v in values if len(v) > 5 and v[2] == "Sửa"] == [
        "Tên viết tắt: VP3 → VP4",
        "Tên viết tắt: VP2 → VP3",
        "Tên viết tắt: VP1 → VP2",
    ]
