"""The retirement forecast (docs/rules.md §6): the working staff (status DLV) of an organisation's
subtree who reach retirement age in a range of years, under the retirement rule set in force on
the as-of date (``staffing.rulesets.retirement_schedule``), by year, by year × sex × quota
category, by unit (the organisation's direct children, their subtrees rolled up) and per person.

One read of the staff: the columns needed, as tuples (``values_list``), over the subtree
(``organization__path__startswith``), narrowed in SQL to the birth dates that can reach
retirement in the range; the dates themselves are computed in Python with ``staffing.retirement``
(once per sex and birth month). The web page, its XLSX export, its A4 print and the
``retirement_forecast`` command all build on ``retirement_forecast()``; the quota pages use the
cheaper ``soon_vacant()`` (the reduction dashboard counts its expected retirements with one
grouped read of its own: ``staffing.reports.dashboard``).

A person's ``retirement_date`` and year use the age under normal working conditions; with the
heavy-work flag, ``earliest_retirement_date`` (up to 5 years earlier under ND135-2020) is shown
too but does not move them to another year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.collation import in_tree_order
from portal.models import Organization
from staffing import retirement, rules
from staffing.models import QUOTA_CATEGORY_OF_STAFF, QuotaCategory, RetirementAgeRule, Sex, Staff, StaffStatus
from staffing.rulesets import RuleSetError, retirement_schedule

FORECAST_YEARS = 10  # the default range: this year and the nine after it
MAX_YEARS = 50  # a longer range is refused (no one working today retires 50 years from now)
YEAR_MIN, YEAR_MAX = rules.YEAR_MIN, rules.YEAR_MAX
SEXES = (Sex.MALE.value, Sex.FEMALE.value)
CATEGORIES = tuple(c.value for c in QuotaCategory)
UNIT_CHOICES_LIMIT = 500


class ForecastError(Exception):
    """The forecast cannot be computed: ``message`` (Vietnamese) names the value and what is allowed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- parameters


def default_years(today: dt.date) -> tuple[int, int]:
    return today.year, today.year + FORECAST_YEARS - 1


def check_years(year_from: int, year_to: int) -> None:
    """ForecastError unless YEAR_MIN ≤ from ≤ to ≤ YEAR_MAX and the range is at most MAX_YEARS."""
    for year in (year_from, year_to):
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ForecastError(
                _("Năm %(year)s nằm ngoài khoảng cho phép: từ %(min)s đến %(max)s.")
                % {"year": year, "min": YEAR_MIN, "max": YEAR_MAX}
            )
    if year_from > year_to:
        raise ForecastError(
            _("Năm bắt đầu (%(from)s) sau năm kết thúc (%(to)s): hãy chọn từ năm nhỏ hơn hoặc bằng đến năm.")
            % {"from": year_from, "to": year_to}
        )
    if year_to - year_from + 1 > MAX_YEARS:
        raise ForecastError(
            _("Khoảng %(from)s–%(to)s dài %(n)s năm: dự báo tối đa %(max)s năm.")
            % {"from": year_from, "to": year_to, "n": year_to - year_from + 1, "max": MAX_YEARS}
        )


