"""When to remind a family that their window to be heard is about to close.

The family's windows are counted in calendar days: on a draft plan, "a period of at least 15
days beginning with the day on which the draft plan was served" (SEND Regulations 2014,
reg 13(1)(b)), and on proposed amendments, "at least 15 days, beginning with the day on which
the draft plan was served" (reg 22(2)(c)). The law sets no reminder: the family portal
(issue 14) asks for one "five days before a window closes". We count those five days as the
window itself is counted, in calendar days, so the reminder always goes on day 10 of the 15.
Counted in working days it would go on day 6 or 7 in a week with a bank holiday, too early to
be a nudge. An email or text arrives the same day; a letter posted that day still arrives
before the window closes.
"""

from __future__ import annotations

from datetime import date

from opensend.statutory.periods import add_days

__all__ = ["FAMILY_REMINDER_DAYS", "family_reminder_due", "family_reminder_on"]

FAMILY_REMINDER_DAYS = 5


def family_reminder_on(last_day: date) -> date:
    """The day to remind the family: 5 calendar days before the last day of their window."""
    return add_days(last_day, -FAMILY_REMINDER_DAYS)


def family_reminder_due(last_day: date, today: date) -> bool:
    """Whether a reminder not yet sent should go today: from the reminder day until the window's
    last day (a sweep that missed a day catches up), never once the window has closed."""
    return family_reminder_on(last_day) <= today <= last_day
