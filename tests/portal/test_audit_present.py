"""What a reader sees of an audit log entry (portal.audit.present, pure: no database): labels,
values, hidden technical fields, word diffs, a description's tasks, an import's line."""

import datetime as dt

from auditlog.models import LogEntry
from django.utils import translation

from portal.audit import present as p
from portal.audit.reports import _extra_field, _sheet_columns
from portal.models import Organization
from positions.models import Competency, PositionDescription
from staffing.models import AnnualRecord, Staff

UPDATE, CREATE, DELETE = LogEntry.Action.UPDATE, LogEntry.Action.CREATE, LogEntry.Action.DELETE
NOON_UTC = dt.datetime(2026, 12, 1, 20, 12, 14, 201265, tzinfo=dt.UTC)


def entry(changes, *, action=UPDATE, additional_data=None, object_repr="x", object_pk="1"):
    return LogEntry(
        pk=7,
        action=action,
        changes=changes,
        additional_data=additional_data,
        object_repr=object_repr,
        object_pk=object_pk,
        timestamp=NOON_UTC,
    )


def row(model, changes, *, lookups=None, **kwargs):
    return p.present(entry(changes, **kwargs), model=model, is_summary=False, lookups=lookups or p.Lookups())


def shown(model, changes, **kwargs):
    return [c.text() for c in row(model, changes, **kwargs).changes]


def test_fields_show_their_vietnamese_labels_and_choice_labels_not_codes():
    changes = {"name": ["Văn phòng Sở", "Văn phòng Sở Nội vụ"], "kind": ["PHONG", "SNCL"]}
    assert shown(Organization, changes) == [
        "Tên đơn vị: Văn phòng Sở → Văn phòng Sở Nội vụ",
        "Loại hình: Vụ, cục, chi cục, phòng, văn phòng → Đơn vị sự nghiệp công lập",
    ]


def test_foreign_keys_show_names_the_reader_may_read_and_nothing_else():
    lookups = p.Lookups(names={(Organization, "1"): "Sở Nội vụ"})
    assert shown(Organization, {"parent": [1, 2]}, lookups=lookups) == [
        "Đơn vị cấp trên: Sở Nội vụ → (đã xoá hoặc ngoài phạm vi của bạn)"
    ]
    # an import writes codes: shown as they are
    assert shown(Staff, {"organization": ["000.00.01.H17", "000.01.01.H17"]}) == [
        "Đơn vị: 000.00.01.H17 → 000.01.01.H17"
    ]


def test_booleans_numbers_dates_and_empty_values_read_as_people_write_them():
    changes = {
        "heavy_work": [False, True],
        "insurance_years": ["18.1", "12.5"],
        "date_of_birth": ["1980-05-17", "1981-01-02"],
        "personal_id": ["", "001080012345"],
        "exit_date": ["2025-07-01", None],
    }
    assert shown(Staff, changes) == [  # in the model's field order
        "Số định danh cá nhân: — → 001080012345",
        "Ngày sinh: 17/05/1980 → 02/01/1981",
        "Số năm đóng BHXH: 18,1 → 12,5",
        "Nặng nhọc, độc hại: Không → Có",
        "Ngày nghỉ: 01/07/2025 → —",
    ]


def test_technical_fields_are_hidden_and_an_update_of_only_those_is_empty():
    technical = {
        "lock_version": [4, 5],
        "updated_at": ["2026-12-01 20:12:14.201265", "2026-12-01 20:13:00"],
        "decided_by": [None, 5],  # the workflow's bookkeeping: no label of its own
        "decided_at": [None, "2026-12-01 20:12:14.201265"],
        "search_key": ["a", "b"],
    }
    assert row(PositionDescription, technical).is_empty
    assert shown(PositionDescription, {**technical, "status": ["submitted", "approved"]}) == [
        "Trạng thái: Chờ phê duyệt → Đã phê duyệt"
    ]
    assert row(Organization, {"path": ["/a/", "/b/"], "depth": [1, 2]}).is_empty
    assert not row(Organization, {"path": ["/a/", "/b/"]}, action=CREATE).changes
    assert "lock_version" not in p.shown_keys(PositionDescription)
    assert {"objective", "status", "tasks", "competencies"} <= set(p.shown_keys(PositionDescription))


def test_times_are_local_to_the_minute():
    assert p.local_time("2026-12-01 20:12:14.201265") == "02/12/2026 03:12"  # auditlog's UTC, no offset
    assert p.local_time(NOON_UTC) == "02/12/2026 03:12"
    assert p.local_time("2026-12-01T20:12:14+00:00") == "02/12/2026 03:12"


def test_rich_text_is_a_word_diff_without_html():
    got = row(
        PositionDescription,
        {"objective": ["<p>Giúp Giám đốc chỉ đạo.</p>", "<p>Giúp Giám đốc chỉ đạo, <strong>điều hành</strong>.</p>"]},
    ).changes
    assert len(got) == 1 and got[0].label == "Mục tiêu vị trí việc làm" and got[0].kind == "diff"
    assert got[0].before_html == "Giúp Giám đốc chỉ <del>đạo.</del>"
    assert got[0].after_html == "Giúp Giám đốc chỉ <ins>đạo, điều hành.</ins>"
    assert "<p>" not in got[0].after and "strong" not in got[0].after_html