def parse_year(value: str, label: str) -> int:
    """A year typed by a user or an operator (``label`` names the field in the message)."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise ForecastError(
            _("%(field)s “%(value)s” không phải là một năm: hãy nhập 4 chữ số, từ %(min)s đến %(max)s.")
            % {"field": label, "value": value, "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return int(text)


@dataclass
class ForecastQuery:
    """What a forecast page asks for (``org`` and ``unit`` are codes, looked up by the view);
    ``errors`` holds a Vietnamese message per bad value."""

    year_from: int
    year_to: int
    sex: str = ""
    category: str = ""
    unit: str = ""
    as_of: dt.date | None = None
    errors: list[str] = field(default_factory=list)

    def params(self) -> dict[str, str]:
        """The query-string values, for the links to the export and the print."""
        values = {"from": str(self.year_from), "to": str(self.year_to), "sex": self.sex, "category": self.category}
        values.update(unit=self.unit, as_of=self.as_of.isoformat() if self.as_of else "")
        return {k: v for k, v in values.items() if v}


def parse_query(data: Mapping[str, str], today: dt.date) -> ForecastQuery:
    """The page's filters from the query string: ``from``, ``to`` (default this year and 9
    more), ``sex`` (M/F), ``category`` (a quota category), ``unit`` (a code), ``as_of``
    (yyyy-mm-dd or dd/mm/yyyy, default today). A bad value leaves its default and a message."""
    year_from, year_to = default_years(today)
    query = ForecastQuery(year_from, year_to)
    for key, label in (("from", _("Từ năm")), ("to", _("Đến năm"))):
        if (data.get(key) or "").strip():
            try:
                setattr(query, f"year_{key}", parse_year(data[key], label))
            except ForecastError as exc:
                query.errors.append(exc.message)
    if not query.errors:
        try:
            check_years(query.year_from, query.year_to)
        except ForecastError as exc:
            query.errors.append(exc.message)
    sex = (data.get("sex") or "").strip()
    if sex and sex not in SEXES:
        query.errors.append(_("Giới tính “%(value)s” không hợp lệ: chọn M (Nam) hoặc F (Nữ).") % {"value": sex})
    else:
        query.sex = sex
    category = (data.get("category") or "").strip()
    if category and category not in CATEGORIES:
        query.errors.append(
            _("Loại biên chế “%(value)s” không hợp lệ; có: %(known)s.")
            % {"value": category, "known": ", ".join(CATEGORIES)}
        )
    else:
        query.category = category
    query.unit = (data.get("unit") or "").strip()
    as_of = (data.get("as_of") or "").strip()
    if as_of:
        try:
            query.as_of = _parse_date(as_of)
        except ValueError:
            query.errors.append(
                _("Ngày tính “%(value)s” không hợp lệ: hãy nhập theo dạng dd/mm/yyyy hoặc yyyy-mm-dd.")
                % {"value": as_of}
            )
    return query


def _parse_date(text: str) -> dt.date:
    if "/" in text:
        day, month, year = text.split("/")
        return dt.date(int(year), int(month), int(day))
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------- organisations


def default_organization(user) -> Organization | None:
    """The user's highest organisation: the one a forecast page opens on."""
    return Organization.objects.for_user(user).order_by("depth", "code").first()


def organization_for(user, code: str | None) -> Organization:
    """The organisation ``code`` of the user's scope (their highest one without a code); 404
    outside the scope, for an unknown code, or for a user without any organisation."""
    if not code:
        org = default_organization(user)
        if org is None:
            raise Http404
        return org
    return get_object_or_404(Organization.objects.for_user(user).select_related("parent"), code=code.strip())


def organization_choices(user) -> list[Organization]:
    """The organisations a forecast may be about (the user's scope, tree order with siblings in
    Vietnamese order, at most UNIT_CHOICES_LIMIT): one query."""
    return in_tree_order(Organization.objects.for_user(user).order_by("path")[:UNIT_CHOICES_LIMIT])


def unit_choices(org: Organization) -> list[Organization]:
    """The units below ``org`` that the forecast can be narrowed to (tree order with siblings in
    Vietnamese order, at most UNIT_CHOICES_LIMIT): one query."""
    return in_tree_order(
        Organization.objects.filter(path__startswith=org.path).exclude(pk=org.pk).order_by("path")[:UNIT_CHOICES_LIMIT]
    )


def unit_in(org: Organization, code: str) -> Organization:
    """The unit ``code`` of ``org``'s subtree; ForecastError otherwise (the same message whether
    it exists elsewhere or not)."""
    unit = Organization.objects.filter(path__startswith=org.path, code=code).first()
    if unit is None:
        raise ForecastError(
            _("Không có đơn vị mã “%(code)s” trong %(org)s và các đơn vị trực thuộc: hãy chọn đơn vị trong danh sách.")
            % {"code": code, "org": org.name}
        )
    return unit


