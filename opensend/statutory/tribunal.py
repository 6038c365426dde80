"""When an act before the SEND Tribunal is in time: rule 12 of the Tribunal's procedure rules.

The Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules
2008, rule 12 ("Calculating time"):

- r12(2): "If the time specified by these Rules, a practice direction or a direction for doing
  any act ends on a day other than a working day, the act is done in time if it is done on the
  next working day."
- r12(3)(a): in a special educational needs case, "if the time for starting proceedings by
  providing the application notice to the Tribunal under rule 20 (notice of appeal) ends on any
  day from 25th December to 1st January inclusive, or on any day in August, the application notice
  is provided in time if it is provided to the Tribunal on the first working day after 1st January
  or 31st August, as appropriate".
- r12(5): a working day is any day except a Saturday or Sunday, Christmas Day, Good Friday or a
  bank holiday (``calendar.is_working_day``).

So the 2-month and 1-month appeal limits of rule 20 are first counted as calendar months, then
moved by rule 12. We apply r12(3)(a) to the day the count ends (it speaks of the time *ending*
in the holiday), and r12(2) otherwise. Pure Python: pass the dates in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from opensend.statutory.calendar import is_working_day

__all__ = ["TRIBUNAL_TIME_CITATION", "TribunalDay", "tribunal_last_day"]

TRIBUNAL_TIME_CITATION = (
    "Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) "
    "Rules 2008, rule 12"
)
_AUGUST = 8
_DECEMBER = 12
_CHRISTMAS_DAY = 25


@dataclass(frozen=True, slots=True)
class TribunalDay:
    """The last day in time for an appeal, the day the count ended, and why they differ."""

    counted_to: date
    last_day: date
    reason: str  # "" when the count ended on a working day outside the holidays
    citation: str

    @property
    def moved(self) -> bool:
        return self.last_day != self.counted_to


def _next_working_day_on_or_after(d: date) -> date:
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def _in_christmas_break(d: date) -> bool:
    return (d.month == _DECEMBER and d.day >= _CHRISTMAS_DAY) or (d.month == 1 and d.day == 1)


def tribunal_last_day(counted_to: date, *, starting_proceedings: bool = True) -> TribunalDay:
    """Apply rule 12 to the day a Tribunal time limit ends.

    ``starting_proceedings`` is True for a notice of appeal (r12(3)(a) applies); other acts get
    r12(2) only here (r12(3)(b) leaves the holidays out of the count itself, which the Tribunal's
    own directions set and OpenSEND does not calculate).
    """
    if starting_proceedings and _in_christmas_break(counted_to):
        first_after = date(counted_to.year + (counted_to.month == _DECEMBER), 1, 2)
        last_day = _next_working_day_on_or_after(first_after)
        reason = (
            "The time to appeal ends between 25 December and 1 January, so an appeal is in time "
            "on the first working day after 1 January"
        )
        return TribunalDay(counted_to, last_day, reason, f"{TRIBUNAL_TIME_CITATION}(3)(a)")
    if starting_proceedings and counted_to.month == _AUGUST:
        last_day = _next_working_day_on_or_after(date(counted_to.year, 9, 1))
        reason = (
            "The time to appeal ends in August, so an appeal is in time on the first working day "
            "after 31 August"
        )
        return TribunalDay(counted_to, last_day, reason, f"{TRIBUNAL_TIME_CITATION}(3)(a)")
    last_day = _next_working_day_on_or_after(counted_to)
    reason = (
        ""
        if last_day == counted_to
        else "The time ends on a day that is not a working day, so the act is in time on the "
        "next working day"
    )
    return TribunalDay(counted_to, last_day, reason, f"{TRIBUNAL_TIME_CITATION}(2)")