def test_a_descriptions_tasks_and_levels_show_as_lines_only_the_changed_ones():
    task = {"task": "<p>Lập kế hoạch</p>", "outputs": "<p>Kế hoạch năm</p>", "criteria": ""}
    added = {"task": "<p>Theo dõi báo cáo</p>", "outputs": "", "criteria": "<p>Đúng hạn</p>"}
    lookups = p.Lookups(names={(Competency, "3"): "Giao tiếp"})
    changes = {
        "competencies": [[{"competency": 3, "level": 2}], [{"competency": 3, "level": 4}]],
        "tasks": [[task], [task, added]],
        "objective": ["<p>Lập kế hoạch</p>", "<p>Lập kế hoạch năm</p>"],
    }
    objective, tasks, levels = row(PositionDescription, changes, lookups=lookups).changes  # fields first
    assert objective.label == "Mục tiêu vị trí việc làm"
    assert tasks.label == "Nhiệm vụ" and tasks.before_html == ""  # nothing removed
    assert tasks.after_html == "…\n<ins>• Theo dõi báo cáo — Tiêu chí đánh giá: Đúng hạn</ins>"
    assert levels.label == "Khung năng lực"
    assert levels.before_html == "• Giao tiếp — Cấp độ yêu cầu: <del>2</del>"
    assert levels.after_html == "• Giao tiếp — Cấp độ yêu cầu: <ins>4</ins>"


def test_a_creation_lists_the_values_set_and_a_deletion_the_values_removed():
    created = {
        "code": [None, "X.NEW"],
        "name": [None, "Trung tâm Lưu trữ"],
        "short_name": [None, ""],
        "id": [None, 9],
        "children": [None, "portal.Organization.None"],  # auditlog's reverse relations: noise
    }
    assert shown(Organization, created, action=CREATE) == ["Mã định danh: X.NEW", "Tên đơn vị: Trung tâm Lưu trữ"]
    deleted = {"year": [2023, None], "rating": ["HTNV", None], "sick_days": [12, None]}
    assert shown(AnnualRecord, deleted, action=DELETE) == [
        "Năm: 2023",
        "Xếp loại: Hoàn thành nhiệm vụ",
        "Số ngày nghỉ ốm: 12",
    ]
    assert row(AnnualRecord, deleted, action=DELETE).action == "Xoá"


def test_an_import_summary_is_one_line_with_its_counts_and_its_job():
    data = {
        "import": "staff",
        "file_name": "canbo.xlsx",
        "file_sha256": "ab" * 32,
        "scope": "000.00.01.H17",
        "counts": {"created": 1200, "updated": 3, "unchanged": 40, "blank": 0},
    }
    lookups = p.Lookups(job_urls={"j-1": "/imports/j-1/"}, sheet_titles={"staff": "Danh sách cán bộ"})
    got = p.present(
        entry(None, action=CREATE, additional_data=data, object_pk="j-1"), model=None, is_summary=True, lookups=lookups
    )
    assert (got.action, got.object_label, got.object_url, got.changes) == (
        "Nhập dữ liệu",
        "canbo.xlsx",
        "/imports/j-1/",
        [],
    )
    assert got.summary.text() == "Danh sách cán bộ từ tệp canbo.xlsx: 1.200 thêm mới, 3 cập nhật, 40 không đổi"
    assert got.summary.changed == 1203
    assert "{" not in got.changes_text() and "'import'" not in got.changes_text()


def test_an_entry_written_by_an_import_names_its_file():
    got = row(Staff, {"full_name": ["A", "B"]}, additional_data={"import_job": "j-1", "file_name": "canbo.csv"})
    assert got.source == p.ImportRef("j-1", "canbo.csv", None)
    assert got.changes_text() == "Họ và tên: A → B\nNhập từ tệp canbo.csv"


def test_import_sheet_columns_that_are_not_fields_take_the_columns_header():
    lookups = p.Lookups(extra_field=_extra_field(_sheet_columns()))
    changes = {"rating_2024": ["HTNV", "HTTNV"], "position": ["000.00.01.H17:VT01", None], "nothing": [1, 2]}
    assert shown(Staff, changes, lookups=lookups) == [
        "Mã vị trí: 000.00.01.H17:VT01 → —",
        "Xếp loại 2024: Hoàn thành nhiệm vụ → Hoàn thành tốt nhiệm vụ",
    ]


def test_a_mask_hides_what_some_readers_may_not_see():
    lookups = p.Lookups(mask=lambda model, name, value: "••••" + value[-2:] if name == "personal_id" else value)
    assert shown(Staff, {"personal_id": ["", "001080012345"], "full_name": ["A", "B"]}, lookups=lookups) == [
        "Số định danh cá nhân: — → ••••45",
        "Họ và tên: A → B",
    ]


def test_actor_and_action_labels():
    got = row(Organization, {"name": ["A", "B"]})
    assert (got.actor, got.actor_username, got.action) == ("hệ thống", "", "Sửa")
    with translation.override("vi"):
        assert p.action_label(CREATE) == "Tạo mới"