# --------------------------------------------------------------------------- the rule set


def schedule_for(as_of: dt.date) -> retirement.RetirementSchedule:
    """The retirement schedule in force on ``as_of``; ForecastError naming the date and the rule
    sets that exist, with their dates, otherwise."""
    try:
        return retirement_schedule(as_of)
    except RuleSetError as exc:
        docs = (
            RetirementAgeRule.objects.order_by("legal_document__effective_from", "legal_document__code")
            .values_list("legal_document__code", "legal_document__effective_from", "legal_document__effective_to")
            .distinct()
        )
        known = [
            f"{code} ({start:%d/%m/%Y}–{end:%d/%m/%Y})"
            if end
            else _("%(code)s (từ %(start)s)") % {"code": code, "start": f"{start:%d/%m/%Y}"}
            for code, start, end in docs
        ]
        raise ForecastError(
            _("%(message)s Quy định tuổi nghỉ hưu hiện có: %(known)s.")
            % {"message": exc.message, "known": ", ".join(known) or "—"}
        ) from None


# --------------------------------------------------------------------------- the forecast


@dataclass(frozen=True)
class ForecastPerson:
    employee_code: str
    full_name: str
    org_code: str
    org_name: str
    org_path: str
    sex: str
    date_of_birth: dt.date
    birth_year_only: bool
    category: str  # the staff category (CB, CC, VC, VCTC, HD)
    quota_category: str  # what it counts against (CBCC, VC, VCTC, HD)
    age_years: int
    age_months: int
    retirement_date: dt.date
    earliest_retirement_date: dt.date | None  # heavy, hazardous work only

    @property
    def retirement_age(self) -> str:
        """``<years>y<months>m``, e.g. "60y6m" (``staffing.retirement.Retirement.age_label``)."""
        return f"{self.age_years}y{self.age_months}m"

    @property
    def age_text(self) -> str:
        """The retirement age as people read it: "60 tuổi 6 tháng"."""
        return age_text(self.age_years, self.age_months)

    @property
    def heavy_work(self) -> bool:
        return self.earliest_retirement_date is not None

    @property
    def year(self) -> int:
        return self.retirement_date.year

    @property
    def birth_text(self) -> str:
        """The birth date as the JSON gives it: yyyy-mm-dd, or yyyy when only the year is known."""
        return str(self.date_of_birth.year) if self.birth_year_only else self.date_of_birth.isoformat()

    def as_json(self) -> dict:
        row = {
            "employee_code": self.employee_code,
            "sex": self.sex,
            "date_of_birth": self.birth_text,
            "retirement_age": self.retirement_age,
            "retirement_date": self.retirement_date.isoformat(),
        }
        if self.earliest_retirement_date is not None:
            row["earliest_retirement_date"] = self.earliest_retirement_date.isoformat()
        return row


@dataclass(frozen=True)
class YearRow:
    year: int
    total: int
    by_sex: dict[str, int]
    by_category: dict[str, int]
    by_sex_category: dict[tuple[str, str], int]


