"""What a reader sees of an audit log entry (pure: no queries, no request; model metadata only).

The rules, written once for the log page, its export and the object histories:

- a field is shown with its model's Vietnamese label (``verbose_name``); a key that is not a
  field of the model but a column of an import sheet (``rating_2024``, ``position``) with the
  column's header; anything else is not shown;
- technical fields are hidden: the primary key, fields people do not edit (``path``, ``depth``,
  ``search_key``, ``lock_version``, ``created_at``, ``updated_at`` …) and fields without a label of
  their own (the workflow's bookkeeping, ``submitted_by``, ``decided_at`` …: the entry's own actor
  and time say it). An update whose only changes are technical shows nothing
  (``Row.is_empty``; the log's query leaves those out);
- values as people write them: choice labels, foreign keys by name (ids the reader may not read
  or that are gone as ``OUT_OF_REACH``; codes written by an import as they are), Có/Không, dates
  dd/mm/yyyy, date-times in local time to the minute, decimals with a decimal comma, "—" for
  empty;
- long text (rich text, a description's tasks and competency levels) as a word diff;
- a creation lists the values set, a deletion the values removed, an update before → after;
- an import's summary entry is one line (``ImportSummary``), an entry written by an import
  names its file (``ImportRef``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.text import changed_lines, plain_text

CREATE, UPDATE, DELETE, ACCESS = 0, 1, 2, 3  # auditlog's LogEntry.Action values
EMPTY = "—"
VALUE_MAX = 300  # characters of a long text shown for a creation or a deletion
_EMPTY_VALUES = (None, "", "None")
# auditlog lists reverse relations on a creation as "<app>.<Model>.None": nothing to show.
_RELATION_NOISE = re.compile(r"^\w+\.\w+\.None$")


def out_of_reach() -> str:
    """What a reference to an object the reader may not read (or that is gone) shows."""
    return _("(đã xoá hoặc ngoài phạm vi của bạn)")


def action_label(action: int) -> str:
    """What was done, as the log says it (a context of its own: "Sửa" is also the Edit button)."""
    return {
        CREATE: pgettext("audit action", "Tạo mới"),
        UPDATE: pgettext("audit action", "Sửa"),
        DELETE: pgettext("audit action", "Xoá"),
        ACCESS: pgettext("audit action", "Xem"),
    }.get(action, str(action))


# --------------------------------------------------------------------------- what is shown


@dataclass(frozen=True)
class Change:
    """One field of an entry. ``kind``: "update" (``before`` → ``after``), "value" (the one value
    a creation set or a deletion removed, in ``after``), "diff" (long text: ``before_html`` and
    ``after_html`` are the word diff, HTML-escaped with <del>/<ins>), "changed" (no value to show,
    e.g. a JSON document)."""

    label: str
    before: str = ""
    after: str = ""
    kind: str = "update"
    before_html: str = ""
    after_html: str = ""

    def text(self) -> str:
        """One line of plain text (the export)."""
        if self.kind == "value":
            return f"{self.label}: {self.after}"
        if self.kind == "changed":
            return f"{self.label}: {_('đã thay đổi')}"
        return f"{self.label}: {self.before} → {self.after}"


@dataclass(frozen=True)
class ImportRef:
    """The import that wrote an entry: its file and, if the reader may open it, its job page."""

    job_id: str
    file_name: str
    url: str | None = None


@dataclass(frozen=True)
class ImportSummary:
    """An import's summary entry: which sheet, which file, how many rows of each kind."""

    job_id: str
    kind: str
    file_name: str
    created: int
    updated: int
    unchanged: int
    url: str | None = None

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def text(self) -> str:
        return _("%(kind)s từ tệp %(file)s: %(created)s thêm mới, %(updated)s cập nhật, %(unchanged)s không đổi") % {
            "kind": self.kind,
            "file": self.file_name,
            "created": formats.number_format(self.created, force_grouping=True),
            "updated": formats.number_format(self.updated, force_grouping=True),
            "unchanged": formats.number_format(self.unchanged, force_grouping=True),
        }


