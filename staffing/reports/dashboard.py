"""The headcount-reduction dashboard (/reports/reductions/) and the ``reduction_report`` command:
the reads, then pure functions over what they return.

``reduction_report(org=…, rule_set_code=…, as_of=…)`` reads, whatever the size of the subtree:
the rule set (``staffing.rulesets``: two queries), the organisations of the subtree (one query,
with their predecessors' codes and names), their quotas and their predecessors' of the base year
up to the as-of year (one query) and, for the forecast, the retirement schedule in force and the
working staff grouped by quota category, sex and month of birth (two queries). The rows and totals are
``staffing.reductions``'; the tree table, the roadmap, the chart and the workbook are computed
here from them without another query.

The tree table (docs/rules.md §2, quotas nest): an organisation holding a base-year quota of a
category shows its own row; one without shows the sum of the nearest holders below it; one with
neither shows "chưa giao biên chế" (never a division by zero).

``org=None`` is the national roll-up (a national admin): the same reads without the path filter,
over every current root and its subtree (closed roots, e.g. merged provinces, left out), so the
same number of queries whatever the number of roots; the report's organisation is then the
virtual node ``NATIONAL`` (code "", path "", depth −1) whose children are the roots.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from portal.models import Organization
from staffing import reductions, retirement, rulesets
from staffing.models import QUOTA_CATEGORY_OF_STAFF, Quota, QuotaCategory, Staff
from staffing.quotas import nearest_holder
from staffing.rulesets import RuleSetError, RuleSetInfo

PAST_EVERY_PATH = "\U0010ffff"  # no path holds it: every path starting with p sorts in [p, p + it)
CHART_COLOURS = {"plan": "#7a1115", "achieved": "#198754"}


class ReportInputError(RuleSetError):
    """A value the report cannot use (a date): ``message`` names it and what is expected."""


def parse_as_of(value: str | None, default: dt.date) -> dt.date:
    """``dd/mm/yyyy`` or ``yyyy-mm-dd``; ``default`` when empty; ReportInputError otherwise."""
    value = (value or "").strip()
    if not value:
        return default
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ReportInputError(
        _(
            "Ngày báo cáo “%(value)s” không hợp lệ: hãy ghi một ngày có thật dạng dd/mm/yyyy hoặc yyyy-mm-dd"
            " (ví dụ 30/06/2026)."
        )
        % {"value": value[:40]}
    )


def period_bounds(info: RuleSetInfo) -> tuple[dt.date, dt.date]:
    return dt.date(info.rules.period_from, 1, 1), dt.date(info.rules.period_to, 12, 31)


def clamp_to_period(day: dt.date, info: RuleSetInfo) -> dt.date:
    """``day`` moved into the rule set's period (today, on a page that picked an older rule set)."""
    start, end = period_bounds(info)
    return min(max(day, start), end)


# --------------------------------------------------------------------------- the dataclasses


@dataclass
class OrgNode:
    code: str
    name: str
    parent: str | None
    path: str
    depth: int
    kind: str
    predecessors: int
    child_count: int = 0
    predecessor_names: dict[str, str] = field(default_factory=dict)  # code → name


