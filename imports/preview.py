"""The preview of an import: which rows it adds (their key and name) and which fields of which
records it changes (old → new), stored on the ``ImportJob`` so the job page pages through it
without validating the file again.

``build_preview`` (when a job is previewed, and again once it is written, when the new records
have their ids) keeps the first ``PREVIEW_ROWS`` added and ``PREVIEW_ROWS`` changed rows of the
diff; the job's counts say how many there are in all, so the page says how many more were not
kept. The stored form is JSON::

    {"new": [{"row": 2, "key": ["CB0001"], "name": "Nguyễn Văn An", "pk": null}, …],
     "updated": [{"row": 3, "key": [...], "name": "...", "pk": 17,
                  "changes": {"full_name": ["Nguyễn Văn Ân", "Nguyễn Văn An"], …}}, …]}

``changes`` is the diff's ``row.changes`` (``{audit field: [old, new]}``, the audit log's form).
``preview_rows`` turns a page of entries into what the page shows: each field under its column's
header (a year column such as ``rating_2024`` as ``Xếp loại 2024``; fields that are no column
through the sheet's ``change_labels``) and each value as a file would hold it (dates dd/mm/yyyy,
Có/Không, a code with its label). Pure functions: no database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from imports.sheets import Column, Diff, Row, Sheet, jsonable
from imports.values import Choice, Date, YesNo

PREVIEW_ROWS = 1000  # added rows and changed rows kept on a job, each
PREVIEW_PAGE = 50  # rows per page of the job page

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _entry(sheet: Sheet, row: Row, *, changes: bool) -> dict:
    entry = {
        "row": row.number,
        "key": [jsonable(row.values.get(name)) for name in sheet.key],
        "name": sheet.preview_name(row),
        "pk": row.pk if isinstance(row.pk, int) else None,
    }
    if changes:
        entry["changes"] = {str(name): jsonable(list(pair)) for name, pair in row.changes.items()}
    return entry


def build_preview(*, sheet: Sheet, diff: Diff, limit: int | None = None) -> dict:
    """The first ``limit`` (default ``PREVIEW_ROWS``) added and as many changed rows of ``diff``
    as the job stores them."""
    limit = PREVIEW_ROWS if limit is None else limit
    return {
        "new": [_entry(sheet, row, changes=False) for row in diff.new[:limit]],
        "updated": [_entry(sheet, row, changes=True) for row in diff.updated[:limit]],
    }


# --------------------------------------------------------------------------- display


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PreviewRow:
    number: int
    key: str
    name: str
    url: str | None = None
    changes: list[Change] = field(default_factory=list)


def column_of(*, sheet: Sheet, name: str) -> Column | None:
    """The column whose audit field (or name) is ``name``; a year column for ``rating_2024``."""
    for column in sheet.columns:
        if not column.per_year and column.audit_field == name:
            return column
    return sheet.column_for(name)


def field_label(*, sheet: Sheet, name: str) -> str:
    column = column_of(sheet=sheet, name=name)
    if column is not None:
        return column.header
    label = sheet.change_labels.get(name)
    return str(label) if label else name


def display_value(*, column: Column | None, value) -> str:
    """A stored value as a file would hold it: ``""`` for nothing, lists joined with ``; ``,
    ISO dates as dd/mm/yyyy, yes/no as Có/Không, an enumeration's code with its label."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return "; ".join(display_value(column=column, value=v) for v in value)
    parser = column.parser if column is not None else None
    if isinstance(value, bool) or isinstance(parser, YesNo):
        return _("Có") if value else _("Không")
    if isinstance(parser, Date) and isinstance(value, str) and _ISO_DATE.match(value):
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    if isinstance(parser, Choice) and isinstance(value, str):
        shown = str(parser.to_cell(value))
        labels = {code: label for (code, _text), label in zip(parser.pairs, parser.lazy_labels, strict=True)}
        label = labels.get(value)
        return f"{shown} ({label})" if label is not None and str(label) != shown else shown
    return str(value)


def _changes(sheet: Sheet, changes: Mapping[str, list]) -> list[Change]:
    shown = []
    for name, pair in changes.items():
        old, new = (list(pair) + [None, None])[:2]
        column = column_of(sheet=sheet, name=name)
        shown.append(
            Change(
                field_label(sheet=sheet, name=name),
                display_value(column=column, value=old),
                display_value(column=column, value=new),
            )
        )
    return shown


def preview_rows(*, sheet: Sheet, entries: Iterable[dict], links: Mapping[int, str]) -> list[PreviewRow]:
    """A page of stored entries as the job page shows them; ``links``: the URL of each record the
    reader may open, by id."""
    rows = []
    for entry in entries:
        key = " / ".join(str(v) for v in entry.get("key") or () if v not in (None, ""))
        pk = entry.get("pk")
        rows.append(
            PreviewRow(
                number=entry.get("row") or 0,
                key=key,
                name=str(entry.get("name") or ""),
                url=links.get(pk) if pk is not None else None,
                changes=_changes(sheet, entry.get("changes") or {}),
            )
        )
    return rows