@dataclass
class Row:
    """One entry as a reader sees it."""

    pk: int
    timestamp: dt.datetime
    actor: str
    actor_username: str
    action_code: int
    action: str
    type_label: str
    object_label: str
    object_url: str | None = None
    changes: list[Change] = field(default_factory=list)
    source: ImportRef | None = None
    summary: ImportSummary | None = None
    deleted: bool = False
    subject: str = ""  # set by a history that mixes objects (a person's record and assignments)

    @property
    def is_empty(self) -> bool:
        """An update with nothing a reader needs (only technical fields changed)."""
        return not self.changes and self.summary is None and self.action_code == UPDATE

    def changes_text(self) -> str:
        lines = [c.text() for c in self.changes]
        if self.summary is not None:
            lines.insert(0, self.summary.text())
        if self.source is not None:
            lines.append(_("Nhập từ tệp %(file)s") % {"file": self.source.file_name})
        return "\n".join(lines)


@dataclass(frozen=True)
class ExtraField:
    """A key of an entry that is not a model field but an import sheet's column."""

    label: str
    choices: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Lookups:
    """What the queries found for a batch of entries (``portal.audit.reports``): names of the
    objects their foreign keys point to, ``{(model, pk): name}`` — only those the reader may read;
    page URLs of the entries' objects and of the import jobs, ``{(model, pk): url}``; import sheet
    titles by kind; the sheet columns of a model (``extra_field``); and an optional ``mask`` for
    values some readers may not see (a personal ID number)."""

    names: Mapping[tuple[type, str], str] = field(default_factory=dict)
    urls: Mapping[tuple[type, str], str] = field(default_factory=dict)
    job_urls: Mapping[str, str] = field(default_factory=dict)
    sheet_titles: Mapping[str, str] = field(default_factory=dict)
    extra_field: Callable[[type, str], ExtraField | None] = lambda model, key: None
    mask: Callable[[type, str, str], str] | None = None


# --------------------------------------------------------------------------- fields


def model_field(model: type[models.Model] | None, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist, or a field renamed since the entry was written
        return None


def is_rows_relation(f) -> bool:
    """A reverse one-to-many relation whose rows an app records on their owner's entry (a
    description's ``tasks`` and ``competencies``, see ``portal.audit.recording``)."""
    return bool(f is not None and f.auto_created and f.one_to_many)


def is_technical(f) -> bool:
    """The primary key, a field people do not edit, or a field without a label of its own."""
    if f.primary_key or not f.editable:
        return True
    label = f.verbose_name
    return not isinstance(label, Promise) and label == f.name.replace("_", " ")


def shown_keys(model: type[models.Model]) -> list[str]:
    """The keys of an update entry of ``model`` that a reader sees (for the query that leaves
    out updates of technical fields only): its labelled fields and its recorded relations."""
    keys = []
    for f in model._meta.get_fields():
        if is_rows_relation(f) or getattr(f, "concrete", False) and not f.many_to_many and not is_technical(f):
            keys.append(f.name)
    return keys


def label_of(f) -> str:
    if is_rows_relation(f):
        return capfirst(str(f.related_model._meta.verbose_name_plural))
    return capfirst(str(f.verbose_name))


def is_long_text(f) -> bool:
    return isinstance(f, models.TextField)


def wanted_names(model: type[models.Model] | None, changes: Mapping | None) -> dict[type, set[str]]:
    """``{related model: {pk, …}}``: the foreign keys of ``changes`` (nested rows included) whose
    names the reader needs. Only ids (integers): an import writes codes, shown as they are."""
    wanted: dict[type, set[str]] = {}

    def add(f, values):
        for v in values:
            if isinstance(v, int) and not isinstance(v, bool):
                wanted.setdefault(f.related_model, set()).add(str(v))

    for name, change in (changes or {}).items():
        f = model_field(model, name)
        pair = _pair(change)
        if f is None:
            continue
        if is_rows_relation(f):
            for rows in pair:
                for item in rows if isinstance(rows, list) else ():
                    for key, value in item.items() if isinstance(item, dict) else ():
                        sub = model_field(f.related_model, key)
                        if sub is not None and sub.many_to_one:
                            add(sub, [value])
        elif getattr(f, "concrete", False) and (f.many_to_one or f.one_to_one) and not is_technical(f):
            add(f, pair)
    return wanted


def ordered(model, changes: Mapping) -> list[str]:
    """The keys of ``changes`` in the model's field order (PostgreSQL's jsonb keeps its own),
    then its recorded relations (a description's tasks), then the others by name."""
    fields = [*model._meta.concrete_fields, *model._meta.related_objects] if model is not None else []
    position = {f.name: i for i, f in enumerate(fields)}
    return sorted(changes, key=lambda name: (position.get(name, len(position)), name))


def _pair(change) -> list:
    if isinstance(change, list | tuple):
        return (list(change) + [None, None])[:2]
    return [None, change]


# --------------------------------------------------------------------------- values


def show(f, value, lookups: Lookups) -> str:
    """A value of model field ``f`` as people write it (plain text)."""
    if value in _EMPTY_VALUES or value == []:
        return EMPTY
    if isinstance(value, list):
        return ", ".join(show(f, v, lookups) for v in value)
    if f.choices:
        return str({str(k): v for k, v in f.flatchoices}.get(str(value), value))
    if f.many_to_one or f.one_to_one:
        if isinstance(value, int) and not isinstance(value, bool):
            return lookups.names.get((f.related_model, str(value))) or out_of_reach()
        return str(value)  # a code, as an import wrote it
    internal = f.get_internal_type()
    if internal == "BooleanField":
        return yes_no(value)
    if internal == "DateField":
        return _date(value)
    if internal == "DateTimeField":
        return local_time(value)
    if internal in ("DecimalField", "FloatField"):
        return _number(value)
    if is_long_text(f):
        return plain_text(str(value))
    return str(value)


def yes_no(value) -> str:
    return _("Có") if str(value).lower() in ("true", "1") else _("Không")


def _date(value) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(str(value)[:10]), "SHORT_DATE_FORMAT")
    except ValueError:
        return str(value)  # a year only ("1980"), as an import wrote it