@dataclass
class Cell:
    """One organisation and category of the tree table (or the whole report): its own row
    (``own``), or the sum of the ``holders`` nearest quota holders below it."""

    category: str
    own: bool
    holders: int
    base_assigned: int
    target: int
    current_assigned: int
    achieved: int
    remaining: int
    expected: int  # the roadmap's cumulative target up to the as-of year
    as_of_year: int
    percent: Decimal | None = None  # the rule's percentage (own rows; one holder)
    roadmap: dict[int, int] = field(default_factory=dict)
    retirements: int | None = None  # the forecast's retirements by the end of the period (summaries)
    base_sources: tuple[str, ...] = ()  # own row of a merged unit: the predecessors its base sums
    base_source_names: list[str] = field(default_factory=list)

    @property
    def base_from_predecessors(self) -> bool:
        return bool(self.base_sources)

    @property
    def label(self) -> str:
        return str(QuotaCategory(self.category).label)

    @property
    def behind(self) -> bool:
        return self.achieved < self.expected

    @property
    def done(self) -> bool:
        return self.target > 0 and self.remaining == 0

    @property
    def progress_percent(self) -> int:
        """Achieved as a share of the target, 0–100 (100 when the target is 0)."""
        if self.target <= 0:
            return 100
        return min(100, round(100 * self.achieved / self.target))

    @property
    def retirements_cover(self) -> bool:
        """The retirements expected by the end of the period are at least what remains."""
        return self.retirements is not None and self.retirements >= self.remaining

    @property
    def reason(self) -> str:
        if not self.behind:
            return ""
        return _("Chậm lộ trình: đã giảm %(achieved)s/%(target)s, kế hoạch đến %(year)s là %(expected)s") % {
            "achieved": self.achieved,
            "target": self.target,
            "year": self.as_of_year,
            "expected": self.expected,
        }


@dataclass
class TreeLine:
    """An organisation of the tree table: one cell per covered category (None: no quota of its
    own nor below it; ``covered_by`` then names the nearest ancestor in the report that holds one)."""

    node: OrgNode
    level: int  # depth below the report's organisation (0: the organisation itself)
    cells: list[tuple[str, Cell | None, OrgNode | None]]

    @property
    def behind(self) -> bool:
        return any(cell is not None and cell.behind for _c, cell, _by in self.cells)

    @property
    def reasons(self) -> list[str]:
        return [f"{cell.label}: {cell.reason}" for _c, cell, _by in self.cells if cell is not None and cell.behind]

    @property
    def no_quota(self) -> bool:
        return all(cell is None for _c, cell, _by in self.cells)


@dataclass
class YearLine:
    """A year of the roadmap table, per category: the plan, its running total, the quota of that
    year (latest decision ≤ the year) and the reduction achieved by then (None after the as-of year)."""

    year: int
    plan: int
    plan_cumulative: int
    assigned: int | None
    achieved: int | None


@dataclass
class CategoryView:
    """What the page shows of one category: the card (``cell``), the roadmap table, the chart."""

    cell: Cell
    years: list[YearLine]
    chart: dict

    @property
    def chart_id(self) -> str:
        return f"rd-chart-{self.cell.category.lower()}"


@dataclass
class Forecast:
    """Working staff who reach retirement age after the as-of date and by the end of the period,
    per quota category (``staffing.retirement``, the schedule in force on the as-of date)."""

    legal_code: str | None
    until: dt.date
    by_category: dict[str, int]
    message: str = ""  # why there is no forecast (no retirement schedule in force)


