"""The description pages' attribution and wording: "last edited" apart from the workflow steps,
where the content was copied from as one sentence in the reader's language, the approve button and
the approval date as two messages (each with its context), and one message for "save and submit"."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import trans_real

from positions import services
from positions.models import DescriptionStatus, PositionDescription
from tests.builders import editor_post, make_description, make_position

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    """Entries added to the English catalog for one test (locale/ is translated after merging):
    ``english({"context\\x04msgid": "text"})``."""
    catalog = trans_real.translation("en")._catalog
    added = []

    def add(entries: dict[str, str]) -> None:
        for key, text in entries.items():
            assert key not in catalog or catalog[key] == text, key
            catalog[key] = text
            added.append(key)

    yield add
    for key in added:
        catalog._catalogs[0].pop(key, None)


def in_english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def shown(moment: datetime.datetime) -> str:
    with translation.override("vi"):
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def meta(page: str, key: str) -> str:
    match = re.search(rf'<li class="list-inline-item" id="meta-{key}">(.*?)</li>', page, re.S)
    return match.group(1) if match else ""


def approved_by_admin_p(people, admin_p, pos):
    """A's draft, last edited by hr_a three days ago, submitted, then approved by admin_p."""
    edited = timezone.now() - datetime.timedelta(days=3)
    PositionDescription.objects.filter(pk=pos.a_draft.pk).update(updated_at=edited, updated_by=people.hr_a)
    services.submit_description(description=pos.a_draft, user=people.hr_a)
    approved = services.approve_description(description=pos.a_draft, user=admin_p)
    approved.refresh_from_db()
    return approved, edited


# --------------------------------------------------------------------------- attribution


def test_approving_is_not_editing(login, people, admin_p, pos):
    approved, edited = approved_by_admin_p(people, admin_p, pos)
    people.hr_a.first_name, people.hr_a.last_name = "Thu", "Hằng"
    people.hr_a.save()
    admin_p.first_name, admin_p.last_name = "Quang", "Duyệt"
    admin_p.save()
    page = login("hr_a").get(approved.get_absolute_url()).content.decode()
    assert meta(page, "edited") == f"Sửa lần cuối: {shown(edited)} — Thu Hằng"
    assert meta(page, "submitted") == f"Trình: {shown(approved.submitted_at)} — Thu Hằng"
    assert meta(page, "decided") == f"Phê duyệt: {shown(approved.decided_at)} — Quang Duyệt"
    # The position page's version table: the same last edit, the decision in its own column.
    position_page = login("hr_a").get(pos.a.get_absolute_url()).content.decode()
    row = re.search(r'<tr class="version-row">.*?</tr>', position_page, re.S).group(0)
    assert f"{shown(edited)} — Thu Hằng" in row and f"{shown(approved.decided_at)} — Quang Duyệt" in row


def test_returning_is_not_editing_either(login, people, admin_p, pos):
    edited = timezone.now() - datetime.timedelta(days=2)
    PositionDescription.objects.filter(pk=pos.a_draft.pk).update(updated_at=edited, updated_by=people.hr_a)
    services.submit_description(description=pos.a_draft, user=people.hr_a)
    services.return_description(description=pos.a_draft, user=admin_p, comment="Bổ sung tiêu chí.")
    page = login("hr_a").get(pos.a_draft.get_absolute_url()).content.decode()
    assert meta(page, "edited").startswith(f"Sửa lần cuối: {shown(edited)} — ")
    assert meta(page, "decided").startswith("Trả lại: ")


# --------------------------------------------------------------------------- one msgid per sense


def test_approve_button_and_approval_date_are_two_messages(people, admin_p, pos, english):
    english({"action\x04Phê duyệt": "Approve", "description date\x04Phê duyệt": "Approved"})
    approved, _edited = approved_by_admin_p(people, admin_p, pos)
    client = in_english(Client())
    client.force_login(admin_p)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert meta(page, "decided").startswith("Approved: ")
    submitted = make_description(pos.a, version=2, status=DescriptionStatus.SUBMITTED)
    page = client.get(submitted.get_absolute_url()).content.decode()
    button = re.search(r'<button[^>]*id="action-approve"[^>]*>(.*?)</button>', page, re.S).group(1)
    assert button.strip().endswith("Approve")


