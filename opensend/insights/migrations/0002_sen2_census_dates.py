"""The census dates DfE has set for the SEN2 person-level return (reference data, never derived).

2025: 16 January 2025; 2026: 15 January 2026; 2027: 21 January 2027 (DfE's SEN2 guides for each
collection year). The header's declarations are left for the council to confirm.
"""

import datetime

from django.db import migrations

CENSUS_DATES = {
    2025: (datetime.date(2025, 1, 16), "DfE SEN2 2025 guide"),
    2026: (datetime.date(2026, 1, 15), "DfE SEN2 2026 guide"),
    2027: (datetime.date(2027, 1, 21), "DfE SEN2 2027 guide"),
}


def add(apps, schema_editor):
    collection = apps.get_model("insights", "Sen2Collection")
    for year, (census_date, guide) in CENSUS_DATES.items():
        collection.objects.get_or_create(
            year=year, defaults={"census_date": census_date, "guide": guide}
        )


def remove(apps, schema_editor):
    apps.get_model("insights", "Sen2Collection").objects.filter(year__in=CENSUS_DATES).delete()


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
