"""The data steps of migration positions 0004: legacy "copied from" phrases become data, and a
"last edited" time that a workflow step overwrote comes back from the audit log."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps

from positions import services
from positions.models import CopySource, PositionDescription
from tests.builders import editor_post, make_description, make_position

migration = importlib.import_module("positions.migrations.0004_description_copied_from_and_last_edit")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("phiên bản 1", ("version", "", 1)),
        ("version 12", ("version", "", 12)),  # written by someone reading in English
        ("Danh mục khung: LDQL-01 Giám đốc Sở", ("framework", "LDQL-01 Giám đốc Sở", None)),
        ("Framework catalogue: VT-02 Văn thư", ("framework", "VT-02 Văn thư", None)),
        ("Kế toán — Sở Tài chính, phiên bản 3", ("description", "Kế toán — Sở Tài chính", 3)),
        ("Kế toán, tổng hợp — Sở Tài chính, version 2", ("description", "Kế toán, tổng hợp — Sở Tài chính", 2)),
        ("TKHUNG-VT Văn thư (khung thử)", ("framework", "TKHUNG-VT Văn thư (khung thử)", None)),
        ("ghi chú tự do", None),
    ],
)
def test_legacy_phrases(text, origin):
    assert migration._origin(text, {"TKHUNG-VT Văn thư (khung thử)"}) == origin


def test_split_copied_from_keeps_unknown_text_as_it_was(tree, ref):
    position = make_position(tree.A, "VT05", "Lưu trữ", group=ref.groups["CMNV"])
    legacy = make_description(position)
    free = make_description(make_position(tree.A, "VT06", "Thủ quỹ", group=ref.groups["CMNV"]))
    PositionDescription.objects.filter(pk=legacy.pk).update(copied_from="phiên bản 2")
    PositionDescription.objects.filter(pk=free.pk).update(copied_from="ghi chú tự do")
    migration.split_copied_from(apps, None)
    legacy.refresh_from_db()
    free.refresh_from_db()
    assert (legacy.copied_from_kind, legacy.copied_from, legacy.copied_from_version) == (CopySource.VERSION, "", 2)
    assert legacy.copied_from_text() == "Sao chép từ phiên bản 2"
    assert (free.copied_from_kind, free.copied_from) == ("", "ghi chú tự do")
    assert free.copied_from_text() == "Sao chép từ: ghi chú tự do"
    migration.join_copied_from(apps, None)  # backwards: the phrase the old code wrote
    legacy.refresh_from_db()
    assert legacy.copied_from == "phiên bản 2"


def test_restore_last_edit_from_the_audit_log(login, people, admin_p, pos):
    edit = login("hr_a").post(
        f"/positions/descriptions/{pos.a_draft.pk}/edit/",
        editor_post(pos.a_draft, tasks=[("Tiếp nhận văn bản", "", "", 1, False)]),
    )
    assert edit.status_code == 302
    saved = PositionDescription.objects.get(pk=pos.a_draft.pk)
    services.submit_description(description=saved, user=people.hr_a)
    services.approve_description(description=saved, user=admin_p)
    approved = PositionDescription.objects.get(pk=pos.a_draft.pk)
    # What the previous code stored: the approval's time as "last edited".
    PositionDescription.objects.filter(pk=approved.pk).update(updated_at=approved.decided_at + timedelta(seconds=5))
    untouched = pos.b_approved.updated_at  # no content save in the log: left alone
    migration.restore_last_edit(apps, None)
    restored = PositionDescription.objects.get(pk=approved.pk)
    assert abs(restored.updated_at - saved.updated_at) < timedelta(seconds=1)
    assert restored.updated_at < restored.submitted_at
    assert PositionDescription.objects.get(pk=pos.b_approved.pk).updated_at == untouched
