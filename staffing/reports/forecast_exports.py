"""The chart configuration and the XLSX sheets of the retirement forecast
(staffing.reports.forecast): pure builders over its report dataclasses. This module imports
the report module, never the reverse."""

from __future__ import annotations

from django.utils.translation import gettext as _

from staffing.exporting import ReportSheet, workbook
from staffing.reports.forecast import (
    CATEGORIES,
    CHART_COLOURS,
    SEXES,
    Forecast,
    UnitRow,
    YearRow,
    age_text,
    category_label,
    description_lines,
    sex_label,
    title,
)


def chart_config(fc: Forecast) -> dict:
    """Chart.js: retirements per year, one stack per sex, each stacked by quota category (only
    the sex and category pairs with anyone in the range, so the legend lists what is drawn)."""
    rows = fc.year_rows()
    datasets = [
        {
            "label": f"{sex_label(s)} – {c}",
            "data": data,
            "stack": s,
            "backgroundColor": CHART_COLOURS[c][i],
        }
        for i, s in enumerate(SEXES)
        for c in CATEGORIES
        if any(data := [r.by_sex_category[s, c] for r in rows])
    ]
    return {
        "type": "bar",
        "data": {"labels": [str(y) for y in fc.years], "datasets": datasets},
        "options": {
            "scales": {
                "x": {"stacked": True},
                "y": {"stacked": True, "beginAtZero": True, "ticks": {"precision": 0}},
            },
            "plugins": {"legend": {"position": "bottom"}},
        },
    }


def _sheet_lines(fc: Forecast, view: str) -> list[str]:
    org = fc.organization
    return [f"{org.name} ({org.code})", f"{title(fc)} — {view}", *description_lines(fc)]


def workbook_sheets(fc: Forecast) -> list[ReportSheet]:
    """The XLSX export: one sheet per view (by year, by unit, the people)."""
    year_headers = [(_("Năm"), 10), (_("Tổng số"), 10), (sex_label("M"), 8), (sex_label("F"), 8)]
    year_headers += [(category_label(c), 18) for c in CATEGORIES]
    year_headers += [(f"{sex_label(s)} – {c}", 12) for s in SEXES for c in CATEGORIES]

    def year_cells(label, r: YearRow) -> list:
        return [
            label,
            r.total,
            *(r.by_sex[s] for s in SEXES),
            *(r.by_category[c] for c in CATEGORIES),
            *(r.by_sex_category[s, c] for s in SEXES for c in CATEGORIES),
        ]

    rows = [year_cells(r.year, r) for r in fc.year_rows()]
    rows.append(year_cells(_("Tổng cộng"), fc.totals_row()))
    by_year = ReportSheet(
        title=_("Theo năm"),
        lines=_sheet_lines(fc, _("theo năm")),
        headers=year_headers,
        rows=rows,
        bold_rows={len(rows) - 1},
    )
    unit_headers = [(_("Mã đơn vị"), 18), (_("Đơn vị"), 40), *((str(y), 8) for y in fc.years), (_("Tổng số"), 10)]
    unit_rows = [[u.code, unit_name(u), *u.counts, u.total] for u in fc.units]
    unit_rows.append(["", _("Tổng cộng"), *fc.unit_totals(), fc.total])
    by_unit = ReportSheet(
        title=_("Theo đơn vị"),
        lines=_sheet_lines(fc, _("theo đơn vị")),
        headers=unit_headers,
        rows=unit_rows,
        bold_rows={len(unit_rows) - 1},
    )
    people_headers = [
        (_("STT"), 6),
        (_("Mã cán bộ"), 14),
        (_("Họ và tên"), 28),
        (_("Mã đơn vị"), 18),
        (_("Đơn vị"), 36),
        (_("Giới tính"), 9),
        (_("Ngày sinh (hoặc năm sinh)"), 14),
        (_("Loại"), 10),
        (_("Loại biên chế"), 12),
        (_("Tuổi nghỉ hưu"), 16),
        (_("Ngày nghỉ hưu"), 14),
        (_("Năm nghỉ hưu"), 10),
        (_("Nặng nhọc, độc hại: được nghỉ sớm nhất từ"), 18),
    ]
    people_rows = (
        [
            i,
            p.employee_code,
            p.full_name,
            p.org_code,
            p.org_name,
            sex_label(p.sex),
            p.date_of_birth.year if p.birth_year_only else p.date_of_birth,
            p.category,
            p.quota_category,
            age_text(p.age_years, p.age_months),
            p.retirement_date,
            p.year,
            p.earliest_retirement_date,
        ]
        for i, p in enumerate(fc.people, start=1)
    )
    people = ReportSheet(
        title=_("Danh sách"), lines=_sheet_lines(fc, _("danh sách cán bộ")), headers=people_headers, rows=people_rows
    )
    return [by_year, by_unit, people]


def unit_name(u: UnitRow) -> str:
    return _("%(name)s (trực tiếp tại đơn vị)") % {"name": u.name} if u.is_root else u.name


def forecast_xlsx(fc: Forecast) -> bytes:
    return workbook(workbook_sheets(fc))
