"""An exception to a time limit on a case (reg 5(4), 8(2), 10(4), 13(3)), recorded never
silently: the case shows which limit it lifts, and why."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.casework.clocks import clocks_for
from opensend.casework.models import AdviceRequest, AssessmentRequest, ClockException, StepKind
from opensend.casework.services._shared import locked, record_step, refresh_clocks
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import EVIDENCE_REQUIRED, check_period

EXCEPTION_NOT_ALLOWED = "That exception does not apply to any clock on this case"
EXCEPTION_LABELS = {
    "school_closure": "School or college closed for 4 weeks or more",
    "early_years_closure": "Early years provider closed for 4 weeks or more",
    "personal_circumstances": "Exceptional personal circumstances",
    "absent_from_area": "Away from the area for 4 weeks or more",
    "absent_from_area_2_weeks": "Away from the area for 2 weeks or more",
    "missed_appointment": "Missed an appointment for advice",
    "representations_on_content": "Family wish to make representations on the plan's content",
}


@transaction.atomic
def clock_exception_record(
    *,
    actor: Actor,
    case: AssessmentRequest,
    ground: str,
    starts_on: date,
    evidence: str,
    ends_on: date | None = None,
    advice: AdviceRequest | None = None,
    today: date | None = None,
) -> ClockException:
    """Record a reg 5(4)/8(2)/10(4)/13(3) exception: the case shows the limit lifted, and why."""
    check_capability(actor, Capability.MANAGE_CASES)
    case = locked(case)
    if ground not in statutory.StatutoryException._value2member_map_:
        raise ValidationError({"ground": ["Choose the reason the time limit does not apply"]})
    applicable = {
        g.code.value for c in clocks_for(case) for g in statutory.get_rule(c.rule_id).exceptions
    }
    if ground not in applicable:
        raise ValidationError({"ground": [EXCEPTION_NOT_ALLOWED]})
    check_period(starts_on, ends_on)
    if not evidence.strip():
        raise ValidationError({"evidence": [EVIDENCE_REQUIRED]})
    exception = ClockException.objects.create(
        request=case,
        advice_request=advice,
        ground=ground,
        starts_on=starts_on,
        ends_on=ends_on,
        evidence=evidence,
        recorded_by=actor,
    )
    record_step(
        case,
        kind=StepKind.EXCEPTION_RECORDED,
        on=min(starts_on, today_or_local(today)),
        actor=actor,
        summary=EXCEPTION_LABELS[ground],
        reasons=evidence,
    )
    refresh_clocks(case)
    return exception
