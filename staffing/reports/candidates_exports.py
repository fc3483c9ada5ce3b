"""The XLSX workbook of a streamlining candidate list (staffing.reports.candidates): the official
list (STT, full name, date of birth, sex, post and unit, training level, rank, step, coefficient,
allowances, insurance years, retirement date, months early, cases, reason, policy, each benefit
item, total) with the rule set, regime, base salary and as-of date above it, then the totals, the
excluded people and the "cần bổ sung dữ liệu" section.

Built from the frozen snapshot JSON (``CandidateSnapshot.data`` and ``.totals``, or a live list's
``snapshot_data()``/``snapshot_totals()``), so a saved list exports exactly as it was saved. This
module imports the report module, never the reverse."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from staffing.exporting import ReportSheet, workbook


def candidate_sheets(data: Mapping, totals: Mapping, *, heading: Sequence[str] = ()) -> list[ReportSheet]:
    """The sheets of a list: *Danh sách* (on the list; deferred marked), *Tổng hợp* (per case,
    per unit, total), *Không đưa vào danh sách* (excluded), *Cần bổ sung dữ liệu*. ``heading``:
    extra lines under the title (a saved list's number, date and author)."""
    raise NotImplementedError


def candidates_xlsx(data: Mapping, totals: Mapping, *, heading: Sequence[str] = ()) -> bytes:
    return workbook(candidate_sheets(data, totals, heading=heading))
