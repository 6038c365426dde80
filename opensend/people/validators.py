"""Validation of the child record, with the messages people see (tests assert on them)."""

from datetime import date

from django.core.exceptions import ValidationError

from opensend import statutory
from opensend.people.identifiers import nhs_number_problem, uln_problem, upn_problem

DOB_IN_FUTURE = "Date of birth must be today or in the past"
DOB_TOO_OLD = "Date of birth must be for someone aged 25 or under: OpenSEND covers ages 0 to 25"
MAX_AGE = 25


def validate_upn(value: str) -> None:
    problem = upn_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_upn")


def validate_nhs_number(value: str) -> None:
    problem = nhs_number_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_nhs_number")


def validate_uln(value: str) -> None:
    problem = uln_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_uln")


def validate_date_of_birth(value: date, *, today: date) -> None:
    if value > today:
        raise ValidationError(DOB_IN_FUTURE, code="future")
    if statutory.age_on(value, today) > MAX_AGE:
        raise ValidationError(DOB_TOO_OLD, code="too_old")
