"""Advice for an assessment (reg 6–8): asked for, submitted by the professional, or reused
from advice already held for the child."""

from collections.abc import Sequence
from datetime import date
from typing import Any, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opensend import statutory
from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.casework.models import (
    ADVICE_FROM,
    AdviceKind,
    AdviceRequest,
    AdviceVersion,
    AssessmentRequest,
    Stage,
    StepKind,
)
from opensend.casework.services._shared import (
    check_step_date,
    locked_at,
    record_step,
    refresh_clocks,
)
from opensend.core import uploads
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.notify.alerts import alert_send, desk_of
from opensend.notify.models import AlertKind
from opensend.notify.services import notification_send_to_organisation

ADVICE_ALREADY_SUBMITTED = "This advice has already been submitted"
NOT_YOUR_ADVICE = "Only the organisation asked can submit this advice"
ADVICE_EMPTY = "Write the advice, upload a document, or say that you found no needs"
ADVICE_NOT_SUBMITTED = "This advice has not been submitted yet"
ADVICE_WITHDRAWN = "This advice request was withdrawn"


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
    check_advice_organisation(kind, organisation)
    _check_not_asked(case, kind, organisation)
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
def advice_request_all(
    *,
    actor: Actor,
    case: AssessmentRequest,
    asks: Sequence[tuple[str, Any]],
    requested_on: date,
    questions: str = "",
    today: date | None = None,
) -> list[AdviceRequest]:
    """Ask several organisations at once (each `(kind, organisation)`), each with its own
    6 weeks (reg 8). Every ask is checked before any is sent: one refusal sends none, with the
    reason next to that organisation (`<kind>_organisation`)."""
    if not asks:
        raise ValidationError("Choose at least one organisation to ask")
    errors: dict[str, list[str]] = {}
    for kind, organisation in asks:
        try:
            check_advice_organisation(kind, organisation)
            _check_not_asked(case, kind, organisation)
        except ValidationError as exc:
            errors[f"{kind}_organisation"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return [
        advice_request_send(
            actor=actor,
            case=case,
            kind=kind,
            organisation=organisation,
            requested_on=requested_on,
            questions=questions,
            today=today,
        )
        for kind, organisation in asks
    ]


def _check_not_asked(case: AssessmentRequest, kind: str, organisation: Any) -> None:
    """An exact duplicate (same kind, same organisation, not withdrawn) is refused."""
    if case.advice_requests.filter(
        kind=kind, organisation=organisation, withdrawn_on__isnull=True
    ).exists():
        raise ValidationError(
            {"organisation": [f"{organisation} has already been asked for this advice"]}
        )


def check_advice_organisation(kind: str, organisation: Any) -> None:
    """Each kind of advice goes to the kind of body the law names (reg 6(1))."""
    allowed = ADVICE_FROM.get(kind)
    if allowed and organisation.kind not in allowed:
        raise ValidationError(
            {
                "organisation": [
                    f"{organisation} cannot give {AdviceKind(kind).label.lower()} advice: "
                    "choose a different organisation or kind of advice"
                ]
            }
        )


class AdviceContent(TypedDict, total=False):
    """What an adviser writes or attaches: the same on a draft, a submission and a correction."""

    needs: str
    outcomes: str
    provision: str
    no_needs: bool
    document: Any


def _take_content(
    advice: AdviceRequest, content: AdviceContent, *, required: bool = True
) -> uploads.CheckedUpload | None:
    """Put the adviser's words on the advice (not yet saved) and check the upload; submitted
    advice must say something: text, "no needs", or a document (new or kept from a draft)."""
    needs, outcomes = content.get("needs", ""), content.get("outcomes", "")
    provision, no_needs = content.get("provision", ""), content.get("no_needs", False)
    checked = uploads.checked_or_error(content.get("document"))
    said = needs.strip() or outcomes.strip() or provision.strip() or no_needs
    if required and not (said or checked or advice.document):
        raise ValidationError({"needs": [ADVICE_EMPTY]})
    advice.needs, advice.outcomes, advice.provision = needs, outcomes, provision
    advice.no_needs = no_needs
    return checked


def _locked_for_adviser(actor: Actor, advice: AdviceRequest) -> AdviceRequest:
    advice = (
        AdviceRequest.objects.select_for_update(of=("self",))
        .select_related("request")
        .get(pk=advice.pk)
    )
    if advice.organisation_id not in access_for(actor).organisation_ids and not user_can(
        actor, Capability.EDIT_CHILDREN
    ):
        raise PermissionDenied(NOT_YOUR_ADVICE)
    if advice.withdrawn_on is not None:
        raise ValidationError(ADVICE_WITHDRAWN)
    return advice


def _store(advice: AdviceRequest, checked: uploads.CheckedUpload | None) -> None:
    if checked:
        uploads.attach_document(advice, checked)
    try:
        advice.save()
    except Exception:
        if checked:
            uploads.delete_stored(advice.document)
        raise


def _new_version(advice: AdviceRequest, *, actor: Actor, reason: str = "") -> AdviceVersion:
    number = (advice.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return AdviceVersion.objects.create(
        advice=advice,
        number=number,
        needs=advice.needs,
        outcomes=advice.outcomes,
        provision=advice.provision,
        no_needs=advice.no_needs,
        document=advice.document,
        document_name=advice.document_name,
        document_type=advice.document_type,
        submitted_at=timezone.now(),
        submitted_by=actor,
        change_reason=reason,
    )


@transaction.atomic
def advice_draft_save(
    *,
    actor: Actor,
    advice: AdviceRequest,
    submitted_on: date | None = None,
    **content: Unpack[AdviceContent],
) -> AdviceRequest:
    """Keep the adviser's work without sending it: only their organisation sees a draft. A draft
    has no date, so `submitted_on` (sent by the same form) is not used."""
    advice = _locked_for_adviser(actor, advice)
    if advice.received_on is not None:
        raise ValidationError(ADVICE_ALREADY_SUBMITTED)
    checked = _take_content(advice, content, required=False)
    advice.draft_saved_at, advice.draft_saved_by = timezone.now(), actor
    _store(advice, checked)
    return advice


@transaction.atomic
def advice_submit(
    *,
    actor: Actor,
    advice: AdviceRequest,
    submitted_on: date | None = None,
    today: date | None = None,
    **content: Unpack[AdviceContent],
) -> AdviceRequest:
    """A professional submits their advice (structured, as a document, or "no needs in my
    area"); it becomes version 1. A document saved with a draft is kept."""
    today = today_or_local(today)
    advice = _locked_for_adviser(actor, advice)
    if advice.received_on is not None:
        raise ValidationError(ADVICE_ALREADY_SUBMITTED)
    submitted_on = submitted_on or today
    if submitted_on > today or submitted_on < advice.requested_on:
        raise ValidationError({"submitted_on": ["The date must be between the request and today"]})
    checked = _take_content(advice, content)
    advice.received_on = submitted_on
    advice.submitted_by = actor
    _store(advice, checked)
    _new_version(advice, actor=actor)
    record_step(
        advice.request,
        kind=StepKind.ADVICE_RECEIVED,
        on=submitted_on,
        actor=actor,
        summary=str(advice),
    )
    _alert_caseworker(actor, advice, "has arrived")
    refresh_clocks(advice.request)
    return advice


@transaction.atomic
def advice_correct(
    *,
    actor: Actor,
    advice: AdviceRequest,
    reason: str,
    today: date | None = None,
    **content: Unpack[AdviceContent],
) -> AdviceVersion:
    """The adviser corrects advice already sent: a new version, with who, when and why; the
    earlier versions stay readable. The date the advice was received does not move."""
    today = today_or_local(today)
    advice = _locked_for_adviser(actor, advice)
    if advice.received_on is None:
        raise ValidationError(ADVICE_NOT_SUBMITTED)
    if not reason.strip():
        raise ValidationError({"reason": ["Say what you changed and why"]})
    checked = _take_content(advice, content)
    _store(advice, checked)
    version = _new_version(advice, actor=actor, reason=reason.strip())
    record_step(
        advice.request,
        kind=StepKind.ADVICE_CORRECTED,
        on=today,
        actor=actor,
        summary=f"{advice}: version {version.number}",
        reasons=reason.strip(),
    )
    _alert_caseworker(actor, advice, f"has been corrected (version {version.number})")
    return version


def _alert_caseworker(actor: Actor, advice: AdviceRequest, what: str) -> None:
    child = advice.request.child
    alert_send(
        actor=actor,
        users=desk_of(child, advice.request.caseworker),
        kind=AlertKind.ADVICE_IN,
        text=f"{advice.get_kind_display()} advice for {child.full_name} from "
        f"{advice.organisation} {what}",
        url=reverse("casework:advice_detail", args=[advice.pk]),
        child=child,
    )


@transaction.atomic
def advice_withdraw(
    *,
    actor: Actor,
    advice: AdviceRequest,
    reason: str,
    on: date | None = None,
    today: date | None = None,
) -> AdviceRequest:
    """The caseworker withdraws an advice request that is no longer needed (with a reason);
    its 6-week clock stops and the organisation is told."""
    today = today_or_local(today)
    case = locked_at(actor, advice.request, Stage.ASSESSING)
    advice = AdviceRequest.objects.select_for_update(of=("self",)).get(pk=advice.pk)
    if advice.received_on is not None:
        raise ValidationError("Advice already received cannot be withdrawn")
    if advice.withdrawn_on is not None:
        raise ValidationError(ADVICE_WITHDRAWN)
    if not reason.strip():
        raise ValidationError({"reason": ["Say why the advice is no longer needed"]})
    on = on or today
    if on > today or on < advice.requested_on:
        raise ValidationError({"on": ["The date must be between the request and today"]})
    advice.withdrawn_on, advice.withdrawn_reason = on, reason.strip()
    advice.save(update_fields=["withdrawn_on", "withdrawn_reason", "updated_at"])
    record_step(
        case,
        kind=StepKind.ADVICE_WITHDRAWN,
        on=on,
        actor=actor,
        summary=str(advice),
        reasons=reason.strip(),
    )
    notification_send_to_organisation(
        actor=actor,
        template="advice_withdrawn",
        organisation=advice.organisation,
        child=case.child,
        personalisation={
            "advice_type": advice.get_kind_display(),
            "reason": reason.strip(),
            "advice_link": f"/casework/advice/{advice.pk}/",
        },
    )
    refresh_clocks(case)
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
