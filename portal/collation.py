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
    keys: dict[str, tuple] = {}

    def key(org: T) -> tuple:
        # The parent's key (the nearest ancestor in the list) and the organisation's own place
        # among its siblings: each computed once.
        found = keys.get(org.code)
        if found is None:
            ancestors = org.path.strip("/").split("/")[:-1]
            parent = next((by_code[code] for code in reversed(ancestors) if code in by_code), None)
            own = (org.kind, vi_sort_key(org.name), org.code)
            found = keys[org.code] = (*(key(parent) if parent is not None else ()), own)
        return found

    return sorted(orgs, key=key)
