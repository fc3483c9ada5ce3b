"""The headcount report pages (docs/rules.md §2): quota against actual, achieved reductions by kind
(exits) and the staffing report by job-position group. Each report is one function over an
organisation's subtree returning dataclasses, which the page, the XLSX export and the A4 print all
render; its queries are a fixed few aggregates over the subtree's path, whatever the number of
units and staff.

- ``quota_vs_actual``: for each quota holder of a year (and each unit whose working staff no quota
  of the subtree covers), per quota category, the quota and its decision, the working staff of the
  whole subtree counted against it (``QUOTA_CATEGORY_OF_STAFF``), vacancy or excess, and the
  retirements of the next 12 months. A unit without a quota of its own is counted in its nearest
  quota-holding ancestor, as a quota covers its holder's subtree.
- ``exits_by_kind``: staff who left by retirement, resignation, transfer out, streamlining or
  death, by the year of their exit date, per unit directly below the organisation and in total.
- ``staffing_by_group``: the same units and categories as the quota report, the working staff by
  the group of their current primary position (leadership, professional sector-specific,
  professional common, support), people without one apart.

Working staff are those with status ``DLV`` today; the as-of date picks the default year, the
start of the "next 12 months" and the assignments current on that day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat, ExtractYear
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal.models import Organization, home_organization
from staffing import rulesets
from staffing.models import (
    QUOTA_CATEGORY_OF_STAFF,
    Assignment,
    AssignmentKind,
    Quota,
    QuotaCategory,
    Staff,
    StaffStatus,
)
from staffing.reports import forecast

CATEGORIES = tuple(QuotaCategory.values)  # CBCC, VC, VCTC, HD: the order of every table
EXIT_KINDS = (
    StaffStatus.RETIRED,
    StaffStatus.RESIGNED,
    StaffStatus.TRANSFERRED,
    StaffStatus.STREAMLINED,
    StaffStatus.DECEASED,
)
UNASSIGNED = ""  # the group key of a person without a current primary position
GROUPS = ("LDQL", "CMNV-CN", "CMNV-DC", "HTPV")  # the four groups of the Ministry's report
FALLBACK_PERIOD_YEARS = 5  # exits: the period when no reduction rule set covers the as-of date
CHART_LABEL_MAX = 45


def staff_categories(quota_category: str) -> list[str]:
    """The staff categories counted against ``quota_category`` (CB and CC for CBCC …)."""
    return [s for s, q in QUOTA_CATEGORY_OF_STAFF.items() if q == quota_category]


def fmt_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- the subtree's units


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    path: str
    level: int  # depth below the report's organisation (0: the organisation itself)


def _unit(root: Organization, code: str, name: str, path: str) -> Unit:
    return Unit(code=code, name=name, path=path, level=path.count("/") - root.path.count("/"))


def _prefixes(path: str, root_path: str) -> list[str]:
    """``path`` and its ancestors down to ``root_path`` (both included), deepest first."""
    parts = path.strip("/").split("/")
    base = root_path.count("/") - 1
    return ["/" + "/".join(parts[:i]) + "/" for i in range(len(parts), base - 1, -1)]


def _roll_up(direct: dict[tuple, int], root_path: str) -> dict[tuple, int]:
    """``{(path, *key): n}`` of rows directly in each unit → the same for whole subtrees (each
    unit counted in itself and in every ancestor up to the report's organisation)."""
    out: dict[tuple, int] = defaultdict(int)
    for (path, *key), n in direct.items():
        for prefix in _prefixes(path, root_path):
            out[(prefix, *key)] += n
    return out


def _working(org: Organization, category: str = ""):
    qs = Staff.objects.working().filter(organization__path__startswith=org.path)
    if category:
        qs = qs.filter(category__in=staff_categories(category))
    return qs.order_by()


# --------------------------------------------------------------------------- quotas of a year


def quota_years(org: Organization) -> list[int]:
    """The years with a quota somewhere in the subtree, oldest first (one query)."""
    qs = Quota.objects.filter(organization__path__startswith=org.path).order_by("year")
    return list(qs.values_list("year", flat=True).distinct())


def default_year(years: list[int], as_of: dt.date) -> int:
    """The latest quota year not after the as-of year (the as-of year when there is none)."""
    return max((y for y in years if y <= as_of.year), default=as_of.year)


def _year_and_messages(org: Organization, year: int | None, as_of: dt.date) -> tuple[int, list[int], list[str]]:
    years = quota_years(org)
    messages = []
    if year is None:
        year = default_year(years, as_of)
    elif year not in years:
        messages.append(
            _("Năm %(year)s chưa có biên chế được giao trong %(org)s; các năm có: %(years)s.")
            % {"year": year, "org": org.name, "years": ", ".join(str(y) for y in years) or "—"}
        )
    return year, years, messages


def _quotas(org: Organization, year: int, category: str) -> list[Quota]:
    qs = Quota.objects.filter(organization__path__startswith=org.path, year=year).select_related("organization")
    if category:
        qs = qs.filter(category=category)
    return list(qs.order_by("organization__path", "category"))


@dataclass(frozen=True)
class Decision:
    number: str
    date: dt.date
    issuer: str


@dataclass
class QuotaCell:
    """One unit and quota category: the quota (None: chưa giao biên chế), the working staff of
    the unit's whole subtree counted against it, and what the reports add (retirements in the next
    12 months; people by position group)."""

    category: str
    assigned: int | None
    decision: Decision | None
    actual: int
    soon_vacant: int | None = None
    groups: dict[str, int] = field(default_factory=dict)
    group_counts: list[int] = field(default_factory=list)  # ``groups`` in the report's column order

    @property
    def label(self) -> str:
        return str(QuotaCategory(self.category).label)

    @property
    def has_quota(self) -> bool:
        return self.assigned is not None

    @property
    def vacancy(self) -> int | None:
        """Quota − actual: positive = vacancies (còn trống), negative = excess (vượt)."""
        return None if self.assigned is None else self.assigned - self.actual

    @property
    def excess(self) -> int:
        return max(0, -(self.vacancy or 0))

    @property
    def state(self) -> str:
        """``none`` (no quota), ``vacant``, ``excess`` or ``full``."""
        if self.vacancy is None:
            return "none"
        return "vacant" if self.vacancy > 0 else "excess" if self.vacancy < 0 else "full"


@dataclass
class UnitRow:
    unit: Unit
    cells: list[QuotaCell]
    group_counts: list[int] = field(default_factory=list)  # the group report: its cells added up

    @property
    def has_quota(self) -> bool:
        return any(c.has_quota for c in self.cells)

    @property
    def assigned(self) -> int | None:
        """The quotas of the row's categories added up (None when it holds none)."""
        held = [c.assigned for c in self.cells if c.assigned is not None]
        return sum(held) if held else None

    @property
    def actual(self) -> int:
        return sum(c.actual for c in self.cells)

    @property
    def held_actual(self) -> int:
        """The staff counted against the row's quotas (its categories with a quota)."""
        return sum(c.actual for c in self.cells if c.has_quota)


def _covered(path: str, holders: set[str], root_path: str) -> bool:
    return any(p in holders for p in _prefixes(path, root_path))


def _layout(
    org: Organization,
    categories: tuple[str, ...],
    quotas: list[Quota],
    direct: dict[tuple[str, str], int],
    names: dict[str, tuple[str, str]],
) -> list[UnitRow]:
    """The rows of the quota and group reports, in tree order: every quota holder with a cell per
    category it holds; every unit with working staff of a category that no quota of the subtree
    covers, with a "chưa giao biên chế" cell; the organisation itself always first (a cell for
    each category it holds or has staff of). ``direct``: working staff directly in each unit by
    quota category."""
    holders = {(q.organization.path, q.category): q for q in quotas}
    names = {**names, org.path: (org.code, org.name)}
    for q in quotas:
        names[q.organization.path] = (q.organization.code, q.organization.name)
    rolled = _roll_up(direct, org.path)
    cells: dict[str, list[QuotaCell]] = defaultdict(list)
    for category in categories:
        held = {path for path, c in holders if c == category}
        shown = set(held)
        for (path, c), n in direct.items():
            if c == category and n and not _covered(path, held, org.path):
                shown.add(path)
        if rolled.get((org.path, category)):
            shown.add(org.path)
        for path in shown:
            quota = holders.get((path, category))
            cells[path].append(
                QuotaCell(
                    category=category,
                    assigned=quota.assigned if quota else None,
                    decision=Decision(quota.decision_number, quota.decision_date, quota.issuer) if quota else None,
                    actual=rolled.get((path, category), 0),
                )
            )
    cells.setdefault(org.path, [])
    return [UnitRow(_unit(org, *names[path], path), cells[path]) for path in sorted(cells)]


# --------------------------------------------------------------------------- soon vacant


def _soon_vacant(org: Organization, as_of: dt.date, category: str, messages: list[str]):
    """``(retirement rule set code, {(path, quota category): n} over whole subtrees)``: the
    retirements of the 12 months from ``as_of`` (``staffing.reports.forecast.soon_vacant``), or
    ``(None, None)`` with the forecast's message when no retirement rule is in force."""
    try:
        code = forecast.schedule_for(as_of).legal_code
        direct = forecast.soon_vacant(org=org, as_of=as_of)
    except forecast.ForecastError as error:
        messages.append(error.message)
        return None, None
    if category:
        direct = {key: n for key, n in direct.items() if key[1] == category}
    return code, _roll_up(direct, org.path)


# --------------------------------------------------------------------------- quota against actual


@dataclass
class QuotaReport:
    org: Organization
    as_of: dt.date
    year: int
    years: list[int]
    category: str
    rows: list[UnitRow]
    retirement_code: str | None  # the retirement rule set of "soon vacant" (None: none in force)
    messages: list[str] = field(default_factory=list)

    @property
    def has_quota(self) -> bool:
        return any(r.has_quota for r in self.rows)

    @property
    def category_label(self) -> str:
        return str(QuotaCategory(self.category).label) if self.category else _("Tất cả các loại")


def _direct_counts(org: Organization, category: str):
    """``({(path, quota category): n}, {path: (code, name)})``: working staff directly in each
    unit (one GROUP BY over the subtree)."""
    rows = (
        _working(org, category)
        .values_list("organization__path", "organization__code", "organization__name", "category")
        .annotate(n=Count("*"))
    )
    direct: dict[tuple[str, str], int] = defaultdict(int)
    names = {}
    for path, code, name, staff_category, n in rows:
        direct[(path, QUOTA_CATEGORY_OF_STAFF[staff_category])] += n
        names[path] = (code, name)
    return direct, names


def quota_vs_actual(*, org: Organization, as_of: dt.date, year: int | None = None, category: str = "") -> QuotaReport:
    """Quota against actual for ``org``'s subtree (six queries: the quota years, the year's
    quotas, working staff per unit and category, and for "soon vacant" the retirement rule set
    (twice: its code, then the forecast's own lookup) and the people near retirement)."""
    year, years, messages = _year_and_messages(org, year, as_of)
    categories = (category,) if category else CATEGORIES
    direct, names = _direct_counts(org, category)
    rows = _layout(org, categories, _quotas(org, year, category), direct, names)
    code, soon = _soon_vacant(org, as_of, category, messages)
    if soon is not None:
        for row in rows:
            for cell in row.cells:
                cell.soon_vacant = soon.get((row.unit.path, cell.category), 0)
    return QuotaReport(
        org=org,
        as_of=as_of,
        year=year,
        years=years,
        category=category,
        rows=rows,
        retirement_code=code,
        messages=messages,
    )


def _short(name: str) -> str:
    return name if len(name) <= CHART_LABEL_MAX else name[: CHART_LABEL_MAX - 1] + "…"


def chart_rows(report: QuotaReport) -> list[UnitRow]:
    """The bars of the chart: the nearest quota holders below the report's organisation (the
    units it shares its quota out to, on one scale), or the organisation alone when it holds a
    quota and shares none out. Its own figures stay in the table's first row."""
    below = [r for r in report.rows if r.has_quota and r.unit.level > 0]
    paths = {r.unit.path for r in below}
    top = [r for r in below if not any(p in paths for p in _prefixes(r.unit.path, report.org.path)[1:])]
    if top:
        return top
    return [r for r in report.rows[:1] if r.has_quota]


def quota_chart(report: QuotaReport) -> dict:
    """The Chart.js configuration of "quota vs actual per unit": a horizontal bar pair per unit of
    ``chart_rows``, its quotas added up against the staff counted against them."""
    rows = chart_rows(report)
    return {
        "type": "bar",
        "data": {
            "labels": [_short(r.unit.name) for r in rows],
            "datasets": [
                {"label": _("Biên chế được giao"), "data": [r.assigned for r in rows], "backgroundColor": "#1f5f99"},
                {"label": _("Có mặt"), "data": [r.held_actual for r in rows], "backgroundColor": "#e07b24"},
            ],
        },
        "options": {
            "indexAxis": "y",
            "plugins": {"legend": {"position": "bottom"}},
            "scales": {"x": {"beginAtZero": True, "ticks": {"precision": 0}}},
        },
    }


def chart_size(report: QuotaReport) -> str:
    """The CSS class of the chart's box, by the number of bars (sm, md, lg, xl)."""
    n = len(chart_rows(report))
    return "sm" if n <= 6 else "md" if n <= 15 else "lg" if n <= 40 else "xl"


# --------------------------------------------------------------------------- exits by kind


@dataclass
class ExitRow:
    unit: Unit
    years: list[int]
    counts: dict[tuple[str, int], int] = field(default_factory=dict)
    own: bool = False  # the organisation's own staff, not those of the units below it

    def add(self, kind: str, year: int, n: int) -> None:
        self.counts[(kind, year)] = self.counts.get((kind, year), 0) + n

    def count(self, kind: str | None = None, year: int | None = None) -> int:
        return sum(
            n for (k, y), n in self.counts.items() if (kind is None or k == kind) and (year is None or y == year)
        )

    @property
    def by_kind(self) -> list[int]:
        return [self.count(kind=k) for k in EXIT_KINDS]

    @property
    def by_year(self) -> list[int]:
        return [self.count(year=y) for y in self.years]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class YearRow:
    year: int
    by_kind: list[int]
    total: int


@dataclass
class ExitReport:
    org: Organization
    as_of: dt.date
    year_from: int
    year_to: int
    category: str
    rule_set: rulesets.RuleSetInfo | None  # the rule set whose period the report shows
    rows: list[ExitRow]
    total: ExitRow
    messages: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    @property
    def kinds(self) -> list[tuple[str, str]]:
        return [(k, str(StaffStatus(k).label)) for k in EXIT_KINDS]

    @property
    def year_rows(self) -> list[YearRow]:
        return [YearRow(y, [self.total.count(k, y) for k in EXIT_KINDS], self.total.count(year=y)) for y in self.years]

    @property
    def category_label(self) -> str:
        return str(QuotaCategory(self.category).label) if self.category else _("Tất cả các loại")


def default_period(as_of: dt.date) -> tuple[int, int, rulesets.RuleSetInfo | None, str | None]:
    """``(from, to, rule set, message)``: the period of the reduction rule set in force on
    ``as_of``, else the five years up to the as-of year with the rule set's message."""
    try:
        info = rulesets.reduction_rule_set(None, as_of)
    except rulesets.RuleSetError as error:
        return as_of.year - FALLBACK_PERIOD_YEARS + 1, as_of.year, None, error.message
    return info.rules.period_from, info.rules.period_to, info, None


def exits_by_kind(
    *,
    org: Organization,
    as_of: dt.date,
    year_from: int | None = None,
    year_to: int | None = None,
    category: str = "",
) -> ExitReport:
    """Exits by kind and year of ``org``'s subtree, for ``org``'s own staff and for each unit
    directly below it (whole subtrees), and in total. Four queries: the reduction rule sets (two,
    for the default period), the units below, one GROUP BY of the exits."""
    first, last, info, problem = default_period(as_of)
    messages = [problem] if problem and (year_from is None or year_to is None) else []
    year_from = first if year_from is None else year_from
    year_to = last if year_to is None else year_to
    if (year_from, year_to) != (first, last):
        info = None  # a period of the user's own: no rule set behind it
    if year_from > year_to:
        year_from, year_to = year_to, year_from
    years = list(range(year_from, year_to + 1))
    children = Organization.objects.filter(parent=org).order_by("path").values_list("code", "name", "path")
    own = ExitRow(_unit(org, org.code, org.name, org.path), years, own=True)
    by_path = {org.path: own}
    for code, name, path in children:
        by_path[path] = ExitRow(_unit(org, code, name, path), years)
    total = ExitRow(_unit(org, org.code, org.name, org.path), years)
    qs = Staff.objects.filter(
        organization__path__startswith=org.path,
        status__in=EXIT_KINDS,
        exit_date__gte=dt.date(year_from, 1, 1),
        exit_date__lte=dt.date(year_to, 12, 31),
    )
    if category:
        qs = qs.filter(category__in=staff_categories(category))
    rows = (
        qs.order_by()
        .annotate(year=ExtractYear("exit_date"))
        .values_list("organization__path", "status", "year")
        .annotate(n=Count("*"))
    )
    depth = org.path.count("/")
    for path, kind, year, n in rows:
        child = path if path == org.path else "/".join(path.split("/")[: depth + 1]) + "/"
        if child in by_path:  # always, as paths follow the parent links
            by_path[child].add(kind, year, n)
        total.add(kind, year, n)
    return ExitReport(
        org=org,
        as_of=as_of,
        year_from=year_from,
        year_to=year_to,
        category=category,
        rule_set=info,
        rows=[by_path[p] for p in sorted(by_path)],
        total=total,
        messages=messages,
    )


# --------------------------------------------------------------------------- staffing by group


@dataclass(frozen=True)
class GroupColumn:
    key: str
    label: str


def group_label(key: str) -> str:
    labels = {
        "LDQL": _("Lãnh đạo, quản lý"),
        "CMNV-CN": _("Chuyên môn, nghiệp vụ chuyên ngành"),
        "CMNV-DC": _("Chuyên môn, nghiệp vụ dùng chung"),
        "HTPV": _("Hỗ trợ, phục vụ"),
        "CMNV": _("Chuyên môn, nghiệp vụ (chưa rõ nhóm phụ)"),
        UNASSIGNED: _("Chưa bố trí vị trí"),
    }
    return str(labels.get(key, key))


@dataclass
class GroupReport:
    org: Organization
    as_of: dt.date
    year: int
    years: list[int]
    category: str
    rows: list[UnitRow]
    columns: list[GroupColumn]
    messages: list[str] = field(default_factory=list)

    @property
    def has_quota(self) -> bool:
        return any(r.has_quota for r in self.rows)

    @property
    def category_label(self) -> str:
        return str(QuotaCategory(self.category).label) if self.category else _("Tất cả các loại")


def row_groups(row: UnitRow, columns: list[GroupColumn]) -> list[int]:
    """A unit's people by group, its cells added up, in the order of ``columns``."""
    return [sum(c.groups.get(col.key, 0) for c in row.cells) for col in columns]


def cell_groups(cell: QuotaCell, columns: list[GroupColumn]) -> list[int]:
    return [cell.groups.get(col.key, 0) for col in columns]


def _group_key():
    """Per staff row: the group of their primary position current on the as-of date (LDQL,
    CMNV-CN, CMNV-DC, HTPV; CMNV without a subgroup as CMNV), NULL without one. Concurrent
    positions (kiêm nhiệm) never count, so nobody is counted twice."""
    return Concat(F("position__group__code"), Value("-"), F("position__subgroup"), output_field=CharField())


def staffing_by_group(*, org: Organization, as_of: dt.date, year: int | None = None, category: str = "") -> GroupReport:
    """The staffing report by job-position group for ``org``'s subtree: the quota report's units
    and categories with the working staff by the group of their current primary position (three
    queries: the quota years, the year's quotas, one GROUP BY of the working staff by unit,
    category and group)."""
    year, years, messages = _year_and_messages(org, year, as_of)
    categories = (category,) if category else CATEGORIES
    primary = (
        Assignment.objects.filter(staff=OuterRef("pk"), kind=AssignmentKind.PRIMARY, start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))
        .order_by("-start_date", "-pk")
        .annotate(key=_group_key())
        .values("key")[:1]
    )
    rows = (
        _working(org, category)
        .annotate(group_key=Subquery(primary, output_field=CharField()))
        .values_list("organization__path", "organization__code", "organization__name", "category", "group_key")
        .annotate(n=Count("*"))
    )
    direct: dict[tuple[str, str], int] = defaultdict(int)
    by_group: dict[tuple[str, str, str], int] = defaultdict(int)
    names = {}
    keys = set()
    for path, code, name, staff_category, raw, n in rows:
        key = _normalise_group(raw)
        keys.add(key)
        quota_category = QUOTA_CATEGORY_OF_STAFF[staff_category]
        direct[(path, quota_category)] += n
        by_group[(path, quota_category, key)] += n
        names[path] = (code, name)
    unit_rows = _layout(org, categories, _quotas(org, year, category), direct, names)
    rolled = _roll_up(by_group, org.path)
    extra = sorted(keys - set(GROUPS) - {UNASSIGNED})
    columns = [GroupColumn(k, group_label(k)) for k in (*GROUPS, *extra, UNASSIGNED)]
    for row in unit_rows:
        for cell in row.cells:
            cell.groups = {col.key: rolled.get((row.unit.path, cell.category, col.key), 0) for col in columns}
            cell.group_counts = cell_groups(cell, columns)
        row.group_counts = row_groups(row, columns)
    return GroupReport(
        org=org,
        as_of=as_of,
        year=year,
        years=years,
        category=category,
        rows=unit_rows,
        columns=columns,
        messages=messages,
    )


def _normalise_group(raw: str | None) -> str:
    """``"CMNV-CN"`` stays; ``"LDQL-"`` (no subgroup) → ``"LDQL"``; NULL → unassigned."""
    if raw is None:
        return UNASSIGNED
    return raw.rstrip("-")


FILE_NAMES = {"quotas": "bien-che-va-thuc-co", "exits": "ra-khoi-bien-che", "groups": "bien-che-theo-nhom-vi-tri"}


def filename(kind: str, report) -> str:
    """``bien-che-va-thuc-co-<org code>-<yyyymmdd>.xlsx`` and the like (ASCII only)."""
    return f"{FILE_NAMES[kind]}-{report.org.code}-{report.as_of:%Y%m%d}.xlsx"


# --------------------------------------------------------------------------- the organisation


def report_organization(user, code: str = "") -> Organization:
    """The organisation a report is about: ``code`` (404 when unknown or outside the user's
    scope), else the user's home organisation, else the first root of the scope (a national
    admin without a membership)."""
    scoped = Organization.objects.for_user(user)
    if not code:
        home = home_organization(user) or scoped.order_by("depth", "code").first()
        code = home.code if home else ""
    return get_object_or_404(scoped.select_related("parent"), code=code)
