"""Remind a family once, a few days before their window to be heard closes (issue 14, item 4).

The apps that own a window (plans: the draft; reviews: proposed amendments) choose the records
whose family has said nothing yet, lock them, and call `window_reminders_send`; the day each
reminder goes is `statutory.family_reminder_due`, and the record keeps the day it was sent in
`comments_reminder_sent_on`, so a second run sends nothing."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Protocol, TypeVar

from opensend import statutory
from opensend.notify.services import notification_send


class Window(Protocol):
    """A draft or proposed amendment: about one child, with the day its reminder went."""

    child: Any
    comments_reminder_sent_on: date | None

    def save(self, *, update_fields: list[str]) -> None: ...


W = TypeVar("W", bound=Window)


def window_reminders_send(
    *,
    windows: Iterable[W],
    last_day: Callable[[W], date | None],
    page_link: Callable[[W], str],
    template: str,
    today: date,
) -> int:
    """Send `template` (with `comments_due` and `page_link`) to the family of each window whose
    reminder is due today, by `notification_send` (each person's channel; not to a parent the
    young person keeps things from), and record it. Returns how many windows were reminded."""
    reminded = 0
    for window in windows:
        closes = last_day(window)
        if closes is None or not statutory.family_reminder_due(closes, today):
            continue
        notification_send(
            actor=None,
            template=template,
            child=window.child,
            personalisation={"comments_due": closes, "page_link": page_link(window)},
        )
        window.comments_reminder_sent_on = today
        window.save(update_fields=["comments_reminder_sent_on", "updated_at"])
        reminded += 1
    return reminded
