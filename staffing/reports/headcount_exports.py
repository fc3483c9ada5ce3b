"""The XLSX sheets of the headcount reports (staffing.reports.headcount): pure builders over
its report dataclasses. This module imports the report module, never the reverse."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from portal.models import Organization
from staffing.exporting import ReportSheet
from staffing.reports.headcount import ExitReport, ExitRow, GroupReport, QuotaReport, Unit, fmt_date


def _lines(org: Organization, title: str, *more: str) -> list[str]:
    return [title, _("Đơn vị: %(name)s (%(code)s)") % {"name": org.name, "code": org.code}, *more]


def _indent(unit: Unit) -> str:
    return "    " * unit.level + unit.name


def _as_of_line(as_of: dt.date) -> str:
    return _("Tính đến ngày: %(date)s") % {"date": fmt_date(as_of)}


def _category_line(report) -> str:
    return _("Loại biên chế: %(label)s") % {"label": report.category_label}


def no_quota_label() -> str:
    return _("chưa giao biên chế")


def quota_sheets(report: QuotaReport) -> list[ReportSheet]:
    rule = (
        _("Nghỉ hưu trong 12 tháng tới: theo %(code)s (tuổi nghỉ hưu trong điều kiện lao động bình thường)")
        % {"code": report.retirement_code}
        if report.retirement_code
        else _("Nghỉ hưu trong 12 tháng tới: không có quy định tuổi nghỉ hưu áp dụng")
    )
    headers = [
        (_("STT"), 6),
        (_("Mã đơn vị"), 16),
        (_("Đơn vị"), 44),
        (_("Loại biên chế"), 30),
        (_("Biên chế được giao"), 14),
        (_("Số quyết định"), 18),
        (_("Ngày quyết định"), 14),
        (_("Cơ quan ban hành"), 24),
        (_("Có mặt"), 10),
        (_("Còn trống (+) / Vượt (−)"), 14),
        (_("Sắp trống (nghỉ hưu trong 12 tháng)"), 16),
    ]
    rows = []
    for i, row in enumerate(report.rows, start=1):
        cells = row.cells or [None]
        for cell in cells:
            if cell is None:
                rows.append(
                    [i, row.unit.code, _indent(row.unit), "", no_quota_label(), None, None, None, 0, None, None]
                )
                continue
            d = cell.decision
            rows.append(
                [
                    i,
                    row.unit.code,
                    _indent(row.unit),
                    cell.label,
                    cell.assigned if cell.has_quota else no_quota_label(),
                    d.number if d else None,
                    d.date if d else None,
                    (d.issuer or None) if d else None,
                    cell.actual,
                    cell.vacancy,
                    cell.soon_vacant,
                ]
            )
    lines = _lines(
        report.org,
        _("BIÊN CHẾ ĐƯỢC GIAO SO VỚI THỰC CÓ"),
        _("Năm biên chế: %(year)s") % {"year": report.year},
        _category_line(report),
        _as_of_line(report.as_of),
        rule,
    )
    return [ReportSheet(title=_("Biên chế và thực có"), lines=lines, headers=headers, rows=rows)]


def exit_sheets(report: ExitReport) -> list[ReportSheet]:
    kinds = [label for _k, label in report.kinds]
    period = _("Giai đoạn: %(start)s–%(end)s") % {"start": report.year_from, "end": report.year_to}
    if report.rule_set:
        period += " " + _("(theo %(code)s, %(number)s)") % {
            "code": report.rule_set.code,
            "number": report.rule_set.number,
        }
    lines = _lines(report.org, _("GIẢM BIÊN CHẾ THEO LÝ DO"), period, _category_line(report))
    lines.append(_as_of_line(report.as_of))
    by_year = ReportSheet(
        title=_("Theo năm"),
        lines=lines,
        headers=[(_("Năm"), 10), *((k, 16) for k in kinds), (_("Cộng"), 10)],
        rows=[
            *([r.year, *r.by_kind, r.total] for r in report.year_rows),
            [_("Cộng"), *report.total.by_kind, report.total.total],
        ],
        bold_rows={len(report.years)},
    )
    by_unit = ReportSheet(
        title=_("Theo đơn vị"),
        lines=lines,
        headers=[
            (_("STT"), 6),
            (_("Mã đơn vị"), 16),
            (_("Đơn vị"), 44),
            *((k, 14) for k in kinds),
            (_("Cộng"), 10),
            *((_("Năm %(year)s") % {"year": y}, 11) for y in report.years),
        ],
        rows=[
            *(
                [i, r.unit.code, exit_row_label(r), *r.by_kind, r.total, *r.by_year]
                for i, r in enumerate(report.rows, start=1)
            ),
            [None, None, _("Tổng cộng"), *report.total.by_kind, report.total.total, *report.total.by_year],
        ],
        bold_rows={len(report.rows)},
    )
    return [by_year, by_unit]


def exit_row_label(row: ExitRow) -> str:
    return _("%(name)s (trực tiếp)") % {"name": row.unit.name} if row.own else row.unit.name


def group_sheets(report: GroupReport) -> list[ReportSheet]:
    headers = [
        (_("STT"), 6),
        (_("Mã đơn vị"), 16),
        (_("Đơn vị"), 44),
        (_("Loại biên chế"), 30),
        (_("Biên chế được giao"), 14),
        (_("Có mặt"), 10),
        *((c.label, 16) for c in report.columns),
    ]
    rows, bold = [], set()
    for i, row in enumerate(report.rows, start=1):
        for cell in row.cells:
            assigned = cell.assigned if cell.has_quota else no_quota_label()
            rows.append([i, row.unit.code, _indent(row.unit), cell.label, assigned, cell.actual, *cell.group_counts])
        if len(row.cells) != 1:  # a unit with several categories, or none: its total
            assigned = row.assigned if row.has_quota else no_quota_label()
            bold.add(len(rows))
            rows.append([i, row.unit.code, _indent(row.unit), _("Cộng"), assigned, row.actual, *row.group_counts])
    lines = _lines(
        report.org,
        _("BÁO CÁO BIÊN CHẾ THEO NHÓM VỊ TRÍ VIỆC LÀM"),
        _("Năm biên chế: %(year)s") % {"year": report.year},
        _category_line(report),
        _as_of_line(report.as_of),
        _("Nhóm vị trí: theo vị trí chính đang đảm nhiệm ngày %(date)s (không tính kiêm nhiệm)")
        % {"date": fmt_date(report.as_of)},
    )
    return [ReportSheet(title=_("Theo nhóm vị trí"), lines=lines, headers=headers, rows=rows, bold_rows=bold)]
