"""Remind a family once, a few days before their window to be heard closes (issue 14, item 4).

The apps that own a window (plans: the draft; reviews: proposed amendments and the views before
a review meeting) choose the open windows and call `window_reminders_send`, which leaves out
those where the family has said something; the day each reminder goes is
`statutory.family_reminder_due`, and the record keeps the day it was sent (in
`comments_reminder_sent_on` unless the caller names another field), so a second run sends
nothing."""

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from opensend import statutory
from opensend.notify.services import notification_send

# A draft plan or a proposed amendment: with a `child`, `representations` (the family's
# comments) and `comments_reminder_sent_on`.
W = TypeVar("W", bound=Model)


def window_reminders_send(
    *,
    windows: "QuerySet[W]",
    last_day: Callable[[W], date | None],
    page_link: Callable[[W], str],
    template: str,
    today: date,
    sent_on_field: str = "comments_reminder_sent_on",
    not_heard: Q | None = None,
    due_key: str = "comments_due",
) -> int:
    """Send `template` (with `comments_due` and `page_link`) to the family of each window whose
    reminder is due today, by `notification_send` (each person's channel; not to a parent the
    young person keeps things from), and record it. `windows` are the open windows (served, still
    open for comment); those already reminded, or where the family has said anything (a comment,
    a setting asked for, "nothing more to add": any `representations`), are left out here, and
    the rest are locked so two runs at once cannot both send. Call inside a transaction.
    `sent_on_field`, `not_heard` (the filter for "the family have said nothing") and `due_key`
    (the placeholder for the last day) fit another kind of window. Returns how many windows
    were reminded."""
    reminded = 0
    waiting = (
        windows.select_for_update(of=("self",))
        .filter(**{f"{sent_on_field}__isnull": True})
        .filter(Q(representations__isnull=True) if not_heard is None else not_heard)
        .select_related("child")
    )
    for window in waiting:
        record: Any = window
        closes = last_day(window)
        if closes is None or not statutory.family_reminder_due(closes, today):
            continue
        notification_send(
            actor=None,
            template=template,
            child=record.child,
            personalisation={due_key: closes, "page_link": page_link(window)},
        )
        setattr(record, sent_on_field, today)
        record.save(update_fields=[sent_on_field, "updated_at"])
        reminded += 1
    return reminded
