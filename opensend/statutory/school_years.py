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
