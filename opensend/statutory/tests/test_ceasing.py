"""Ceasing a plan: the legal tests by age (CFA 2014 s45, s46; SEND Regs 2014 regs 29 to 31)."""

from datetime import date

import pytest

from opensend.statutory import CeaseGround, cease_check, plan_end_date

ON = date(2026, 11, 23)


def born_aged(age: int) -> date:
    """A date of birth that makes someone `age` on ON (birthday in May)."""
    return date(ON.year - age, 5, 10)


# DfE SEN2 codes: 1 maximum age; 2 needs met without a plan; 3 higher education; 4 paid
# employment (not apprenticeships); 5 transferred to another LA; 6 no longer wishes to engage in
# education or training; 7 moved outside England; 8 deceased; 9 other.
@pytest.mark.parametrize(
    ("reason", "age", "allowed", "review"),
    [
        ("2", 10, True, False),  # needs met without a plan: any age (s45(1)(b))
        ("2", 17, True, False),
        ("5", 7, True, False),  # transferred to another council: any age
        ("7", 12, True, False),  # moved outside England: any age
        ("8", 3, True, False),  # deceased
        ("6", 15, False, False),  # not in education or training under 18: never (reg 29(2))
        ("6", 17, False, False),
        ("6", 18, True, True),  # 18+: only after a review (reg 30)
        ("6", 22, True, True),
        ("3", 17, False, False),  # higher education: 18+, after a review
        ("3", 18, True, True),
        ("4", 16, False, False),  # paid employment: 18+, after a review
        ("4", 20, True, True),
        ("9", 15, False, False),  # "other" is not a lawful ground under 18
        ("9", 21, True, False),
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


def test_not_in_education_under_18_says_why_in_plain_english():
    check = cease_check("6", born_aged(15), ON)
    assert not check.allowed
    assert check.explanation.startswith("The child or young person is 15.")
    assert "review it and change it" in check.explanation
    assert "29(2)" in check.citation


def test_under_18_refusals_name_the_lawful_grounds():
    for reason in ("3", "4", "6", "9"):
        text = cease_check(reason, born_aged(16), ON).explanation
        assert "no longer needed" in text
        assert "another council" in text


def test_over_19_must_have_regard_to_outcomes():
    assert cease_check("2", born_aged(19), ON).have_regard_to_outcomes
    assert not cease_check("2", born_aged(18), ON).have_regard_to_outcomes
    assert not cease_check("3", born_aged(20), ON).have_regard_to_outcomes
    assert "19 or over" in cease_check("9", born_aged(21), ON).explanation


def test_grounds():
    assert cease_check("2", born_aged(9), ON).ground is CeaseGround.NO_LONGER_NECESSARY
    for reason in ("5", "7", "8"):
        assert cease_check(reason, born_aged(9), ON).ground is CeaseGround.NO_LONGER_RESPONSIBLE
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


def test_further_education_year_ends_on_31_july():
    """Reg 46: 31 July for an institution in the further education sector, else 31 August."""
    assert plan_end_date(date(2001, 5, 10), further_education=True) == date(2026, 7, 31)
    # Turning 25 on 15 August: the FE year (from 1 August) ends the next July; a school's
    # year (to 31 August) ends that same August.
    assert plan_end_date(date(2001, 8, 15), further_education=True) == date(2027, 7, 31)
    assert plan_end_date(date(2001, 8, 15)) == date(2026, 8, 31)
    assert plan_end_date(date(2001, 7, 31), further_education=True) == date(2026, 7, 31)
    assert plan_end_date(date(2001, 8, 1), further_education=True) == date(2027, 7, 31)
    # Reason 1 in the last FE year: allowed from 1 August 2026 for someone turning 25 in Aug 2026.
    assert not cease_check(
        "1", date(2001, 8, 15), date(2026, 7, 31), further_education=True
    ).allowed
    assert cease_check("1", date(2001, 8, 15), date(2026, 8, 1), further_education=True).allowed


def test_unknown_reason():
    with pytest.raises(ValueError, match="SEN2"):
        cease_check("0", born_aged(9), ON)
