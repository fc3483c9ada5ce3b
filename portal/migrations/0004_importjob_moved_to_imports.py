# ImportJob now lives in the imports app (imports.0001_initial): removed from portal's migration
# state only; the table stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0003_importjob'),
        ('imports', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ImportJob')],
            database_operations=[],
        ),
    ]
