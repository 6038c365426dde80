"""`manage.py directory_import FILE-OR-URL`: import Local Offer entries from an Open Referral UK
feed (a JSON file, or a feed's address) or a CSV file. A dry run unless --apply: it prints what
would be created, updated, left (changed here since: conflicts) or rejected, and why."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from opensend.directory import import_services, imports


class Command(BaseCommand):
    help = "Import Local Offer entries from an Open Referral UK feed or a CSV file (dry run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="A .json or .csv file, or a feed's http(s) address")
        parser.add_argument("--apply", action="store_true", help="Write the entries")
        parser.add_argument("--by", default="", help="The council editor's email (with --apply)")
        parser.add_argument(
            "--replace-local-changes",
            action="store_true",
            help="Also replace entries changed here since they were last imported",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["source"]
        try:
            if source.startswith(("http://", "https://")):
                text, kind = imports.fetch_feed(source), "oruk"
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"There is no file {source}")
                text = imports.decode(path.read_bytes())
                kind = imports.guess_kind(path.name, text)
            entries = imports.read(kind, text)
        except imports.ImportFileError as error:
            raise CommandError(str(error)) from None
        if not options["apply"]:
            planned = import_services.import_plan(
                entries, replace_local_changes=options["replace_local_changes"]
            )
            self._print(import_services.report_of(planned), "Dry run, nothing written")
            return
        actor = get_user_model().objects.filter(email__iexact=options["by"]).first()
        if not options["by"] or actor is None:
            raise CommandError("Give --by with the email of a council Local Offer editor")
        try:
            with transaction.atomic():
                run = import_services.import_check(
                    actor=actor,
                    kind=kind,
                    source=source,
                    text=text,
                    replace_local_changes=options["replace_local_changes"],
                )
                run = import_services.import_apply(actor=actor, run=run)
        except PermissionDenied:
            raise CommandError(f"{options['by']} is not a council Local Offer editor") from None
        self._print(run.report, f"Imported (import {run.pk})")

    def _print(self, report: dict[str, Any], heading: str) -> None:
        self.stdout.write(heading)
        for action, label in import_services.ACTION_LABELS.items():
            self.stdout.write(f"  {label}: {report['counts'][action]}")
        for row in report["rows"]:
            if row["action"] in (import_services.UNCHANGED,):
                continue
            self.stdout.write(f"{row['label']} {row['name'] or '(no name)'}: {row['action']}")
            for reason in row["reasons"]:
                self.stdout.write(f"    {reason}")
            for what, ours, theirs in row["changes"]:
                self.stdout.write(f"    {what}: {ours} -> {theirs}")
