"""manage.py refresh_due_dates: recompute every stored due date from the rules engine.

`migrate` runs it by itself after a migration marked ``refresh_due_dates = True``; run it by
hand after upgrading `opensend.statutory` without a migration (for example a new bank holiday).
"""

from typing import Any

from django.core.management.base import BaseCommand

from opensend.reviews.due_dates import refresh_due_dates


class Command(BaseCommand):
    help = "Recompute the stored due dates of every open record from the statutory rules."

    def handle(self, *args: Any, **options: Any) -> None:
        result = refresh_due_dates()
        if options["verbosity"] >= 1:
            moved = ", ".join(f"{n} {kind}" for kind, n in result.moved.items() if n) or "none"
            self.stdout.write(f"Stored due dates recomputed: {result.total} moved ({moved}).")
