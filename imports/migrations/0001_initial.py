# The import engine became its own app: ImportJob moves from portal to imports in the migration
# state only. Its table keeps its name (portal_importjob), and its content type (with the
# permissions and audit entries that point at it) is relabelled rather than recreated.

import django.db.models.deletion
import django.db.models.functions.comparison
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="imports", model="importjob").exists():
        ContentType.objects.using(db).filter(app_label="portal", model="importjob").update(app_label="imports")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="imports", model="importjob").update(app_label="portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('portal', '0003_importjob'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportJob',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('kind', models.CharField(max_length=20, verbose_name='loại dữ liệu')),
                        ('file_name', models.CharField(max_length=255, verbose_name='tên tệp')),
                        ('file_sha256', models.CharField(max_length=64, verbose_name='SHA-256 của tệp')),
                        ('file_content', models.BinaryField(default=b'', verbose_name='nội dung tệp')),
                        ('status', models.CharField(choices=[('uploaded', 'Đã tải lên'), ('validating', 'Đang kiểm tra'), ('ready', 'Sẵn sàng nhập'), ('rejected', 'Bị từ chối'), ('running', 'Đang nhập'), ('done', 'Đã nhập xong'), ('failed', 'Lỗi hệ thống')], default='uploaded', max_length=12, verbose_name='trạng thái')),
                        ('counts', models.JSONField(blank=True, default=dict, verbose_name='số dòng')),
                        ('errors', models.JSONField(blank=True, default=list, verbose_name='lỗi (tối đa 1.000 lỗi đầu)')),
                        ('error_count', models.PositiveIntegerField(default=0, verbose_name='tổng số lỗi')),
                        ('message', models.TextField(blank=True, verbose_name='thông báo')),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='tiến độ (%)')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='cập nhật lúc')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='xong lúc')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='import_jobs', to=settings.AUTH_USER_MODEL, verbose_name='người nhập')),
                        ('organization', models.ForeignKey(blank=True, help_text='Để trống: toàn cổng.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='import_jobs', to='portal.organization', verbose_name='phạm vi')),
                    ],
                    options={
                        'verbose_name': 'lượt nhập dữ liệu',
                        'verbose_name_plural': 'lượt nhập dữ liệu',
                        'db_table': 'portal_importjob',
                        'ordering': ['-created_at'],
                        'constraints': [models.UniqueConstraint(django.db.models.functions.comparison.Coalesce('organization', models.Value(0), output_field=models.BigIntegerField()), condition=models.Q(('status__in', ('validating', 'running'))), name='importjob_one_active_per_scope', violation_error_message='Đơn vị này đang có một lượt nhập dữ liệu khác chưa xong.'), models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='importjob_progress_max_100')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
