"""Vietnamese order in the database: the collation "vi" and the one expression that sorts by it.

PostgreSQL: migration ``portal.0007_vietnamese_collation`` creates the ICU collation "vi" (CLDR's
Vietnamese order). SQLite: the same order, registered on every new connection as a collation
named "vi" that compares ``portal.text.vi_sort_key`` (the tests check both give the same order).
Querysets that list names order by ``vi_order("name")`` (descending: ``vi_order("name").desc()``);
lists sorted in Python use ``sorted(..., key=vi_sort_key)`` or ``in_tree_order``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.db.models import F
from django.db.models.functions import Collate

from portal.text import vi_sort_key

VI = "vi"


def vi_order(field: str) -> Collate:
    """``field`` (a lookup path to a text column, e.g. ``"organization__name"``) in Vietnamese
    order, for ``order_by``."""
    return Collate(F(field), VI)


def _compare(a: str, b: str) -> int:
    ka, kb = vi_sort_key(a), vi_sort_key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: SQLite learns the collation "vi" (PostgreSQL has it from
    the migration)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VI, _compare)


class _TreeNode(Protocol):
    code: str
    name: str
    kind: str
    path: str


def in_tree_order[T: _TreeNode](orgs: Iterable[T]) -> list[T]:
    """Organisations in tree order, each followed by its subtree, siblings sorted as on the
    organisation tree page (by kind, then name in Vietnamese order, then code): the order of the
    indented drop-downs. Pure: the organisations' ancestors outside ``orgs`` are left out of the
    comparison (a scope is whole subtrees, so a list of one holds every ancestor that matters)."""
    orgs = list(orgs)
    by_code = {o.code: o for o in orgs}

    def key(org: T) -> tuple:
        chain = (by_code.get(code) for code in org.path.split("/") if code)
        return tuple((a.kind, vi_sort_key(a.name), a.code) for a in chain if a is not None)

    return sorted(orgs, key=key)
