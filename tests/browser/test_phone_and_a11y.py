"""Phones (375 px) and accessibility (axe-core) on every page, for every role (issue 12).

The walk (``tests/browser/walk.py``): each demo role logs in once, in one browser context, and
opens every page of ``walk.PAGES`` it may open, with its own objects, plus every link of its menu
and home page. On each page: no sideways scrolling at 375 px, and no serious or critical axe-core
violation at 375 px and at 1366 px. A failure names the page, the elements sticking out or the
axe rule with its impact and the elements' selectors, and leaves a screenshot at 375 px in
``screenshots/phone-a11y-<role>-<page>.png``.

The other tests check what the walk cannot see: the checks themselves catch a bad page, keyboard
focus is drawn, the menu button sits at the right end of the bar on a phone, the staff filters fold
away on a phone, the catalogue's status and buttons stay on screen, stacked tables name each value,
and a table that scrolls inside its box can be scrolled from the keyboard.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from imports.exporting import export_bytes
from imports.jobs import create_job, preview_job
from portal.models import Organization
from staffing.models import Staff
from tests.browser import login, screenshot, walk

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
    objects = walk.objects_of(username, **(_import_jobs(username) if username in walk.ADMINS else {}))
    _history(objects)
    # The page of an organisation outside the scope answers 404 on purpose; Chrome logs it.
    browser_log.allow(rf"status of 404 .*/orgs/{re.escape(objects['outside'])}/")
    login(page, live_server, username)
    targets = walk.pages_of(username, objects)
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
