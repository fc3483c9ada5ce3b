"""The screenshots of the user guides (docs/guide/), taken by walking each role's main pages.

Each test logs in as a demo user, opens the pages its guide describes, checks what the guide says
is there, and saves a screenshot per page. With ``VTVL_GUIDE_SCREENSHOTS=1`` (``make guide``) the
pictures are also written to ``docs/guide/img/`` — the ones the guides show; otherwise only to
the gitignored ``screenshots/`` folder, like every browser test's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from portal.text import vi_sort_key
from tests.browser import SCREENSHOT_DIR, login
from tests.builders import make_audit_history

GUIDE_IMG = Path(__file__).resolve().parents[2] / "docs" / "guide" / "img"
DESKTOP = {"width": 1280, "height": 760}
PHONE = {"width": 375, "height": 740}  # the width the phone checks use (tests/browser/walk.py)


def guide_shot(page, name: str, viewport: dict = DESKTOP) -> None:
    """The viewport (not the full page: the guides show what a person sees first) as
    ``screenshots/guide-<name>.png``, copied to ``docs/guide/img/<name>.png`` when asked."""
    page.set_viewport_size(viewport)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    path = SCREENSHOT_DIR / f"guide-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    if os.environ.get("VTVL_GUIDE_SCREENSHOTS") == "1":
        GUIDE_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, GUIDE_IMG / f"{name}.png")


def test_hr_officer_guide(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "hr_a")
    assert page.locator("main").get_by_text(org_a.name).count() >= 1
    # The HR officer's work: descriptions to finish, records with missing data, recent imports.
    for panel in ("#home-descriptions", "#home-missing", "#home-imports"):
        assert page.locator(panel).count() == 1
    guide_shot(page, "hr-01-home")

    page.goto(f"/positions/org/{org_a.code}/")
    assert page.locator("main table").count() >= 1
    guide_shot(page, "hr-02-catalogue")

    # A draft description of the department, opened in the editor.
    page.locator("main a[href*='/descriptions/'][href$='/edit/']").first.click()
    page.locator("main form").first.wait_for()
    guide_shot(page, "hr-03-description-editor")

    page.goto("/staff/")
    assert page.locator("main table tbody tr").count() >= 1
    guide_shot(page, "hr-04-staff-list")


def test_hr_officer_guide_training_and_salary(page, live_server, demo_data):
    """A person's training and salary sections (issue 9): the one of Sở Nội vụ trained below their
    position's requirement, found with the staff list's training-level filter."""
    login(page, live_server, "hr_a")
    page.goto("/staff/?training_level=CD")
    page.locator("#staff-table tr.staff-row a").first.click()
    assert page.locator("#training-level").inner_text() == "Cao đẳng"
    assert page.locator("#allowance-percent").inner_text() == "25%"
    guide_shot(page, "hr-05-staff-training")


def test_hr_officer_guide_streamlining(page, live_server, demo_data):
    """The HR officer guide's streamlining list: the list, a case-d decision recorded on a person,
    then two saved lists compared (a person excluded in between)."""
    from staffing.demo.constants import DEMO_REVIEW_YEAR

    login(page, live_server, "hr_a")
    # The demo is made for review year 2026, whatever year the guide is retaken in.
    list_url = f"/reports/streamlining/?org={demo_data.org_a.code}&year={DEMO_REVIEW_YEAR}"
    page.goto(list_url)
    page.locator("#sl-candidates").wait_for()
    guide_shot(page, "hr-06-streamlining-list")

    codes = page.locator("#sl-candidates > tbody > tr.sl-row").evaluate_all("rows => rows.map(r => r.dataset.code)")
    page.locator(f"#sl-candidates tr[data-code='{codes[0]}'] a").first.click()
    page.locator("#id_case").select_option("d")
    page.locator("#id_note").fill("Quyết định 25/QĐ-SNV ngày 10/11/2026 về rà soát, sắp xếp lại nhân sự")
    page.locator("#sl-decide").click()
    page.locator("#sl-decisions").wait_for()
    guide_shot(page, "hr-07-streamlining-person")

    page.locator("#sl-back").click()
    page.locator("#sl-save").click()
    page.locator("#sl-frozen").wait_for()
    page.goto(list_url)
    page.locator(f"#sl-candidates tr[data-code='{codes[1]}'] a").first.click()
    page.locator("#id_reason").fill("Đã có quyết định điều động sang Sở Tư pháp từ 01/12/2026")
    page.locator("#sl-exclude").click()
    page.locator("#sl-back").click()
    page.locator("#sl-note").fill("Sau rà soát")
    page.locator("#sl-save").click()
    page.locator("#sl-compare-previous").click()
    page.locator("#sl-cmp-totals").wait_for()
    assert page.locator("#sl-dropped tr[data-code]").count() == 1
    guide_shot(page, "hr-08-streamlining-compare")


def test_organisation_admin_guide(page, live_server, demo_data):
    login(page, live_server, "orgadmin_a")
    # The home page: what waits for approval, imports waiting or failed, users and roles.
    for panel in ("#home-approvals", "#home-imports", "#home-users"):
        assert page.locator(panel).count() == 1
    guide_shot(page, "orgadmin-00-home")

    page.locator("#nav-positions-approval-queue").click()
    page.wait_for_url("**/positions/approvals/")
    assert page.locator("main h1").count() == 1
    guide_shot(page, "orgadmin-01-approvals")

    page.goto("/imports/new/")
    assert page.locator("main input[type=file]").count() == 1
    guide_shot(page, "orgadmin-02-import")

    page.goto("/admin-users/")
    assert page.locator("main table").count() == 1
    guide_shot(page, "orgadmin-03-users")


def test_organisation_admin_guide_audit_log(page, live_server, demo_data):
    """The log of the organisation's subtree: an import as one line, a description's changes."""
    make_audit_history(demo_data.org_a)
    login(page, live_server, "orgadmin_a")
    page.goto("/audit/")
    assert page.locator("#auditlog-table tr.audit-row").count() >= 4
    assert page.locator("#auditlog-table .audit-import").count() == 1
    guide_shot(page, "orgadmin-04-audit-log")


def test_manager_guide(page, live_server, demo_data):
    org_a = demo_data.org_a
    login(page, live_server, "manager_a")
    guide_shot(page, "manager-01-home")

    # The organisation's page, its hub: figures, links to its catalogue, staff, quotas, reports.
    page.locator("#home-org-hub").click()
    page.wait_for_url(f"**/orgs/{org_a.code}/")
    assert page.locator("main h1").inner_text().strip().endswith(org_a.name)
    assert page.locator("#hub-catalogue").count() == 1 and page.locator("#hub-report-reductions").count() == 1
    guide_shot(page, "manager-02-organisation")

    page.goto(f"/positions/org/{org_a.code}/")
    # A manager reads the catalogue; nothing to edit.
    assert page.locator("main a[href$='/edit/']").count() == 0
    guide_shot(page, "manager-03-catalogue")

    # The headcount-reduction dashboard (Tinh giản biên chế): from the home page's panel, the charts drawn.
    page.goto("/")
    page.locator("#home-reductions-link").click()
    page.locator("canvas[data-chart][data-drawn='1']").first.wait_for()
    guide_shot(page, "manager-04-dashboard")
    page.locator("#rd-tree").scroll_into_view_if_needed()
    guide_shot(page, "manager-04-dashboard-tree")

    # The retirement forecast (Dự báo nghỉ hưu): from the reports index, the chart drawn.
    page.goto("/reports/")
    page.locator("#card-retirement a.btn-primary").click()
    page.locator("canvas#rf-chart[data-drawn='1']").wait_for()
    guide_shot(page, "manager-05-forecast")


def test_national_admin_guide(page, live_server, demo_data):
    login(page, live_server, "admin")
    # The home page: rule sets and reference data with their legal status, unverified documents
    # flagged (scrolled into view: it comes after the work queues).
    assert page.locator("#home-reference-table tbody tr").count() >= 6
    page.set_viewport_size({"width": 1280, "height": 760})  # guide_shot's, before scrolling
    page.evaluate("window.scrollTo(0, document.getElementById('home-reference').offsetTop - 8)")
    page.wait_for_function("window.scrollY > 0")
    guide_shot(page, "national-00-home")

    page.goto("/orgs/")
    # The province unfolded: its departments, then its communes, each in Vietnamese order.
    province = page.locator(f"li.org-node[data-code='{demo_data.org_a.parent.code}']")
    province.locator("> .org-row .org-toggle").click()
    children = province.locator("> .org-children > li > .org-row .org-name")
    children.first.wait_for()
    names = children.all_inner_texts()
    departments = [n for n in names if n.startswith("Sở ")]
    assert departments == sorted(departments, key=vi_sort_key)
    assert departments.index("Sở Nội vụ") + 1 == departments.index("Sở Nông nghiệp và Môi trường")
    guide_shot(page, "national-01-tree")

    page.goto("/admin/portal/legaldocument/")
    assert page.locator("#result_list tbody tr").count() >= 18
    guide_shot(page, "national-02-legal-documents")

    page.goto("/imports/new/")
    guide_shot(page, "national-03-import")

    # The whole country's headcount reduction: the roots in the tree table, its chart drawn.
    page.goto("/reports/reductions/")
    assert "Toàn quốc" in page.locator("main h1").inner_text()
    page.locator("main canvas[data-chart][data-drawn]").first.wait_for()
    guide_shot(page, "national-04-reductions")


def test_national_admin_guide_audit_log(page, live_server, demo_data):
    """The audit log: filters, an import as one line with its counts, a description's word diff."""
    make_audit_history(demo_data.org_a)
    login(page, live_server, "admin")
    page.goto("/audit/")
    assert page.locator("#auditlog-table .audit-diff ins").count() >= 2
    assert page.locator("#audit-export").count() == 1
    guide_shot(page, "national-05-audit-log")


