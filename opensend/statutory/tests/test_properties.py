"""Properties that must hold for any date, not just the worked cases."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from opensend.statutory import (
    RULES,
    Unit,
    add_months,
    add_working_days,
    appeal_deadline,
    due,
    is_working_day,
    months_starting_with,
    national_curriculum_year,
    tribunal_last_day,
)

# Bank holidays are computed per year on first use, which can take longer than Hypothesis's default
# 200 ms deadline on a cold cache, so the slow-first-call tests switch the deadline off.
NO_DEADLINE = settings(deadline=None)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
FORWARD = sorted(r.id for r in RULES.values() if r.limit > 0)
BACKWARD = sorted(r.id for r in RULES.values() if r.limit < 0)
FIXED = sorted(r.id for r in RULES.values() if r.unit is Unit.FIXED_DATE)


def test_rules_split_into_forward_backward_and_fixed() -> None:
    assert set(FORWARD) | set(BACKWARD) | set(FIXED) == set(RULES)
    assert BACKWARD == [
        "post16_midyear_transfer_review",
        "review_family_views",
        "review_invitations",
    ]


@NO_DEADLINE
@given(rule_id=st.sampled_from(FORWARD), first=DATES, second=DATES)
def test_forward_rules_are_monotonic_and_never_before_the_trigger(
    rule_id: str, first: date, second: date
) -> None:
    earlier, later = sorted((first, second))
    assert due(rule_id, earlier) <= due(rule_id, later)
    assert due(rule_id, earlier) > earlier


@given(rule_id=st.sampled_from(BACKWARD), first=DATES, second=DATES)
def test_backward_rules_are_monotonic_and_never_after_the_trigger(
    rule_id: str, first: date, second: date
) -> None:
    earlier, later = sorted((first, second))
    assert due(rule_id, earlier) <= due(rule_id, later)
    assert due(rule_id, later) < later


@given(rule_id=st.sampled_from(FIXED), first=DATES, second=DATES)
def test_fixed_date_rules_stay_in_the_transfer_year(
    rule_id: str, first: date, second: date
) -> None:
    earlier, later = sorted((first, second))
    assert due(rule_id, earlier) <= due(rule_id, later)
    assert due(rule_id, first).year == first.year


@NO_DEADLINE
@given(start=DATES, n=st.integers(min_value=1, max_value=60))
def test_working_days_land_on_working_days(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert result > start
    assert is_working_day(result)
    between = (start + timedelta(days=i) for i in range(1, (result - start).days + 1))
    assert sum(is_working_day(d) for d in between) == n


@NO_DEADLINE
@given(start=DATES, n=st.integers(min_value=1, max_value=60))
def test_negative_working_days_go_back(start: date, n: int) -> None:
    result = add_working_days(start, -n)
    assert result < start
    assert is_working_day(result)
    assert add_working_days(result, n) >= start


@given(d=DATES, n=st.integers(min_value=-240, max_value=240))
def test_add_months_clamps(d: date, n: int) -> None:
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    if result.day != d.day:
        assert result.day < d.day
        assert (result + timedelta(days=1)).day == 1  # clamped to the month's last day


@given(decision=DATES, gap=st.integers(min_value=0, max_value=200))
def test_appeal_deadline_is_at_least_both_bounds(decision: date, gap: int) -> None:
    certificate = decision + timedelta(days=gap)
    result = appeal_deadline(decision, certificate)
    by_decision = tribunal_last_day(add_months(decision, 2)).last_day
    by_certificate = tribunal_last_day(add_months(certificate, 1)).last_day
    assert result >= add_months(decision, 2)
    assert result >= add_months(certificate, 1)
    assert result == max(by_decision, by_certificate)
    assert appeal_deadline(decision) == by_decision


@NO_DEADLINE
@given(counted=DATES)
def test_tribunal_last_day_is_the_next_working_day_or_past_the_holiday(counted: date) -> None:
    last = tribunal_last_day(counted).last_day
    assert last >= counted
    assert is_working_day(last)
    in_break = (
        counted.month == 8
        or (counted.month, counted.day) >= (12, 25)
        or (
            counted.month,
            counted.day,
        )
        == (1, 1)
    )
    if in_break:  # r12(3)(a): past the holiday
        assert last.month != 8
        assert not (last.month == 12 and last.day >= 25)
        assert not (last.month == 1 and last.day == 1)
    else:  # r12(2): the next working day, counting from the day the time ends
        assert all(
            not is_working_day(counted + timedelta(days=i)) for i in range((last - counted).days)
        )
    assert (last - counted).days <= 34  # at most from 1 August to the first working day after


@given(d=DATES)
def test_annual_review_period_includes_its_first_day(d: date) -> None:
    """CFA s44(1): the 12 months *starting with* d end the day before the anniversary."""
    last = due("first_annual_review", d)
    assert last == due("next_annual_review", d) == months_starting_with(d, 12)
    assert last < add_months(d, 12) or (d.month == 2 and d.day == 29)
    assert (last - d).days in {363, 364, 365}


@given(
    birth=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    years_on=st.integers(min_value=1, max_value=25),
)
def test_nc_year_goes_up_by_one_each_first_of_september(birth: date, years_on: int) -> None:
    first_sept = date(birth.year + years_on, 9, 1)
    before = national_curriculum_year(birth, first_sept - timedelta(days=1))
    after = national_curriculum_year(birth, first_sept)
    assert after == before + 1
    assert national_curriculum_year(birth, date(first_sept.year + 1, 8, 31)) == after