@dataclass(frozen=True)
class UnitRow:
    """A direct child of the forecast's organisation with its subtree, or (``is_root``) the
    staff working directly in the organisation itself."""

    code: str
    name: str
    path: str
    is_root: bool
    counts: tuple[int, ...]  # per year of the range, in order

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class Forecast:
    organization: Organization
    rule_set: str  # the legal code of the retirement rule set used, e.g. "ND135-2020"
    rule_set_from: dt.date
    as_of: dt.date
    year_from: int
    year_to: int
    by_year: dict[int, int]  # every year of the range, 0 where none
    by_year_sex_category: dict[tuple[int, str, str], int]  # (year, sex, quota category) -> n, non-zero only
    units: list[UnitRow]  # units with at least one retirement in the range, tree order
    people: list[ForecastPerson]  # by retirement date, then employee code
    sex: str = ""
    category: str = ""
    unit: Organization | None = None

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    @property
    def total(self) -> int:
        return len(self.people)

    @property
    def heavy_work_count(self) -> int:
        return sum(p.heavy_work for p in self.people)

    @property
    def filtered(self) -> bool:
        return bool(self.sex or self.category or self.unit)

    def year_rows(self) -> list[YearRow]:
        rows = []
        for year in self.years:
            cells = {(s, c): self.by_year_sex_category.get((year, s, c), 0) for s in SEXES for c in CATEGORIES}
            rows.append(
                YearRow(
                    year=year,
                    total=self.by_year[year],
                    by_sex={s: sum(cells[s, c] for c in CATEGORIES) for s in SEXES},
                    by_category={c: sum(cells[s, c] for s in SEXES) for c in CATEGORIES},
                    by_sex_category=cells,
                )
            )
        return rows

    def totals_row(self) -> YearRow:
        rows = self.year_rows()
        return YearRow(
            year=0,
            total=self.total,
            by_sex={s: sum(r.by_sex[s] for r in rows) for s in SEXES},
            by_category={c: sum(r.by_category[c] for r in rows) for c in CATEGORIES},
            by_sex_category={(s, c): sum(r.by_sex_category[s, c] for r in rows) for s in SEXES for c in CATEGORIES},
        )

    def unit_totals(self) -> tuple[int, ...]:
        return tuple(self.by_year[y] for y in self.years)

    def categories_present(self) -> list[str]:
        present = {c for (_y, _s, c) in self.by_year_sex_category}
        return [c for c in CATEGORIES if c in present]

    def as_json(self) -> dict:
        """The ``retirement_forecast`` command's JSON (docs/commands.md): keys in its order."""
        return {
            "organization": self.organization.code,
            "rule_set": self.rule_set,
            "from": self.year_from,
            "to": self.year_to,
            "by_year": {str(y): n for y, n in self.by_year.items()},
            "people": [p.as_json() for p in self.people],
        }


