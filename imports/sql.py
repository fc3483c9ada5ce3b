"""The engine's SQL helpers for set-wise writes and reads: PostgreSQL COPY (``copy_rows``,
``copy_into``) and ``fetch_in`` (rows whose field is in a set of any size, in a constant number of
queries). Sheets write in the engine's transaction with these."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Sequence

from django.db import connection
from django.utils import timezone

IN_CHUNK = 500  # values per IN (…) list where the database has no array parameter


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class _CsvStream:
    """A file-like ``read(size)`` over ``rows`` written as CSV a batch at a time, so a COPY of a
    large import never holds all of its text in memory."""

    BATCH = 5000

    def __init__(self, rows: Iterable[Sequence]):
        self.rows = iter(rows)
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, quoting=csv.QUOTE_NOTNULL, lineterminator="\n")
        self.pending = ""

    def read(self, size: int = -1) -> str:
        while size < 0 or len(self.pending) < size:
            batch = list(itertools.islice(self.rows, self.BATCH))
            if not batch:
                break
            self.writer.writerows(batch)
            self.pending += self.buffer.getvalue()
            self.buffer.seek(0)
            self.buffer.truncate()
        if size < 0:
            out, self.pending = self.pending, ""
        else:
            out, self.pending = self.pending[:size], self.pending[size:]
        return out

    readline = read


def copy_rows(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """``COPY table (columns) FROM STDIN`` (CSV format) with ``rows`` (PostgreSQL only).

    The rows are written by the C ``csv`` writer, a batch at a time, with every non-NULL value
    quoted: ``None`` is an empty unquoted field (NULL), ``""`` a quoted empty string; other
    values go through ``str()`` (dates and datetimes in ISO form, ``True``/``False``, decimals),
    which PostgreSQL reads."""
    stream = _CsvStream(rows)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN WITH (FORMAT csv)"
    raw = getattr(cursor, "cursor", cursor)
    if hasattr(raw, "copy_expert"):  # psycopg2
        raw.copy_expert(sql, stream, size=1 << 16)
    else:  # psycopg 3
        with raw.copy(sql) as copy:
            while chunk := stream.read(1 << 16):
                copy.write(chunk)


def fetch_in(queryset, field_name: str, values: Iterable, fields: Sequence[str]) -> Iterable[tuple]:
    """``queryset.filter(<field>__in=values).values_list(*fields)`` for a set of any size, in a
    number of queries that does not grow with the set on PostgreSQL (one ``= ANY(array)``) and
    grows only per ``IN_CHUNK`` values elsewhere."""
    values = list(dict.fromkeys(v for v in values if v is not None))
    if not values:
        return
    if is_postgresql():
        model = queryset.model
        column = model._meta.get_field(field_name).column
        q = connection.ops.quote_name
        where = f"{q(model._meta.db_table)}.{q(column)} = ANY(%s)"
        # identifiers from _meta; the values travel as one array parameter
        filtered = queryset.extra(where=[where], params=[values])  # noqa: S610
        yield from filtered.values_list(*fields).iterator(chunk_size=5000)
        return
    for start in range(0, len(values), IN_CHUNK):
        chunk = values[start : start + IN_CHUNK]
        yield from queryset.filter(**{f"{field_name}__in": chunk}).values_list(*fields)


def copy_into(cursor, model, names: Sequence[str], rows: Iterable[tuple]) -> None:
    """COPY ``rows`` (tuples of the values of the fields ``names``, names or attnames) straight
    into ``model``'s table (PostgreSQL); every other concrete field except the primary key gets
    its default (``auto_now``/``auto_now_add``: now), so a field added to the model later does
    not break the import."""
    opts = model._meta
    named = {opts.get_field(name) for name in names}
    others = [f for f in opts.concrete_fields if f not in named and not f.primary_key]
    now = timezone.now()
    extra = []
    for f in others:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            extra.append(now)
        elif f.has_default():
            extra.append(f.get_default())
        elif f.null:
            extra.append(None)
        else:
            raise ValueError(f"{opts.label}.{f.name} has no default: the import must give it")
    columns = [opts.get_field(name).column for name in names] + [f.column for f in others]
    if extra:
        tail = tuple(extra)
        rows = (row + tail for row in rows)
    copy_rows(cursor, opts.db_table, columns, rows)