# --------------------------------------------------------------------------- copied from


def test_copied_from_is_one_sentence_in_the_readers_language(login, people, ref, pos, english):
    english(
        {
            "Sao chép từ phiên bản %(v)s": "Copied from version %(v)s",
            "Sao chép từ %(source)s, phiên bản %(v)s": "Copied from %(source)s, version %(v)s",
            "Sao chép từ danh mục khung: %(source)s": "Copied from the framework catalogue: %(source)s",
        }
    )
    v2 = services.new_version_from(description=pos.b_approved, user=people.hr_b)
    hr_b = login("hr_b")
    assert meta(hr_b.get(v2.get_absolute_url()).content.decode(), "copied") == "Sao chép từ phiên bản 1"
    english_page = in_english(login("hr_b")).get(v2.get_absolute_url()).content.decode()
    assert meta(english_page, "copied") == "Copied from version 1"

    source = make_description(
        make_position(pos.a1.organization, "KT02", "Kế toán", group=ref.groups["CMNV"]),
        status=DescriptionStatus.APPROVED,
    )
    services.copy_into(description=pos.a_draft, user=people.hr_a, source=source)
    english_page = in_english(login("hr_a")).get(pos.a_draft.get_absolute_url()).content.decode()
    assert meta(english_page, "copied") == "Copied from Kế toán — Phòng Tổ chức, biên chế, version 1"

    services.copy_into(description=pos.a_draft, user=people.hr_a, framework=ref.framework)
    english_page = in_english(login("hr_a")).get(pos.a_draft.get_absolute_url()).content.decode()
    assert meta(english_page, "copied") == "Copied from the framework catalogue: TKHUNG-VT Văn thư (khung thử)"


def test_copy_page_says_where_the_content_came_from(login, ref, pos):
    copy = reverse("positions:description_copy", args=[pos.a_draft.pk])
    response = login("hr_a").post(copy, {"framework": ref.framework.pk}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Sao chép từ danh mục khung: TKHUNG-VT Văn thư (khung thử). Hãy rà soát rồi lưu."
    ]


def test_a_description_without_a_source_says_nothing(login, pos):
    page = login("hr_a").get(pos.a_draft.get_absolute_url()).content.decode()
    assert 'id="meta-copied"' not in page


# --------------------------------------------------------------------------- save and submit


def test_save_and_submit_gives_one_message(login, pos):
    edit = reverse("positions:description_edit", args=[pos.a_draft.pk])
    data = editor_post(pos.a_draft, tasks=[("Tiếp nhận văn bản", "", "", 1, False)], extra={"save_submit": "1"})
    response = login("hr_a").post(edit, data, follow=True)
    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        ("success", "Đã lưu và trình phê duyệt bản mô tả (phiên bản 1).")
    ]
    assert PositionDescription.objects.get(pk=pos.a_draft.pk).status == DescriptionStatus.SUBMITTED


def test_save_and_submit_refused_says_saved_but_not_submitted_in_one_message(login, pos):
    edit = reverse("positions:description_edit", args=[pos.a_draft.pk])
    data = editor_post(pos.a_draft, tasks=[], objective="<p>Mục tiêu mới</p>", extra={"save_submit": "1"})
    response = login("hr_a").post(edit, data, follow=True)
    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        (
            "warning",
            "Đã lưu bản nháp (phiên bản 1) nhưng chưa trình phê duyệt: "
            "Bản mô tả cần ít nhất một nhiệm vụ trước khi trình duyệt.",
        )
    ]
    stored = PositionDescription.objects.get(pk=pos.a_draft.pk)
    assert stored.status == DescriptionStatus.DRAFT and stored.objective == "<p>Mục tiêu mới</p>"


def test_save_alone_gives_the_save_message(login, pos):
    edit = reverse("positions:description_edit", args=[pos.a_draft.pk])
    data = editor_post(pos.a_draft, tasks=[("Tiếp nhận văn bản", "", "", 1, False)])
    response = login("hr_a").post(edit, data, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Đã lưu bản nháp (phiên bản 1)."]
