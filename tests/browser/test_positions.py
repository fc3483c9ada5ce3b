"""Positions in a real browser, the walk of issue 3: hr_a adds a position from the framework
catalogue (htmx search), edits its description (adds and reorders tasks, sets competency levels
whose meaning shows next to them, bold text), submits; the province's organisation admin returns
it with a comment; hr_a sees the comment, fixes and resubmits; it is approved; a new version's
diff shows the change; a concurrent second edit is refused without losing text; hr_b gets 404.

Screenshots: ``screenshots/positions-*.png``.
"""

import re

from playwright.sync_api import expect

from portal.models import Role
from positions.models import DescriptionStatus, Position, PositionDescription
from tests.browser import DEMO_PASSWORD, login, screenshot
from tests.builders import make_user

CODE = "BT-VT01"


def _approver(org_a):
    """The organisation admin of org A's parent (the province): the one who approves A."""
    return make_user("duyet_tinh", Role.ORG_ADMIN, org_a.parent, password=DEMO_PASSWORD, first_name="Phê Duyệt")


def _flash(page, text):
    expect(page.locator(".alert-success", has_text=text)).to_be_visible()


def _task_rows(page):
    return page.locator("#task-list > li")


def _new_page(browser_context, live_server, browser_log):
    """A second person's page: its own browser context (cookies), the same console checks."""
    other = browser_context.browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1366, "height": 900},
    )
    page = other.new_page()
    page.on("console", browser_log.on_console)
    page.on("pageerror", browser_log.on_page_error)
    return page