def test_manager_guide_headcount_reports(page, live_server, demo_data):
    """The manager guide's headcount reports: quota against actual (its chart drawn), exits by kind,
    staffing by job-position group, each opened from its card on the reports index."""
    login(page, live_server, "manager_a")
    page.goto("/reports/")
    page.locator("#card-quotas a.btn-primary").click()
    page.locator("canvas#hc-quota-canvas[data-drawn='1']").wait_for()
    assert page.locator("#hc-quotas tbody tr.hc-row").count() >= 1
    guide_shot(page, "manager-06-quotas")

    page.goto("/reports/")
    page.locator("#card-exits a.btn-primary").click()
    assert page.locator("#hc-exits-by-year tbody tr").count() >= 1
    guide_shot(page, "manager-07-exits")

    page.goto("/reports/")
    page.locator("#card-groups a.btn-primary").click()
    assert page.locator("#hc-groups thead th[data-group]").count() >= 5
    guide_shot(page, "manager-08-groups")


def test_organisation_admin_guide_import_preview(page, live_server, demo_data):
    """The organisation admin guide's import preview: a staff file that changes names and adds
    people, the changed fields shown old → new."""
    from tests.browser.test_import_preview import staff_changes, upload_staff

    data, _facts = staff_changes(demo_data.org_a)
    login(page, live_server, "orgadmin_a")
    upload_staff(page, data)
    page.set_viewport_size({"width": 1280, "height": 760})
    page.goto(page.url.split("?")[0] + "?show=updated")  # the changed rows' tab
    page.locator("#preview-table[data-show=updated]").wait_for()
    page.locator("#job-outcome").evaluate("element => window.scrollTo(0, element.offsetTop - 8)")  # counts, rows
    guide_shot(page, "orgadmin-02-import-preview")


