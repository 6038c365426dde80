"""Advice for an assessment (reg 6–8): asked for, submitted by the professional, or reused
from advice already held for the child."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.casework.models import AdviceKind, AdviceRequest, AssessmentRequest, Stage, StepKind
from opensend.casework.services._shared import (
    check_step_date,
    locked_at,
    record_step,
    refresh_clocks,
)
from opensend.core import uploads
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.notify.services import notification_send_to_organisation

ADVICE_ALREADY_SUBMITTED = "This advice has already been submitted"
NOT_YOUR_ADVICE = "Only the organisation asked can submit this advice"
ADVICE_EMPTY = "Write the advice, or upload a document"


@transaction.atomic
def advice_request_send(
    *,
    actor: Actor,
    case: AssessmentRequest,
    kind: str,
    organisation: Any,
    requested_on: date,
    questions: str = "",
    today: date | None = None,
) -> AdviceRequest:
    """Ask one organisation for advice; it has 6 weeks (reg 8)."""
    case = locked_at(actor, case, Stage.ASSESSING)
    check_step_date(case, requested_on, today=today_or_local(today), field="requested_on")
    if case.assess_decision_on and requested_on < case.assess_decision_on:
        raise ValidationError(
            {"requested_on": ["Advice is requested after the decision to assess"]}
        )
    if kind not in AdviceKind.values:
        raise ValidationError({"kind": ["Choose the kind of advice"]})
    if kind == AdviceKind.PREPARING_FOR_ADULTHOOD and case.child.nc_year_on(requested_on) < 9:
        raise ValidationError({"kind": ["Preparing-for-adulthood advice is for Year 9 and above"]})
    advice = AdviceRequest.objects.create(
        request=case,
        kind=kind,
        organisation=organisation,
        requested_on=requested_on,
        questions=questions,
    )
    record_step(
        case, kind=StepKind.ADVICE_REQUESTED, on=requested_on, actor=actor, summary=str(advice)
    )
    notification_send_to_organisation(
        actor=actor,
        template="advice_requested",
        organisation=organisation,
        child=case.child,
        personalisation={
            "advice_type": advice.get_kind_display(),
            "advice_due": statutory.due("provide_advice", requested_on),
            "advice_link": f"/casework/advice/{advice.pk}/",
        },
    )
    refresh_clocks(case)
    return advice


@transaction.atomic
def advice_submit(
    *,
    actor: Actor,
    advice: AdviceRequest,
    needs: str = "",
    outcomes: str = "",
    provision: str = "",
    document: Any = None,
    submitted_on: date | None = None,
    today: date | None = None,
) -> AdviceRequest:
    """A professional submits their advice (structured, or as a document)."""
    today = today_or_local(today)
    advice = (
        AdviceRequest.objects.select_for_update(of=("self",))
        .select_related("request")
        .get(pk=advice.pk)
    )
    if advice.organisation_id not in access_for(actor).organisation_ids and not user_can(
        actor, Capability.EDIT_CHILDREN
    ):
        raise PermissionDenied(NOT_YOUR_ADVICE)
    if advice.received_on is not None:
        raise ValidationError(ADVICE_ALREADY_SUBMITTED)
    checked = uploads.checked_or_error(document)
    if not (needs.strip() or outcomes.strip() or provision.strip() or checked):
        raise ValidationError({"needs": [ADVICE_EMPTY]})
    submitted_on = submitted_on or today
    if submitted_on > today or submitted_on < advice.requested_on:
        raise ValidationError({"submitted_on": ["The date must be between the request and today"]})
    advice.needs, advice.outcomes, advice.provision = needs, outcomes, provision
    advice.received_on = submitted_on
    advice.submitted_by = actor
    if checked:
        uploads.attach_document(advice, checked)
    try:
        advice.save()
    except Exception:
        uploads.delete_stored(advice.document)
        raise
    record_step(
        advice.request,
        kind=StepKind.ADVICE_RECEIVED,
        on=submitted_on,
        actor=actor,
        summary=str(advice),
    )
    refresh_clocks(advice.request)
    return advice


@transaction.atomic
def advice_reuse(
    *,
    actor: Actor,
    case: AssessmentRequest,
    previous: AdviceRequest,
    on: date | None = None,
    today: date | None = None,
) -> AdviceRequest:
    """Use advice already held for this child instead of asking again (tell it once)."""
    today = today_or_local(today)
    case = locked_at(actor, case, Stage.ASSESSING)
    if previous.request.child_id != case.child_id or previous.received_on is None:
        raise ValidationError("Only advice already received for this child can be reused")
    if previous.received_on < statutory.add_months(today, -12):
        raise ValidationError("This advice is more than a year old: ask for new advice")
    on = on or today
    advice = AdviceRequest.objects.create(
        request=case,
        kind=previous.kind,
        organisation=previous.organisation,
        requested_on=on,
        received_on=on,
        needs=previous.needs,
        outcomes=previous.outcomes,
        provision=previous.provision,
        document=previous.document,
        document_name=previous.document_name,
        document_type=previous.document_type,
        reused_from=previous,
        submitted_by=actor,
    )
    record_step(case, kind=StepKind.ADVICE_REUSED, on=on, actor=actor, summary=str(advice))
    refresh_clocks(case)
    return advice
