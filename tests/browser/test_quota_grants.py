"""Issue 11 items 14 and 15 in the browser, as hr_a (HR officer of Sở Nội vụ) on the demo data: the
quota list offers no edit button for Sở Nội vụ's own quotas (granted by the province) but does
for its divisions'; the form offers only the divisions; a number over what remains gives a
message without the province's or the sibling departments' numbers."""

from __future__ import annotations

from staffing.models import Quota
from tests.browser import login, screenshot


def test_hr_a_distributes_but_does_not_set_its_own_quota(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "hr_a")
    page.goto("/staff/quotas/?year=2026")
    rows = page.locator("#quota-table tr.quota-row")
    assert rows.count() >= 2
    own = rows.filter(has_text=org_a.name).first
    own_quota = Quota.objects.filter(organization=org_a, year=2026).first()
    assert own_quota is not None
    assert page.locator(f"a[href='/staff/quotas/{own_quota.pk}/edit/']").count() == 0
    assert own.locator("a.btn", has_text="Sửa").count() == 0
    assert own.locator(".quota-granted-above").get_attribute("title") == "Do cấp trên giao: bạn không sửa được"
    assert page.locator("#quota-table a.btn", has_text="Sửa").count() >= 1  # the divisions'
    screenshot(page, "quota-grants-01-list")

    page.goto("/staff/quotas/new/")
    options = page.locator("#id_organization option").all_inner_texts()
    assert org_a.name not in [o.strip() for o in options]
    division = options[1]  # options[0] is the empty "— chọn —"
    page.select_option("#id_organization", label=division)
    page.fill("#id_year", "2026")
    page.select_option("#id_category", "CBCC")
    page.fill("#id_assigned", "100000")
    page.fill("#id_decision_number", "1/QĐ-SNV")
    page.fill("#id_decision_date", "20/12/2025")
    page.locator("#quota-form button[type=submit]").first.click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "vượt quá" in body
    assert demo_data.org_b.name not in body
    screenshot(page, "quota-grants-02-form-error")
