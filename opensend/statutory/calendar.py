"""Working days in England and Wales.

A working day is any day except a Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday
in England and Wales. Mediation certificates run on working days (SEND Regulations 2014, regs 34
to 39).

Bank holidays come from the ``holidays`` package. It also lists the real weekend date of Christmas,
Boxing Day or New Year's Day next to the weekday that replaces it, so we keep weekdays only; that
set matches the GOV.UK England-and-Wales list. One-off days (a jubilee, a coronation, a state
funeral) are announced at short notice, so a local table lets us add them before the package
catches up.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays

__all__ = [
    "EXTRA_BANK_HOLIDAYS",
    "WITHDRAWN_BANK_HOLIDAYS",
    "add_working_days",
    "bank_holidays",
    "is_working_day",
]

# One-off bank holidays that the installed ``holidays`` package does not know yet.
# To add one: put a line ``date(YYYY, M, D): "Name (link to the GOV.UK announcement)",`` inside the
# braces, add a worked case to tests/cases.csv, and remove the line once a newer ``holidays``
# release lists the day.
# Only weekdays make sense here (a Saturday or Sunday is never a working day anyway).
EXTRA_BANK_HOLIDAYS: Mapping[date, str] = MappingProxyType({})

# Days the package lists that are not bank holidays after all, for example when a proclamation moves
# a day (as in 2020, when the early May bank holiday moved from Monday 4 May to Friday 8 May). Add
# the moved-from day here and the moved-to day to EXTRA_BANK_HOLIDAYS.
WITHDRAWN_BANK_HOLIDAYS: Mapping[date, str] = MappingProxyType({})

_SATURDAY = 5


@lru_cache(maxsize=128)
def bank_holidays(year: int) -> frozenset[date]:
    """Return the weekday bank holidays (including Christmas Day and Good Friday) in ``year``.

    The result is cached per year; the override tables are read once per year, at first use.
    """
    # Same data as ``holidays.UK(subdiv="ENG")``; this spelling is the one mypy can type-check.
    listed = holidays.country_holidays("GB", subdiv="ENG", years=year)
    days = {d for d in listed if d.weekday() < _SATURDAY}
    days |= {d for d in EXTRA_BANK_HOLIDAYS if d.year == year and d.weekday() < _SATURDAY}
    days -= set(WITHDRAWN_BANK_HOLIDAYS)
    return frozenset(days)


def is_working_day(d: date) -> bool:
    """Say whether ``d`` is a working day in England and Wales."""
    return d.weekday() < _SATURDAY and d not in bank_holidays(d.year)


def add_working_days(start: date, n: int) -> date:
    """Return the ``n``-th working day after ``start``; ``start`` itself is never counted.

    ``n == 0`` returns ``start`` unchanged, even if it is not a working day. A negative ``n`` counts
    backwards: ``add_working_days(d, -1)`` is the last working day before ``d``. Going backwards is
    useful for "send it N working days before the meeting" and mirrors the forward count exactly.
    """
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    current = start
    while remaining:
        current += step
        if is_working_day(current):
            remaining -= 1
    return current
