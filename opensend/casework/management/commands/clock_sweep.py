"""Daily sweep of statutory clocks: reminders before advice is due and escalation when late."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from opensend.casework.reminders import advice_sweep


class Command(BaseCommand):
    help = "Send advice reminders (a week before due) and escalate late advice. Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Pretend today is this date (YYYY-MM-DD), for testing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = advice_sweep(today=options["today"] or timezone.localdate())
        self.stdout.write(f"{result.reminders} reminders sent, {result.escalations} escalations")
