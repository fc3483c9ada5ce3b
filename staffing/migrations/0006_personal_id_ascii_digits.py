import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    """The personal ID takes ASCII digits only (``^[0-9]{12}$``; ``\\d`` took fullwidth digits)."""

    dependencies = [
        ("staffing", "0005_seed_rule_sets"),
    ]

    operations = [
        migrations.AlterField(
            model_name="staff",
            name="personal_id",
            field=models.CharField(
                blank=True,
                max_length=12,
                null=True,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator("^[0-9]{12}$", "Số định danh cá nhân gồm đúng 12 chữ số.")
                ],
                verbose_name="số định danh cá nhân",
            ),
        ),
    ]
