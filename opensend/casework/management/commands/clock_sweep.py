"""Daily sweep of statutory clocks: reminders before advice is due and escalation when late."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opensend.casework.reminders import advice_sweep
from opensend.core.commands import add_today_argument, today_from


class Command(BaseCommand):
    help = "Send advice reminders (a week before due) and escalate late advice. Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        add_today_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        result = advice_sweep(today=today_from(options))
        self.stdout.write(f"{result.reminders} reminders sent, {result.escalations} escalations")
