"""`manage.py demo_area`: build a synthetic local area and print the demo logins."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from opensend.demo.generator import MIN_CHILDREN, build_demo_area, demo_login_rows
from opensend.people.models import Child


class Command(BaseCommand):
    help = (
        "Build a synthetic local area (Anytown): settings, staff of every role, children and "
        "families. Never real people. The same --seed always gives the same area."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", type=int, default=3000, help="How many children.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if any child is already recorded (used by `make run`).",
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Only print the demo logins."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["print_logins"]:
            self._print_logins()
            return
        children = int(options["children"])  # type: ignore[call-overload]
        if children < MIN_CHILDREN:
            raise CommandError(f"--children must be at least {MIN_CHILDREN}.")
        if Child.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo area already loaded")
                return
            raise CommandError(
                "There are already children in this database. Use an empty database, "
                "or --if-empty to skip."
            )
        summary = build_demo_area(
            children=children,
            seed=int(options["seed"]),  # type: ignore[call-overload]
            today=timezone.localdate(),
            progress=int(options["verbosity"]) > 0,  # type: ignore[call-overload]
        )
        self.stdout.write(self.style.SUCCESS("Built the demo area (synthetic data, Anytown):"))
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self._print_logins()

    def _print_logins(self) -> None:
        rows = demo_login_rows()
        table = [("Email", "Password", "Role", "Can see", "Child records")]
        table += [
            (
                r.email,
                r.password,
                r.role,
                r.sees,
                "-" if r.child_records is None else str(r.child_records),
            )
            for r in rows
        ]
        widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
        self.stdout.write("Demo logins (every one uses the password shown):")
        for n, row in enumerate(table):
            self.stdout.write(
                "  "
                + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        if all(r.child_records is None for r in rows):
            self.stdout.write("(None of these logins exist yet: run `manage.py demo_area` first.)")
