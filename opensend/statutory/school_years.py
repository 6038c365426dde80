"""School years in England: the academic year starts on 1 September.

National Curriculum years follow the academic year of birth: a child born from 1 September 2019
to 31 August 2020 starts Reception on 1 September 2024. Phase transfers (reg 18) are planned from
these.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "academic_year",
    "academic_year_start",
    "compulsory_school_age_ends",
    "is_young_person",
    "national_curriculum_year",
    "national_curriculum_year_label",
]

_SEPTEMBER = 9
# A child born in academic year A starts Reception in academic year A + 5 (the September after they
# turn 4).
_RECEPTION_OFFSET = 5


def academic_year(on: date) -> int:
    """Return the calendar year in which the academic year containing ``on`` began."""
    return on.year if on.month >= _SEPTEMBER else on.year - 1


def academic_year_start(on: date) -> date:
    """Return 1 September of the academic year that contains ``on``."""
    return date(academic_year(on), _SEPTEMBER, 1)


def national_curriculum_year(date_of_birth: date, on: date) -> int:
    """Return the National Curriculum year group a child is in on ``on``.

    Reception is 0 and Year 1 is 1; nursery years are negative (N2 is -1, N1 is -2). This is the
    year group by age; a child taught out of year group is recorded elsewhere.
    """
    if on < date_of_birth:
        msg = f"{on.isoformat()} is before the date of birth {date_of_birth.isoformat()}"
        raise ValueError(msg)
    return academic_year(on) - academic_year(date_of_birth) - _RECEPTION_OFFSET


def national_curriculum_year_label(year: int) -> str:
    """Return plain words for a year group number: "Reception", "Year 7", "Nursery (N2)"."""
    if year == 0:
        return "Reception"
    if year > 0:
        return f"Year {year}"
    return f"Nursery (N{3 + year})" if year >= -2 else "Early years (under nursery age)"


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on a date (someone born on 29 February turns a year older on 1 March)."""
    if on < date_of_birth:
        raise ValueError("The date is before the date of birth.")
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


# The school leaving date is "the last Friday in June" (the Education (School Leaving Date) Order
# 1997, art. 2).
_JUNE = 6
_FRIDAY = 4
YOUNG_PERSON_CITATION = (
    'Children and Families Act 2014, section 83(2): "young person" means a person over '
    "compulsory school age but under 25. Education Act 1996, section 8(3), and the Education "
    "(School Leaving Date) Order 1997: compulsory school age ends on the last Friday in June of "
    "the school year in which the person turns 16. SEND Code of Practice 2015, paragraph 8.13: "
    "after that, the right to make requests and decisions under the Act applies to the young "
    "person directly, rather than to their parents."
)


def compulsory_school_age_ends(date_of_birth: date) -> date:
    """Return the last day of compulsory school age: the last Friday in June of the school year
    (September to August) in which the person turns 16 (Education Act 1996, s.8(3))."""
    sixteenth = date(date_of_birth.year + 16, date_of_birth.month, 1)
    june = date(academic_year(sixteenth) + 1, _JUNE, 30)
    return date(june.year, _JUNE, june.day - (june.weekday() - _FRIDAY) % 7)


def is_young_person(date_of_birth: date, on: date) -> bool:
    """Return whether the person is over compulsory school age on ``on`` (and so holds their
    own rights under Part 3 of the Children and Families Act 2014, s.83(2)), and under 25."""
    return compulsory_school_age_ends(date_of_birth) < on and age_on(date_of_birth, on) < 25
