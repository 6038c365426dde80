"""`manage.py family_reminders` (daily): remind families 5 days before their time to comment ends.

It lives in `reviews`, the last app of the journey, because it reaches the drafts (plans) and
the proposed amendments (reviews). Safe to run more than once a day: each window is reminded once.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opensend.core.commands import add_today_argument, today_from
from opensend.plans.reminders import draft_comment_reminders_send
from opensend.reviews.amendments.reminders import amendment_comment_reminders_send


class Command(BaseCommand):
    help = (
        "Remind families who have not yet commented that their 15 days on a draft plan or on "
        "proposed changes end in 5 days. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_today_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_from(options)
        drafts = draft_comment_reminders_send(today=today)
        amendments = amendment_comment_reminders_send(today=today)
        self.stdout.write(
            f"Reminded {drafts} famil{'y' if drafts == 1 else 'ies'} about a draft plan and "
            f"{amendments} about proposed changes"
        )
