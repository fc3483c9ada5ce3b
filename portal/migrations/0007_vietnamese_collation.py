from django.db import migrations


def create_collation(apps, schema_editor):
    """PostgreSQL: the ICU collation "vi" (Vietnamese alphabetical order), used by
    ``portal.collation.vi_order``. SQLite registers its own on each connection."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi')")


def drop_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS vi")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_admin_unit_code_ascii_digits"),
    ]

    operations = [
        migrations.RunPython(create_collation, drop_collation, elidable=False),
    ]