def test_organisation_admin_guide_merges(page, live_server, demo_data):
    """The organisation admin guide's merges (Sáp nhập đơn vị): two scenarios merging Sở Nội vụ's
    two centres (set up through the services), the list, a scenario's figures and catalogue, the
    comparison and the apply confirmation."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from portal.models import Organization
    from staffing import services

    admin = get_user_model().objects.get(username="orgadmin_a")
    centres = list(Organization.objects.filter(code__in=["000.21.02.H22", "000.22.02.H22"]))
    common = {
        "units": centres,
        "new_name": "Trung tâm Lưu trữ và Dịch vụ việc làm",
        "new_kind": "SNCL",
        "new_parent": demo_data.org_a,
        "effective_date": dt.date(2026, 12, 1),
        "decision_number": "2468/QĐ-UBND",
        "decision_date": dt.date(2026, 11, 20),
        "issuer": "UBND tỉnh Quảng Ninh",
    }
    first = services.save_scenario(user=admin, title="Phương án 1: giảm định mức", new_code="000.23.02.H22", **common)
    norms = {c: max(0, n - 3) for c, n in first.norms.items()}
    services.update_scenario_choices(user=admin, scenario=first, mapping={}, needed={}, codes={}, names={}, norms=norms)
    second = services.save_scenario(user=admin, title="Phương án 2: giữ định mức", new_code="000.24.02.H22", **common)

    login(page, live_server, "orgadmin_a")
    page.goto("/reports/merges/")
    assert page.locator("#merge-list tbody tr").count() == 2
    guide_shot(page, "orgadmin-04-merges")

    page.goto(f"/reports/merges/{first.pk}/")
    page.locator("#merge-cards").wait_for()
    guide_shot(page, "orgadmin-05-merge-figures")
    page.locator("#merge-catalogue-title").scroll_into_view_if_needed()
    assert page.locator("#merge-catalogue tr.merge-duplicate").count() >= 2
    guide_shot(page, "orgadmin-06-merge-catalogue")

    page.goto(f"/reports/merges/compare/?a={second.pk}&b={first.pk}")
    assert page.locator("#merge-compare-table tr.merge-differs").count() >= 1
    guide_shot(page, "orgadmin-07-merge-compare")

    page.goto(f"/reports/merges/{first.pk}/apply/")
    assert page.locator("#apply-form").count() == 1
    guide_shot(page, "orgadmin-08-merge-apply")


def test_phone_guide(page, live_server, demo_data):
    """Two pages on a 375 px phone (issue 12): a catalogue, whose statuses and buttons stay on screen,
    and the staff list, whose filters fold behind the "Bộ lọc" button."""
    login(page, live_server, "hr_a")
    page.set_viewport_size(PHONE)
    page.goto(f"/positions/org/{demo_data.org_a.code}/")
    assert page.locator("#catalogue .status-badge").first.is_visible()
    guide_shot(page, "phone-01-catalogue", PHONE)

    page.goto("/staff/")
    assert page.locator("#staff-search").is_hidden()
    assert page.locator("#staff-table tr.staff-row").first.is_visible()
    guide_shot(page, "phone-02-staff-list", PHONE)
