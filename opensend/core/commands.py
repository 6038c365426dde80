"""What the daily management commands share: a `--today` option to run them as of another day."""

from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone


def add_today_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="Pretend today is this date (YYYY-MM-DD), for testing.",
    )


def today_from(options: dict[str, Any]) -> date:
    """The `--today` given, else today in the council's time zone."""
    return options.get("today") or timezone.localdate()
