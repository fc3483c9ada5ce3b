"""Phones (375 px) and accessibility (axe-core) on every page, for every role (issue 12).

The walk (``tests/browser/walk.py``): each demo role logs in once, in one browser context, and
opens every page of ``walk.PAGES`` it may open, with its own objects, plus every link of its menu
and home page. On each page: no sideways scrolling at 375 px, and no serious or critical axe-core
violation at 375 px and at 1366 px. A failure names the page, the elements sticking out or the
axe rule with its impact and the elements' selectors, and leaves a screenshot at 375 px in
``screenshots/phone-a11y-<role>-<page>.png``.

Before the walk, each role's organisation gets what the pages show (through the services and the
import engine, as the pages make them): two saved streamlining lists with a decision and an
exclusion between them and two merge scenarios (both demo organisations), a day of org A's work in
the audit log, and for the admins import jobs (ready, rejected, a staff file previewed, one done).

The other tests check what the walk cannot see: the checks themselves catch a bad page, keyboard
focus is drawn (on the menu and the staff list, and on the streamlining, merge and audit forms), the
menu button sits at the right end of the bar on a phone, the staff and audit filters fold away on a
phone, the catalogue's status and buttons stay on screen, stacked tables name each value (a saved
lists' comparison too), and a table or an A4 sheet that scrolls inside its box can be scrolled from
the keyboard.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from imports.exporting import export_bytes
from imports.jobs import create_job, preview_job
from portal.models import Organization
from staffing import services
from staffing.demo import DEMO_ORG_A_CODE, DEMO_ORG_B_CODE
from staffing.demo.constants import DEMO_REVIEW_YEAR
from staffing.models import Staff
from staffing.reports.candidates import candidate_list
from tests.browser import login, screenshot, walk
from tests.browser.test_import_preview import staff_changes
from tests.builders import make_audit_history

FOCUS_RING = "rgb(11, 61, 145)"  # --vtvl-focus in static/css/portal.css
WHITE = "rgb(255, 255, 255)"


def _import_jobs(username: str) -> dict[str, str]:
    """Two import jobs of the role's organisation, through the import engine as the web flow does:
    one previewed and ready to confirm, one rejected with errors (its errors table)."""
    user = get_user_model().objects.get(username=username)
    org = Organization.objects.get(code=walk.objects_of(username)["org"])
    data = export_bytes(kind="positions", fmt="csv", scope_org=org).decode("utf-8-sig")
    header, *rows = data.splitlines()
    # "mười" is not a number: every changed row is rejected on its "Số người cần".
    bad = "\n".join([header] + [row.replace(",1,", ",mười,", 1) for row in rows[:5]])
    jobs = {}
    for key, content, name in (("import_ready", data, "vi-tri.csv"), ("import_rejected", bad, "vi-tri-loi.csv")):
        job = create_job(kind="positions", data=content.encode(), file_name=name, scope_org=org, user=user)
        preview_job(job)
        jobs[key] = str(job.pk)
    return jobs


def _staff_imports(username: str) -> dict[str, str]:
    """A day of org A's work in the audit log (``make_audit_history``: edits, an approval and a staff
    import, the done job), then a staff file of the role's organisation previewed: new people and
    more than one page (50 rows) of changed names, for the preview's tabs and pages."""
    user = get_user_model().objects.get(username=username)
    org = Organization.objects.get(code=walk.objects_of(username)["org"])
    done = make_audit_history(Organization.objects.get(code=DEMO_ORG_A_CODE)).job
    data, _facts = staff_changes(org)
    job = create_job(kind="staff", data=data, file_name="can-bo.xlsx", scope_org=org, user=user)
    preview_job(job)
    return {"import_done": str(done.pk), "import_preview": str(job.pk)}


#: Units of each demo organisation merged by the walk's two scenarios, and the new units' codes.
MERGED = {
    DEMO_ORG_A_CODE: ("orgadmin_a", ["000.21.02.H22", "000.22.02.H22"], "000.23.02.H22", "000.24.02.H22"),
    DEMO_ORG_B_CODE: ("admin", ["000.02.03.H22", "000.03.03.H22"], "000.07.03.H22", "000.08.03.H22"),
}
EDITOR = {DEMO_ORG_A_CODE: "hr_a", DEMO_ORG_B_CODE: "hr_b"}