@dataclass
class ReductionReport:
    organization: OrgNode
    rule_set: RuleSetInfo
    as_of: dt.date
    rows: list[reductions.ReductionRow]
    totals: dict[str, reductions.Totals]
    nodes: dict[str, OrgNode]
    quotas: dict[tuple[str, str], dict[int, int]]
    forecast: Forecast | None = None
    level_offset: int = 0  # added to the tree lines' levels (rows of a root under the national table)
    _index: _RowIndex | None = field(default=None, repr=False)

    @property
    def categories(self) -> list[str]:
        return self.rule_set.rules.categories

    @property
    def years(self) -> range:
        return self.rule_set.rules.years

    @property
    def index(self) -> _RowIndex:
        if self._index is None:
            self._index = _RowIndex(self.rows)
        return self._index

    @property
    def national(self) -> bool:
        return self.organization.code == ""

    def cell(self, node: OrgNode, category: str) -> Cell | None:
        cell = cell_for(self.index, node.path, category, self.as_of.year)
        if cell is not None and cell.base_sources:
            names = node.predecessor_names
            cell.base_source_names = [names.get(code, code) for code in cell.base_sources]
        return cell

    def line(self, node: OrgNode) -> TreeLine:
        cells = []
        for category in self.categories:
            cell = self.cell(node, category)
            by = None
            if cell is None:
                holder = nearest_holder(node.path, self.index.paths.get(category, set()))
                by = self.nodes.get(_code_of(holder)) if holder else None
            cells.append((category, cell, by))
        return TreeLine(node, node.depth - self.organization.depth + self.level_offset, cells)

    def root_line(self) -> TreeLine:
        return self.line(self.organization)

    def children(self, code: str | None = None) -> list[TreeLine]:
        """The lines of the organisation ``code``'s children (the report's organisation's by
        default), by code."""
        parent = code or self.organization.code
        kids = [n for n in self.nodes.values() if (n.parent or "") == parent]
        return [self.line(n) for n in sorted(kids, key=lambda n: n.code)]

    def all_lines(self) -> list[TreeLine]:
        """Every organisation of the subtree in tree order (the workbook)."""
        return [self.line(n) for n in sorted(self.nodes.values(), key=lambda n: n.path)]

    def summaries(self) -> list[Cell]:
        """Per covered category, the report's organisation as a whole (its own row, or the sum of
        the top rows) — the cards; categories without any quota are left out."""
        cells = [cell for c in self.categories if (cell := self.cell(self.organization, c)) is not None]
        if self.forecast is not None and self.forecast.legal_code:
            for cell in cells:
                cell.retirements = self.forecast.by_category.get(cell.category, 0)
        return cells

    def category_views(self) -> list[CategoryView]:
        views = []
        for cell in self.summaries():
            years = self.roadmap_table(cell.category)
            views.append(CategoryView(cell, years, chart_config(years, cell.label)))
        return views

    def roadmap_table(self, category: str) -> list[YearLine]:
        return year_lines(self.index, self.quotas, self.organization.path, category, self.rule_set.rules, self.as_of)

    def behind(self) -> list[tuple[OrgNode, reductions.ReductionRow]]:
        """The rows behind their roadmap, each with its organisation, in row order."""
        return [(self.nodes[r.organization], r) for r in self.rows if r.behind]

    @property
    def behind_count(self) -> int:
        """How many organisations hold a row behind its roadmap."""
        return len({r.organization for r in self.rows if r.behind})


# --------------------------------------------------------------------------- reads


def reduction_report(
    *,
    org: Organization | None,
    rule_set_code: str | None = None,
    as_of: dt.date,
    forecast: bool = True,
    rule_sets: list[RuleSetInfo] | None = None,
) -> ReductionReport:
    """The reduction position of ``org``'s subtree (None: the whole country) on ``as_of`` under the rule set
    ``rule_set_code`` (or the one in force on ``as_of``). RuleSetError (with a Vietnamese
    ``message``) for an unknown rule set, a date outside every period or outside the chosen
    rule set's period. 4 queries (2 when the caller passes the ``rule_sets`` it already read),
    2 more with the retirement ``forecast``."""
    info = _rule_set(rule_set_code, as_of, rule_sets)
    if not info.rules.covers(as_of):
        raise ReportInputError(
            _(
                "Ngày báo cáo %(date)s nằm ngoài giai đoạn %(period)s của bộ quy tắc %(code)s: hãy chọn một ngày"
                " từ 01/01/%(start)s đến 31/12/%(end)s, hoặc bộ quy tắc khác."
            )
            % {
                "date": as_of.strftime("%d/%m/%Y"),
                "period": info.period,
                "code": info.code,
                "start": info.rules.period_from,
                "end": info.rules.period_to,
            }
        )
    path = org.path if org is not None else ""
    nodes = _nodes(path, as_of)
    quotas = _quotas(path, info.rules, as_of)
    units = {
        n.code: reductions.Unit(
            code=n.code,
            parent=n.parent,
            path=n.path,
            kind=n.kind,
            predecessors=n.predecessors,
            predecessor_codes=tuple(n.predecessor_names),
        )
        for n in nodes.values()
    }
    rows = reductions.reduction_rows(info.rules, units, quotas, as_of)
    report = ReductionReport(
        organization=nodes[org.code] if org is not None else national_node(),
        rule_set=info,
        as_of=as_of,
        rows=rows,
        totals=reductions.totals(rows, info.rules.categories),
        nodes=nodes,
        quotas=quotas,
    )
    if forecast:
        report.forecast = _forecast(path, info, as_of)
    return report


