import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    """The employee code's pattern on the model too (the admin): at most 30 characters, no "/",
    digits 0–9 only (fullwidth and other decimal digits refused)."""

    dependencies = [
        ("staffing", "0006_personal_id_ascii_digits"),
    ]

    operations = [
        migrations.AlterField(
            model_name="staff",
            name="employee_code",
            field=models.CharField(
                max_length=30,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^(?:[0-9]|(?!\\d)[^/]){1,30}$",
                        "Mã cán bộ tối đa 30 ký tự, không chứa dấu “/”; chữ số chỉ dùng 0–9.",
                    )
                ],
                verbose_name="mã cán bộ",
            ),
        ),
    ]
