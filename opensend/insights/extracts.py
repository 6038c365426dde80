"""Pseudonymised person-level extracts for performance analysts: one row per request for
assessment received in the period, with what became of it, and no name, address or identifier
(plans and reviews: `extracts_plans`).

What is left out: names, date of birth (the age in whole years on the day of the request is
given instead), postcode and address, UPN, ULN, NHS number, and OpenSEND's record numbers. What
stays: sex, ethnicity, locality, team, needs, and the dates of each statutory step (the analysis
needs them).

Pseudonyms are stable within one extract (a child with two requests has the same pseudonym on
both rows) and different in every extract: each download makes a fresh random key, turns each
child's record number into a keyed hash (HMAC-SHA256) with it, and throws the key away. So rows
of two extracts cannot be joined, and a pseudonym cannot be turned back into a child.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import date

from opensend import statutory
from opensend.casework.models import AssessmentRequest
from opensend.insights.sen2.build import Period, assessment_outcome, request_outcome
from opensend.people.models import Child

# The columns about the child on every extract: no name, date of birth, address or identifier.
CHILD_HEADER = ["Sex", "Ethnicity", "Locality", "SENAR team", "Primary need", "Secondary need"]

HEADER = [
    "Pseudonym",
    "Age at request",
    *CHILD_HEADER,
    "Request from",
    "Request received",
    "Decision whether to assess",
    "Decided on",
    "Decision whether to issue a plan",
    "Issue decided on",
    "Final plan issued",
    "Weeks from request to final plan",
    "Exception to the 20-week limit recorded",
    "Stage now",
]


def pseudonymiser() -> Callable[[int], str]:
    """A fresh keyed pseudonym for this extract only: the same child gives the same pseudonym."""
    key = secrets.token_bytes(32)

    def pseudonym(child_id: int) -> str:
        digest = hmac.new(key, str(child_id).encode(), hashlib.sha256).hexdigest()
        return f"P{digest[:12].upper()}"

    return pseudonym


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _weeks(start: date, end: date | None) -> str:
    return f"{(end - start).days / 7:.1f}" if end else ""


def cases_in(start: date, end: date) -> list[AssessmentRequest]:
    return list(
        AssessmentRequest.objects.filter(
            received_on__range=(start, end), child__merged_into__isnull=True
        )
        .select_related("child__locality", "child__senar_team")
        .prefetch_related("clock_exceptions")
        .order_by("received_on", "pk")
    )


def child_cells(child: Child) -> list[str]:
    """What every extract gives about the child (after the pseudonym and the age)."""
    return [
        child.get_sex_display(),
        child.ethnicity,
        child.locality.name if child.locality else "",
        child.senar_team.name if child.senar_team else "",
        child.primary_need,
        child.secondary_need,
    ]


def extract_rows(cases: list[AssessmentRequest], *, start: date, end: date) -> list[list[str]]:
    pseudonym = pseudonymiser()
    period = Period(start, end, end)
    grounds = {g.code.value for g in statutory.get_rule("issue_final_plan").exceptions}
    rows = []
    for case in cases:
        child = case.child
        assess, assessed_on = request_outcome(case, period)
        issue, issued_on = assessment_outcome(case, period) if assess == "Y" else ("", None)
        rows.append(
            [
                pseudonym(child.pk),
                str(statutory.age_on(child.date_of_birth, case.received_on)),
                *child_cells(child),
                case.get_source_display(),
                case.received_on.isoformat(),
                assess,
                _day(assessed_on),
                issue,
                _day(issued_on),
                _day(case.final_issued_on),
                _weeks(case.received_on, case.final_issued_on),
                "yes" if any(e.ground in grounds for e in case.clock_exceptions.all()) else "no",
                case.get_stage_display(),
            ]
        )
    return rows
