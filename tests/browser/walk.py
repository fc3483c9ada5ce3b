"""The pages each role walks in ``test_phone_and_a11y.py``, and the two checks made on each.

``PAGES`` is the one list of the portal's pages: a name, a path and the roles that open it. A path's
``{placeholders}`` are that role's own objects, found in the demo data through the same scoping as
the pages (``for_user``) by ``objects_of``: ``{org}`` is the role's organisation (org A; org B for
hr_b), ``{staff}`` a person in it, and so on (the keys are listed in ``objects_of``). To cover a new
page, add a line here; the walk also follows every link of the role's menu and home page
(``discover``), so a new menu entry or home-page link is walked without any line.

The checks, made on every page (``check_page``):

- phone: at 375 × 740 px, ``document.documentElement.scrollWidth`` is at most 375 (one pixel for
  rounding): the page never scrolls sideways. A table may scroll inside its own ``.table-responsive``.
- axe-core (``tests/browser/vendor/axe-core``): no violation of impact "serious" or "critical",
  at 375 px (the collapsed menu, stacked tables, filter buttons, tables scrolling in their box) and
  at the desktop width, 1366 px (every column, filter and menu entry shown; colour contrast is
  checked there only, see ``check_page``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.browser import SCREENSHOT_DIR, screenshot

ROLES = ("admin", "hr_a", "manager_a", "orgadmin_a", "hr_b")
EVERYONE = frozenset(ROLES)
#: Who edits positions, descriptions, staff and quotas (HR officers, organisation and national admins).
EDITORS = frozenset({"admin", "hr_a", "orgadmin_a", "hr_b"})
#: Who imports, exports and grants roles.
ADMINS = frozenset({"admin", "orgadmin_a"})
NATIONAL = frozenset({"admin"})

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
#: serious and critical fail the test; moderate and minor are not checked.
FAILING_IMPACTS = ("serious", "critical")
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    roles: frozenset[str] = EVERYONE
    status: int = 200


PAGES: tuple[Page, ...] = (
    Page("home", "/"),
    # organisations
    Page("org-tree", "/orgs/"),
    Page("org-search", "/orgs/?q=phong"),
    Page("org-page", "/orgs/{org}/"),
    Page("org-unit-page", "/orgs/{unit}/"),
    Page("org-edit", "/orgs/{org}/edit/", ADMINS),
    Page("org-new-unit", "/orgs/{org}/new/", ADMINS),
    Page("org-new-root", "/orgs/new/", NATIONAL),
    Page("org-outside-scope", "/orgs/{outside}/", EVERYONE - NATIONAL, status=404),
    # positions and descriptions
    Page("positions", "/positions/"),
    Page("positions-search", "/positions/?q=chuyen+vien"),
    Page("catalogue", "/positions/org/{org}/"),
    Page("catalogue-print", "/positions/org/{org}/print/"),
    Page("position", "/positions/{position}/"),
    Page("position-edit", "/positions/{position}/edit/", EDITORS),
    Page("position-new", "/positions/org/{org}/new/", EDITORS),
    Page("description", "/positions/descriptions/{description}/"),
    Page("description-print", "/positions/descriptions/{description}/print/"),
    Page("description-editor", "/positions/descriptions/{draft}/edit/", EDITORS),
    Page("description-copy", "/positions/descriptions/{draft}/copy/", EDITORS),
    Page("description-diff", "/positions/descriptions/diff/?a={description_other}&b={description}"),
    Page("approvals", "/positions/approvals/"),
    Page("positions-drafts", "/positions/?status=draft"),
    Page("positions-returned", "/positions/?status=returned"),
    # staff and quotas
    Page("staff", "/staff/"),
    Page("staff-filtered", "/staff/?q=nguyen&status=DLV&sort=-full_name"),
    Page("staff-missing-rank", "/staff/?missing=rank"),
    Page("staff-missing-insurance", "/staff/?missing=insurance"),
    Page("staff-missing-rating", "/staff/?missing=rating"),
    Page("staff-of-org", "/staff/?organization={org_pk}"),
    Page("staff-detail", "/staff/{staff}/"),
    Page("staff-edit", "/staff/{staff}/edit/", EDITORS),
    Page("staff-records", "/staff/{staff}/records/", EDITORS),
    Page("staff-new", "/staff/new/", EDITORS),
    Page("assignment-new", "/staff/{staff}/assignments/new/", EDITORS),
    Page("assignment-end", "/staff/{staff}/assignments/{assignment}/end/", EDITORS),
    Page("quotas", "/staff/quotas/"),
    Page("quotas-of-org", "/staff/quotas/?organization={org_pk}"),
    Page("quota-new", "/staff/quotas/new/", EDITORS),
    Page("quota-edit", "/staff/quotas/{quota}/edit/", EDITORS),
    # reports
    Page("reports", "/reports/"),
    Page("report-reductions", "/reports/reductions/"),
    Page("report-reductions-print", "/reports/reductions/print/"),
    Page("report-quotas", "/reports/quotas/"),
    Page("report-quotas-print", "/reports/quotas/print/"),
    Page("report-exits", "/reports/exits/"),
    Page("report-exits-print", "/reports/exits/print/"),
    Page("report-groups", "/reports/groups/"),
    Page("report-groups-print", "/reports/groups/print/"),
    Page("report-retirement", "/reports/retirement/"),
    Page("report-retirement-print", "/reports/retirement/print/"),
    # the streamlining candidate list (issue 9): live, a person, saved lists ({snapshot_first} and
    # {snapshot}: the role's organisation's two, a decision and an exclusion between them), compared
    Page("streamlining", "/reports/streamlining/"),
    Page("streamlining-unit-year", "/reports/streamlining/?org={unit}&year={year}"),
    Page("streamlining-print", "/reports/streamlining/print/?org={org}&year={year}"),
    Page("streamlining-person", "/reports/streamlining/person/?code={candidate}&year={year}"),
    Page("streamlining-snapshots", "/reports/streamlining/snapshots/?org={org}&year={year}"),
    Page("streamlining-snapshot", "/reports/streamlining/snapshots/{snapshot}/"),
    Page("streamlining-snapshot-print", "/reports/streamlining/snapshots/{snapshot}/print/"),
    Page("streamlining-compare", "/reports/streamlining/compare/?a={snapshot_first}&b={snapshot}"),
    Page("streamlining-outside", "/reports/streamlining/?org={outside}", EVERYONE - NATIONAL, status=404),
    Page(
        "streamlining-person-outside",
        "/reports/streamlining/person/?code={outside_staff}",
        EVERYONE - NATIONAL,
        status=404,
    ),
    Page(
        "streamlining-snapshot-outside",
        "/reports/streamlining/snapshots/{outside_snapshot}/",
        EVERYONE - NATIONAL,
        status=404,
    ),
    Page(
        "streamlining-compare-outside",
        "/reports/streamlining/compare/?a={outside_snapshot}&b={snapshot}",
        EVERYONE - NATIONAL,
        status=404,
    ),
    # merges of organisations (issue 10): {scenario_other} and {scenario}, the organisation's two
    Page("merges", "/reports/merges/"),
    Page("merge-new", "/reports/merges/new/", ADMINS),
    Page("merge", "/reports/merges/{scenario}/"),
    Page("merge-edit", "/reports/merges/{scenario}/edit/", ADMINS),
    Page("merge-compare", "/reports/merges/compare/?a={scenario_other}&b={scenario}"),
    Page("merge-apply", "/reports/merges/{scenario}/apply/", ADMINS),
    Page("merge-outside", "/reports/merges/{outside_scenario}/", EVERYONE - NATIONAL, status=404),
    Page(
        "merge-compare-outside",
        "/reports/merges/compare/?a={outside_scenario}&b={scenario}",
        EVERYONE - NATIONAL,
        status=404,
    ),
    # imports, exports, users and roles, audit log
    Page("imports", "/imports/", ADMINS),
    Page("imports-ready", "/imports/?state=ready", ADMINS),
    Page("imports-pending", "/imports/?state=pending", ADMINS),
    Page("imports-failed", "/imports/?state=failed", ADMINS),
    Page("import-new", "/imports/new/", ADMINS),
    Page("import-ready", "/imports/{import_ready}/", ADMINS),
    Page("import-rejected", "/imports/{import_rejected}/", ADMINS),
    # a staff file previewed: the rows it adds, the fields it changes (old → new), 50 a page
    Page("import-preview-new", "/imports/{import_preview}/?show=new", ADMINS),
    Page("import-preview-updated", "/imports/{import_preview}/?show=updated", ADMINS),
    Page("import-preview-updated-2", "/imports/{import_preview}/?show=updated&page=2", ADMINS),
    Page("import-done", "/imports/{import_done}/", ADMINS),
    Page("exports", "/exports/", ADMINS),
    Page("users", "/admin-users/", ADMINS),
    Page("users-by-role", "/admin-users/?role=hr_officer", ADMINS),
    Page("user-new", "/admin-users/new/", ADMINS),
    Page("audit-log", "/audit/", ADMINS),
    Page("audit-log-expanded", "/audit/?expand=on", ADMINS),
    Page("audit-log-filtered", "/audit/?type=staffing.staff&org={org}&date_from=01/01/2020", ADMINS),
    Page("audit-log-import", "/audit/?import_job={import_done}", ADMINS),
    Page("audit-log-bad-filter", "/audit/?date_from=31/02/2026&org=KHONG-CO", ADMINS),
    # the account
    Page("password-change", "/accounts/password_change/"),
    Page("password-changed", "/accounts/password_change/done/"),
    Page("two-factor", "/accounts/2fa/"),
)

#: Pages walked before logging in.
ANONYMOUS_PAGES: tuple[Page, ...] = (Page("login", "/accounts/login/"),)

#: Links ``discover`` does not follow: downloads, the Django admin (its own templates, not the
#: portal's), actions, anchors and the language switch.
NOT_WALKED = re.compile(r"\.(xlsx|csv|pdf|zip)$|^/admin/|^/accounts/logout/|^/i18n/|^#|^$")


def objects_of(username: str, **extra: str) -> dict[str, str]:
    """The role's own objects, as path pieces for ``PAGES``' placeholders.

    Everything is looked up through ``for_user``: a role only walks what it may read (hr_b walks
    org B). The national admin walks org A's objects. ``extra`` adds placeholders made by the test
    (the import jobs).
    """
    from django.contrib.auth import get_user_model

    from portal.models import Membership, Organization
    from positions.models import DescriptionStatus, Position, PositionDescription
    from staffing.demo import DEMO_ORG_A_CODE, DEMO_ORG_B_CODE
    from staffing.models import Assignment, CandidateSnapshot, MergeScenario, Quota, Staff, StreamliningDecision

    user = get_user_model().objects.get(username=username)
    membership = Membership.objects.filter(user=user, organization__isnull=False).select_related("organization")
    org = membership[0].organization if membership else Organization.objects.get(code=DEMO_ORG_A_CODE)
    outside = DEMO_ORG_A_CODE if org.code == DEMO_ORG_B_CODE else DEMO_ORG_B_CODE
    in_org = {"organization__path__startswith": org.path}
    descriptions = PositionDescription.objects.for_user(user).filter(position__organization=org).order_by("pk")
    description = descriptions.filter(status=DescriptionStatus.APPROVED).first()
    other = descriptions.filter(position=description.position).exclude(pk=description.pk).first()
    assignment = (
        Assignment.objects.for_user(user)
        .filter(staff__organization__path__startswith=org.path, end_date__isnull=True)
        .select_related("staff")
        .order_by("staff__employee_code", "pk")
        .first()
    )
    found = {}  # the objects the test made (saved lists, merge scenarios, a decision), when there are
    snapshots = list(CandidateSnapshot.objects.for_user(user).filter(organization=org).order_by("year", "number"))
    if len(snapshots) >= 2:
        found |= {"snapshot_first": str(snapshots[-2].pk), "snapshot": str(snapshots[-1].pk)}
        found["year"] = str(snapshots[-1].year)
    scenarios = list(MergeScenario.objects.for_user(user).filter(organization=org).order_by("pk")[:2])
    if len(scenarios) == 2:
        found |= {"scenario": str(scenarios[0].pk), "scenario_other": str(scenarios[1].pk)}
    decision = (
        StreamliningDecision.objects.for_user(user)
        .filter(staff__organization__path__startswith=org.path)
        .select_related("staff")
        .order_by("pk")
        .first()
    )
    if decision is not None:
        found["candidate"] = decision.staff.employee_code
    # The other organisation's objects, looked up without scoping: only for pages that must answer 404.
    elsewhere = Organization.objects.get(code=outside).path
    outside_snapshot = CandidateSnapshot.objects.filter(organization__path__startswith=elsewhere).order_by("pk").first()
    outside_scenario = MergeScenario.objects.filter(organization__path__startswith=elsewhere).order_by("pk").first()
    outside_staff = Staff.objects.filter(organization__path__startswith=elsewhere).order_by("employee_code").first()
    found |= {"outside_staff": outside_staff.employee_code}
    if outside_snapshot is not None:
        found["outside_snapshot"] = str(outside_snapshot.pk)
    if outside_scenario is not None:
        found["outside_scenario"] = str(outside_scenario.pk)
    return {
        "org": org.code,
        "org_pk": str(org.pk),
        "unit": Organization.objects.for_user(user).filter(parent=org).order_by("code").first().code,
        "outside": outside,
        "position": str(Position.objects.for_user(user).filter(organization=org).order_by("code").first().pk),
        "description": str(description.pk),
        "description_other": str((other or descriptions.exclude(pk=description.pk).first()).pk),
        "draft": str(descriptions.filter(status__in=[DescriptionStatus.DRAFT, DescriptionStatus.RETURNED]).first().pk),
        "staff": assignment.staff.employee_code,
        "assignment": str(assignment.pk),
        # A quota of a unit below the organisation: the organisation's own is granted by its parent.
        "quota": str(Quota.objects.for_user(user).filter(**in_org).exclude(organization=org).order_by("pk").first().pk),
        **found,
        **extra,
    }


def _placeholders(path: str) -> list[str]:
    return re.findall(r"{(\w+)}", path)


def pages_of(username: str, objects: dict[str, str]) -> list[Page]:
    """``PAGES`` the role opens, with their placeholders filled in."""
    return [
        Page(p.name, p.path.format(**objects), p.roles, p.status)
        for p in PAGES
        if username in p.roles and all(key in objects for key in _placeholders(p.path))
    ]


def unfilled(username: str, objects: dict[str, str]) -> list[str]:
    """The pages of ``PAGES`` the role opens that ``pages_of`` leaves out for want of an object
    (the test made no import job, saved list or scenario for them): the walk must have none."""
    return [
        f"{p.name} ({', '.join(k for k in _placeholders(p.path) if k not in objects)})"
        for p in PAGES
        if username in p.roles and not all(key in objects for key in _placeholders(p.path))
    ]


def discover(page, known: list[Page]) -> list[Page]:
    """The links of the menu (dropdowns included) and of the home page's main part that no page
    of ``known`` already opens, as pages named after where they were found."""
    page.goto("/")
    seen = {p.path for p in known}
    found: list[Page] = []
    for where, selector in (("menu", "nav a[href]"), ("home", "main a[href]")):
        for href in page.eval_on_selector_all(selector, "links => links.map(a => a.getAttribute('href'))"):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or NOT_WALKED.search(parts.path or href):
                continue
            path = parts.path + ("?" + parts.query if parts.query else "")
            if path not in seen:
                seen.add(path)
                found.append(Page(f"{where}:{path}", path))
    return found


# --------------------------------------------------------------------------- the checks


@dataclass
class Problems:
    """What failed on one page."""

    page: Page
    status: int | None = None
    scroll_width: int | None = None
    wide_elements: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    screenshot: str = ""

    def __bool__(self) -> bool:
        return self.status is not None or self.scroll_width is not None or bool(self.violations)

    def report(self) -> str:
        lines = [f"{self.page.name}  {self.page.path}  (screenshot at 375 px: {self.screenshot})"]
        if self.status is not None:
            lines.append(f"    answered {self.status}, expected {self.page.status}")
        if self.scroll_width is not None:
            lines.append(f"    wider than a 375 px phone: scrollWidth {self.scroll_width} px; sticking out:")
            lines += [f"      {w}" for w in self.wide_elements]
        lines += [f"    axe {v}" for v in self.violations]
        return "\n".join(lines)


# Elements sticking out of the viewport, outermost first: what makes the page wider. An element
# inside a scrolling box (``.table-responsive``) does not widen the page, unless it is positioned
# absolutely (its containing block may lie outside the box: a ``.visually-hidden`` in a table).
WIDE_ELEMENTS_JS = """(width) => {
  const out = [];
  const clipped = (el) => {
    if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) return false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const sticks = (el) => el.getBoundingClientRect().right > width + 1 && !clipped(el);
  for (const el of document.body.querySelectorAll('*')) {
    if (!sticks(el) || (el.parentElement && el.parentElement !== document.body && sticks(el.parentElement))) continue;
    const r = el.getBoundingClientRect();
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map(c => '.' + c).join('');
    const text = (el.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
    out.push(`${name} (right edge ${Math.round(r.right)} px): ${text}`);
    if (out.length === 8) break;
  }
  return out;
}"""

# axe-core is evaluated in the page through Playwright (the DevTools protocol), not added as a
# <script>: page.add_script_tag injects an inline script, which the portal's CSP (script-src 'self')
# blocks, with a console error. An evaluated script is not subject to the page's CSP, so the walk
# needs no bypass_csp and the console-error check of the ``page`` fixture keeps watching the very
# context the axe pass runs in. axe itself uses no eval.
AXE_RUN_JS = """async ([impacts, rules]) => {
  const result = await axe.run(document, {resultTypes: ['violations'], rules});
  return result.violations.filter(v => impacts.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


def axe_violations(page, viewport: str, *, contrast: bool = True) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each: the rule,
    its impact, the viewport, what it asks, the elements (CSS selectors) and the first one's reason.
    ``contrast=False`` leaves out the colour-contrast rule (half of axe's time)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    rules = {} if contrast else {"color-contrast": {"enabled": False}}
    found = []
    for v in page.evaluate(AXE_RUN_JS, [list(FAILING_IMPACTS), rules]):
        first = " ".join(v["nodes"][0]["summary"].split())
        targets = ", ".join(n["target"] for n in v["nodes"][:6]) + (" …" if len(v["nodes"]) > 6 else "")
        found.append(
            f"{v['id']} ({v['impact']}, {viewport}): {v['help']} — {len(v['nodes'])} element(s): {targets} — {first}"
        )
    return found


def too_wide(page) -> tuple[int, list[str]] | None:
    """``(scrollWidth, the elements sticking out)`` when the page is wider than the phone, else None."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"] + 1:  # one pixel for rounding
        return None
    return width, page.evaluate(WIDE_ELEMENTS_JS, PHONE["width"])


def check_page(page, target: Page, *, screenshot_prefix: str) -> Problems:
    """Open ``target`` at 375 px, measure it, run axe there and at the desktop width; on any
    problem, a full-page screenshot at 375 px."""
    problems = Problems(target)
    page.set_viewport_size(PHONE)
    response = page.goto(target.path)
    if response is None or response.status != target.status:
        problems.status = response.status if response is not None else 0
    if wide := too_wide(page):
        problems.scroll_width, problems.wide_elements = wide
    # Colour contrast is checked once, at the desktop width, where every text is shown: no colour
    # changes with the width (portal.css), and the phone hides columns, filters and the menu.
    problems.violations += axe_violations(page, "375 px", contrast=False)
    page.set_viewport_size(DESKTOP)
    seen = {v.split(" ")[0] for v in problems.violations}
    problems.violations += [v for v in axe_violations(page, "1366 px") if v.split(" ")[0] not in seen]
    if problems:
        page.set_viewport_size(PHONE)
        name = re.sub(r"[^\w.-]+", "_", f"{screenshot_prefix}-{target.name}").strip("_")
        problems.screenshot = str(screenshot(page, name).relative_to(SCREENSHOT_DIR.parent))
    return problems


def walk(page, targets: list[Page], *, screenshot_prefix: str) -> list[Problems]:
    """Check every page; the failing ones, in order."""
    return [p for p in (check_page(page, t, screenshot_prefix=screenshot_prefix) for t in targets) if p]
