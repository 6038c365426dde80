"""Bank holiday data: fresh enough, weekdays only, and overridable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from types import MappingProxyType

import pytest

from opensend.statutory import (
    add_working_days,
    bank_holidays,
    due,
    family_reminder_due,
    family_reminder_on,
    is_working_day,
)
from opensend.statutory import calendar as working

# England and Wales have 8 regular bank holidays a year (New Year's Day, Good Friday, Easter Monday,
# early May, spring, summer, Christmas Day, Boxing Day), each on a weekday or a substitute weekday.
REGULAR_BANK_HOLIDAYS_PER_YEAR = 8


def test_holiday_data_does_not_run_out() -> None:
    """Fails when the installed holidays package no longer covers this year and the next two.

    Deadlines are set up to two years ahead, so upgrade ``holidays`` (and check GOV.UK's
    https://www.gov.uk/bank-holidays list against EXTRA_BANK_HOLIDAYS) when this fails. This is the
    one place that may read the clock: domain code never does.
    """
    this_year = date.today().year
    for year in range(this_year, this_year + 3):
        days = bank_holidays(year)
        assert len(days) >= REGULAR_BANK_HOLIDAYS_PER_YEAR, f"no bank holiday data for {year}"
        assert any(d.month == 12 and d.day >= 25 for d in days), f"no Christmas in {year}"
        assert any(d.month in (3, 4) for d in days), f"no Easter in {year}"


def test_only_weekdays_are_kept() -> None:
    for year in range(2018, 2031):
        assert all(d.weekday() < 5 for d in bank_holidays(year))


def test_2027_christmas_substitutes() -> None:
    days = bank_holidays(2027)
    assert date(2027, 12, 25) not in days  # a Saturday: listed by the package, dropped here
    assert date(2027, 12, 27) in days
    assert date(2027, 12, 28) in days


def test_override_tables_hold_weekdays_only() -> None:
    for d in [*working.EXTRA_BANK_HOLIDAYS, *working.WITHDRAWN_BANK_HOLIDAYS]:
        assert d.weekday() < 5, f"{d} is a weekend day; it cannot change a working-day count"


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    working.bank_holidays.cache_clear()
    yield
    working.bank_holidays.cache_clear()


@pytest.mark.usefixtures("fresh_cache")
def test_extra_and_withdrawn_days_are_applied(monkeypatch: pytest.MonkeyPatch) -> None:
    made_up = date(2031, 6, 10)  # a Tuesday, not a bank holiday
    spring = date(2031, 5, 26)  # spring bank holiday 2031
    assert is_working_day(made_up)
    working.bank_holidays.cache_clear()
    monkeypatch.setattr(working, "EXTRA_BANK_HOLIDAYS", MappingProxyType({made_up: "Test day"}))
    monkeypatch.setattr(working, "WITHDRAWN_BANK_HOLIDAYS", MappingProxyType({spring: "Moved"}))
    assert not is_working_day(made_up)
    assert is_working_day(spring)
    assert add_working_days(date(2031, 6, 9), 1) == date(2031, 6, 11)


def test_negative_working_days_mirror_positive() -> None:
    start = date(2025, 4, 17)
    forward = add_working_days(start, 5)
    assert add_working_days(forward, -5) == start


def test_a_family_is_reminded_5_calendar_days_before_their_window_closes():
    last_day = due("draft_plan_representations", date(2026, 12, 1))  # served 1 December
    assert last_day == date(2026, 12, 15)
    # Calendar days, like the window: a weekend or bank holiday does not move it.
    assert family_reminder_on(last_day) == date(2026, 12, 10)
    assert family_reminder_on(date(2026, 12, 29)) == date(2026, 12, 24)
    assert not family_reminder_due(last_day, date(2026, 12, 9))
    assert family_reminder_due(last_day, date(2026, 12, 10))
    assert family_reminder_due(last_day, date(2026, 12, 15))  # a missed sweep catches up
    assert not family_reminder_due(last_day, date(2026, 12, 16))  # closed: too late
