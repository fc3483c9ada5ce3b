"""The catalogue as an XLSX workbook (the đề án list: STT, position, group, rank/title, training
level and field required, people needed). Every text cell is formula-escaped: a value starting
with = + - @ tab or CR is written with a leading apostrophe, so a spreadsheet never evaluates it."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from imports.exporting import XLSX_TYPE  # noqa: F401 - the views answer with it
from imports.values import escape_formula
from positions.reports import Catalogue

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def escape(value):
    """A value safe to put in a cell: text that a spreadsheet would read as a formula is
    prefixed with an apostrophe (``imports.values.escape_formula``); numbers and None pass."""
    return escape_formula(value) if isinstance(value, str) else value


def rank_range(position) -> str:
    low, high = position.min_rank, position.max_rank
    if low and high and low.pk != high.pk:
        return f"{low.name} – {high.name}"
    return (low or high).name if (low or high) else ""


def training_requirement(position) -> str:
    """ "Đại học trở lên; Luật, Quản lý nhà nước": the training level a position requires and the
    fields that fit it, "" when neither is set."""
    level = (
        _("%(level)s trở lên") % {"level": position.get_required_training_level_display()}
        if position.required_training_level
        else ""
    )
    return "; ".join(part for part in (level, position.required_training_field) if part)


def group_label(position) -> str:
    label = position.group.name
    return f"{label} ({position.get_subgroup_display()})" if position.subgroup else label


def catalogue_rows(catalogue: Catalogue):
    """(kind, values) rows of the list: 'group' headers, 'row' lines, 'total' lines."""
    for i, block in enumerate(catalogue.blocks):
        if not block.rows:
            continue
        yield "group", [ROMAN[i] if i < len(ROMAN) else str(i + 1), block.group.name, "", "", "", block.headcount]
        for n, p in enumerate(block.rows, start=1):
            yield "row", [n, p.name, group_label(p), rank_range(p), training_requirement(p), p.headcount]
    yield "total", ["", _("Tổng cộng"), "", "", "", catalogue.headcount]


def catalogue_xlsx(catalogue: Catalogue) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Danh mục VTVL")[:31]
    bold = Font(bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([escape(catalogue.organization.name)])
    ws.append([_("DANH MỤC VỊ TRÍ VIỆC LÀM")])
    ws.append([_("Ngày xuất: %(d)s") % {"d": timezone.localdate().strftime("%d/%m/%Y")}])
    ws.append([])
    headers = [
        _("STT"),
        _("Vị trí việc làm"),
        _("Nhóm"),
        _("Ngạch/chức danh"),
        _("Trình độ, chuyên ngành đào tạo"),
        _("Số người cần"),
    ]
    ws.append(headers)
    header_row = ws.max_row
    for kind, values in catalogue_rows(catalogue):
        ws.append([escape(v) for v in values])
        if kind != "row":
            for cell in ws[ws.max_row]:
                cell.font = bold
    for row in ws.iter_rows(min_row=header_row, max_row=ws.max_row, max_col=len(headers)):
        for cell in row:
            cell.border = box
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in ws[header_row]:
        cell.font = bold
    ws["A1"].font = ws["A2"].font = bold
    for i, width in enumerate((6, 45, 26, 36, 40, 12), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def catalogue_filename(org) -> str:
    safe = "".join(ch if ch.isalnum() or ch in ".-" else "_" for ch in org.code)
    return f"danh-muc-vtvl-{safe}.xlsx"
