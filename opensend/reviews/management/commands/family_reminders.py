"""`manage.py family_reminders` (daily): remind families 5 days before their time to comment ends,
and 5 days before the day to send their views for a review meeting.

It lives in `reviews`, the last app of the journey, because it reaches the drafts (plans),
the proposed amendments and the reviews (reviews). Safe to run more than once a day: each
window is reminded once.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opensend.core.commands import add_today_argument, today_from
from opensend.plans.reminders import draft_comment_reminders_send
from opensend.reviews.amendments.reminders import amendment_comment_reminders_send
from opensend.reviews.heard import review_views_reminders_send


class Command(BaseCommand):
    help = (
        "Remind families who have not yet commented that their 15 days on a draft plan or on "
        "proposed changes end in 5 days, and those who have not sent their views for a review "
        "meeting that the day to send them is in 5 days. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_today_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_from(options)
        drafts = draft_comment_reminders_send(today=today)
        amendments = amendment_comment_reminders_send(today=today)
        reviews = review_views_reminders_send(today=today)
        self.stdout.write(
            f"Reminded {drafts} famil{'y' if drafts == 1 else 'ies'} about a draft plan, "
            f"{amendments} about proposed changes and {reviews} about their views for a review"
        )