def local_time(value) -> str:
    """A date-time (auditlog stores UTC without an offset) in local time, to the minute."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _number(value) -> str:
    try:
        return formats.number_format(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def _cut(text: str) -> str:
    return text if len(text) <= VALUE_MAX else text[: VALUE_MAX - 1].rstrip() + "…"


def rows_text(related_model: type[models.Model], rows, lookups: Lookups) -> str:
    """Recorded rows (a description's tasks or competency levels), one line each: the first
    field's value, then "label: value" of the others that are not empty."""
    if not isinstance(rows, list):
        return ""
    lines = []
    for item in rows:
        parts = []
        for key, value in item.items() if isinstance(item, dict) else ():
            f = model_field(related_model, key)
            if f is None or is_technical(f):
                continue
            shown = " ".join(show(f, value, lookups).split())
            if shown == EMPTY:
                continue
            parts.append(shown if not parts else f"{label_of(f)}: {shown}")
        lines.append("• " + " — ".join(parts))
    return "\n".join(lines)


def _text_change(label: str, before: str, after: str, action: int) -> Change | None:
    if action == CREATE:
        return Change(label, after=_cut(after), kind="value") if after else None
    if action == DELETE:
        return Change(label, after=_cut(before), kind="value") if before else None
    left, right, changed = changed_lines(before, after)
    if not changed:
        return None
    return Change(label, before=before, after=after, kind="diff", before_html=left, after_html=right)


def change_of(model, name: str, change, action: int, lookups: Lookups) -> Change | None:
    """One key of an entry's changes as a reader sees it, or None if it is not for readers."""
    before, after = _pair(change)
    f = model_field(model, name)
    if f is None:
        extra = lookups.extra_field(model, name) if model is not None else None
        if extra is None:
            return None
        shown = [_extra(v, extra) for v in (before, after)]
        return _simple(extra.label, *shown, action)
    if is_rows_relation(f):
        if any(isinstance(v, str) and _RELATION_NOISE.match(v) for v in (before, after)):
            return None
        texts = [rows_text(f.related_model, v, lookups) if v else "" for v in (before, after)]
        return _text_change(label_of(f), *texts, action)
    if not getattr(f, "concrete", False) or f.many_to_many or is_technical(f):
        return None
    label = label_of(f)
    if isinstance(f, models.JSONField):
        return Change(label, kind="changed") if action == UPDATE else None
    if is_long_text(f):
        texts = ["" if v in _EMPTY_VALUES else plain_text(str(v)) for v in (before, after)]
        return _text_change(label, *texts, action)
    shown = [show(f, v, lookups) for v in (before, after)]
    if lookups.mask is not None:
        shown = [v if v == EMPTY else lookups.mask(model, name, v) for v in shown]
    return _simple(label, *shown, action)


def _extra(value, extra: ExtraField) -> str:
    if value in _EMPTY_VALUES or value == []:
        return EMPTY
    if isinstance(value, list):
        return ", ".join(_extra(v, extra) for v in value)
    if isinstance(value, bool):
        return yes_no(value)
    return str(extra.choices.get(str(value), value))


def _simple(label: str, before: str, after: str, action: int) -> Change | None:
    if action == CREATE:
        return Change(label, after=_cut(after), kind="value") if after != EMPTY else None
    if action == DELETE:
        return Change(label, after=_cut(before), kind="value") if before != EMPTY else None
    if before == after:
        return None
    return Change(label, before=before, after=after)


# --------------------------------------------------------------------------- entries


def actor_name(user) -> str:
    if user is None:
        return _("hệ thống")
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def summary_of(data: Mapping, job_id: str, lookups: Lookups) -> ImportSummary | None:
    """An import's summary entry (``imports.audit``: ``{"import": kind, "file_name", "counts"}``)."""
    if not isinstance(data, Mapping) or "counts" not in data:
        return None
    counts = data.get("counts") or {}
    kind = str(data.get("import") or "")

    def count(key):
        try:
            return int(counts.get(key) or 0)
        except (TypeError, ValueError):
            return 0

    return ImportSummary(
        job_id=job_id,
        kind=lookups.sheet_titles.get(kind) or _("Nhập dữ liệu"),
        file_name=str(data.get("file_name") or ""),
        created=count("created"),
        updated=count("updated"),
        unchanged=count("unchanged"),
        url=lookups.job_urls.get(job_id),
    )


def source_of(data) -> tuple[str, str] | None:
    """``(job id, file name)`` of an entry an import wrote (``imports.audit``), or None."""
    if isinstance(data, Mapping) and data.get("import_job"):
        return str(data["import_job"]), str(data.get("file_name") or "")
    return None


def present(entry, *, model: type[models.Model] | None, is_summary: bool, lookups: Lookups) -> Row:
    """A ``LogEntry`` (its actor loaded) as a ``Row``; ``model`` is its content type's model,
    ``is_summary`` whether it is an import's summary entry."""
    action = entry.action
    pk = str(entry.object_pk)
    row = Row(
        pk=entry.pk,
        timestamp=entry.timestamp,
        actor=actor_name(entry.actor),
        actor_username=entry.actor.get_username() if entry.actor else "",
        action_code=action,
        action=action_label(action),
        type_label=capfirst(str(model._meta.verbose_name)) if model is not None else "",
        object_label=entry.object_repr,
        object_url=None if action == DELETE else lookups.urls.get((model, pk)),
        deleted=action == DELETE,
    )
    if is_summary:
        row.summary = summary_of(entry.additional_data, pk, lookups)
        if row.summary is not None:
            row.action = pgettext("audit action", "Nhập dữ liệu")
            row.object_label = row.summary.file_name
            row.object_url = row.summary.url
            return row
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    for name in ordered(model, changes):
        shown = change_of(model, name, changes[name], action, lookups)
        if shown is not None:
            row.changes.append(shown)
    source = source_of(entry.additional_data)
    if source is not None:
        row.source = ImportRef(job_id=source[0], file_name=source[1], url=lookups.job_urls.get(source[0]))
    return row
