# A big file's confirmation waiting for a worker gets its own status, "queued", instead of a
# "ready" job whose message was the flag "confirm-queued". Not an active status: the
# one-active-per-scope constraint (validating, running) is unchanged, so a queued confirmation
# blocks no other upload of its scope, as before. Jobs flagged the old way are converted.

from django.db import migrations, models

OLD_FLAG = "confirm-queued"


def flag_to_status(apps, schema_editor):
    ImportJob = apps.get_model("imports", "ImportJob")
    db = schema_editor.connection.alias
    ImportJob.objects.using(db).filter(status="ready", message=OLD_FLAG).update(status="queued", message="")


def status_to_flag(apps, schema_editor):
    ImportJob = apps.get_model("imports", "ImportJob")
    db = schema_editor.connection.alias
    ImportJob.objects.using(db).filter(status="queued").update(status="ready", message=OLD_FLAG)


class Migration(migrations.Migration):

    dependencies = [
        ('imports', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='importjob',
            name='status',
            field=models.CharField(choices=[('uploaded', 'Đã tải lên'), ('validating', 'Đang kiểm tra'), ('ready', 'Sẵn sàng nhập'), ('queued', 'Đang chờ ghi dữ liệu'), ('rejected', 'Bị từ chối'), ('running', 'Đang nhập'), ('done', 'Đã nhập xong'), ('failed', 'Lỗi hệ thống')], default='uploaded', max_length=12, verbose_name='trạng thái'),
        ),
        migrations.RunPython(flag_to_status, status_to_flag),
    ]
