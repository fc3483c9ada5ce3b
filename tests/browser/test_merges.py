"""Merging two units in the browser, as orgadmin_a (Sở Nội vụ) on the demo data: from the reports
index, a new scenario merging the department's two public service centres; its combined catalogue
(duplicates side by side), a lower norm and a changed position mapping, saved; a second scenario;
the two compared; the first applied after its confirmation; the new unit's page and its reduction
report (the predecessors' summed base-year quota); the old unit's page marked; hr_b gets 404 on
org A's scenarios. No console error (CSP included).

Screenshots: ``screenshots/merges-*.png``.
"""

import re

from playwright.sync_api import expect

from portal.models import Organization
from positions.models import Position
from staffing.models import MergeScenario, Quota, Staff
from tests.browser import login, logout, screenshot

ARCHIVE = "000.21.02.H22"  # Trung tâm Lưu trữ lịch sử
JOBS = "000.22.02.H22"  # Trung tâm Dịch vụ việc làm
NEW_CODE = "000.23.02.H22"
NEW_NAME = "Trung tâm Lưu trữ và Dịch vụ việc làm"


def new_scenario(page, title, code):
    page.goto("/reports/merges/")
    page.locator("#merge-new").click()
    page.wait_for_url("**/reports/merges/new/")
    page.locator("#id_title").fill(title)
    for unit in (ARCHIVE, JOBS):
        page.locator("#merge-units label", has_text=f"({unit})").click()
    page.locator("#id_new_name").fill(NEW_NAME)
    page.locator("#id_new_code").fill(code)
    page.locator("#id_new_kind").select_option("SNCL")
    page.locator("#id_effective_date").fill("01/12/2026")
    page.locator("#id_decision_number").fill("2468/QĐ-UBND")
    page.locator("#id_decision_date").fill("20/11/2026")
    page.locator("#id_issuer").fill("UBND tỉnh Quảng Ninh")
    page.locator("#merge-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/reports/merges/\d+/$"))
    expect(page.locator("#merge-title")).to_have_text(title)


