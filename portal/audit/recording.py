"""Rows saved in bulk (a description's tasks and competency levels: deleted and re-created with
``bulk_create``, which sends no signals) have no audit entries of their own. Their owner's entry
records them instead, under the reverse relation's name: ``{"tasks": [rows before, rows after]}``,
each row ``{field: value}`` (``portal.audit.present`` shows them as numbered lines, word-diffed).

``save_with_changes(instance, extra)`` saves the owner and adds ``extra`` to the entry that save
writes (one more UPDATE of that entry), or writes an update entry of its own when the save
changed no field. Nothing is written while the audit log is disabled (``disable_auditlog``)."""

from __future__ import annotations

from contextvars import ContextVar

from auditlog.context import auditlog_disabled
from auditlog.signals import post_log

_captured: ContextVar[list | None] = ContextVar("portal_audit_captured", default=None)


def _on_post_log(sender, instance, log_entry=None, **kwargs):
    bucket = _captured.get()
    if bucket is not None and log_entry is not None:
        bucket.append((instance, log_entry))


def connect() -> None:
    """Called once from ``PortalConfig.ready``."""
    post_log.connect(_on_post_log, dispatch_uid="portal.audit.recording")


def rows_changes(**relations: tuple[list[dict], list[dict]]) -> dict:
    """``{relation: [before, after]}`` for the relations whose rows differ."""
    return {name: [before, after] for name, (before, after) in relations.items() if before != after}


def save_with_changes(instance, extra: dict, **save_kwargs) -> None:
    """Save ``instance``; record ``extra`` (``{relation: [rows before, rows after]}``) in the audit
    entry of that save."""
    if not extra:
        instance.save(**save_kwargs)
        return
    bucket: list = []
    token = _captured.set(bucket)
    try:
        instance.save(**save_kwargs)
    finally:
        _captured.reset(token)
    if auditlog_disabled.get():
        return
    entry = next((e for obj, e in bucket if obj is instance), None)
    if entry is None:
        from auditlog.models import LogEntry

        LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE, changes=extra)
        return
    entry.changes = {**(entry.changes or {}), **extra}
    entry.save(update_fields=["changes"])
