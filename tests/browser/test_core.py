"""Core portal in a real browser: Vietnamese login, home page, the organisation tree (htmx
expand/collapse, diacritic-free search), organisation pages with breadcrumbs, vi ⇄ en, a 404 for
another organisation's page, password change, logout, and what each role's menu offers.

Screenshots: ``screenshots/core-*.png`` (look at them after a change to the templates).
"""

import re

from playwright.sync_api import expect

from portal.models import Membership, Organization, Role
from staffing.models import Staff, StaffStatus
from tests.browser import DEMO_PASSWORD, login, logout, screenshot, texts

NEW_PASSWORD = "Ha-Long-bay-2026!"
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


def _digits(text: str) -> int:
    """ "1.941" (Vietnamese thousands separator) → 1941."""
    return int(re.sub(r"\D", "", text))


def _node(page, code: str):
    return page.locator(f"li.org-node[data-code='{code}']")


def test_anonymous_visit_redirects_to_the_vietnamese_login_page(page, live_server):
    page.goto("/")

    assert page.url == f"{live_server.url}/accounts/login/?next=/"
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page).to_have_title(re.compile("^Đăng nhập"))
    expect(page.locator("main h1")).to_have_text("Đăng nhập Cổng VTVL")
    expect(page.locator("label[for=id_username]")).to_contain_text("Tên đăng nhập")
    expect(page.locator("label[for=id_password]")).to_contain_text("Mật khẩu")
    expect(page.locator("main button[type=submit]")).to_have_text("Đăng nhập")
    expect(page.locator("#mainnav")).to_have_count(0)  # no navigation before logging in
    screenshot(page, "core-01-login")

    page.locator("#id_username").fill("hr_a")
    page.locator("#id_password").fill("not-the-password")
    page.locator("main button[type=submit]").click()
    expect(page.locator("main .alert-danger")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    screenshot(page, "core-02-login-failed")


def test_hr_a_logs_in_and_browses_her_organisation_tree(page, live_server, demo_data):
    org_a = demo_data.org_a
    children = list(Organization.objects.filter(parent=org_a).order_by("kind", "name"))
    working = Staff.objects.filter(organization__path__startswith=org_a.path, status=StaffStatus.WORKING).count()
    assert len(children) >= 2 and working > 0

    # Home page of org A, with its counts.
    login(page, live_server, "hr_a")
    assert page.url == f"{live_server.url}/"
    expect(page.locator("main h1")).to_have_text("Xin chào, Nguyễn Thị Thu Hằng")
    expect(page.locator("#home-org-title")).to_have_text(org_a.name)
    assert _digits(page.locator("#home-child-count").inner_text()) == len(children)
    assert _digits(page.locator("#home-staff-count").inner_text()) == working
    expect(page.locator("main")).to_contain_text("Cán bộ tổ chức")  # her role
    screenshot(page, "core-03-home-hr-a")

    # The tree: her scope's root (org A), collapsed.
    page.get_by_role("link", name="Tổ chức", exact=True).click()
    page.wait_for_url("**/orgs/")
    expect(page.locator("main h1")).to_have_text("Cơ quan, đơn vị")
    roots = page.locator("#org-tree > ul > li.org-node")
    expect(roots).to_have_count(1)
    root = _node(page, org_a.code)
    expect(root.locator("> .org-row .org-name")).to_have_text(org_a.name)
    counts = texts(root.locator("> .org-row .org-count"))
    assert counts == [str(len(children)), str(working)]
    expect(root).to_have_attribute("aria-expanded", "false")
    screenshot(page, "core-04-tree")

    # Expand: the children arrive through htmx and show.
    child_rows = root.locator("> ul.org-children > li.org-node")
    child_requests = []
    page.on("request", lambda r: child_requests.append(r.url) if "/children/" in r.url else None)
    root.locator("> .org-row .org-toggle").click()
    expect(child_rows).to_have_count(len(children))
    expect(root).to_have_attribute("aria-expanded", "true")
    expect(child_rows.first).to_be_visible()
    assert texts(child_rows.locator("> .org-row .org-name")) == [c.name for c in children]
    screenshot(page, "core-05-tree-expanded")

    # Collapse hides them; expanding again shows them without asking the server again.
    root.locator("> .org-row .org-toggle").click()
    expect(root).to_have_attribute("aria-expanded", "false")
    expect(child_rows.first).to_be_hidden()
    root.locator("> .org-row .org-toggle").click()
    expect(child_rows.last).to_be_visible()
    assert len(child_requests) == 1, child_requests

    # Search without diacritics finds "Sở Nội vụ" (and not the ministry's "Bộ Nội vụ": out of scope).
    page.locator("#org-search").fill("so noi vu")
    page.locator("#org-search").press("Enter")
    page.wait_for_url(re.compile(r"/orgs/\?q=so\+noi\+vu$"))
    results = page.locator("#org-search-results tbody tr")
    expect(results).to_have_count(1)
    expect(results.first.locator("a")).to_have_text("Sở Nội vụ")
    expect(page.locator("main")).to_contain_text("1 kết quả cho “so noi vu”")
    expect(page.locator("main")).not_to_contain_text("Bộ Nội vụ")
    screenshot(page, "core-06-search")

    # Org A's page: breadcrumbs of its path (the province is shown, not linked: out of her scope).
    results.first.locator("a").click()
    page.wait_for_url(f"**/orgs/{org_a.code}/")
    expect(page.locator("main h1")).to_have_text(org_a.name)
    crumbs = page.locator("nav[aria-label='Đường dẫn'] .breadcrumb-item")
    assert texts(crumbs) == ["Tổ chức", org_a.parent.name, org_a.name]
    expect(crumbs.nth(1).locator("a")).to_have_count(0)
    expect(crumbs.nth(2)).to_have_attribute("aria-current", "page")
    expect(page.locator("#org-child-count")).to_have_text(str(len(children)))
    expect(page.locator("#org-children tbody tr.org-child")).to_have_count(len(children))  # its units, a table
    screenshot(page, "core-07-org-a")


def test_language_switches_to_english_and_back(page, live_server, demo_data):
    login(page, live_server, "hr_a")
    page.goto(f"/orgs/{demo_data.org_a.code}/")

    page.locator("#language-form button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(f"/orgs/{demo_data.org_a.code}/")  # back on the same page
    expect(page.locator("#language-form button[value=en]")).to_have_attribute("aria-current", "true")
    screenshot(page, "core-08-english")

    page.locator("#language-form button[value=vi]").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("#mainnav")).to_contain_text("Tổ chức")
    expect(page.locator("#logout-button")).to_have_text("Đăng xuất")
    screenshot(page, "core-09-back-to-vietnamese")


def test_english_catalog_translates_the_shell(page, live_server, demo_data):
    login(page, live_server, "hr_a")
    page.goto("/orgs/")
    page.locator("#language-form button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Plain assertions, not expect(): an untranslated page will not change by waiting.
    assert re.fullmatch(r"Organi[sz]ations?", page.locator("#mainnav .nav-link").first.inner_text().strip())
    assert re.fullmatch(r"(?i)log ?out|sign ?out", page.locator("#logout-button").inner_text().strip())
    shell = [*texts(page.locator("#mainnav .navbar-nav.me-auto > li")), page.locator("main h1").inner_text()]
    assert not [t for t in shell if VIETNAMESE_LETTERS.search(t)], shell
    screenshot(page, "core-10-english-tree")


def test_an_org_b_page_is_a_vietnamese_404_for_hr_a(page, live_server, demo_data, browser_log):
    browser_log.allow(r"status of 404")  # Chrome logs the 404 document load as a console error
    login(page, live_server, "hr_a")

    response = page.goto(f"/orgs/{demo_data.org_b.code}/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page).to_have_title(re.compile("^Không tìm thấy trang"))
    expect(page.locator("main")).to_contain_text("Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.")
    expect(page.locator("main")).not_to_contain_text(demo_data.org_b.name)
    expect(page.locator("#user-menu")).to_be_visible()  # still the portal shell, logged in
    screenshot(page, "core-11-org-b-404")

    # The tree's children endpoint answers the same for org B.
    assert page.request.get(f"/orgs/{demo_data.org_b.code}/children/").status == 404


def test_hr_a_changes_her_password_then_logs_out(page, live_server):
    login(page, live_server, "hr_a")
    page.locator("#user-menu").click()
    page.get_by_role("link", name="Đổi mật khẩu").click()
    page.wait_for_url("**/accounts/password_change/")
    expect(page.locator("main h1")).to_have_text("Đổi mật khẩu")
    screenshot(page, "core-12-password-change")

    page.locator("#id_old_password").fill(DEMO_PASSWORD)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/password_change/done/")
    expect(page.locator("main .alert-success")).to_have_text("Mật khẩu của bạn đã được đổi.")
    screenshot(page, "core-13-password-changed")

    logout(page)
    assert page.url == f"{live_server.url}/accounts/login/"
    page.goto("/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")  # really logged out
    screenshot(page, "core-14-logged-out")

    # The old password no longer works; the new one does.
    page.locator("#id_username").fill("hr_a")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator("main .alert-danger")).to_be_visible()
    login(page, live_server, "hr_a", NEW_PASSWORD)
    expect(page.locator("#home-org-title")).to_have_text("Sở Nội vụ")
    logout(page)


def test_manager_a_sees_the_tree_read_only(page, live_server, demo_data, browser_log):
    login(page, live_server, "manager_a")
    nav = page.locator("#mainnav")
    expect(nav).to_contain_text("Tổ chức")
    expect(nav).not_to_contain_text("Quản trị")
    screenshot(page, "core-15-home-manager-a")

    page.goto("/orgs/")
    root = _node(page, demo_data.org_a.code)
    root.locator("> .org-row .org-toggle").click()
    expect(root.locator("> ul.org-children > li.org-node").first).to_be_visible()

    page.goto(f"/orgs/{demo_data.org_a.code}/")
    expect(page.locator("main h1")).to_have_text(demo_data.org_a.name)
    main = page.locator("main")
    expect(main).not_to_contain_text("Sửa trong trang quản trị")
    expect(main).not_to_contain_text("Người dùng được phân quyền tại đơn vị này")
    expect(main).not_to_contain_text("Lịch sử thay đổi")
    screenshot(page, "core-16-org-a-manager")

    browser_log.allow(r"status of 403")
    response = page.goto("/admin-users/")
    assert response.status == 403
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    screenshot(page, "core-17-manager-403")


def test_national_admin_has_the_admin_menu_and_the_audit_log(page, live_server, demo_data):
    login(page, live_server, "admin")
    expect(page.locator("main")).to_contain_text("Bạn là quản trị toàn quốc")
    admin_menu = page.locator("#mainnav .dropdown-toggle", has_text="Quản trị")
    admin_menu.click()
    menu = page.locator("#mainnav .dropdown-menu.show")
    expect(menu).to_be_visible()
    items = texts(menu.locator(".dropdown-item"))
    assert {"Người dùng và phân quyền", "Nhật ký thay đổi", "Trang quản trị hệ thống"} <= set(items), items
    screenshot(page, "core-18-admin-menu")

    # The national tree starts at the roots: the province and the ministry.
    page.goto("/orgs/")
    root_names = texts(page.locator("#org-tree > ul > li.org-node > .org-row .org-name"))
    expected_roots = Organization.objects.filter(parent__isnull=True).values_list("name", flat=True)
    assert sorted(root_names) == sorted(expected_roots) and len(root_names) >= 2

    # Grant a role in the portal; the audit log shows who did it.
    admin_menu.click()
    page.get_by_role("link", name="Người dùng và phân quyền").click()
    page.get_by_role("link", name="Cấp quyền").click()
    page.locator("#id_username").fill("hr_b")
    page.locator("#id_role").select_option(Role.MANAGER.value)
    page.locator("#id_organization").select_option(str(demo_data.org_a.pk))
    screenshot(page, "core-19-grant-role")
    page.locator("main [type=submit]").click()
    page.wait_for_url("**/admin-users/")
    expect(page.locator("main .alert-success")).to_contain_text("hr_b")
    assert Membership.objects.filter(user__username="hr_b", role=Role.MANAGER, organization=demo_data.org_a).exists()

    admin_menu.click()
    page.get_by_role("link", name="Nhật ký thay đổi").click()
    page.wait_for_url("**/audit/")
    expect(page.locator("main h1")).to_have_text("Nhật ký thay đổi")
    newest = page.locator("#auditlog-table tbody tr").first
    expect(newest).to_contain_text("admin")
    expect(newest).to_contain_text("hr_b")
    expect(newest.locator("td").nth(3)).to_have_text("Tạo mới")  # not auditlog's English "create"
    screenshot(page, "core-20-audit-log")
