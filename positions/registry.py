"""Extension points of the positions pages that the apps above ``positions`` fill in, so that
``positions`` never imports them.

- ``position_panels``: callables ``(request, position) -> (template_name, context) | None``; the
  position page renders each registered panel (``{% position_panels position %}``), e.g. the
  staffing app's incumbents and vacancy.
- per-position figures in the catalogue: ``positions.reports.register_position_annotation``.
"""

from collections.abc import Callable

position_panels: list[Callable] = []


def register_position_panel(panel: Callable) -> Callable:
    if panel not in position_panels:
        position_panels.append(panel)
    return panel
