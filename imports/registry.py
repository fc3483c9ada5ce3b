"""Which sheets the import/export engine knows. Apps register theirs with
``portal.registry.register_sheet`` in ``AppConfig.ready``, so the engine never imports the apps
above it; this module looks them up, in the order screens list them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from imports.errors import UnknownKind
from portal import registry

if TYPE_CHECKING:
    from imports.sheets import Sheet

# The kinds of the import format (docs/import-format.md), in the order screens list them.
KNOWN_KINDS = ("organizations", "quotas", "positions", "staff")

register = registry.register_sheet


def get_sheet(kind: str) -> Sheet:
    sheet = registry.sheets.get(kind)
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
    order = {kind: i for i, kind in enumerate(KNOWN_KINDS)}
    return sorted(registry.sheets, key=lambda kind: (order.get(kind, len(order)), kind))


def sheets() -> list[Sheet]:
    return [registry.sheets[kind] for kind in registered_kinds()]
