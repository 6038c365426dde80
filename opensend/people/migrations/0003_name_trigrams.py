"""Typo-tolerant child search on PostgreSQL: pg_trgm and trigram indexes on the names.

pg_trgm is a trusted extension (PostgreSQL 13+), so the database owner can create it. On
SQLite nothing happens here: people.apps registers a similarity function instead.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

NAME_FIELDS = ("given_name", "family_name", "preferred_name")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in NAME_FIELDS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS people_child_{field}_trgm "
            f"ON people_child USING gin ({field} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in NAME_FIELDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS people_child_{field}_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_need_types")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
