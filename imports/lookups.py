"""Lookups every sheet shares: the organisations of an import's scope, the scope-safe message
for an organisation code that is unknown or outside the scope, the fast diacritic fold of a
cleaned cell, and the organisation codes of a template's drop-down list (``org_codes_in``)."""

from __future__ import annotations

import functools
import unicodedata
from functools import reduce
from operator import or_
from typing import NamedTuple

from django.db.models import Q

from imports.errors import ErrorSink
from imports.messages import gettext as _
from imports.sheets import Context, Row
from portal.models import Organization
from portal.text import fold

_FOLD_TABLE: dict[int, str] = {}
TEMPLATE_LIST_MAX = 50_000  # codes in one drop-down list of a template (a national admin's whole portal)


@functools.lru_cache(maxsize=100_000)  # names repeat a lot in a roster
def fold_key(text: str) -> str:
    """``portal.text.fold`` of a cell the engine has already cleaned (NFC, trimmed, spaces
    folded, invisible characters dropped), about ten times faster: one ``str.translate`` with a
    per-character table (precomposed letters → their folded form, combining marks → nothing)
    and a ``casefold``. Text with characters from U+2000 up goes through ``fold`` itself."""
    if text.isascii():
        return text.casefold()
    if max(text) >= "\u2000":
        return fold(text)
    if not _FOLD_TABLE:
        for code in range(0x80, 0x2000):
            char = chr(code)
            folded = fold(char) if not unicodedata.combining(char) else ""
            if folded != char.casefold():
                _FOLD_TABLE[code] = folded
    return text.translate(_FOLD_TABLE).casefold()


class OrgRef(NamedTuple):
    id: int
    path: str
    name: str


def load_orgs(scope) -> tuple[dict[str, OrgRef], dict[int, str]]:
    """The organisations of the scope (all without one): code → (id, path, name), id → code."""
    qs = Organization.objects.all() if scope is None else Organization.objects.filter(path__startswith=scope.path)
    orgs, codes = {}, {}
    for pk, code, path, name in qs.values_list("id", "code", "path", "name").iterator(chunk_size=5000):
        orgs[code] = OrgRef(pk, path, name)
        codes[pk] = code
    return orgs, codes


def org_error(errors: ErrorSink, row: Row, column: str, code: str, ctx: Context) -> None:
    """An organisation code that is unknown or outside the scope: the same words either way, so
    the message never reveals where a unit of another subtree belongs."""
    if ctx.scope is None:
        message = _("Mã đơn vị “%(code)s” chưa có trên cổng.") % {"code": code}
    else:
        message = _("Mã đơn vị “%(code)s” không có trong phạm vi %(scope)s.") % {
            "code": code,
            "scope": ctx.scope_label(),
        }
    errors.add(row.number, column, code, message)


def in_subtrees(prefixes: tuple[str, ...] | None, field: str) -> Q:
    """Rows whose ``field`` (an organisation's path) lies in one of the subtrees; all of them
    for ``None`` (the whole portal)."""
    if prefixes is None:
        return Q()
    if not prefixes:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": prefix}) for prefix in prefixes))


def org_codes_in(prefixes: tuple[str, ...] | None) -> list[str]:
    """The codes of the organisations of the subtrees (``None``: every one), in tree order: a
    template's drop-down list of organisation codes (the first is the top of the user's scope)."""
    qs = Organization.objects.filter(in_subtrees(prefixes, "path")).order_by("path")
    return list(qs.values_list("code", flat=True)[:TEMPLATE_LIST_MAX])
