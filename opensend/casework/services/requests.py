"""A request for an EHC needs assessment: recorded, acknowledged, assigned, withdrawn, and the
family's views captured once."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from opensend import statutory
from opensend.accounts.permissions import Capability, access_for, check_capability, user_can
from opensend.accounts.roles import Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.models import (
    OPEN_STAGES,
    AssessmentRequest,
    FamilyViews,
    RequestDocument,
    RequestSource,
    Stage,
    StepKind,
)
from opensend.casework.services._shared import (
    check_step_date,
    locked,
    locked_at,
    record_step,
    refresh_clocks,
)
from opensend.core import uploads
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import DATE_IN_FUTURE
from opensend.notify.alerts import alert_send, desk_of
from opensend.notify.models import AlertKind
from opensend.notify.services import notification_send
from opensend.people.models import Child, Setting

SETTING_REQUIRED = "Choose the setting making the request"
SUPPORT_EVIDENCE_REQUIRED = "A request from a setting must include its SEN support evidence"
YOUNG_PERSON_TOO_YOUNG = "A young person can make their own request only from age 16"
OPEN_REQUEST_EXISTS = "This child already has an open request (received {received})"
NOT_YOUR_SETTING = "You can only ask for an assessment on behalf of your own setting"
ASKED_TODAY = "A request made online is received on the day it is sent"
NOT_THE_REQUESTER = "You can only make a request as yourself"


def _check_requester(
    actor: Actor, *, source: str, setting: Setting | None, received_on: date, today: date
) -> dict[str, list[str]]:
    """Someone outside the SENAR team asks as themselves, for their own setting, today.

    Staff record requests that arrived by any route, on the day they arrived; a parent, young
    person or SENCO using OpenSEND is the requester and their request arrives when they send
    it (CFA 2014 s36(1); reg 5(1) counts the 6 weeks from receiving it)."""
    if user_can(actor, Capability.MANAGE_CASES):
        return {}
    errors: dict[str, list[str]] = {}
    if received_on != today:
        errors["received_on"] = [ASKED_TODAY]
    access = access_for(actor)
    may_be: dict[str, bool] = {
        RequestSource.PARENT: access.has(Role.PARENT),
        RequestSource.YOUNG_PERSON: access.has(Role.YOUNG_PERSON),
        RequestSource.SETTING: access.has(Role.SENCO),
    }
    if not may_be.get(source, False):
        errors["source"] = [NOT_THE_REQUESTER]
    elif source == RequestSource.SETTING and (
        setting is None or setting.pk not in access.setting_ids
    ):
        errors["requested_by_setting"] = [NOT_YOUR_SETTING]
    return errors


def _store_evidence(
    case: AssessmentRequest, documents: Sequence[uploads.CheckedUpload], *, actor: Actor
) -> None:
    """Keep each checked file with the request; if saving fails, nothing is left stored."""
    stored: list[RequestDocument] = []
    try:
        for checked in documents:
            document = RequestDocument(request=case, uploaded_by=actor)
            uploads.attach_document(document, checked)
            stored.append(document)
            document.save()
    except Exception:
        for document in stored:
            uploads.delete_stored(document.document)
        raise
    if stored:
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=case,
            child_id=case.child_id,
            summary=f"Evidence sent with the request: {', '.join(d.document_name for d in stored)}"[
                :300
            ],
        )


@transaction.atomic
def request_create(
    *,
    actor: Actor,
    child: Child,
    received_on: date,
    source: str,
    requested_by_setting: Setting | None = None,
    requester_name: str = "",
    needs_summary: str = "",
    support_tried: str = "",
    outcomes_so_far: str = "",
    advice_so_far: str = "",
    people_who_know: str = "",
    agreed: bool = False,
    evidence: Sequence[uploads.CheckedUpload] = (),
    caseworker: Any = None,
    today: date | None = None,
) -> AssessmentRequest:
    """Record a request for an EHC needs assessment; its clocks start from `received_on`.

    `agreed`: the family agreed we may contact the people who know the child (their own
    request), or the setting confirmed the family knows and agrees (CoP 9.8)."""
    today = today_or_local(today)
    check_capability(actor, Capability.REQUEST_ASSESSMENT)
    errors = _check_requester(
        actor, source=source, setting=requested_by_setting, received_on=received_on, today=today
    )
    if errors:
        raise ValidationError(errors)
    if received_on > today:
        errors["received_on"] = [DATE_IN_FUTURE]
    if received_on < child.date_of_birth:
        errors["received_on"] = ["The request cannot be received before the child was born"]
    if source == RequestSource.SETTING:
        if requested_by_setting is None:
            errors["requested_by_setting"] = [SETTING_REQUIRED]
        if not (needs_summary.strip() and support_tried.strip()):
            errors["needs_summary"] = [SUPPORT_EVIDENCE_REQUIRED]
    if (
        source == RequestSource.YOUNG_PERSON
        and statutory.age_on(child.date_of_birth, received_on) < 16
    ):
        errors["source"] = [YOUNG_PERSON_TOO_YOUNG]
    if source not in RequestSource.values:
        errors["source"] = ["Choose who made the request"]
    if errors:
        raise ValidationError(errors)
    existing = AssessmentRequest.objects.select_for_update(of=("self",)).filter(child=child)
    open_request = existing.filter(stage__in=OPEN_STAGES).first()
    if open_request is not None:
        raise ValidationError(
            OPEN_REQUEST_EXISTS.format(received=statutory.long_date(open_request.received_on))
        )
    six_months_before = statutory.add_months(received_on, -6)
    case = AssessmentRequest.objects.create(
        child=child,
        received_on=received_on,
        source=source,
        requested_by_setting=requested_by_setting,
        requester_name=requester_name,
        needs_summary=needs_summary,
        support_tried=support_tried,
        outcomes_so_far=outcomes_so_far,
        advice_so_far=advice_so_far,
        people_who_know=people_who_know,
        requested_by=None if user_can(actor, Capability.MANAGE_CASES) else actor,
        agreed_on=today if agreed else None,
        caseworker=caseworker or child.caseworker,
        is_repeat=existing.filter(received_on__gte=six_months_before).exists(),
    )
    audit_record(actor=actor, action=Action.CREATE, obj=case, child_id=child.pk)
    _store_evidence(case, evidence, actor=actor)
    notification_send(
        actor=actor,
        template="request_received",
        child=child,
        personalisation={"decision_due": statutory.due("decide_whether_to_assess", received_on)},
    )
    if case.requested_by_id is not None:
        alert_send(
            actor=actor,
            users=desk_of(child, case.caseworker),
            kind=AlertKind.NEW_REQUEST,
            text=f"New request for an EHC needs assessment for {child.full_name}, "
            f"from {case.requester_name or case.get_source_display().lower()}",
            url=reverse("casework:case_detail", args=[case.pk]),
            child=child,
        )
    record_step(
        case,
        kind=StepKind.RECEIVED,
        on=received_on,
        actor=actor,
        summary=f"From {case.get_source_display().lower()}",
    )
    refresh_clocks(case)
    return case


@transaction.atomic
def request_acknowledge(
    *, actor: Actor, case: AssessmentRequest, on: date, today: date | None = None
) -> AssessmentRequest:
    case = locked_at(actor, case, Stage.REQUESTED)
    if case.acknowledged_on is not None:
        raise ValidationError("The request has already been acknowledged")
    check_step_date(case, on, today=today_or_local(today), field="on")
    case.acknowledged_on = on
    case.save(update_fields=["acknowledged_on", "updated_at"])
    record_step(case, kind=StepKind.ACKNOWLEDGED, on=on, actor=actor)
    return case


@transaction.atomic
def request_assign(
    *, actor: Actor, case: AssessmentRequest, caseworker: Any, today: date | None = None
) -> AssessmentRequest:
    check_capability(actor, Capability.MANAGE_CASES)
    case = locked(case)
    if not access_for(caseworker).has(Role.CASEWORKER, Role.TEAM_MANAGER):
        raise ValidationError({"caseworker": ["Choose a SENAR caseworker"]})
    if case.caseworker_id == caseworker.pk:
        raise ValidationError({"caseworker": [f"{caseworker} already has this case"]})
    case.caseworker = caseworker
    case.save(update_fields=["caseworker", "updated_at"])
    alert_send(
        actor=actor,
        users=[caseworker],
        kind=AlertKind.ASSIGNED,
        text=f"The EHC needs assessment for {case.child.full_name} is now yours",
        url=reverse("casework:case_detail", args=[case.pk]),
        child=case.child,
    )
    record_step(
        case,
        kind=StepKind.ASSIGNED,
        on=today_or_local(today),
        actor=actor,
        summary=f"Assigned to {caseworker}",
    )
    return case


@transaction.atomic
def request_withdraw(
    *, actor: Actor, case: AssessmentRequest, on: date, reason: str, today: date | None = None
) -> AssessmentRequest:
    case = locked_at(actor, case, *OPEN_STAGES)
    if not reason.strip():
        raise ValidationError({"reason": ["Enter why the request was withdrawn"]})
    check_step_date(case, on, today=today_or_local(today), field="on")
    case.stage = Stage.WITHDRAWN
    case.closed_on = on
    case.closed_reason = reason.strip()
    case.save(update_fields=["stage", "closed_on", "closed_reason", "updated_at"])
    record_step(case, kind=StepKind.WITHDRAWN, on=on, actor=actor, reasons=reason)
    refresh_clocks(case)
    return case


@transaction.atomic
def family_views_record(
    *,
    actor: Actor,
    case: AssessmentRequest,
    about_me: str,
    given_by: str,
    what_matters: str = "",
    aspirations: str = "",
    communication: str = "",
) -> FamilyViews:
    """Capture the family's views once; every adviser sees them, so no one asks again."""
    if not (
        user_can(actor, Capability.MANAGE_CASES)
        or access_for(actor).family_member_id is not None
        or access_for(actor).young_person_child_id == case.child_id
    ):
        raise PermissionDenied
    case = locked(case)
    if not about_me.strip():
        raise ValidationError({"about_me": ["Tell us about the child or young person"]})
    if not given_by.strip():
        raise ValidationError({"given_by": ["Enter whose views these are"]})
    views, created = FamilyViews.objects.update_or_create(
        request=case,
        defaults={
            "about_me": about_me,
            "what_matters": what_matters,
            "aspirations": aspirations,
            "communication": communication,
            "given_by": given_by,
            "recorded_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        obj=views,
        child_id=case.child_id,
    )
    return views
