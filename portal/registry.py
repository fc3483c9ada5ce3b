"""The one registry through which the apps above ``portal`` plug into the layers below them, so
that no lower layer ever imports a higher one. Each app registers in its ``AppConfig.ready``.

- ``org_counters``: name -> callable returning an expression that counts something per
  Organization row (e.g. working staff in its subtree); the organisation pages annotate with
  every registered counter in the same query.
- ``position_annotations``: name -> callable returning an expression added to every position of
  the positions catalogue (e.g. the FTE assigned, from ``staffing``).
- ``position_panels``: callables ``(request, position) -> (template_name, context) | None`` that
  the position page renders (``{% position_panels position %}``).
- ``sheets``: kind -> the import/export engine's ``Sheet`` instance (``imports.registry`` reads it).
- ``menu_entries``: the main navigation after "Tổ chức", in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MenuEntry:
    label: Any  # a lazy translation
    url_name: str
    path_prefix: str


org_counters: dict[str, Callable] = {}
position_annotations: dict[str, Callable] = {}
position_panels: list[Callable] = []
sheets: dict[str, Any] = {}
menu_entries: list[MenuEntry] = []


def register_org_counter(name: str, factory: Callable) -> None:
    org_counters[name] = factory


def register_position_annotation(name: str, factory: Callable) -> None:
    position_annotations[name] = factory


def register_position_panel(panel: Callable) -> Callable:
    if panel not in position_panels:
        position_panels.append(panel)
    return panel


def register_sheet(sheet) -> Any:
    """Register ``sheet`` under ``sheet.kind`` (a second registration replaces the first)."""
    sheets[sheet.kind] = sheet
    return sheet


def register_menu_entry(label, url_name: str, path_prefix: str) -> None:
    entry = MenuEntry(label, url_name, path_prefix)
    if entry.url_name not in {e.url_name for e in menu_entries}:
        menu_entries.append(entry)


def annotate_counters(queryset):
    return queryset.annotate(**{name: factory() for name, factory in org_counters.items()})