def _streamlining_and_merges() -> None:
    """In both demo organisations, through the services as the pages do: two saved candidate lists
    of the demo's review year (2026, whatever year the tests run in) with a case-d decision and an
    exclusion between them (so the comparison has a change and a person dropped out), and two
    merge scenarios of two units, the first with lower norms (so the comparison differs)."""
    users = get_user_model().objects.in_bulk([*EDITOR.values(), "orgadmin_a", "admin"], field_name="username")
    today = timezone.localdate()
    for code, editor in EDITOR.items():
        org, user = Organization.objects.get(code=code), users[editor]
        rows = candidate_list(org=org, year=DEMO_REVIEW_YEAR, as_of=today).snapshot_data()["rows"]
        codes = [r["employee_code"] for r in rows if r["status"] == "candidate"]
        assert len(codes) >= 2, f"{code}: the demo data has {len(codes)} streamlining candidates in {DEMO_REVIEW_YEAR}"
        services.save_candidate_snapshot(user=user, org=org, year=DEMO_REVIEW_YEAR, as_of=today, note="Lập lần đầu")
        decided, excluded = Staff.objects.get(employee_code=codes[0]), Staff.objects.get(employee_code=codes[1])
        services.set_streamlining_decision(
            user=user, staff=decided, year=DEMO_REVIEW_YEAR, case="d", note="Quyết định 25/QĐ về rà soát nhân sự"
        )
        services.exclude_from_streamlining(
            user=user, staff=excluded, year=DEMO_REVIEW_YEAR, reason="Đã có quyết định điều động sang đơn vị khác"
        )
        services.save_candidate_snapshot(user=user, org=org, year=DEMO_REVIEW_YEAR, as_of=today, note="Sau rà soát")

        admin, units, first_code, second_code = MERGED[code]
        common = {
            "units": list(Organization.objects.filter(code__in=units)),
            "new_name": "Đơn vị sau hợp nhất",
            "new_kind": Organization.objects.get(code=units[0]).kind,
            "new_parent": org,
            "effective_date": dt.date(today.year, 12, 1),
            "decision_number": "2468/QĐ-UBND",
            "decision_date": dt.date(today.year, 11, 20),
            "issuer": "UBND tỉnh Quảng Ninh",
        }
        first = services.save_scenario(
            user=users[admin], title="Phương án 1: giảm định mức", new_code=first_code, **common
        )
        norms = {category: max(0, n - 3) for category, n in first.norms.items()}
        services.update_scenario_choices(
            user=users[admin], scenario=first, mapping={}, needed={}, codes={}, names={}, norms=norms
        )
        services.save_scenario(user=users[admin], title="Phương án 2: giữ định mức", new_code=second_code, **common)


def _history(objects: dict[str, str]) -> None:
    """An entry in the audit log of the walked person and organisation (the demo data has none), so
    that the history tables and the audit log are walked with rows."""
    staff = Staff.objects.get(employee_code=objects["staff"])
    staff.training_field = "Quản lý nhà nước (học lại)"
    staff.save()
    org = Organization.objects.get(code=objects["org"])
    org.short_name = "SNV thử"
    org.save()


@pytest.mark.parametrize("username", walk.ROLES)
def test_every_page_fits_a_phone_and_has_no_serious_axe_violation(page, live_server, browser_log, username):
    _streamlining_and_merges()
    jobs = {**_import_jobs(username), **_staff_imports(username)} if username in walk.ADMINS else {}
    objects = walk.objects_of(username, **jobs)
    _history(objects)
    assert not walk.unfilled(username, objects), walk.unfilled(username, objects)
    login(page, live_server, username)
    targets = walk.pages_of(username, objects)
    # The pages outside the scope answer 404 on purpose; Chrome logs each.
    for target in targets:
        if target.status == 404:
            browser_log.allow(rf"status of 404 .*{re.escape(target.path)}")
    targets += walk.discover(page, targets)
    assert len(targets) >= 30, [t.path for t in targets]  # the list did not silently shrink

    problems = walk.walk(page, targets, screenshot_prefix=f"phone-a11y-{username}")

    assert not problems, f"{username}: {len(problems)} of {len(targets)} pages fail:\n" + "\n".join(
        p.report() for p in problems
    )


