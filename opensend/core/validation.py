"""The checks and messages every service shares, written once.

A service raises `ValidationError({field: [message]})` so the page shows the message next to the
field (a 400, nothing saved) and the API returns it as problem details. Messages a person reads
are in the GOV.UK error-message style: say what went wrong and how to fix it.
"""

from datetime import date

from django.core.exceptions import ValidationError

from opensend import statutory

DATE_IN_FUTURE = "The date cannot be in the future"
BEFORE = "The date cannot be before {what} ({on})"
END_BEFORE_START = "The end date must be on or after the start date"
REASON_REQUIRED = "Enter the reason"
EVIDENCE_REQUIRED = "Describe the evidence for the exception"


def check_not_future(on: date, *, today: date | None, field: str) -> None:
    """Refuse a date after `today` (a step cannot be recorded as done tomorrow)."""
    if today is not None and on > today:
        raise ValidationError({field: [DATE_IN_FUTURE]})


def check_date(
    on: date,
    *,
    today: date | None,
    field: str,
    after: date | None = None,
    what: str = "",
) -> None:
    """Refuse a date in the future, or before `after` (the earlier step it follows: `what`)."""
    check_not_future(on, today=today, field=field)
    if after is not None and on < after:
        raise ValidationError({field: [BEFORE.format(what=what, on=statutory.long_date(after))]})


def check_period(starts_on: date, ends_on: date | None, *, field: str = "ends_on") -> None:
    """Refuse a period that ends before it starts."""
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({field: [END_BEFORE_START]})
