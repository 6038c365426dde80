"""Recode cease reasons to DfE's SEN2 code set, and recompute stored due dates after migrate.

Before this migration the codes were numbered from memory (2 higher education, 3 employment,
4 another LA, 5 needs met, 6 moved outside England, 7 deceased, 8 left education). DfE's SEN2
guide numbers them 1 maximum age, 2 needs met without a plan, 3 higher education, 4 paid
employment, 5 transferred to another LA, 6 no longer wishes to engage, 7 moved outside England,
8 deceased, 9 other. Each row is recoded exactly once (by primary key, in one pass); the reverse
undoes it.

``refresh_due_dates = True`` tells ``reviews.apps`` to run ``manage.py refresh_due_dates`` once
every migration in this run is applied: annual reviews are now due the day before the
anniversary (CFA s44(1)) and appeal deadlines follow Tribunal rule 12, so stored dates move.
"""

from django.db import migrations, models

FORWARD = {"1": "1", "2": "3", "3": "4", "4": "5", "5": "2", "6": "7", "7": "8", "8": "6", "9": "9"}
BACKWARD = {new: old for old, new in FORWARD.items()}
CHOICES = [
    ("1", "Reached maximum age (the end of the academic year in which they turned 25)"),
    ("2", "Ongoing educational or training needs being met without an EHC plan"),
    ("3", "Moved on to higher education"),
    ("4", "Moved on to paid employment, excluding apprenticeships"),
    ("5", "Transferred to another local authority"),
    ("6", "Young person no longer wishes to engage in education or training"),
    ("7", "Moved outside England"),
    ("8", "Deceased"),
    ("9", "Other"),
]


def _recode(apps, mapping):
    Cessation = apps.get_model("reviews", "Cessation")
    rows = list(Cessation.objects.only("pk", "reason"))
    for row in rows:
        row.reason = mapping.get(row.reason, row.reason)
    Cessation.objects.bulk_update(rows, ["reason"], batch_size=1000)


def forward(apps, schema_editor):
    _recode(apps, FORWARD)


def backward(apps, schema_editor):
    _recode(apps, BACKWARD)


class Migration(migrations.Migration):
    refresh_due_dates = True

    dependencies = [("reviews", "0003_contribution_document_name")]

    operations = [
        migrations.AlterField(
            model_name="cessation",
            name="reason",
            field=models.CharField(choices=CHOICES, max_length=1),
        ),
        migrations.RunPython(forward, backward),
    ]