def _rule_set(code: str | None, as_of: dt.date, known: list[RuleSetInfo] | None) -> RuleSetInfo:
    """The rule set from ``known`` when it is there (the same choice as
    ``rulesets.reduction_rule_set``: by code, else binding before guidance, the latest period);
    otherwise ``rulesets.reduction_rule_set``, which reads them and names what exists."""
    if known is not None:
        if code:
            found = next((info for info in known if info.code == code), None)
        else:
            covering = [info for info in known if info.rules.covers(as_of)]
            found = max(covering, key=lambda i: (i.binding, i.rules.period_from), default=None)
        if found is not None:
            return found
    return rulesets.reduction_rule_set(code, as_of)


def _code_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _under(path: str, field: str) -> Q:
    """The filter of the subtree at ``path``; none for the national roll-up (path "")."""
    return Q(**{f"{field}__startswith": path}) if path else Q()


def national_node() -> OrgNode:
    """The report's organisation in the national roll-up: above every root."""
    return OrgNode("", _("Toàn quốc"), None, "", -1, "", 0)


def _nodes(path: str, as_of: dt.date) -> dict[str, OrgNode]:
    """The organisations of the subtree at ``path`` ("" : every current root's subtree) still open
    on ``as_of`` (a closed unit counts through its successor) by code, each with its child count
    and its predecessors' names (one query, a row per predecessor)."""
    rows = (
        Organization.objects.filter(_under(path, "path"))
        .order_by()
        .values_list("code", "name", "path", "depth", "kind", "valid_to", "predecessors__code", "predecessors__name")
    )
    nodes: dict[str, OrgNode] = {}
    closed_roots = set()
    for code, name, node_path, depth, kind, valid_to, pred_code, pred_name in rows:
        if not path and depth == 0 and valid_to is not None:
            closed_roots.add(node_path)  # a merged province: its whole subtree is left out
        if valid_to is not None and valid_to < as_of and node_path != path:
            continue
        node = nodes.get(code)
        if node is None:
            parts = [p for p in node_path.split("/") if p]
            node = nodes[code] = OrgNode(code, name, parts[-2] if len(parts) > 1 else None, node_path, depth, kind, 0)
        if pred_code is not None:
            node.predecessor_names[pred_code] = pred_name
            node.predecessors = len(node.predecessor_names)
    if closed_roots:
        nodes = {c: n for c, n in nodes.items() if "/" + n.path.split("/")[1] + "/" not in closed_roots}
    for node in nodes.values():
        if node.parent in nodes:
            nodes[node.parent].child_count += 1
    return nodes


def _quotas(path: str, rules: reductions.ReductionRuleSet, as_of: dt.date):
    """``{(org code, category): {year: assigned}}`` for the covered categories, base year to the
    as-of year, of the subtree's organisations and of their predecessors (one query)."""
    scope = Q()
    if path:
        predecessors = Organization.objects.filter(successors__path__startswith=path).values("pk")
        scope = Q(organization__path__startswith=path) | Q(organization__in=predecessors)
    rows = (
        Quota.objects.filter(
            scope,
            category__in=rules.categories,
            year__gte=rules.base_year,
            year__lte=as_of.year,
        )
        .order_by()
        .values_list("organization__code", "category", "year", "assigned")
    )
    quotas: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for code, category, year, assigned in rows:
        quotas[(code, category)][year] = assigned
    return dict(quotas)


