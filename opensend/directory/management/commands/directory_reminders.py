"""`manage.py directory_reminders` (daily): remind providers to check entries going stale."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from opensend.directory.reminders import review_reminders_send


class Command(BaseCommand):
    help = "Email the keepers of Local Offer entries that go stale within a month (or are stale)."

    def handle(self, *args: object, **options: object) -> None:
        sent = review_reminders_send(today=timezone.localdate())
        self.stdout.write(f"Sent {sent} Local Offer reminder{'s' if sent != 1 else ''}")
