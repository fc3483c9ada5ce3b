"""Quota nesting (docs/rules.md §2), pure: no ORM, no request.

A quota covers the unit's whole subtree; the quotas of the units below it (the nearest quota
holders under it, for the same year and category) add up to at most its own.

Who grants (docs/rules.md §2, issue 11 item 14): the quota of a unit X is granted by X's parent,
so only a user holding an edit role (HR officer, organisation admin) on a *proper* ancestor of X,
or a national admin, may create, change or delete it; X's own officers distribute X's quota to
X's children. ``may_grant_quota`` is that rule, once; forms, admin, import and services ask it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from portal.models import EDIT_ROLES  # a constant: this module runs no query


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


def parent_path(path: str) -> str | None:
    """The path of the parent of the unit at ``path`` ("/a/b/" → "/a/"); None for a root."""
    parts = [p for p in path.split("/") if p]
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else None


def may_grant_quota(scope, org, roles=None) -> bool:
    """Whether the user whose ``scope`` (``portal.models.Scope``) is given may create, change or
    delete the quota of ``org`` (an Organization or its path): a national admin, or an edit role
    (``roles``, default ``EDIT_ROLES``) over the parent of ``org``, i.e. on a proper ancestor.
    A root organisation's quota is set by national admins only."""
    if scope.national:
        return True
    parent = parent_path(org if isinstance(org, str) else org.path)
    if parent is None:
        return False
    return scope.covers(parent, EDIT_ROLES if roles is None else roles)


def remaining_for(violation: NestingViolation, visible) -> int:
    """What the parent of ``violation`` can still give the children ``visible(child)`` accepts:
    its quota less the others' quotas, never negative (the message of a parent the user may not
    read: "vượt quá phần còn lại có thể giao: N")."""
    others = sum(c.assigned for c in violation.children if not visible(c))
    return max(violation.parent.assigned - others, 0)


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
