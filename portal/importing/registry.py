"""Which sheets the import/export engine knows: apps register theirs in ``AppConfig.ready``
(``register(StaffSheet())``), so ``portal`` never imports the apps above it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from portal.importing.errors import UnknownKind

if TYPE_CHECKING:
    from portal.importing.engine import Sheet

# The kinds of IMPORT_FORMAT.md, in the order screens list them.
KNOWN_KINDS = ("organizations", "quotas", "positions", "staff")
# Sheets that live in `portal` itself, imported on first use.
_BUILTIN = ("portal.importing.organizations",)

_sheets: dict[str, Sheet] = {}
_loaded = False


def register(sheet: Sheet) -> Sheet:
    """Register ``sheet`` under ``sheet.kind`` (a second registration replaces the first)."""
    _sheets[sheet.kind] = sheet
    return sheet


def _load_builtin() -> None:
    global _loaded
    if not _loaded:
        from importlib import import_module

        for module in _BUILTIN:
            import_module(module)
        _loaded = True


def get_sheet(kind: str) -> Sheet:
    _load_builtin()
    sheet = _sheets.get(kind)
    if sheet is not None:
        return sheet
    if kind in KNOWN_KINDS:
        raise UnknownKind(
            _("Cổng chưa hỗ trợ nhập, xuất loại dữ liệu “%(kind)s”; hiện có: %(available)s.")
            % {"kind": kind, "available": ", ".join(registered_kinds()) or "—"}
        )
    raise UnknownKind(
        _("Loại dữ liệu “%(kind)s” không hợp lệ; chọn một trong: %(known)s.")
        % {"kind": kind, "known": ", ".join(KNOWN_KINDS)}
    )


def registered_kinds() -> list[str]:
    _load_builtin()
    order = {kind: i for i, kind in enumerate(KNOWN_KINDS)}
    return sorted(_sheets, key=lambda kind: (order.get(kind, len(order)), kind))


def sheets() -> list[Sheet]:
    return [_sheets[kind] for kind in registered_kinds()]
