"""The one place services read the clock: `today` is passed in by tests, else the local date."""

from datetime import date

from django.utils import timezone


def today_or_local(today: date | None = None) -> date:
    """The given day, or today in the service's time zone (Europe/London)."""
    return today or timezone.localdate()
