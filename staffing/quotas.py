"""Quota nesting (docs/rules.md §2), pure: no ORM, no request.

A quota covers the unit's whole subtree; the quotas of the units below it (the nearest quota
holders under it, for the same year and category) add up to at most its own."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class QuotaRow:
    path: str  # the organisation's materialised path, e.g. "/01/000.00.01.H26/"
    year: int
    category: str
    assigned: int
    ref: object = None  # caller's handle (a row number, a model id) to name the row in errors


@dataclass(frozen=True)
class NestingViolation:
    parent: QuotaRow
    children: tuple[QuotaRow, ...]
    total: int


def nearest_holder(path: str, holders: set[str]) -> str | None:
    """The nearest proper ancestor of ``path`` among ``holders`` (paths), or None."""
    parts = [p for p in path.split("/") if p]
    for i in range(len(parts) - 1, 0, -1):
        candidate = "/" + "/".join(parts[:i]) + "/"
        if candidate in holders:
            return candidate
    return None


def nesting_violations(rows: list[QuotaRow]) -> list[NestingViolation]:
    """Every quota whose nearest quota-holding descendants, together, exceed it."""
    by_key: dict[tuple[int, str], dict[str, QuotaRow]] = defaultdict(dict)
    for row in rows:
        by_key[(row.year, row.category)][row.path] = row
    violations = []
    for (_year, _category), holders in sorted(by_key.items()):
        children: dict[str, list[QuotaRow]] = defaultdict(list)
        paths = set(holders)
        for path, row in holders.items():
            parent = nearest_holder(path, paths)
            if parent is not None:
                children[parent].append(row)
        for parent_path, kids in sorted(children.items()):
            total = sum(k.assigned for k in kids)
            parent = holders[parent_path]
            if total > parent.assigned:
                violations.append(NestingViolation(parent, tuple(sorted(kids, key=lambda k: k.path)), total))
    return violations