def test_simulate_compare_and_apply_a_merge(page, live_server, demo_data, browser_log):
    org_a = demo_data.org_a
    archive, jobs = Organization.objects.get(code=ARCHIVE), Organization.objects.get(code=JOBS)
    people = Staff.objects.filter(organization__in=[archive, jobs], status="DLV").count()
    vc_base = sum(
        Quota.objects.filter(organization__in=[archive, jobs], year=2021, category="VC").values_list(
            "assigned", flat=True
        )
    )

    login(page, live_server, "orgadmin_a")
    page.goto("/reports/")
    page.locator("#card-merges a.btn-primary").click()
    page.wait_for_url("**/reports/merges/")
    expect(page.locator("#merge-empty")).to_be_visible()

    # A scenario: the two centres of Sở Nội vụ into one.
    new_scenario(page, "Phương án 1: hợp nhất hai trung tâm", NEW_CODE)
    expect(page.locator("#merge-what")).to_contain_text(archive.name)
    expect(page.locator("#merge-what")).to_contain_text(jobs.name)
    # the duplicates side by side (same framework position): the director, the accountant …
    director = page.locator("#merge-catalogue tr.merge-position", has_text="Giám đốc Trung tâm").first
    expect(director).to_have_class(re.compile("merge-duplicate"))
    expect(director.locator("li.merge-old")).to_have_count(2)
    expect(director.locator(".badge", has_text="cùng vị trí khung")).to_be_visible()
    vc = page.locator("#merge-categories tr[data-category='VC']")
    headcount, ceiling = (int(vc.locator("td").nth(i).inner_text().split()[0].replace(".", "")) for i in (2, 3))
    norm = min(headcount, ceiling) - 4  # at least 4 surplus
    screenshot(page, "merges-01-proposed")

    # Lower the VC norm and move the jobs centre's "Lưu trữ" post into "Lưu trữ viên".
    page.locator("#id_norm-VC").fill(str(norm))
    storage = Position.objects.get(organization=jobs, code="VT11")
    archivist = Position.objects.get(organization=archive, code="VT03")
    page.locator(f"#id_map-{storage.pk}").select_option(f"p{archivist.pk}")
    page.locator("#merge-save-choices").click()
    page.wait_for_url(re.compile(r"/reports/merges/\d+/$"))
    expect(page.locator(".alert-success")).to_contain_text("Đã tính lại và lưu")
    row = page.locator(f"#merge-catalogue tr[data-key='p{archivist.pk}']")
    expect(row.locator("li.merge-old")).to_have_count(2)
    expect(page.locator("#id_norm-VC")).to_have_value(str(norm))
    expect(page.locator("#merge-categories tr[data-category='VC'] td").last).not_to_have_text("0")
    expect(page.locator(".merge-roadmap[data-category='VC'] tbody tr")).to_have_count(5)
    assert int(page.locator("#merge-surplus").inner_text().replace(".", "")) >= 4
    first = MergeScenario.objects.get(new_code=NEW_CODE)
    assert first.norms["VC"] == norm and first.figures["totals"]["surplus"] >= 4
    screenshot(page, "merges-02-saved")

    # A second scenario keeping the norms, then the two side by side.
    new_scenario(page, "Phương án 2: giữ định mức", "000.24.02.H22")
    page.locator("#merge-other").select_option(str(first.pk))
    page.locator("#merge-compare-go").click()
    page.wait_for_url("**/reports/merges/compare/**")
    table = page.locator("#merge-compare-table")
    expect(table.locator("#merge-compare-right")).to_contain_text("Phương án 1")
    norm_row = table.locator("tr.merge-compare-row", has_text="Định mức biên chế")
    expect(norm_row).to_have_class(re.compile("merge-differs"))
    expect(table.locator("tr.merge-compare-row", has_text="Dôi dư").first).to_be_visible()
    screenshot(page, "merges-03-compare")

    # Apply the first one: the confirmation says exactly what happens.
    page.locator("#merge-compare-right a").click()
    page.locator("#merge-apply").click()
    page.wait_for_url("**/apply/")
    expect(page.locator("#apply-new-unit")).to_contain_text(NEW_CODE)
    expect(page.locator("#apply-close")).to_contain_text("30/11/2026")
    expect(page.locator("#apply-staff")).to_contain_text(f"Chuyển {people} người")
    expect(page.locator("#apply-moves tr.apply-merged").first).to_contain_text("gộp vào")
    expect(page.locator("#apply-quotas")).to_contain_text("2468/QĐ-UBND")
    screenshot(page, "merges-04-confirm")
    page.locator("#apply-submit").click()  # without the box ticked: refused
    expect(page.locator("#apply-form .invalid-feedback")).to_contain_text("Hãy đánh dấu ô xác nhận")
    assert not Organization.objects.filter(code=NEW_CODE).exists()
    page.locator("#id_confirm").check()
    page.locator("#apply-submit").click()
    page.wait_for_url(f"**/orgs/{NEW_CODE}/")
    expect(page.locator(".alert-success")).to_contain_text("Đã sáp nhập")
    expect(page.locator("#org-predecessors")).to_contain_text(archive.name)
    assert Staff.objects.filter(organization__code=NEW_CODE, status="DLV").count() == people
    screenshot(page, "merges-05-new-unit")

    # The new unit's reduction report: its base is the predecessors' 2021 quotas, summed.
    page.goto(f"/reports/reductions/?org={NEW_CODE}&rule_set=KL40-2022&as_of=2026-12-31")
    expect(page.locator("main h1")).to_contain_text(NEW_NAME)
    card = page.locator(".rd-card[data-category='VC']")
    expect(card.locator(".rd-base-merged")).to_contain_text(archive.name)
    assert str(vc_base) in card.inner_text()
    screenshot(page, "merges-06-reductions")

    # The old unit's page still opens, read-only, marked.
    page.goto(f"/orgs/{ARCHIVE}/")
    expect(page.locator("#merged-into")).to_contain_text(NEW_NAME)
    expect(page.locator("#org-edit")).to_have_count(0)
    screenshot(page, "merges-07-old-unit")

    # hr_b (Sở Tài chính) sees none of org A's scenarios.
    logout(page)
    login(page, live_server, "hr_b")
    page.goto("/reports/merges/")
    expect(page.locator("#merge-list")).to_have_count(0)
    browser_log.allow(r"Failed to load resource: the server responded with a status of 404")
    response = page.goto(f"/reports/merges/{first.pk}/")
    assert response.status == 404
    assert org_a.code not in page.content()