def _birth_window(
    schedule: retirement.RetirementSchedule, sex: str, year_from: int, year_to: int
) -> tuple[dt.date, dt.date]:
    """The birth dates of those who reach retirement in ``year_from``..``year_to`` lie between
    these two (a superset: the exact test is each person's computed date). A person reaching it
    in month r (months since year 0) was born in month r − A with A between the base and the
    final age; each birth month of that span is computed once (about 200), and the window runs
    from the first to the last one retiring in the range. The end is widened to the year's end
    for the year-only births, counted as January."""
    ages = schedule.for_sex(sex)
    inside = [
        born
        for born in range(year_from * 12 - ages.final_in_months, year_to * 12 + 12 - ages.base_in_months)
        if year_from <= retirement.retirement(schedule, sex, dt.date(born // 12, born % 12 + 1, 1)).date.year <= year_to
    ]
    if not inside:  # pragma: no cover - every year has someone's retirement month
        return dt.date(year_from, 1, 1), dt.date(year_from, 1, 1)
    first, last = inside[0], inside[-1]
    return dt.date(first // 12, first % 12 + 1, 1), dt.date(last // 12, 12, 31)


def _working_in_range(org, unit, schedule, year_from, year_to, *, sex="", category=""):
    """The working staff of the subtree (of ``unit``'s when given) born in the window, filtered."""
    qs = Staff.objects.filter(status=StaffStatus.WORKING, organization__path__startswith=(unit or org).path)
    births = Q()
    for s in (sex,) if sex else SEXES:
        births |= Q(sex=s, date_of_birth__range=_birth_window(schedule, s, year_from, year_to))
    qs = qs.filter(births)
    if category:
        qs = qs.filter(category__in=[k for k, v in QUOTA_CATEGORY_OF_STAFF.items() if v == category])
    return qs.order_by()


class _Dates:
    """Retirement dates per (sex, birth month), computed once each."""

    def __init__(self, schedule: retirement.RetirementSchedule):
        self.schedule = schedule
        self.cache: dict[tuple[str, int, int], retirement.Retirement] = {}
        self.early: dict[tuple[str, int, int], dt.date] = {}

    def of(self, sex: str, birth: dt.date, year_only: bool) -> retirement.Retirement:
        key = (sex, birth.year, 1 if year_only else birth.month)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = retirement.retirement(self.schedule, sex, birth, year_only=year_only)
        return found

    def earliest(self, sex: str, birth: dt.date, year_only: bool) -> dt.date:
        """The earliest date with the heavy-work flag."""
        key = (sex, birth.year, 1 if year_only else birth.month)
        found = self.early.get(key)
        if found is None:
            found = self.early[key] = retirement.earliest_retirement_date(
                self.schedule, sex, birth, heavy_work=True, year_only=year_only
            )
        return found


_PERSON_COLUMNS = (
    "employee_code",
    "full_name",
    "organization__code",
    "organization__name",
    "organization__path",
    "sex",
    "date_of_birth",
    "birth_year_only",
    "category",
    "heavy_work",
)


def retirement_forecast(
    *,
    org: Organization,
    year_from: int,
    year_to: int,
    as_of: dt.date | None = None,
    sex: str = "",
    category: str = "",
    unit: Organization | None = None,
) -> Forecast:
    """The forecast of ``org``'s subtree for ``year_from``..``year_to`` (narrowed to ``sex``, a
    quota ``category`` and ``unit``'s subtree when given), under the rule set in force on
    ``as_of`` (default today). ForecastError for a bad range or no rule set in force. Three
    queries: the rule set, the staff, the organisation's direct children."""
    check_years(year_from, year_to)
    as_of = as_of or timezone.localdate()
    schedule = schedule_for(as_of)
    rows = _working_in_range(org, unit, schedule, year_from, year_to, sex=sex, category=category)
    dates = _Dates(schedule)
    people = []
    for code, name, org_code, org_name, path, s, birth, year_only, cat, heavy in rows.values_list(*_PERSON_COLUMNS):
        when = dates.of(s, birth, year_only)
        if not year_from <= when.date.year <= year_to:
            continue
        people.append(
            ForecastPerson(
                employee_code=code,
                full_name=name,
                org_code=org_code,
                org_name=org_name,
                org_path=path,
                sex=s,
                date_of_birth=birth,
                birth_year_only=year_only,
                category=cat,
                quota_category=QUOTA_CATEGORY_OF_STAFF[cat],
                age_years=when.age_years,
                age_months=when.age_months,
                retirement_date=when.date,
                earliest_retirement_date=dates.earliest(s, birth, year_only) if heavy else None,
            )
        )
    people.sort(key=lambda p: (p.retirement_date, p.employee_code))
    children = Organization.objects.filter(parent=org).order_by("path").values_list("code", "name", "path")
    return tally(
        org=org,
        schedule=schedule,
        as_of=as_of,
        year_from=year_from,
        year_to=year_to,
        people=people,
        children=list(children),
        sex=sex,
        category=category,
        unit=unit,
    )


def tally(
    *,
    org: Organization,
    schedule: retirement.RetirementSchedule,
    as_of: dt.date,
    year_from: int,
    year_to: int,
    people: list[ForecastPerson],
    children: Iterable[tuple[str, str, str]],
    sex: str = "",
    category: str = "",
    unit: Organization | None = None,
) -> Forecast:
    """The forecast's counts from its people (sorted) and the organisation's direct children
    ``(code, name, path)``; no query."""
    years = range(year_from, year_to + 1)
    by_year = dict.fromkeys(years, 0)
    cells: Counter[tuple[int, str, str]] = Counter()
    per_unit: dict[str, list[int]] = {}
    root = org.path
    for p in people:
        by_year[p.year] += 1
        cells[p.year, p.sex, p.quota_category] += 1
        rest = p.org_path[len(root) :]
        key = root + rest.split("/", 1)[0] + "/" if rest else root
        per_unit.setdefault(key, [0] * len(years))[p.year - year_from] += 1
    names = {path: (code, name) for code, name, path in children}
    names[root] = (org.code, org.name)
    units = [
        UnitRow(
            code=names.get(path, (path.strip("/").rsplit("/", 1)[-1], ""))[0],
            name=names.get(path, ("", path))[1],
            path=path,
            is_root=path == root,
            counts=tuple(counts),
        )
        for path, counts in sorted(per_unit.items(), key=lambda item: (item[0] != root, item[0]))
    ]
    return Forecast(
        organization=org,
        rule_set=schedule.legal_code,
        rule_set_from=schedule.effective_from,
        as_of=as_of,
        year_from=year_from,
        year_to=year_to,
        by_year=by_year,
        by_year_sex_category=dict(cells),
        units=units,
        people=people,
        sex=sex,
        category=category,
        unit=unit,
    )


def soon_vacant(*, org: Organization, as_of: dt.date) -> dict[tuple[str, str], int]:
    """``{(organisation path, quota category): n}``: the working staff of ``org``'s subtree, by
    the organisation they work in directly, whose retirement date falls in the 12 months from
    ``as_of`` (``as_of`` ≤ date < the same day a year later), under the rule set in force on
    ``as_of``. Two queries. ForecastError when no rule set is in force."""
    schedule = schedule_for(as_of)
    until = rules.add_years(as_of, 1)
    dates = _Dates(schedule)
    counts: Counter[tuple[str, str]] = Counter()
    rows = _working_in_range(org, None, schedule, as_of.year, until.year)
    for path, s, birth, year_only, cat in rows.values_list(
        "organization__path", "sex", "date_of_birth", "birth_year_only", "category"
    ):
        if as_of <= dates.of(s, birth, year_only).date < until:
            counts[path, QUOTA_CATEGORY_OF_STAFF[cat]] += 1
    return dict(counts)


# --------------------------------------------------------------------------- presentation

# Chart colours per quota category: (men, women); women lighter, so both stacks read apart.
CHART_COLOURS = {
    "CBCC": ("#0d6efd", "#9ec5fe"),
    "VC": ("#198754", "#a3cfbb"),
    "VCTC": ("#fd7e14", "#fecba1"),
    "HD": ("#6c757d", "#c4c8cb"),
}


def sex_label(sex: str) -> str:
    return str(Sex(sex).label)


def category_label(category: str) -> str:
    return str(QuotaCategory(category).label)


def age_text(years: int, months: int) -> str:
    """A retirement age as people read it: "60 tuổi 6 tháng", "61 tuổi"."""
    if months:
        return _("%(years)s tuổi %(months)s tháng") % {"years": years, "months": months}
    return _("%(years)s tuổi") % {"years": years}


def title(fc: Forecast) -> str:
    return _("Dự báo nghỉ hưu %(from)s–%(to)s") % {"from": fc.year_from, "to": fc.year_to}


def description_lines(fc: Forecast) -> list[str]:
    """What a sheet or a print says above its tables: the report, the rule set, the as-of date
    and the filters."""
    lines = [
        _("Quy định tuổi nghỉ hưu áp dụng: %(code)s (hiệu lực từ %(date)s)")
        % {"code": fc.rule_set, "date": fc.rule_set_from.strftime("%d/%m/%Y")},
        _("Tính đến ngày: %(date)s") % {"date": fc.as_of.strftime("%d/%m/%Y")},
    ]
    filters = []
    if fc.unit is not None:
        filters.append(_("đơn vị %(name)s (%(code)s)") % {"name": fc.unit.name, "code": fc.unit.code})
    if fc.sex:
        filters.append(sex_label(fc.sex))
    if fc.category:
        filters.append(category_label(fc.category))
    if filters:
        lines.append(_("Lọc: %(filters)s") % {"filters": "; ".join(filters)})
    return lines


def xlsx_filename(fc: Forecast) -> str:
    return f"du-bao-nghi-huu-{fc.organization.code}-{fc.year_from}-{fc.year_to}.xlsx"
