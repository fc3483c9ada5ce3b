"""Descriptions: where the content was copied from, as data (kind, source name, version) put into
words in the reader's language; and "last edited" restored where a workflow step had stamped it.

1. ``copied_from`` held a phrase composed in the writer's language ("phiên bản 1", "Danh mục
   khung: X", "P — O, phiên bản 2", or a framework position's "code name"): each becomes a kind,
   the source's name and its version. Text of no known shape keeps its kind empty (shown as is).
2. ``updated_at`` was refreshed by submitting, approving and returning (``auto_now``), so the page
   said "last edited" at the approval. Where the audit log holds the content's saves, a
   description stamped later than its last save (by more than a second) gets that save's time
   back; without audit entries the value stays (nothing better is known).
"""

import json
import re
from datetime import timedelta

from django.db import migrations, models

VERSION = re.compile(r"^(?:phiên bản|version) (\d+)$")
FRAMEWORK = re.compile(r"^(?:Danh mục khung|Framework catalogue): (.+)$", re.DOTALL)
DESCRIPTION = re.compile(r"^(.+), (?:phiên bản|version) (\d+)$", re.DOTALL)
BATCH = 1000


def _origin(text: str, frameworks: set[str]):
    """``(kind, source name, version)`` of a legacy ``copied_from`` text, or None."""
    if m := VERSION.match(text):
        return "version", "", int(m[1])
    if m := FRAMEWORK.match(text):
        return "framework", m[1], None
    if m := DESCRIPTION.match(text):
        return "description", m[1], int(m[2])
    if text in frameworks:
        return "framework", text, None
    return None


def split_copied_from(apps, schema_editor):
    Description = apps.get_model("positions", "PositionDescription")
    Framework = apps.get_model("positions", "FrameworkPosition")
    frameworks = {f"{code} {name}" for code, name in Framework.objects.values_list("code", "name")}
    changed = []
    for d in Description.objects.exclude(copied_from="").filter(copied_from_kind="").only("pk", "copied_from"):
        origin = _origin(d.copied_from, frameworks)
        if origin is not None:
            d.copied_from_kind, d.copied_from, d.copied_from_version = origin
            changed.append(d)
    Description.objects.bulk_update(
        changed, ["copied_from_kind", "copied_from", "copied_from_version"], batch_size=BATCH
    )


def join_copied_from(apps, schema_editor):
    """Backwards: the Vietnamese phrases the previous code wrote."""
    Description = apps.get_model("positions", "PositionDescription")
    changed = []
    for d in Description.objects.exclude(copied_from_kind="").only(
        "pk", "copied_from", "copied_from_kind", "copied_from_version"
    ):
        if d.copied_from_kind == "version":
            d.copied_from = f"phiên bản {d.copied_from_version}"
        elif d.copied_from_kind == "description":
            d.copied_from = f"{d.copied_from}, phiên bản {d.copied_from_version}"[:255]
        changed.append(d)
    Description.objects.bulk_update(changed, ["copied_from"], batch_size=BATCH)


def _changes(value) -> dict:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def restore_last_edit(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    Description = apps.get_model("positions", "PositionDescription")
    ct = ContentType.objects.filter(app_label="positions", model="positiondescription").first()
    if ct is None:
        return
    # The last save of the content per description: its creation, or a change that is not a
    # workflow step (those change the status).
    last_save: dict[int, object] = {}
    entries = (
        LogEntry.objects.filter(content_type=ct, action__in=(0, 1), object_id__isnull=False)
        .order_by("timestamp", "pk")
        .values_list("object_id", "action", "timestamp", "changes")
    )
    for object_id, action, timestamp, changes in entries.iterator(chunk_size=BATCH):
        if action == 0 or "status" not in _changes(changes):
            last_save[object_id] = timestamp
    if not last_save:
        return
    changed = []
    ids = list(last_save)
    for start in range(0, len(ids), BATCH):
        for d in Description.objects.filter(pk__in=ids[start : start + BATCH], submitted_at__isnull=False).only(
            "pk", "updated_at"
        ):
            saved = last_save[d.pk]
            if d.updated_at > saved + timedelta(seconds=1):
                d.updated_at = saved
                changed.append(d)
    Description.objects.bulk_update(changed, ["updated_at"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("positions", "0003_streamlining_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="positiondescription",
            name="copied_from_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("version", "phiên bản trước của vị trí"),
                    ("description", "bản mô tả của vị trí khác"),
                    ("framework", "danh mục vị trí việc làm khung"),
                ],
                db_default="",
                default="",
                max_length=12,
                verbose_name="loại nguồn sao chép",
            ),
        ),
        migrations.AddField(
            model_name="positiondescription",
            name="copied_from_version",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="phiên bản nguồn"),
        ),
        migrations.RunPython(split_copied_from, join_copied_from),
        migrations.RunPython(restore_last_edit, migrations.RunPython.noop),
    ]
