from django.db import migrations

DEFAULTS = [
    ("stage_1", 10, "Stage 1: the service replies"),
    ("stage_2", 20, "Stage 2: a senior officer reviews the complaint"),
    ("ombudsman", 20, "Our reply to an Ombudsman enquiry (unless the Ombudsman sets a date)"),
]


def seed(apps, schema_editor):
    CharterStandard = apps.get_model("disputes", "CharterStandard")
    for stage, days, description in DEFAULTS:
        CharterStandard.objects.get_or_create(
            stage=stage, defaults={"working_days": days, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("disputes", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
