"""Write the SEN2 return for a census date to a file, and say what the checks found.

    manage.py sen2_return --census-date 2027-01-21 --output sen2-2027.xml [--csv sen2-2027.csv]

Exits with status 1 when the schema or a pre-submission check fails (the files are still
written, so the records can be checked). Each run is audited as an export of every child in it.
"""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opensend.audit.models import Action
from opensend.audit.services import audit_record_list
from opensend.insights.models import Sen2Collection
from opensend.insights.sen2 import build, checks, tables, xml


class Command(BaseCommand):
    help = "Write the DfE SEN2 person-level return (XML, and optionally CSV) for a census date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--census-date", required=True, help="YYYY-MM-DD, e.g. 2027-01-21")
        parser.add_argument("--output", required=True, type=Path, help="Where to write the XML")
        parser.add_argument("--csv", type=Path, default=None, help="Also write the rows as CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        collection = self._collection(options["census_date"])
        result = build.build(collection)
        document = xml.to_bytes(result.message)
        options["output"].write_bytes(document)
        if options["csv"]:
            options["csv"].write_bytes(tables.csv_bytes(result))
        audit_record_list(
            actor=None,
            objects=[entry.child for entry in result.persons],
            summary=f"SEN2 {collection.year} return (command line)",
            action=Action.EXPORT,
        )
        failures = [f"Schema: {e}" for e in xml.schema_errors(document)] + [
            f"{p.section}: {p.child or 'header'}: {p.message}" for p in checks.problems(result)
        ]
        self.stdout.write(f"{len(result.persons)} children written to {options['output']}")
        if failures:
            for line in failures:
                self.stderr.write(line)
            raise SystemExit(1)
        self.stdout.write("The return passed the schema and the pre-submission checks.")

    def _collection(self, text: str) -> Sen2Collection:
        try:
            census = date.fromisoformat(text)
        except ValueError:
            raise CommandError(
                f"--census-date must be a date like 2027-01-21, not {text!r}"
            ) from None
        try:
            return Sen2Collection.objects.get(census_date=census)
        except Sen2Collection.DoesNotExist:
            known = ", ".join(
                str(d) for d in Sen2Collection.objects.values_list("census_date", flat=True)
            )
            raise CommandError(
                f"No SEN2 collection has the census date {census}. Known: {known}"
            ) from None