def _forecast(path: str, info: RuleSetInfo, as_of: dt.date) -> Forecast:
    """The working staff of the subtree grouped by quota category, sex and month of birth (one
    aggregate), the retirement schedule in force on ``as_of`` (one query)."""
    _start, until = period_bounds(info)
    try:
        schedule = rulesets.retirement_schedule(as_of)
    except RuleSetError as error:
        return Forecast(None, until, {}, error.message)
    ages = (schedule.men, schedule.women)
    youngest = min(a.base_in_months for a in ages) // 12  # the lowest and highest retirement ages
    oldest = max(a.final_in_months for a in ages) // 12 + 1
    groups = (
        Staff.objects.working()
        .filter(
            _under(path, "organization__path"),
            date_of_birth__gte=dt.date(as_of.year - oldest - 1, 1, 1),
            date_of_birth__lte=dt.date(until.year - youngest, 12, 31),
        )
        .annotate(born_year=ExtractYear("date_of_birth"), born_month=ExtractMonth("date_of_birth"))
        .order_by()
        .values_list("category", "sex", "birth_year_only", "born_year", "born_month")
        .annotate(n=Count("*"))
    )
    return Forecast(schedule.legal_code, until, expected_retirements(schedule, groups, as_of, until))


# --------------------------------------------------------------------------- pure functions


def expected_retirements(
    schedule: retirement.RetirementSchedule,
    groups: Iterable[tuple[str, str, bool, int, int, int]],
    after: dt.date,
    until: dt.date,
) -> dict[str, int]:
    """``{quota category: people}`` whose retirement date is after ``after`` and not after
    ``until``; ``groups`` are (staff category, sex, year only, birth year, birth month, count)."""
    out: dict[str, int] = defaultdict(int)
    for category, sex, year_only, year, month, n in groups:
        when = retirement.retirement_date(schedule, sex, dt.date(year, month, 1), year_only=year_only)
        if after < when <= until:
            out[QUOTA_CATEGORY_OF_STAFF.get(category, category)] += n
    return dict(out)


class _RowIndex:
    """The rows per category, sorted by path, each with the path of its nearest holder above it
    (same category): the subtree of a path is a slice found by bisection."""

    def __init__(self, rows: Iterable[reductions.ReductionRow]):
        by_category: dict[str, list[reductions.ReductionRow]] = defaultdict(list)
        for row in rows:
            by_category[row.category].append(row)
        self.rows = {c: sorted(rs, key=lambda r: r.path) for c, rs in by_category.items()}
        self.keys = {c: [r.path for r in rs] for c, rs in self.rows.items()}
        self.paths = {c: set(keys) for c, keys in self.keys.items()}
        self.holder = {(r.path, c): nearest_holder(r.path, self.paths[c]) for c, rs in self.rows.items() for r in rs}

    def top_rows(self, path: str, category: str) -> list[reductions.ReductionRow]:
        """The rows of ``path``'s subtree with no holder above them inside that subtree."""
        keys = self.keys.get(category, [])
        lo, hi = bisect_left(keys, path), bisect_left(keys, path + PAST_EVERY_PATH)
        found = []
        for row in self.rows[category][lo:hi] if hi > lo else ():
            above = self.holder[(row.path, category)]
            if above is None or not above.startswith(path):
                found.append(row)
        return found


