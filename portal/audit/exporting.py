"""The audit log's XLSX export (national admins): the filtered entries, one row each, newest
first, with the filters above the table (``portal.exporting``: formula-escaped, dates as dates)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.present import Row
from portal.exporting import ReportSheet, workbook

CELL_MAX = 32_000  # Excel holds at most 32,767 characters in a cell


def _cell_text(text: str) -> str:
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def audit_sheet(rows: Iterable[Row], *, lines: Sequence[str]) -> ReportSheet:
    headers = [
        (_("Thời điểm"), 17),
        (_("Người thực hiện"), 30),
        (_("Thao tác"), 12),
        (_("Loại đối tượng"), 24),
        (_("Đối tượng"), 40),
        (_("Thay đổi"), 90),
    ]
    body = (
        [
            timezone.localtime(row.timestamp).replace(tzinfo=None, second=0, microsecond=0),  # to the minute
            row.actor,
            row.action,
            row.type_label,
            row.object_label,
            _cell_text(row.changes_text()),
        ]
        for row in rows
    )
    return ReportSheet(title=_("Nhật ký thay đổi"), lines=lines, headers=headers, rows=body, wrap=True)


def audit_xlsx(rows: Iterable[Row], *, lines: Sequence[str]) -> bytes:
    return workbook([audit_sheet(rows, lines=lines)])


def audit_filename() -> str:
    return f"nhat-ky-thay-doi-{timezone.localdate():%Y%m%d}.xlsx"
