"""Load the DfE SEN type codes as rows (settings say which needs they serve)."""

from django.db import migrations

CODES = ["SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "DS", "OTH"]


def load(apps, schema_editor):
    NeedType = apps.get_model("people", "NeedType")
    for code in CODES:
        NeedType.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
