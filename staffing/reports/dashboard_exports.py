"""The XLSX sheets of the reduction report (staffing.reports.dashboard): pure builders over
its report dataclasses. This module imports the report module, never the reverse."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from staffing.exporting import ReportSheet
from staffing.models import QuotaCategory
from staffing.reports.dashboard import ReductionReport


def title_lines(report: ReductionReport) -> list[str]:
    """The lines above every sheet: organisation, report, rule set (basis, binding), as-of date."""
    info = report.rule_set
    binding = pgettext("rule set", "bắt buộc") if info.binding else _("hướng dẫn, chưa bắt buộc")
    lines = [
        f"{report.organization.name} ({report.organization.code})" if not report.national else _("Toàn quốc"),
        _("Báo cáo tinh giản biên chế"),
        _(
            "Bộ quy tắc: %(code)s — %(number)s, %(issuer)s, %(date)s (%(binding)s); giai đoạn %(period)s,"
            " năm gốc %(base)s"
        )
        % {
            "code": info.code,
            "number": info.number,
            "issuer": info.issuer,
            "date": info.issued_on.strftime("%d/%m/%Y"),
            "binding": binding,
            "period": info.period,
            "base": info.rules.base_year,
        },
        _("Số liệu đến ngày: %(date)s") % {"date": report.as_of.strftime("%d/%m/%Y")},
    ]
    if not info.verified:
        lines.append(_("Lưu ý: nội dung bộ quy tắc chưa được đối chiếu với văn bản gốc (cần kiểm tra)."))
    return lines


def reduction_sheets(report: ReductionReport) -> list[ReportSheet]:
    """The workbook: one sheet per view of the page (summary, roadmap, organisations)."""
    lines = title_lines(report)
    base = report.rule_set.rules.base_year
    year = report.as_of.year
    summary_headers = [
        (_("Loại biên chế"), 34),
        (_("Biên chế được giao năm %(year)s (năm gốc)") % {"year": base}, 16),
        (_("Tỷ lệ tinh giản (%)"), 12),
        (_("Mục tiêu (người)"), 12),
        (_("Biên chế được giao hiện nay"), 16),
        (_("Đã giảm"), 10),
        (_("Còn phải giảm"), 12),
        (_("Kế hoạch đến năm %(year)s") % {"year": year}, 14),
        (_("Dự kiến nghỉ hưu đến hết giai đoạn"), 16),
        (_("Tình trạng"), 50),
    ]
    summary_rows = []
    for cell in report.summaries():
        summary_rows.append(
            [
                cell.label,
                cell.base_assigned,
                cell.percent,
                cell.target,
                cell.current_assigned,
                cell.achieved,
                cell.remaining,
                cell.expected,
                cell.retirements,
                cell.reason or (_("Đã đạt mục tiêu") if cell.done else _("Đúng lộ trình")),
            ]
        )
    if not summary_rows:
        summary_rows.append([_("Chưa giao biên chế năm %(year)s") % {"year": base}])

    roadmap_headers = [(_("Loại biên chế"), 34), (_("Năm"), 8), (_("Kế hoạch giảm trong năm"), 14)]
    roadmap_headers += [(_("Kế hoạch lũy kế"), 14), (_("Biên chế được giao"), 14), (_("Đã giảm lũy kế"), 14)]
    roadmap_rows = []
    for cell in report.summaries():
        for line in report.roadmap_table(cell.category):
            roadmap_rows.append([cell.label, line.year, line.plan, line.plan_cumulative, line.assigned, line.achieved])

    tree_headers = [
        (_("Mã đơn vị"), 18),
        (_("Tên đơn vị"), 48),
        (_("Cấp"), 6),
        (_("Loại biên chế"), 30),
        (_("Biên chế riêng"), 10),
        (_("Năm gốc %(year)s") % {"year": base}, 12),
        (_("Tỷ lệ (%)"), 9),
        (pgettext("reduction", "Mục tiêu"), 10),
    ]
    tree_headers += [(str(y), 7) for y in report.years]
    tree_headers += [
        (_("Hiện giao"), 10),
        (_("Đã giảm"), 9),
        (_("Còn lại"), 9),
        (_("Kế hoạch đến năm %(year)s") % {"year": year}, 12),
        (_("Tình trạng"), 50),
    ]
    tree_rows = []
    for line in report.all_lines():
        name = "    " * line.level + line.node.name
        for category, cell, by in line.cells:
            label = str(QuotaCategory(category).label)
            if cell is None:
                status = _("chưa giao biên chế")
                if by is not None:
                    status += " " + _("(thuộc biên chế của %(name)s)") % {"name": by.name}
                blank = [None] * (len(tree_headers) - 5)
                tree_rows.append([line.node.code, name, line.level, label, *blank, status])
                continue
            tree_rows.append(
                [
                    line.node.code,
                    name,
                    line.level,
                    label,
                    _("Có") if cell.own else _("Không"),
                    cell.base_assigned,
                    cell.percent,
                    cell.target,
                    *[cell.roadmap.get(y, 0) for y in report.years],
                    cell.current_assigned,
                    cell.achieved,
                    cell.remaining,
                    cell.expected,
                    cell.reason or (_("Đã đạt mục tiêu") if cell.done else _("Đúng lộ trình")),
                ]
            )
    return [
        ReportSheet(_("Tổng hợp"), lines, summary_headers, summary_rows),
        ReportSheet(_("Lộ trình"), lines, roadmap_headers, roadmap_rows),
        ReportSheet(_("Theo đơn vị"), lines, tree_headers, tree_rows),
    ]
