"""What the report commands (``retirement_forecast``, ``reduction_report``,
``streamlining_candidates``) share: the organisation given by ``--org``, the format check, and
writing the output to standard output or, with ``--output``, to a file through a ``.part`` file
(a reader never sees half a file). Every refusal is exit 2 with a Vietnamese message
(docs/commands.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from portal.models import Organization

FORMATS = ("json", "xlsx")
ROOTS_SHOWN = 10


def fail(message: str) -> CommandError:
    """The command cannot run: exit 2 with ``message``."""
    return CommandError(message, returncode=2)


def find_organization(code: str | None) -> Organization:
    """The organisation of ``--org``; exit 2 naming the code and the top-level organisations."""
    if not (code or "").strip():
        raise fail("Hãy cho biết đơn vị: --org MÃ_ĐƠN_VỊ (ví dụ --org 000.00.02.H22).")
    org = Organization.objects.filter(code=code.strip()).first()
    if org is None:
        roots = list(Organization.objects.filter(parent=None).order_by("code").values_list("code", "name"))
        shown = ", ".join(f"{c} ({n})" for c, n in roots[:ROOTS_SHOWN]) or "—"
        more = f" và {len(roots) - ROOTS_SHOWN} đơn vị khác" if len(roots) > ROOTS_SHOWN else ""
        raise fail(f"Không tìm thấy đơn vị có mã “{code}” (--org). Các đơn vị cấp cao nhất hiện có: {shown}{more}.")
    return org


def check_format(fmt: str | None, output: str | None) -> str:
    """``--format`` normalised (json or xlsx); xlsx needs ``--output`` (a workbook is not text)."""
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise fail(f"Định dạng “{fmt}” không hỗ trợ (--format): chọn json hoặc xlsx.")
    if fmt == "xlsx" and not output:
        raise fail("Định dạng xlsx cần --output TỆP.xlsx (tệp Excel không ghi ra màn hình).")
    return fmt


def emit(command, content: bytes, output: str | None, summary: str) -> None:
    """``content`` to standard output, or to the file ``output`` through ``<output>.part`` (then
    ``summary`` on standard error); exit 2 when the file cannot be written."""
    if not output:
        command.stdout.write(content.decode(), ending="")
        return
    target = Path(output)
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(content)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise fail(f"Không ghi được tệp “{target}”: {exc.strerror or exc}.") from None
    command.stderr.write(summary)
