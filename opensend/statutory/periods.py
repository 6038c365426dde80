"""Calendar arithmetic for statutory periods.

Every app asks this module (through ``opensend.statutory``) instead of doing its own date sums, so
"6 weeks" or "2 months" means the same thing everywhere. All functions are pure and total for dates
inside ``date.min``..``date.max``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = ["add_days", "add_months", "add_weeks", "months_starting_with"]


def add_days(d: date, n: int) -> date:
    """Return ``d`` moved by ``n`` calendar days (negative goes back).

    "At least 15 days beginning with the day served" counts the day of service as day 1, so callers
    use ``add_days(served, 14)`` for the last day of that window.
    """
    return d + timedelta(days=n)


def add_weeks(d: date, n: int) -> date:
    """Return ``d`` moved by ``n`` weeks: "within N weeks of X" ends on X + 7N days."""
    return d + timedelta(weeks=n)


def add_months(d: date, n: int) -> date:
    """Return the same day number ``n`` months on (or back), clamped to the end of a short month.

    31 January + 1 month is 28 February (29 in a leap year). This matches how a "period of N months"
    is read for the Tribunal and review clocks.
    """
    year, month_index = divmod(d.year * 12 + (d.month - 1) + n, 12)
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))


def months_starting_with(d: date, n: int) -> date:
    """Return the last day of "the period of ``n`` months starting with" ``d`` (``n`` >= 1).

    A period *starting with* a day includes that day, so it ends on the day before the
    corresponding date ``n`` months on: a plan made on 10 June 2026 must be reviewed "in the
    period of 12 months starting with" that day, so by 9 June 2027 (CFA 2014, s44(1)). Where
    the later month has no corresponding date (31 January + 1 month, 29 February + 12 months)
    the period runs to the end of that month, as the corresponding date rule says (Dodds v
    Walker [1980] 1 WLR 1061): the day before the missing date is that month's last day.
    """
    if n < 1:
        raise ValueError("a period of months starting with a day is at least 1 month long")
    year, month_index = divmod(d.year * 12 + (d.month - 1) + n, 12)
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    if d.day > last_day:
        return date(year, month, last_day)
    return date(year, month, d.day) - timedelta(days=1)
