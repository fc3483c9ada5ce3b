"""The codes of the import templates' drop-down lists that the positions app owns: the position
codes of the downloading user's subtrees (one plain list: a list that depends on the row's
organisation would need a named range per organisation and INDIRECT formulas), and the national
catalogues of ranks and framework positions."""

from __future__ import annotations

from imports.lookups import TEMPLATE_LIST_MAX, in_subtrees
from positions.models import FrameworkPosition, Position, Rank


def position_codes_in(prefixes: tuple[str, ...] | None) -> list[str]:
    """The distinct codes of the positions of the subtrees (``None``: every one), sorted."""
    qs = Position.objects.filter(in_subtrees(prefixes, "organization__path")).order_by("code")
    return list(qs.values_list("code", flat=True).distinct()[:TEMPLATE_LIST_MAX])


def first_position_of(org_code: str) -> str | None:
    """A position code of that organisation (the first in catalogue order), for a sample row."""
    qs = Position.objects.filter(organization__code=org_code).order_by("group__order", "order", "code")
    return qs.values_list("code", flat=True).first()


def rank_codes() -> list[str]:
    """The ranks and professional titles (those no longer applied too: the import accepts them),
    in the catalogue's order."""
    return list(Rank.objects.values_list("code", flat=True)[:TEMPLATE_LIST_MAX])


def framework_codes() -> list[str]:
    qs = FrameworkPosition.objects.order_by("code")
    return list(qs.values_list("code", flat=True)[:TEMPLATE_LIST_MAX])
