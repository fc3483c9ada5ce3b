"""Reference data of the positions app (data in positions/seed/): position groups, ranks and
professional titles, the competency dictionary with level descriptors and the starter national
framework catalogue with sample descriptions. Upserts by code; unapplying deletes those codes."""

from django.db import migrations

from positions.seed import load, unload


def forwards(apps, schema_editor):
    load(apps)


def backwards(apps, schema_editor):
    unload(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0001_initial"),
        ("portal", "0002_seed_legal_documents"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