def test_description_lifecycle(page, live_server, demo_data, browser_context, browser_log):
    org_a = demo_data.org_a
    approver = _approver(org_a)
    login(page, live_server, "hr_a")

    # The catalogue, then "Thêm vị trí" with the framework search (htmx, no diacritics typed).
    page.goto(f"/positions/org/{org_a.code}/")
    expect(page.locator("h1")).to_have_text("Danh mục vị trí việc làm")
    page.locator("#position-add").click()
    page.locator("#framework-q").fill("van thu")
    result = page.locator(".framework-results a", has_text="Văn thư").first
    expect(result).to_be_visible()
    screenshot(page, "positions-01-framework-search")
    result.click()
    expect(page.locator("#framework-picked")).to_contain_text("Văn thư")
    page.locator("#id_code").fill(CODE)
    page.locator("#submit-id-save").click()
    _flash(page, "Đã thêm vị trí")
    position = Position.objects.get(organization=org_a, code=CODE)
    draft = position.descriptions.get()
    sample_tasks = draft.tasks.count()
    assert sample_tasks >= 2  # the framework sample came along

    # Editor: add a task, type into it, move it to the top; set a competency level.
    expect(_task_rows(page)).to_have_count(sample_tasks)
    page.locator("#task-add").click()
    expect(_task_rows(page)).to_have_count(sample_tasks + 1)
    new_row = _task_rows(page).last
    new_row.locator(".rt-area").first.click()
    page.keyboard.type("Số hoá văn bản đến ")
    new_row.locator(".rt-toolbar [data-cmd=bold]").first.click()
    page.keyboard.type("trong ngày")
    for _ in range(sample_tasks):
        _task_rows(page).filter(has_text="Số hoá văn bản đến").locator(".js-task-up").click()
    expect(_task_rows(page).first).to_contain_text("Số hoá văn bản đến trong ngày")
    expect(_task_rows(page).first.locator(".task-number")).to_have_text("1")
    level = page.locator("select.js-level").first
    level.select_option("4")
    expect(level.locator("xpath=ancestor::tr").locator(".level-descriptor.is-active")).to_contain_text("Cấp độ 4")
    screenshot(page, "positions-02-editor")
    page.locator("#save-draft").click()
    _flash(page, "Đã lưu bản nháp")
    draft.refresh_from_db()
    first = draft.tasks.order_by("order").first()
    assert first.task == "<p>Số hoá văn bản đến <b>trong ngày</b></p>"
    assert draft.tasks.count() == sample_tasks + 1
    assert draft.competencies.filter(level=4).exists()

    # Submit from the editor: one message, not "saved" and "submitted" stacked.
    page.locator("#save-submit").click()
    _flash(page, "Đã lưu và trình phê duyệt")
    expect(page.locator("main > .alert-dismissible")).to_have_count(1)
    draft.refresh_from_db()
    assert draft.status == DescriptionStatus.SUBMITTED

    # The province's admin returns it with a comment (required).
    approver_page = _new_page(browser_context, live_server, browser_log)
    login(approver_page, live_server, approver.username)
    approver_page.goto("/positions/approvals/")
    row = approver_page.locator(f"tr.queue-row[data-description='{draft.pk}']")
    expect(row).to_be_visible()
    screenshot(approver_page, "positions-03-approval-queue")
    row.locator("summary", has_text="Trả lại").click()
    row.locator("textarea[name=comment]").fill("Bổ sung tiêu chí đánh giá cho nhiệm vụ số hoá.")
    row.locator("#action-return").click()
    _flash(approver_page, "Đã trả lại")

    # hr_a sees the comment prominently, fixes and resubmits.
    page.goto(f"/positions/descriptions/{draft.pk}/edit/")
    expect(page.locator("#return-comment")).to_contain_text("Bổ sung tiêu chí đánh giá cho nhiệm vụ số hoá.")
    screenshot(page, "positions-04-returned")
    _task_rows(page).first.locator(".rt-area").nth(2).click()
    page.keyboard.type("Văn bản đến được số hoá trong ngày làm việc")
    page.locator("#save-submit").click()
    _flash(page, "Đã lưu và trình phê duyệt")

    # Approved.
    approver_page.goto("/positions/approvals/")
    approver_page.on("dialog", lambda dialog: dialog.accept())
    approver_page.locator(f"tr.queue-row[data-description='{draft.pk}'] #action-approve").click()
    _flash(approver_page, "Đã phê duyệt")
    draft.refresh_from_db()
    assert draft.status == DescriptionStatus.APPROVED

    # An approved version is read-only; a new version starts a draft; the diff shows the change.
    page.goto(f"/positions/descriptions/{draft.pk}/")
    expect(page.locator("#action-edit")).to_have_count(0)
    page.locator("#action-new-version").click()
    expect(page.locator("h1")).to_contain_text("Bản nháp · v2")
    page.locator("#edit-objective .rt-area").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Thêm câu ở phiên bản hai.")
    page.locator("#save-draft").click()
    _flash(page, "Đã lưu bản nháp")
    v2 = position.descriptions.get(version=2)
    page.goto(f"/positions/descriptions/{v2.pk}/")
    page.locator("#compare-link").click()
    changed = page.locator("details.diff-section.is-changed")
    expect(changed).to_have_count(1)
    expect(changed.locator("summary")).to_contain_text("Mục tiêu")
    expect(changed.locator("ins")).to_contain_text("Thêm câu ở phiên bản hai.")
    expect(page.locator("details.diff-section:not([open])").first).to_be_visible()
    screenshot(page, "positions-05-diff")

    # Two officers on the same draft: the second save is refused (409), nothing lost.
    browser_log.allow(r"status of 409")
    other = _new_page(browser_context, live_server, browser_log)
    login(other, live_server, "orgadmin_a")
    edit = f"/positions/descriptions/{v2.pk}/edit/"
    page.goto(edit)
    other.goto(edit)
    other.locator("#edit-authority .rt-area").click()
    other.keyboard.type("Quyền hạn do người thứ hai nhập.")
    other.locator("#save-draft").click()
    _flash(other, "Đã lưu bản nháp")
    page.locator("#edit-conditions .rt-area").click()
    page.keyboard.type("Điều kiện do hr_a nhập.")
    page.locator("#save-draft").click()
    expect(page.locator("#conflict")).to_contain_text("Bản nháp đã được người khác lưu")
    expect(page.locator("#conflict-changes")).to_contain_text("Quyền hạn do người thứ hai nhập.")
    expect(page.locator("#edit-conditions .rt-area")).to_contain_text("Điều kiện do hr_a nhập.")
    screenshot(page, "positions-06-conflict")
    stored = PositionDescription.objects.get(pk=v2.pk)
    assert "Quyền hạn do người thứ hai nhập." in stored.authority
    assert "Điều kiện do hr_a nhập." not in stored.working_conditions
    page.locator("#keep-mine").click()  # saving deliberately after reviewing
    _flash(page, "Đã lưu bản nháp")
    assert "Điều kiện do hr_a nhập." in PositionDescription.objects.get(pk=v2.pk).working_conditions

    # Print view of the approved version.
    page.goto(f"/positions/descriptions/{draft.pk}/print/")
    expect(page.locator(".doc-nation")).to_have_text("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    screenshot(page, "positions-07-print")


def test_hr_b_cannot_see_org_a_positions(page, live_server, demo_data, browser_log):
    position = Position.objects.create(
        organization=demo_data.org_a,
        code=CODE,
        name="Văn thư bí mật",
        group_id=Position._meta.get_field("group").related_model.objects.get(code="CMNV").pk,
    )
    description = PositionDescription.objects.create(position=position, version=1)
    browser_log.allow(r"status of 404")
    login(page, live_server, "hr_b")
    for url in (
        f"/positions/{position.pk}/",
        f"/positions/descriptions/{description.pk}/",
        f"/positions/descriptions/{description.pk}/edit/",
        f"/positions/org/{demo_data.org_a.code}/",
    ):
        response = page.goto(url)
        assert response.status == 404, url
    page.goto("/positions/?q=van+thu+bi+mat")
    expect(page.locator("#position-results tbody")).not_to_contain_text("Văn thư bí mật")
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^0 vị trí"))
