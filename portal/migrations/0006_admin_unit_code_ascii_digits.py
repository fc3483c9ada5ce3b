import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    """The administrative-unit code takes ASCII digits only (``\\d`` took fullwidth digits)."""

    dependencies = [
        ("portal", "0005_correct_legal_dates"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organization",
            name="admin_unit_code",
            field=models.CharField(
                blank=True,
                max_length=5,
                validators=[
                    django.core.validators.RegexValidator(
                        "^([0-9]{2}|[0-9]{5})$", "Mã ĐVHC gồm 2 chữ số (tỉnh) hoặc 5 chữ số (xã)."
                    )
                ],
                verbose_name="mã ĐVHC",
            ),
        ),
    ]
