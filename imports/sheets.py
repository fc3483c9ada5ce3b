"""What a sheet declares for the import/export engine, and the bulk-write helpers sheets use.

A sheet is a ``Sheet`` subclass registered with ``imports.registry.register``:

- ``kind``, ``title``, ``model``, ``key`` (natural key column names) and ``columns``
  (``Column(name, header, parser, required=…, help=…, field=…, sample=…, per_year=…)``);
- ``load_context(scope) -> Context``: every map validate/diff/write need, loaded once;
- ``validate(rows, ctx, errors)``: set-wise rules; ``errors.add(row_number, column_name, value,
  message)``; rows carry ``values`` (parsed, ``None`` where a cell failed) and ``failed``;
- ``diff(rows, ctx) -> Diff(new, updated, unchanged)``, setting ``row.pk`` and ``row.changes``
  (``{field: [old, new]}``) for the audit log;
- ``write(new, updated, ctx)``: set-wise SQL in the engine's transaction (``copy_rows`` into a
  temporary table on PostgreSQL, ``bulk_create``/``bulk_update`` elsewhere), setting ``row.pk``
  of new rows;
- ``export_rows(scope)``: ``{column name: value}`` dicts that ``diff`` finds unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from imports.errors import ErrorSink
from imports.messages import gettext as _
from imports.values import Parser, YearOnly, clean_text


@dataclass(frozen=True, eq=False)
class Column:
    """One column of a sheet.

    ``name`` is the English alias and the key of the parsed row values; ``header`` the Vietnamese
    header. Both are accepted in files (trimmed, NFC, case-folded, runs of spaces folded).
    ``per_year`` columns have ``YYYY`` in both (``Xếp loại YYYY`` / ``rating_YYYY``) and match any
    number of year columns; ``for_year`` gives the concrete column. ``field`` names the model field
    the audit log shows (default ``name``); ``help`` overrides the parser's description of what
    is allowed; ``sample`` fills the template's example row."""

    name: str
    header: str
    parser: Parser
    required: bool = False
    help: str = ""
    field: str | None = None
    sample: Any = ""
    per_year: bool = False
    year: int | None = None

    def for_year(self, year: int) -> Column:
        return replace(
            self,
            name=self.name.replace("YYYY", str(year)),
            header=self.header.replace("YYYY", str(year)),
            per_year=False,
            year=year,
        )

    @property
    def base(self) -> str:
        """``rating`` for ``rating_2024`` (the name without its year)."""
        return self.name.rsplit("_", 1)[0] if self.year is not None else self.name

    @property
    def audit_field(self) -> str:
        return self.field or self.name

    def allowed(self) -> str:
        return str(self.help or self.parser.describe())


class Row:
    """A data row: its Excel row number, the parsed ``values`` by column name (``None`` where a
    cell failed), ``failed`` (names of the columns whose cell failed), and, after ``diff``,
    ``pk`` and ``changes`` (``{field: [old, new]}`` for the audit log)."""

    __slots__ = ("number", "values", "failed", "pk", "changes")

    def __init__(self, number: int, values: dict, failed: frozenset = frozenset()):
        self.number = number
        self.values = values
        self.failed = failed
        self.pk = None
        self.changes: dict = {}

    def __repr__(self):
        return f"Row({self.number}, {self.values!r})"


@dataclass
class Context:
    """What ``validate``/``diff``/``write`` share. Sheets subclass it with their preloaded maps.
    The engine fills ``present`` (column names in the file), ``columns`` (the file's columns,
    year columns included) and ``user``."""

    scope: Any = None  # portal.models.Organization | None (whole portal)
    present: frozenset = frozenset()
    columns: tuple = ()
    user: Any = None

    def in_scope(self, path: str | None) -> bool:
        return self.scope is None or bool(path and path.startswith(self.scope.path))

    def scope_label(self) -> str:
        return f"{self.scope.name} ({self.scope.code})" if self.scope is not None else _("toàn cổng")


@dataclass(frozen=True)
class TemplateList:
    """A template's drop-down list of codes for one column. ``strict``: Excel refuses other
    values (organisation and rank codes, which must exist); otherwise it warns and lets the
    user go on (codes the same file may create). ``sample``: the sample row's value (default:
    the first code; ``""`` when the list is empty)."""

    codes: Sequence[str]
    strict: bool = True
    sample: Any = None

    def sample_value(self):
        if self.sample is not None:
            return self.sample
        return self.codes[0] if self.codes else ""


_SHEET_NAME_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def worksheet_title(text: str, limit: int = 31) -> str:
    """``text`` as an Excel worksheet name: the characters ``\\ / * ? : [ ]`` dropped, cut to
    ``limit`` characters at a word boundary (Excel refuses longer names)."""
    text = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", text).split()).strip("'")
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;-")


@dataclass
class Diff:
    new: list[Row] = field(default_factory=list)
    updated: list[Row] = field(default_factory=list)
    unchanged: list[Row] = field(default_factory=list)


