"""Ceasing a plan: the legal tests by age (CFA 2014 s45, s46; SEND Regs 2014 regs 29 to 31)."""

from datetime import date

import pytest

from opensend.statutory import CeaseGround, cease_check, plan_end_date

ON = date(2026, 11, 23)


def born_aged(age: int) -> date:
    """A date of birth that makes someone `age` on ON (birthday in May)."""
    return date(ON.year - age, 5, 10)


@pytest.mark.parametrize(
    ("reason", "age", "allowed", "review"),
    [
        ("5", 10, True, False),  # needs met: any age
        ("9", 15, True, False),
        ("4", 7, True, False),  # moved to another council
        ("6", 12, True, False),
        ("7", 3, True, False),
        ("8", 15, False, False),  # left education under 18: never
        ("8", 17, False, False),
        ("8", 18, True, True),  # 18+: only after a review
        ("8", 22, True, True),
        ("2", 17, False, False),  # higher education: 18+
        ("2", 18, True, False),
        ("3", 16, False, False),  # paid employment: 18+
        ("3", 20, True, False),
        ("1", 23, False, False),  # maximum age: the academic year they turn 25
    ],
)
def test_reasons_by_age(reason, age, allowed, review):
    check = cease_check(reason, born_aged(age), ON)
    assert check.age == age
    assert check.allowed is allowed
    assert check.review_required is review
    assert check.citation
    assert check.cited.endswith(").")


def test_left_education_under_18_says_why_in_plain_english():
    check = cease_check("8", born_aged(15), ON)
    assert not check.allowed
    assert check.explanation.startswith("The child or young person is 15.")
    assert "review the plan" in check.explanation
    assert "29(2)" in check.citation


def test_over_19_must_have_regard_to_outcomes():
    assert cease_check("5", born_aged(19), ON).have_regard_to_outcomes
    assert not cease_check("5", born_aged(18), ON).have_regard_to_outcomes
    assert not cease_check("2", born_aged(20), ON).have_regard_to_outcomes
    assert "19 or over" in cease_check("9", born_aged(21), ON).explanation


def test_grounds():
    assert cease_check("5", born_aged(9), ON).ground is CeaseGround.NO_LONGER_NECESSARY
    assert cease_check("4", born_aged(9), ON).ground is CeaseGround.NO_LONGER_RESPONSIBLE
    assert CeaseGround.NO_LONGER_NECESSARY.label == "The plan is no longer necessary"


def test_plan_ends_at_the_end_of_the_academic_year_they_turn_25():
    assert plan_end_date(date(2001, 5, 10)) == date(2026, 8, 31)
    assert plan_end_date(date(2001, 10, 10)) == date(2027, 8, 31)
    assert plan_end_date(date(2000, 2, 29)) == date(2025, 8, 31)
    # turning 25 in May 2026: allowed from this academic year (2025/26) on
    assert cease_check("1", date(2001, 5, 10), ON).allowed
    too_soon = cease_check("1", date(2002, 10, 10), ON)
    assert not too_soon.allowed
    assert "Thursday 31 August 2028" in too_soon.explanation


def test_unknown_reason():
    with pytest.raises(ValueError, match="SEN2"):
        cease_check("0", born_aged(9), ON)
