"""The data of the streamlining list in a real browser (issue 9), as hr_a of Sở Nội vụ on the demo
data: the staff list filtered by training level finds the person trained below their position's
requirement (case e); their page shows the training and salary sections; the edit form takes an
allowance typed the local way (0,6), refuses a percentage written as a fraction with its message,
then saves; the position page and the catalogue's A4 print show the required level; hr_b gets 404 on
that person. No console error (CSP included).

Screenshots: ``screenshots/training-*.png``.
"""

from decimal import Decimal

from playwright.sync_api import expect

from positions.models import Position
from staffing.models import Staff
from tests.browser import login, screenshot, texts


def test_training_and_allowances_on_the_staff_and_position_pages(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "hr_a")
    page.goto("/staff/")
    page.locator("#id_training_level").select_option("CD")
    page.locator("#staff-search button[type=submit]").click()
    page.wait_for_url("**training_level=CD**")
    rows = page.locator("#staff-table tr.staff-row")
    expect(rows).to_have_count(1)
    screenshot(page, "training-01-list")

    rows.first.locator("a").first.click()
    expect(page.locator("#training-level")).to_have_text("Cao đẳng")
    code = page.locator("main p code").first.inner_text()
    person = Staff.objects.get(employee_code=code)
    assert person.organization.path.startswith(org_a.path)
    assert person.allowance_percent == 25  # a civil servant: phụ cấp công vụ
    expect(page.locator("#allowance-percent")).to_have_text("25%")
    expect(page.locator("#leadership-allowance")).to_have_text("—")
    screenshot(page, "training-02-person")

    # The edit form: 0,6 the local way; a percentage written as a fraction is refused, nothing saved.
    page.locator("#staff-edit").click()
    page.locator("#id_leadership_allowance").fill("0,6")
    page.locator("#id_seniority_percent").fill("0,07")
    page.locator("#staff-form button[type=submit]").first.click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#staff-form .invalid-feedback", has_text="phân số")).to_be_visible()
    person.refresh_from_db()
    assert person.leadership_allowance is None
    screenshot(page, "training-03-form-error")
    page.locator("#id_seniority_percent").fill("7")
    page.locator("#id_training_level").select_option("DH")
    page.locator("#staff-form button[type=submit]").first.click()
    expect(page.locator("#leadership-allowance")).to_have_text("hệ số 0,60")
    expect(page.locator("#seniority-percent")).to_have_text("7%")
    expect(page.locator("#training-level")).to_have_text("Đại học")
    person.refresh_from_db()
    assert (person.leadership_allowance, person.seniority_percent, person.training_level) == (
        Decimal("0.60"),
        Decimal(7),
        "DH",
    )
    history = " ".join(texts(page.locator("#history tr.history-row")))
    assert "Cao đẳng → Đại học" in history

    # The position's page and the catalogue's A4 print: the level it requires.
    position = Position.objects.filter(organization=org_a, required_training_level="DH").order_by("code").first()
    page.goto(f"/positions/{position.pk}/")
    expect(page.locator("#required-training-level")).to_have_text("Đại học trở lên")
    page.goto(f"/positions/org/{org_a.code}/print/")
    expect(page.locator("#print-catalogue thead")).to_contain_text("Trình độ, chuyên ngành đào tạo")
    expect(page.locator("#print-catalogue tbody").first).to_contain_text("Đại học trở lên")
    screenshot(page, "training-04-catalogue-print")


def test_hr_b_cannot_open_an_org_a_person(page, live_server, demo_data, browser_log):
    person = Staff.objects.filter(organization__path__startswith=demo_data.org_a.path).exclude(training_level="")
    code = person.order_by("employee_code").first().employee_code
    login(page, live_server, "hr_b")
    browser_log.allow(r"status of 404")  # Chrome logs the 404 document load as a console error
    for url in (f"/staff/{code}/", f"/staff/{code}/edit/"):
        response = page.goto(url)
        assert response.status == 404
        expect(page.locator("main")).not_to_contain_text(code)
