"""The audit log of an import: one ``LogEntry`` per created or updated object with its changes
(bulk-created; one COPY on PostgreSQL) and one summary entry on the ``ImportJob``, written in the
engine's transaction."""

from __future__ import annotations

import json

from django.db import connection
from django.utils import timezone

from imports.sql import copy_rows, is_postgresql


def write_audit(validated, *, job, user, file_name: str, sha256: str) -> None:
    """One LogEntry per created/updated object (with its changes), in bulk, plus one summary
    entry on the ImportJob: who imported which file (name, SHA-256) with what counts."""
    from auditlog.cid import get_cid
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    sheet, diff = validated.sheet, validated.diff
    actor = user if getattr(user, "pk", None) else None
    actor_email = getattr(actor, "email", None) or None
    cid = get_cid()
    now = timezone.now()
    extra = {"import_job": str(job.pk), "file_name": file_name}
    model_type = ContentType.objects.get_for_model(sheet.model)
    if is_postgresql():
        _audit_copy(sheet, diff, model_type, actor, actor_email, cid, now, extra)
    else:
        entries = []
        for action, rows in ((LogEntry.Action.CREATE, diff.new), (LogEntry.Action.UPDATE, diff.updated)):
            for row in rows:
                entries.append(
                    LogEntry(
                        content_type=model_type,
                        object_pk=str(row.pk),
                        object_id=row.pk if isinstance(row.pk, int) else None,
                        object_repr=sheet.object_repr(row),
                        action=action,
                        changes=row.changes,
                        changes_text="",
                        actor=actor,
                        actor_email=actor_email,
                        cid=cid,
                        timestamp=now,
                        additional_data=extra,
                    )
                )
        if entries:
            LogEntry.objects.bulk_create(entries, batch_size=1000)
    counts = {
        "created": len(diff.new),
        "updated": len(diff.updated),
        "unchanged": len(diff.unchanged),
        "blank": validated.blank,
    }
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(job),
        object_pk=str(job.pk),
        object_repr=str(job)[:200],
        action=LogEntry.Action.CREATE,
        changes_text="",
        actor=actor,
        actor_email=actor_email,
        cid=cid,
        timestamp=now,
        additional_data={
            "import": sheet.kind,
            "file_name": file_name,
            "file_sha256": sha256,
            "scope": job.organization.code if job.organization_id else None,
            "counts": counts,
        },
    )


def _audit_copy(sheet, diff, model_type, actor, actor_email, cid, now, extra) -> None:
    """The per-object entries of ``_audit`` with one COPY (PostgreSQL): the same rows
    ``bulk_create`` would write, without building a model instance per object."""

    from auditlog.models import LogEntry

    opts = LogEntry._meta
    names = [
        "content_type_id",
        "object_pk",
        "object_id",
        "object_repr",
        "action",
        "changes",
        "changes_text",
        "actor_id",
        "actor_email",
        "cid",
        "timestamp",
        "additional_data",
        "serialized_data",
        "remote_addr",
        "remote_port",
    ]
    dumps = json.dumps
    extra_json = dumps(extra)
    actor_id = actor.pk if actor is not None else None
    head = (model_type.pk,)
    tail = ("", actor_id, actor_email, cid, now, extra_json, None, None, None)
    # a generator: copy_rows encodes a batch at a time, so the JSON of 100,000 entries (~50 MB)
    # never sits in memory at once
    rows = (
        (
            *head,
            str(row.pk),
            row.pk if isinstance(row.pk, int) else None,
            sheet.object_repr(row),
            action,
            dumps(row.changes),
            *tail,
        )
        for action, group in ((LogEntry.Action.CREATE, diff.new), (LogEntry.Action.UPDATE, diff.updated))
        for row in group
    )
    if diff.new or diff.updated:
        with connection.cursor() as cursor:
            copy_rows(cursor, opts.db_table, [opts.get_field(n).column for n in names], rows)