class Sheet:
    """Base class of an importable/exportable sheet (see the module docstring)."""

    kind: str = ""
    title: str = ""
    model: Any = None
    columns: tuple[Column, ...] = ()
    key: tuple[str, ...] = ()
    # Reference data of the whole portal (ranks, competencies …): no organisation scope, national
    # admins only; screens listing kinds for an organisation leave these out.
    national_only: bool = False
    # The worksheet's name in templates and exports when ``title`` is longer than Excel's 31
    # characters (``worksheet_name``).
    short_title: str = ""
    # The column that names a row's record in the preview (beside its key); None: the key alone.
    name_column: str | None = "name"
    # Labels of the fields ``diff`` reports that are no column (``{field: label}``), for the preview.
    change_labels: Mapping[str, str] = {}

    # ---- to implement
    def load_context(self, scope) -> Context:
        """Preload, in a constant number of queries, every map validate/diff/write need."""
        return Context(scope=scope)

    def validate(self, rows: list[Row], ctx: Context, errors: ErrorSink) -> None:
        """Set-wise rules (duplicates, foreign keys from maps, scope, domain rules)."""
        self.check_duplicates(rows, errors)

    def diff(self, rows: list[Row], ctx: Context) -> Diff:
        raise NotImplementedError

    def write(self, new: list[Row], updated: list[Row], ctx: Context) -> None:
        """Write in the caller's transaction; set ``row.pk`` of the new rows."""
        raise NotImplementedError

    def export_rows(self, scope) -> Iterable[Mapping[str, Any]]:
        """Rows of the scope as ``{column name: value}`` (the values ``diff`` compares)."""
        raise NotImplementedError

    # ---- optional hooks
    def check_access(self, scope, user) -> None:
        """Raise ``ImportFailure`` when ``user`` (None: the command line) may not import or export
        this sheet in ``scope``; the engine asks before reading a file or writing an export."""

    def export_columns(self, scope) -> list[Column]:
        """The columns of an export (a sheet with year columns adds the years it has)."""
        return [c for c in self.columns if not c.per_year]

    def object_repr(self, row: Row) -> str:
        return " / ".join(str(row.values.get(k) or "") for k in self.key)

    def preview_name(self, row: Row) -> str:
        """The name of a row's record in the preview (its key is shown beside it)."""
        value = row.values.get(self.name_column) if self.name_column else None
        return "" if value is None else str(value)

    def template_lists(self, prefixes: tuple[str, ...] | None) -> dict[str, TemplateList]:
        """Drop-down lists of the template for code columns, ``{column name: TemplateList}``,
        with the codes of the organisation subtrees whose paths start with one of ``prefixes``
        (``None``: the whole portal) — the downloading user's own. The sample row takes the
        first code of each list (``TemplateList.sample`` to choose another)."""
        return {}

    def worksheet_name(self) -> str:
        """The name of the template's and the export's worksheet: at most 31 characters (Excel's
        limit), without the characters Excel refuses; the importer reads the first sheet
        whatever its name."""
        return worksheet_title(str(self.short_title or self.title) or self.kind)

    # ---- helpers
    @cached_property
    def header_index(self) -> dict[str, Column]:
        index = {}
        for column in self.columns:
            if not column.per_year:
                index[header_key(column.header)] = column
                index[header_key(column.name)] = column
        return index

    @cached_property
    def header_patterns(self) -> list[tuple[re.Pattern, Column]]:
        patterns = []
        for column in self.columns:
            if column.per_year:
                for text in (column.header, column.name):
                    regex = re.escape(header_key(text)).replace("yyyy", r"(\d{4})")
                    patterns.append((re.compile(f"^{regex}$"), column))
        return patterns

    def column_for(self, label: str) -> Column | None:
        key = header_key(label)
        column = self.header_index.get(key)
        if column is None:
            for regex, pattern_column in self.header_patterns:
                match = regex.match(key)
                if match:
                    return pattern_column.for_year(int(match[1]))
        return column

    def check_duplicates(self, rows: list[Row], errors: ErrorSink, key: Sequence[str] | None = None) -> set[int]:
        """An error on every row whose key repeats an earlier row's, naming both rows.
        Returns the numbers of the repeated rows."""
        key = tuple(key or self.key)
        seen: dict[tuple, int] = {}
        repeated = set()
        for row in rows:
            value = tuple(row.values.get(k) for k in key)
            if any(v in (None, "") for v in value):
                continue
            first = seen.setdefault(value, row.number)
            if first != row.number:
                repeated.add(row.number)
                shown = " / ".join(str(v) for v in value)
                errors.add(
                    row.number,
                    key[-1],
                    shown,
                    _(
                        "“%(value)s” xuất hiện hai lần: ở dòng %(first)d và dòng %(row)d"
                        " (mỗi %(what)s chỉ được một dòng)."
                    )
                    % {"value": shown, "first": first, "row": row.number, "what": self.key_label(key)},
                )
        return repeated

    def key_label(self, key: Sequence[str]) -> str:
        by_name = {c.name: c.header for c in self.columns}
        return ", ".join(by_name.get(k, k) for k in key)

    @staticmethod
    def changes_against(row: Row, current: Mapping[str, Any], columns: Iterable[Column]) -> dict:
        """``{audit field: [old, new]}`` for the columns whose value differs from ``current``."""
        changes = {}
        values = row.values
        for column in columns:
            new = values.get(column.name)
            old = current.get(column.name)
            if new != old:
                changes[column.audit_field] = [jsonable(old), jsonable(new)]
        return changes


def header_key(text: str) -> str:
    return clean_text(text).casefold()


def jsonable(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, YearOnly):
        return str(value.year)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (tuple, list, set, frozenset)):
        return [jsonable(v) for v in value]
    return str(value)
