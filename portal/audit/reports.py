"""Every read query of the audit log (``/audit/``, its export, the object histories).

Who reads what: a national admin every entry; an organisation admin the entries of the objects
that lie in the subtrees they administer today (an organisation, a membership, a position, a
description, a person and their records, a quota, an import into the subtree …), nothing of the
national reference data, and nothing of an object that has been deleted since (its organisation
is gone with it). An entry's objects are placed through their model's ``ScopedQuerySet``
(``org_field``): ``content type = X and object id in (the ids of X under the paths)``, one
subquery per model, in the one query of the page.

A page costs a constant number of queries, whatever the number of entries: the count, the
entries (with their actors), then one query per model whose names the entries' foreign keys
need, one per model whose pages the entries link to, and one for the import jobs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, reduce
from itertools import islice
from math import ceil
from operator import or_

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import CharField, F, Q, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Replace
from django.db.models.lookups import In
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst

from portal import registry
from portal.audit import present as p
from portal.models import ADMIN_ROLES, Organization, ScopedQuerySet, scope_for
from portal.text import fold

PAGE_SIZE = 50
COUNT_LIMIT = 10_000  # entries counted at most (a count of millions is slow); a multiple of PAGE_SIZE
HISTORY_LIMIT = 20
EXPORT_LIMIT = 10_000  # rows of one export (the newest first; about 5 s); filter by date for more
EXPORT_CHUNK = 1_000
IMPORT_KEY = "import_job"  # what each entry of an import carries (portal.registry.audit_summary)
_YEAR_SUFFIX = re.compile(r"_(\d{4})$")


# --------------------------------------------------------------------------- the types of objects


@dataclass(frozen=True)
class AuditType:
    """A model whose changes the log holds. ``org_field``: the lookup from it to its
    organisation (``None``: national data, read by national admins only)."""

    model: type[models.Model]
    org_field: str | None
    summary: bool = False

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def label(self) -> str:
        return capfirst(str(self.model._meta.verbose_name))

    def q(self) -> Q:
        """The entries of this model (by content type name: no content type ids needed)."""
        opts = self.model._meta
        return Q(content_type__app_label=opts.app_label, content_type__model=opts.model_name)


def _org_field(model) -> str | None:
    qs = model._default_manager.all()
    return qs.org_field if isinstance(qs, ScopedQuerySet) else None


def audit_types() -> list[AuditType]:
    """The audited models (django-auditlog's registry) and the import jobs' summaries."""
    found = [AuditType(m, _org_field(m)) for m in auditlog.get_models()]
    if registry.audit_summary is not None:
        found.append(AuditType(registry.audit_summary, _org_field(registry.audit_summary), summary=True))
    return found


def may_read(user) -> bool:
    """National and organisation admins."""
    return scope_for(user).has_any(ADMIN_ROLES)


def may_export(user) -> bool:
    return scope_for(user).national


def readable_types(user) -> list[AuditType]:
    """The types whose entries ``user`` may read, by label (the type filter's choices)."""
    national = scope_for(user).national
    types = [t for t in audit_types() if national or t.org_field is not None]
    return sorted(types, key=lambda t: fold(t.label))


def organization_in_scope(user, code: str) -> Organization | None:
    """The organisation ``code`` if ``user`` administers it (the organisation filter)."""
    return Organization.objects.for_user(user, ADMIN_ROLES).filter(code=code).first()


# --------------------------------------------------------------------------- the entries


@dataclass(frozen=True)
class Filters:
    actor: str = ""  # a user name, or words of a full name
    type_key: str = ""  # AuditType.key
    organization: Organization | None = None  # its subtree
    date_from: dt.date | None = None  # local dates, both included
    date_to: dt.date | None = None
    import_job: str = ""  # the entries of one import
    expand_imports: bool = False  # every entry of every import, not only their summaries


def _paths_q(org_field: str, prefixes: Sequence[str]) -> Q:
    lookup = f"{org_field}__path__startswith" if org_field else "path__startswith"
    return reduce(or_, (Q(**{lookup: prefix}) for prefix in prefixes))


def _objects_under(t: AuditType, prefixes: Sequence[str]) -> Q:
    ids = t.model._default_manager.filter(_paths_q(t.org_field, prefixes))
    if isinstance(t.model._meta.pk, models.UUIDField):
        # object_pk holds str(uuid); SQLite keeps a UUID as 32 hex digits, PostgreSQL as uuid:
        # both sides without hyphens.
        keys = ids.annotate(_key=Replace(Cast("pk", CharField()), Value("-"), Value(""))).values("_key")
        return t.q() & Q(In(Replace(F("object_pk"), Value("-"), Value("")), keys))
    placed = Q(object_id__in=ids.values("pk"))
    if t.model in registry.audit_owners:
        # …or by the owner the entry names (the object may be gone): both sides as text.
        key, owner = registry.audit_owners[t.model]
        owners = owner._default_manager.filter(_paths_q(_org_field(owner) or "", prefixes))
        owner_keys = owners.annotate(_key=Cast("pk", CharField())).values("_key")
        placed |= Q(In(Cast(KT(f"additional_data__{key}"), CharField()), owner_keys))
    return t.q() & placed


def _under(types: Sequence[AuditType], prefixes: Sequence[str]) -> Q:
    """Entries of the objects that lie under one of ``prefixes`` today."""
    parts = [_objects_under(t, prefixes) for t in types if t.org_field is not None] if prefixes else []
    return reduce(or_, parts) if parts else Q(pk__in=[])


def _readable_q(types: Sequence[AuditType]) -> Q:
    """Leaves out updates that changed only technical fields (``lock_version`` 4 → 5): an
    update is kept if it holds one of its model's shown keys. An import's entries always are."""
    parts = [~Q(action=LogEntry.Action.UPDATE), Q(additional_data__has_key=IMPORT_KEY)]
    for t in types:
        keys = p.shown_keys(t.model)
        if keys:
            parts.append(t.q() & Q(changes__has_any_keys=keys))
    return reduce(or_, parts)


def _actor_q(text: str) -> Q:
    words = text.split()
    per_word = [
        Q(actor__username__iexact=w) | Q(actor__first_name__icontains=w) | Q(actor__last_name__icontains=w)
        for w in words
    ]
    return Q(actor__username__iexact=text.strip()) | reduce(lambda a, b: a & b, per_word)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _base(user, types: Sequence[AuditType]):
    qs = LogEntry.objects.select_related("actor", "content_type")
    scope = scope_for(user)
    if not scope.national:
        qs = qs.filter(_under(types, scope.prefixes(ADMIN_ROLES)))
    return qs


def entries(user, filters: Filters = Filters()):
    """The entries ``user`` may read that match ``filters``, newest first (a queryset)."""
    types = readable_types(user)
    qs = _base(user, types)
    if filters.organization is not None:
        qs = qs.filter(_under(types, [filters.organization.path]))
    if filters.type_key:
        chosen = [t for t in types if t.key == filters.type_key]
        qs = qs.filter(chosen[0].q()) if chosen else qs.none()
    if filters.actor.strip():
        qs = qs.filter(_actor_q(filters.actor))
    if filters.date_from:
        qs = qs.filter(timestamp__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        qs = qs.filter(timestamp__lt=_local_midnight(filters.date_to + dt.timedelta(days=1)))
    if filters.import_job:
        summary = import_summary_entry(user, filters.import_job)
        if summary is None:
            return qs.none()
        # The import's entries were written at the summary's timestamp (the index finds them).
        qs = qs.filter(timestamp=summary.timestamp, **{f"additional_data__{IMPORT_KEY}": filters.import_job})
    elif not filters.expand_imports:
        qs = qs.exclude(additional_data__has_key=IMPORT_KEY)
    return qs.filter(_readable_q(types)).order_by("-timestamp", "-pk")


class LogPaginator(Paginator):
    """Counts at most ``COUNT_LIMIT`` entries (``SELECT COUNT(*) FROM (… LIMIT n)``): the pages
    beyond are reached by filtering (dates), and the page says "more than" (``count_capped``)."""

    @cached_property
    def count(self):
        return self.object_list[: COUNT_LIMIT + 1].count()

    @property
    def count_capped(self) -> bool:
        return self.count > COUNT_LIMIT

    @cached_property
    def num_pages(self):
        return ceil(min(self.count, COUNT_LIMIT) / self.per_page) or 1


def import_summary_entry(user, job_id: str) -> LogEntry | None:
    """The summary entry of import ``job_id`` if ``user`` may read it."""
    summary = [t for t in readable_types(user) if t.summary]
    if not summary:
        return None
    return _base(user, summary).filter(summary[0].q(), object_pk=job_id).first()


# --------------------------------------------------------------------------- presenting


def _model_of(entry) -> type[models.Model] | None:
    if LogEntry.content_type.is_cached(entry):
        ct = entry.content_type
    else:
        ct = ContentType.objects.get_for_id(entry.content_type_id)  # ContentType's cache
    return ct.model_class()


def _scoped(model, user, roles=None):
    qs = model._default_manager.all()
    if isinstance(qs, ScopedQuerySet):
        return qs.for_user(user, roles) if roles else qs.for_user(user)
    return qs if scope_for(user).national else qs.none()


def _pks(model, values) -> list:
    """The values that are valid primary keys of ``model`` (anything else is left out)."""
    found = []
    for value in values:
        try:
            found.append(model._meta.pk.to_python(value))
        except (ValidationError, ValueError, TypeError):
            continue
    return found


def _names(user, model, ids) -> dict[tuple[type, str], str]:
    pks = _pks(model, ids)
    if not pks:
        return {}
    if model is get_user_model():
        users = model._default_manager.filter(pk__in=pks)
        return {(model, str(u.pk)): p.actor_name(u) for u in users}
    # Reference data are read by everyone; the objects of an organisation only in scope.
    qs = model._default_manager.all()
    if isinstance(qs, ScopedQuerySet):
        qs = qs.for_user(user)
    # __str__ may name a related object (a rule set its legal document): fetched with it.
    related = [f.name for f in model._meta.concrete_fields if (f.many_to_one or f.one_to_one) and not f.null]
    qs = qs.filter(pk__in=pks).select_related(*related) if related else qs.filter(pk__in=pks)
    return {(model, str(obj.pk)): str(obj) for obj in qs}


def _urls(user, model, pks) -> dict[tuple[type, str], str]:
    link = registry.audit_links.get(model)
    if link is None and not hasattr(model, "get_absolute_url"):
        return _admin_urls(user, model, pks)
    pks = _pks(model, pks)
    if not pks:
        return {}
    qs = _scoped(model, user).filter(pk__in=pks)
    if link is not None:
        qs = qs.select_related(*link.related) if link.related else qs
        return {(model, str(obj.pk)): link.url(obj) for obj in qs}
    return {(model, str(obj.pk)): obj.get_absolute_url() for obj in qs}


def _admin_urls(user, model, pks) -> dict[tuple[type, str], str]:
    """Reference data: the Django admin's page, for national admins who may use it."""
    if not (scope_for(user).national and user.is_staff and admin.site.is_registered(model)):
        return {}
    opts = model._meta
    try:
        return {(model, str(pk)): reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]) for pk in pks}
    except NoReverseMatch:
        return {}


def _job_urls(user, ids) -> dict[str, str]:
    model = registry.audit_summary
    pks = _pks(model, ids) if model is not None else []
    if not pks:
        return {}
    return {str(job.pk): job.get_absolute_url() for job in _scoped(model, user, ADMIN_ROLES).filter(pk__in=pks)}


def _sheet_columns() -> dict[tuple[type, str], p.ExtraField]:
    """The import sheets' columns that are not model fields, by (model, key written in the log):
    ``rating_YYYY`` stands for every year."""
    found = {}
    for sheet in registry.sheets.values():
        for column in getattr(sheet, "columns", ()):
            choices = {str(code): str(label) for code, label in getattr(column.parser, "pairs", ()) or ()}
            key = column.name if column.per_year else column.audit_field
            found[(sheet.model, key)] = p.ExtraField(str(column.header), choices)
    return found


def _extra_field(columns):
    def extra_field(model, key: str) -> p.ExtraField | None:
        if (model, key) in columns:
            return columns[(model, key)]
        year = _YEAR_SUFFIX.search(key)
        if year:
            per_year = columns.get((model, _YEAR_SUFFIX.sub("_YYYY", key)))
            if per_year is not None:
                return p.ExtraField(per_year.label.replace("YYYY", year[1]), per_year.choices)
        return None

    return extra_field


def lookups_for(user, entries: Sequence[LogEntry], models_of: Sequence, *, mask=None, links=True) -> p.Lookups:
    """Everything the entries refer to, in one query per model (``links``: the pages of the
    entries' objects too; an object's own history does not link to itself)."""
    wanted: dict[type, set[str]] = {}
    objects: dict[type, set[str]] = {}
    jobs: set[str] = set()
    summary_model = registry.audit_summary
    for entry, model in zip(entries, models_of, strict=True):
        for related, ids in p.wanted_names(model, entry.changes if isinstance(entry.changes, dict) else None).items():
            wanted.setdefault(related, set()).update(ids)
        source = p.source_of(entry.additional_data)
        if source is not None:
            jobs.add(source[0])
        if model is None:
            continue
        if model is summary_model:
            jobs.add(str(entry.object_pk))
        elif links and entry.action != LogEntry.Action.DELETE:
            objects.setdefault(model, set()).add(str(entry.object_pk))
    names: dict = {}
    for related, ids in wanted.items():
        names.update(_names(user, related, ids))
    urls: dict = {}
    for model, pks in objects.items():
        urls.update(_urls(user, model, pks))
    return p.Lookups(
        names=names,
        urls=urls,
        job_urls=_job_urls(user, jobs),
        sheet_titles={kind: str(sheet.title) for kind, sheet in registry.sheets.items()},
        extra_field=_extra_field(_sheet_columns()),
        mask=mask,
    )


def present(user, entries, *, mask=None, links=True) -> list[p.Row]:
    """The entries as ``user`` reads them (``portal.audit.present.Row``)."""
    entries = list(entries)
    models_of = [_model_of(e) for e in entries]
    lookups = lookups_for(user, entries, models_of, mask=mask, links=links)
    summary_model = registry.audit_summary
    return [
        p.present(e, model=m, is_summary=m is not None and m is summary_model, lookups=lookups)
        for e, m in zip(entries, models_of, strict=True)
    ]


def history(user, entries, *, mask=None) -> list[p.Row]:
    """An object's history (on its page: no links to the page itself): the entries that show
    something."""
    return [row for row in present(user, entries, mask=mask, links=False) if not row.is_empty]


def history_of(user, obj, limit: int = HISTORY_LIMIT) -> list[p.Row]:
    """The last changes of ``obj``, newest first."""
    found = LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")
    return history(user, found.order_by("-timestamp", "-pk")[:limit])


def export_rows(user, filters: Filters) -> Iterator[p.Row]:
    """The rows of an export: at most ``EXPORT_LIMIT``, newest first, read with one query (a
    server-side cursor on PostgreSQL) and presented ``EXPORT_CHUNK`` at a time."""
    found = entries(user, filters)[:EXPORT_LIMIT].iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(islice(found, EXPORT_CHUNK)):
        yield from present(user, chunk)