def cell_for(index: _RowIndex, path: str, category: str, as_of_year: int) -> Cell | None:
    """The organisation at ``path`` for ``category``: its own row, the sum of the top rows below
    it, or None when there is none (no quota)."""
    rows = index.top_rows(path, category)
    if not rows:
        return None
    own = rows[0].path == path
    plan: dict[int, int] = {}
    for row in rows:
        for year, n in row.roadmap.items():
            plan[year] = plan.get(year, 0) + n
    return Cell(
        category=category,
        own=own,
        holders=len(rows),
        base_assigned=sum(r.base_assigned for r in rows),
        target=sum(r.target for r in rows),
        current_assigned=sum(r.current_assigned for r in rows),
        achieved=sum(r.achieved for r in rows),
        remaining=sum(r.remaining for r in rows),
        expected=sum(r.expected for r in rows),
        as_of_year=as_of_year,
        percent=rows[0].percent if len(rows) == 1 else None,
        roadmap=dict(sorted(plan.items())),
        base_sources=rows[0].base_sources if own else (),
    )


def year_lines(
    index: _RowIndex,
    quotas: Mapping[tuple[str, str], Mapping[int, int]],
    path: str,
    category: str,
    rules: reductions.ReductionRuleSet,
    as_of: dt.date,
) -> list[YearLine]:
    """The roadmap table of the organisation at ``path``: per year of the period, the plan of its
    top rows, its running total, their quotas in force that year and the reduction achieved then."""
    rows = index.top_rows(path, category)
    lines, running = [], 0
    for year in rules.years:
        plan = sum(r.roadmap.get(year, 0) for r in rows)
        running += plan
        assigned = achieved = None
        if year <= as_of.year and rows:
            assigned = achieved = 0
            for row in rows:
                by_year = quotas.get((_code_of(row.path), category), {})
                known = [y for y in by_year if rules.base_year <= y <= year]
                current = by_year[max(known)] if known else row.base_assigned
                assigned += current
                achieved += max(0, row.base_assigned - current)
        lines.append(YearLine(year, plan, running, assigned, achieved))
    return lines


def chart_config(lines: list[YearLine], title: str) -> dict:
    """A Chart.js configuration (static/js/charts.js draws it): the cumulative roadmap as a line,
    the reduction achieved by each year as bars."""
    return {
        "type": "bar",
        "data": {
            "labels": [str(line.year) for line in lines],
            "datasets": [
                {
                    "type": "line",
                    "label": _("Kế hoạch lũy kế"),
                    "data": [line.plan_cumulative for line in lines],
                    "borderColor": CHART_COLOURS["plan"],
                    "backgroundColor": CHART_COLOURS["plan"],
                    "tension": 0,
                    "order": 0,
                },
                {
                    "type": "bar",
                    "label": _("Đã giảm (lũy kế)"),
                    "data": [line.achieved for line in lines],
                    "backgroundColor": CHART_COLOURS["achieved"],
                    "order": 1,
                },
            ],
        },
        "options": {
            "plugins": {"title": {"display": True, "text": title}, "legend": {"position": "bottom"}},
            "scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}}},
        },
    }


# --------------------------------------------------------------------------- outputs


def report_json(report: ReductionReport) -> dict:
    """The JSON of the ``reduction_report`` command (docs/commands.md): keys and order fixed."""
    return {
        "organization": report.organization.code,
        "rule_set": report.rule_set.code,
        "as_of": report.as_of.isoformat(),
        "period": {"from": report.rule_set.rules.period_from, "to": report.rule_set.rules.period_to},
        "base_year": report.rule_set.rules.base_year,
        "rows": [
            {
                "organization": row.organization,
                "parent": row.parent,
                "category": row.category,
                "base_assigned": row.base_assigned,
                "percent": f"{row.percent:.2f}",
                "target": row.target,
                "roadmap": {str(year): n for year, n in sorted(row.roadmap.items())},
                "current_assigned": row.current_assigned,
                "achieved": row.achieved,
                "remaining": row.remaining,
            }
            for row in report.rows
        ],
        "totals": {
            category: {
                "base_assigned": t.base_assigned,
                "target": t.target,
                "current_assigned": t.current_assigned,
                "achieved": t.achieved,
                "remaining": t.remaining,
            }
            for category, t in report.totals.items()
        },
    }