def test_the_login_page_fits_a_phone_and_has_no_serious_axe_violation(page):
    problems = walk.walk(page, list(walk.ANONYMOUS_PAGES), screenshot_prefix="phone-a11y-anonymous")

    assert not problems, "\n".join(p.report() for p in problems)


def test_the_checks_catch_a_page_too_wide_for_a_phone_and_an_unlabelled_field(page, live_server):
    login(page, live_server, "hr_a")
    page.set_viewport_size(walk.PHONE)
    page.goto("/staff/")
    assert walk.too_wide(page) is None
    assert walk.axe_violations(page, "375 px") == []

    # A 600 px block and a text field without a label, added the way a careless template would.
    page.evaluate(
        """() => {
          const main = document.querySelector('main');
          const box = document.createElement('div');
          box.id = 'too-wide';
          box.style.width = '600px';
          box.textContent = 'Một khối rộng 600 px';
          const field = document.createElement('input');
          field.type = 'text';
          field.id = 'unlabelled';
          main.append(box, field);
        }"""
    )

    width, sticking_out = walk.too_wide(page)
    assert width >= 600
    assert any(s.startswith("div#too-wide ") for s in sticking_out), sticking_out
    violations = walk.axe_violations(page, "375 px")
    assert any(v.startswith("label (critical, 375 px)") and "#unlabelled" in v for v in violations), violations


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || el.name || '').trim().slice(0, 40),
            style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor,
            onBar: !!el.closest('.bg-vtvl') && !el.closest('.dropdown-menu'),
          };
        }"""
    )


def test_keyboard_focus_shows_a_clear_ring_on_the_menu_links_buttons_and_fields(page, live_server):
    login(page, live_server, "hr_a")
    page.goto("/staff/")
    # The current menu entry is marked for screen readers and by an underline, not by colour alone.
    current = page.locator("#mainnav .nav-link[aria-current=page]")
    expect(current).to_have_text("Cán bộ")
    assert "underline" in current.evaluate("a => getComputedStyle(a).textDecorationLine")
    seen = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["style"] == "solid" and focused["width"] >= 3, focused
        # White on the red top bar, dark blue on the page.
        assert focused["color"] == (WHITE if focused["onBar"] else FOCUS_RING), focused
        seen.add((focused["tag"], focused["onBar"]))
    assert {("a", True), ("button", True), ("a", False), ("input", False), ("select", False)} <= seen, seen
    assert ("button", False) in seen, seen


def test_on_a_phone_the_menu_button_sits_at_the_right_end_and_opens_the_menu_below(page, live_server):
    login(page, live_server, "manager_a")
    page.set_viewport_size(walk.PHONE)
    page.goto("/")
    toggler = page.locator(".navbar-toggler")
    bar = page.locator("nav.navbar").bounding_box()
    button = toggler.bounding_box()
    languages = page.locator("#language-form").bounding_box()
    brand = page.locator(".navbar-brand").bounding_box()

    # One row: brand, language buttons, then the menu button against the right edge.
    assert bar["width"] == walk.PHONE["width"]
    assert walk.PHONE["width"] - (button["x"] + button["width"]) <= 16, button
    assert brand["x"] + brand["width"] <= languages["x"] < languages["x"] + languages["width"] <= button["x"]
    assert abs((button["y"] + button["height"] / 2) - (languages["y"] + languages["height"] / 2)) <= 2
    expect(page.locator("#mainnav")).to_be_hidden()
    screenshot(page, "phone-a11y-01-menu-closed")

    toggler.focus()
    page.keyboard.press("Enter")
    page.locator("#mainnav.collapse.show").wait_for()  # opened (Bootstrap's animation done)
    reports = page.locator("#mainnav").get_by_role("link", name="Báo cáo", exact=True)
    expect(reports).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    assert reports.bounding_box()["y"] >= button["y"] + button["height"]
    page.keyboard.press("Tab")  # into the opened menu
    focused = _focused(page)
    assert focused["onBar"] and focused["color"] == WHITE and focused["width"] >= 3, focused
    screenshot(page, "phone-a11y-02-menu-open")


def test_staff_filters_fold_behind_a_button_on_a_phone_and_stay_open_on_a_desktop(page, live_server):
    login(page, live_server, "hr_a")
    page.set_viewport_size(walk.PHONE)
    page.goto("/staff/")
    toggle = page.locator("#staff-filters-toggle")
    search = page.locator("#staff-search")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_text("Bộ lọc")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(search).to_be_hidden()
    # The list starts on the first screen.
    assert page.locator("#staff-table tr.staff-row").first.bounding_box()["y"] < walk.PHONE["height"]

    toggle.click()
    page.locator("#staff-filters.collapse.show").wait_for()
    expect(search).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.locator("#id_q").fill("Nguyễn")
    page.locator("#staff-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"/staff/\?.*q="))
    assert all("Nguyễn" in name for name in page.locator("#staff-table tr.staff-row td:nth-child(2)").all_inner_texts())

    page.set_viewport_size(walk.DESKTOP)
    page.goto("/staff/")
    expect(search).to_be_visible()
    expect(toggle).to_be_hidden()


def test_on_a_phone_the_catalogue_keeps_each_status_and_its_button_on_screen(page, live_server, demo_data):
    login(page, live_server, "hr_a")
    page.set_viewport_size(walk.PHONE)
    page.goto(f"/positions/org/{demo_data.org_a.code}/")
    rows = page.locator("#catalogue tr.position-row")
    assert rows.count() >= 5
    for i in range(rows.count()):
        for part in (rows.nth(i).locator(".status-badge"), rows.nth(i).locator("a.btn")):
            box = part.bounding_box()
            assert box is not None and box["x"] + box["width"] <= walk.PHONE["width"], (i, box)
    # The secondary columns are hidden on the phone only.
    expect(page.locator("#catalogue thead th", has_text="Ngạch/chức danh")).to_be_hidden()
    page.set_viewport_size(walk.DESKTOP)
    expect(page.locator("#catalogue thead th", has_text="Ngạch/chức danh")).to_be_visible()


def test_a_stacked_table_names_each_value_on_a_phone_and_is_a_table_on_a_desktop(page, live_server, demo_data):
    position = walk.objects_of("hr_a")["position"]
    login(page, live_server, "hr_a")
    page.set_viewport_size(walk.PHONE)
    page.goto(f"/positions/{position}/")
    status_cell = page.locator("#versions tr.version-row td").nth(1)
    label = status_cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Trạng thái" in label, label
    assert status_cell.evaluate("td => getComputedStyle(td).display") == "flow-root"
    expect(page.locator("#versions thead")).not_to_be_in_viewport()
    # The semantics survive display: block.
    expect(page.locator("#versions")).to_have_attribute("role", "table")
    expect(status_cell).to_have_attribute("role", "cell")
    expect(page.locator("#versions thead th").first).to_have_attribute("role", "columnheader")
    screenshot(page, "phone-a11y-03-stacked-versions")

    page.set_viewport_size(walk.DESKTOP)
    assert status_cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert status_cell.evaluate("td => getComputedStyle(td, '::before').content") == "none"
    expect(page.locator("#versions thead")).to_be_visible()


def test_a_table_that_scrolls_in_its_box_on_a_phone_can_be_scrolled_from_the_keyboard(page, live_server):
    login(page, live_server, "manager_a")
    page.set_viewport_size(walk.PHONE)
    page.goto("/reports/retirement/")
    box = page.locator(".table-responsive", has=page.locator("#rf-units"))
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    assert box.get_attribute("aria-label")
    assert walk.too_wide(page) is None  # the box scrolls, not the page

    box.focus()
    assert _focused(page)["width"] >= 3
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle())


def test_keyboard_focus_shows_a_clear_ring_on_the_streamlining_merge_and_audit_controls(page, live_server):
    """The forms of the pages merged after the walk was built (a person's decision and exclusion,
    the saved lists' pickers, a merge scenario's grid of fields, the audit log's filters): every
    control reached with Tab shows the ring."""
    _streamlining_and_merges()
    objects = walk.objects_of("orgadmin_a")
    login(page, live_server, "orgadmin_a")
    seen = set()
    for path in (
        f"/reports/streamlining/person/?code={objects['candidate']}&year={objects['year']}",
        f"/reports/streamlining/snapshots/?org={objects['org']}",
        f"/reports/merges/{objects['scenario']}/",
        "/audit/",
    ):
        page.goto(path)
        page.locator("main h1").click()  # Tab goes on from here, into the page's own controls
        for _ in range(25):
            page.keyboard.press("Tab")
            focused = _focused(page)
            if focused["onBar"] or focused["tag"] == "body":  # past the end of the page
                break
            assert focused["style"] == "solid" and focused["width"] >= 3, (path, focused)
            assert focused["color"] == FOCUS_RING, (path, focused)
            seen.add(focused["tag"])
    assert {"a", "button", "input", "select", "textarea"} <= seen, seen


def test_on_a_phone_the_audit_filters_fold_away_unless_one_has_an_error(page, live_server, demo_data):
    login(page, live_server, "orgadmin_a")
    page.set_viewport_size(walk.PHONE)
    page.goto("/audit/")
    toggle = page.locator("#audit-filters-box-toggle")
    expect(toggle).to_have_text("Bộ lọc")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#audit-filters")).to_be_hidden()
    toggle.click()
    page.locator("#audit-filters-box.collapse.show").wait_for()
    expect(page.locator("#id_actor")).to_be_visible()

    # A date that does not exist: the filters open by themselves, the message on screen.
    page.goto("/audit/?date_from=31/02/2026")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#audit-filters")).to_contain_text("“31/02/2026” không phải là ngày")
    expect(page.locator("#id_date_from")).to_be_visible()

    page.set_viewport_size(walk.DESKTOP)
    page.goto("/audit/")
    expect(page.locator("#id_actor")).to_be_visible()
    expect(toggle).to_be_hidden()


def test_on_a_phone_two_saved_lists_compared_read_as_blocks_and_their_print_scrolls_in_its_sheet(
    page, live_server, demo_data
):
    """The comparison's totals (three amounts in billions beside a long label) and changes, and a
    cell that does not wrap (the cases before → after): each value under its column's name, the
    name on two lines rather than over the value. The landscape print scrolls inside its sheet."""
    _streamlining_and_merges()
    objects = walk.objects_of("hr_a")
    login(page, live_server, "hr_a")
    page.set_viewport_size(walk.PHONE)
    page.goto(f"/reports/streamlining/compare/?a={objects['snapshot_first']}&b={objects['snapshot']}")
    assert walk.too_wide(page) is None
    before = page.locator("#sl-cmp-totals tbody tr").first.locator("td").first
    assert "Trước" in before.evaluate("td => getComputedStyle(td, '::before').content")
    cases = page.locator("#sl-changed tbody tr").first.locator("td").nth(1)
    expect(cases).to_contain_text("→")
    line = float(cases.evaluate("td => parseFloat(getComputedStyle(td).lineHeight)"))
    assert cases.bounding_box()["height"] >= 1.8 * line  # "Trường hợp (trước → sau)" wraps
    screenshot(page, "phone-a11y-04-streamlining-compare")

    page.goto(f"/reports/streamlining/snapshots/{objects['snapshot']}/print/")
    assert walk.too_wide(page) is None
    sheet = page.locator(".a4-sheet")
    expect(sheet).to_have_attribute("tabindex", "0")  # scrolled from the keyboard too
    assert sheet.evaluate("el => el.scrollWidth > el.clientWidth")
