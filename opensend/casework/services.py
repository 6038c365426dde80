"""Every change on the EHC journey: validated, atomic, audited, and recorded as a case step.

Each function checks the step is allowed now (the right stage, dates in order) and raises a
ValidationError with a message a caseworker can act on. Clocks are refreshed after every change.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend import statutory
from opensend.accounts.permissions import Capability, access_for, check_capability, user_can
from opensend.accounts.roles import Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.clocks import clocks_for, next_open_clock
from opensend.casework.models import (
    AdviceKind,
    AdviceRequest,
    AssessmentRequest,
    CaseStep,
    ClockException,
    FamilyViews,
    Panel,
    PanelCase,
    RequestSource,
    Stage,
    StepKind,
)
from opensend.core import uploads
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.notify.services import notification_send, notification_send_to_address
from opensend.people.models import Child, Setting

DATE_IN_FUTURE = "The date cannot be in the future"
BEFORE_RECEIVED = "The date cannot be before the request was received ({received})"
WRONG_STAGE = "This step cannot be done now: the case is at “{stage}”"
ALREADY_DECIDED = "A decision has already been recorded for this case"
REASONS_REQUIRED = "Enter the reasons for the decision"
SETTING_REQUIRED = "Choose the setting making the request"
EVIDENCE_REQUIRED = "A request from a setting must include its SEN support evidence"
YOUNG_PERSON_TOO_YOUNG = "A young person can make their own request only from age 16"
OPEN_REQUEST_EXISTS = "This child already has an open request (received {received})"
ADVICE_ALREADY_SUBMITTED = "This advice has already been submitted"
NOT_YOUR_ADVICE = "Only the organisation asked can submit this advice"
ADVICE_EMPTY = "Write the advice, or upload a document"
EXCEPTION_NOT_ALLOWED = "That exception does not apply to any clock on this case"
END_BEFORE_START = "The end date must be on or after the start date"
MEDIATION_CONTACT = "the independent mediation service named in your decision letter"
EXCEPTION_LABELS = {
    "school_closure": "School or college closed for 4 weeks or more",
    "early_years_closure": "Early years provider closed for 4 weeks or more",
    "personal_circumstances": "Exceptional personal circumstances",
    "absent_from_area": "Away from the area for 4 weeks or more",
    "absent_from_area_2_weeks": "Away from the area for 2 weeks or more",
    "missed_appointment": "Missed an appointment for advice",
    "representations_on_content": "Family wish to make representations on the plan's content",
}


def _check_step_date(request: AssessmentRequest, on: date, *, today: date, field: str) -> None:
    if on > today:
        raise ValidationError({field: [DATE_IN_FUTURE]})
    if on < request.received_on:
        raise ValidationError(
            {field: [BEFORE_RECEIVED.format(received=statutory.long_date(request.received_on))]}
        )


def _check_stage(request: AssessmentRequest, *allowed: Stage) -> None:
    if request.stage not in allowed:
        raise ValidationError(WRONG_STAGE.format(stage=request.get_stage_display()))


def _step(
    request: AssessmentRequest,
    *,
    kind: StepKind,
    on: date,
    actor: Actor,
    summary: str = "",
    reasons: str = "",
) -> CaseStep:
    step = CaseStep.objects.create(
        request=request,
        kind=kind,
        occurred_on=on,
        recorded_by=actor if actor else None,
        summary=summary[:300],
        reasons=reasons,
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=request,
        child_id=request.child_id,
        summary=f"{step.get_kind_display()} ({on.isoformat()})",
    )
    return step


def _refresh_clocks(request: AssessmentRequest) -> None:
    """Keep the queue's copy of the next statutory date in step with the case."""
    upcoming = next_open_clock(clocks_for(request))
    request.next_due_on = upcoming.due_on if upcoming else None
    request.next_due_rule = upcoming.rule_id if upcoming else ""
    request.save(update_fields=["next_due_on", "next_due_rule", "updated_at"])


def _locked(request: AssessmentRequest) -> AssessmentRequest:
    return (
        AssessmentRequest.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=request.pk)
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
    caseworker: Any = None,
    today: date | None = None,
) -> AssessmentRequest:
    """Record a request for an EHC needs assessment; its clocks start from `received_on`."""
    today = today_or_local(today)
    check_capability(actor, Capability.REQUEST_ASSESSMENT)
    errors: dict[str, list[str]] = {}
    if received_on > today:
        errors["received_on"] = [DATE_IN_FUTURE]
    if received_on < child.date_of_birth:
        errors["received_on"] = ["The request cannot be received before the child was born"]
    if source == RequestSource.SETTING:
        if requested_by_setting is None:
            errors["requested_by_setting"] = [SETTING_REQUIRED]
        if not (needs_summary.strip() and support_tried.strip()):
            errors["needs_summary"] = [EVIDENCE_REQUIRED]
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
    open_request = existing.filter(
        stage__in=[Stage.REQUESTED, Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_ISSUED]
    ).first()
    if open_request is not None:
        raise ValidationError(
            OPEN_REQUEST_EXISTS.format(received=statutory.long_date(open_request.received_on))
        )
    six_months_before = statutory.add_months(received_on, -6)
    request = AssessmentRequest.objects.create(
        child=child,
        received_on=received_on,
        source=source,
        requested_by_setting=requested_by_setting,
        requester_name=requester_name,
        needs_summary=needs_summary,
        support_tried=support_tried,
        outcomes_so_far=outcomes_so_far,
        advice_so_far=advice_so_far,
        caseworker=caseworker or child.caseworker,
        is_repeat=existing.filter(received_on__gte=six_months_before).exists(),
    )
    audit_record(actor=actor, action=Action.CREATE, obj=request, child_id=child.pk)
    notification_send(
        actor=actor,
        template="request_received",
        child=child,
        personalisation={"decision_due": statutory.due("decide_whether_to_assess", received_on)},
    )
    _step(
        request,
        kind=StepKind.RECEIVED,
        on=received_on,
        actor=actor,
        summary=f"From {request.get_source_display().lower()}",
    )
    _refresh_clocks(request)
    return request


@transaction.atomic
def request_acknowledge(
    *, actor: Actor, request: AssessmentRequest, on: date, today: date | None = None
) -> AssessmentRequest:
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    _check_stage(request, Stage.REQUESTED)
    if request.acknowledged_on is not None:
        raise ValidationError("The request has already been acknowledged")
    _check_step_date(request, on, today=today_or_local(today), field="on")
    request.acknowledged_on = on
    request.save(update_fields=["acknowledged_on", "updated_at"])
    _step(request, kind=StepKind.ACKNOWLEDGED, on=on, actor=actor)
    return request


@transaction.atomic
def request_assign(
    *, actor: Actor, request: AssessmentRequest, caseworker: Any, today: date | None = None
) -> AssessmentRequest:
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    if not access_for(caseworker).has(Role.CASEWORKER, Role.TEAM_MANAGER):
        raise ValidationError({"caseworker": ["Choose a SENAR caseworker"]})
    request.caseworker = caseworker
    request.save(update_fields=["caseworker", "updated_at"])
    _step(
        request,
        kind=StepKind.ASSIGNED,
        on=today_or_local(today),
        actor=actor,
        summary=f"Assigned to {caseworker}",
    )
    return request


@transaction.atomic
def request_withdraw(
    *, actor: Actor, request: AssessmentRequest, on: date, reason: str, today: date | None = None
) -> AssessmentRequest:
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    _check_stage(
        request,
        *[Stage(s) for s in (Stage.REQUESTED, Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_ISSUED)],
    )
    if not reason.strip():
        raise ValidationError({"reason": ["Enter why the request was withdrawn"]})
    _check_step_date(request, on, today=today_or_local(today), field="on")
    request.stage = Stage.WITHDRAWN
    request.closed_on = on
    request.closed_reason = reason.strip()
    request.save(update_fields=["stage", "closed_on", "closed_reason", "updated_at"])
    _step(request, kind=StepKind.WITHDRAWN, on=on, actor=actor, reasons=reason)
    _refresh_clocks(request)
    return request


@transaction.atomic
def panel_create(
    *,
    actor: Actor,
    held_on: date,
    name: str = "SEND panel",
    members: list[dict[str, Any]] | None = None,
) -> Panel:
    check_capability(actor, Capability.MANAGE_CASES)
    panel = Panel.objects.create(held_on=held_on, name=name or "SEND panel", chair=actor)
    for member in members or []:
        panel.members.create(**member)
    audit_record(actor=actor, action=Action.CREATE, obj=panel)
    return panel


@transaction.atomic
def panel_list_case(*, actor: Actor, panel: Panel, request: AssessmentRequest) -> PanelCase:
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    _check_stage(request, Stage.REQUESTED)
    if panel.held_on < request.received_on:
        raise ValidationError("The panel is before the request was received")
    listing, created = PanelCase.objects.get_or_create(panel=panel, request=request)
    if created:
        _step(
            request,
            kind=StepKind.PANEL_LISTED,
            on=min(panel.held_on, timezone.localdate()),
            actor=actor,
            summary=str(panel),
        )
    return listing


@transaction.atomic
def assessment_decision_record(
    *,
    actor: Actor,
    request: AssessmentRequest,
    assess: bool,
    decided_on: date,
    reasons: str,
    panel_case: PanelCase | None = None,
    today: date | None = None,
) -> AssessmentRequest:
    """Record the decision whether to assess (reg 4–5). A refusal must give reasons."""
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    if request.assess_decision_on is not None:
        raise ValidationError(ALREADY_DECIDED)
    _check_stage(request, Stage.REQUESTED)
    _check_step_date(request, decided_on, today=today_or_local(today), field="decided_on")
    if not reasons.strip():
        raise ValidationError({"reasons": [REASONS_REQUIRED]})
    request.assess_decision_on = decided_on
    request.stage = Stage.ASSESSING if assess else Stage.NOT_ASSESSING
    request.save(update_fields=["assess_decision_on", "stage", "updated_at"])
    if panel_case is not None:
        panel_case.decision = (
            PanelCase.Decision.ASSESS if assess else PanelCase.Decision.DO_NOT_ASSESS
        )
        panel_case.reasons = reasons
        panel_case.save(update_fields=["decision", "reasons"])
    _step(
        request,
        kind=StepKind.DECIDED_TO_ASSESS if assess else StepKind.DECIDED_NOT_TO_ASSESS,
        on=decided_on,
        actor=actor,
        reasons=reasons,
    )
    _tell_family_about_assessment(actor, request, assess=assess, reasons=reasons, on=decided_on)
    _refresh_clocks(request)
    return request


def _tell_family_about_assessment(
    actor: Actor, request: AssessmentRequest, *, assess: bool, reasons: str, on: date
) -> None:
    """Say what we decided and what happens next, with the dates from the rules engine."""
    if assess:
        notification_send(
            actor=actor,
            template="decided_to_assess",
            child=request.child,
            personalisation={
                "no_plan_due": statutory.due("notify_decision_not_to_issue", request.received_on),
                "final_plan_due": statutory.due("issue_final_plan", request.received_on),
            },
        )
    else:
        notification_send(
            actor=actor,
            template="decided_not_to_assess",
            child=request.child,
            personalisation={
                "reasons": reasons,
                "appeal_due": statutory.appeal_deadline_explained(on),
                "mediation_contact": MEDIATION_CONTACT,
            },
        )


@transaction.atomic
def advice_request_send(
    *,
    actor: Actor,
    request: AssessmentRequest,
    kind: str,
    organisation: Any,
    requested_on: date,
    questions: str = "",
    today: date | None = None,
) -> AdviceRequest:
    """Ask one organisation for advice; it has 6 weeks (reg 8)."""
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    _check_stage(request, Stage.ASSESSING)
    _check_step_date(request, requested_on, today=today_or_local(today), field="requested_on")
    if request.assess_decision_on and requested_on < request.assess_decision_on:
        raise ValidationError(
            {"requested_on": ["Advice is requested after the decision to assess"]}
        )
    if kind not in AdviceKind.values:
        raise ValidationError({"kind": ["Choose the kind of advice"]})
    if kind == AdviceKind.PREPARING_FOR_ADULTHOOD and request.child.nc_year_on(requested_on) < 9:
        raise ValidationError({"kind": ["Preparing-for-adulthood advice is for Year 9 and above"]})
    advice = AdviceRequest.objects.create(
        request=request,
        kind=kind,
        organisation=organisation,
        requested_on=requested_on,
        questions=questions,
    )
    _step(
        request, kind=StepKind.ADVICE_REQUESTED, on=requested_on, actor=actor, summary=str(advice)
    )
    if organisation.email:
        notification_send_to_address(
            actor=actor,
            template="advice_requested",
            to_address=organisation.email,
            recipient_name=organisation.name,
            child=request.child,
            personalisation={
                "advice_type": advice.get_kind_display(),
                "advice_due": statutory.due("provide_advice", requested_on),
                "advice_link": f"/casework/advice/{advice.pk}/",
            },
        )
    _refresh_clocks(request)
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
    _step(
        advice.request,
        kind=StepKind.ADVICE_RECEIVED,
        on=submitted_on,
        actor=actor,
        summary=str(advice),
    )
    _refresh_clocks(advice.request)
    return advice


@transaction.atomic
def advice_reuse(
    *,
    actor: Actor,
    request: AssessmentRequest,
    previous: AdviceRequest,
    on: date | None = None,
    today: date | None = None,
) -> AdviceRequest:
    """Use advice already held for this child instead of asking again (tell it once)."""
    check_capability(actor, Capability.MANAGE_CASES)
    today = today_or_local(today)
    request = _locked(request)
    _check_stage(request, Stage.ASSESSING)
    if previous.request.child_id != request.child_id or previous.received_on is None:
        raise ValidationError("Only advice already received for this child can be reused")
    if previous.received_on < statutory.add_months(today, -12):
        raise ValidationError("This advice is more than a year old: ask for new advice")
    on = on or today
    advice = AdviceRequest.objects.create(
        request=request,
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
    _step(request, kind=StepKind.ADVICE_REUSED, on=on, actor=actor, summary=str(advice))
    _refresh_clocks(request)
    return advice


@transaction.atomic
def clock_exception_record(
    *,
    actor: Actor,
    request: AssessmentRequest,
    ground: str,
    starts_on: date,
    evidence: str,
    ends_on: date | None = None,
    advice: AdviceRequest | None = None,
    today: date | None = None,
) -> ClockException:
    """Record a reg 5(4)/8(2)/10(4)/13(3) exception: the case shows the limit lifted, and why."""
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    if ground not in statutory.StatutoryException._value2member_map_:
        raise ValidationError({"ground": ["Choose the reason the time limit does not apply"]})
    applicable = {
        g.code.value for c in clocks_for(request) for g in statutory.get_rule(c.rule_id).exceptions
    }
    if ground not in applicable:
        raise ValidationError({"ground": [EXCEPTION_NOT_ALLOWED]})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": [END_BEFORE_START]})
    if not evidence.strip():
        raise ValidationError({"evidence": ["Describe the evidence for the exception"]})
    exception = ClockException.objects.create(
        request=request,
        advice_request=advice,
        ground=ground,
        starts_on=starts_on,
        ends_on=ends_on,
        evidence=evidence,
        recorded_by=actor,
    )
    _step(
        request,
        kind=StepKind.EXCEPTION_RECORDED,
        on=min(starts_on, today_or_local(today)),
        actor=actor,
        summary=EXCEPTION_LABELS[ground],
        reasons=evidence,
    )
    _refresh_clocks(request)
    return exception


@transaction.atomic
def issue_decision_record(
    *,
    actor: Actor,
    request: AssessmentRequest,
    issue: bool,
    decided_on: date,
    reasons: str,
    today: date | None = None,
) -> AssessmentRequest:
    """Decide whether to issue a plan after the assessment (reg 10)."""
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    if request.issue_decision_on is not None:
        raise ValidationError(ALREADY_DECIDED)
    _check_stage(request, Stage.ASSESSING)
    _check_step_date(request, decided_on, today=today_or_local(today), field="decided_on")
    if request.assess_decision_on and decided_on < request.assess_decision_on:
        raise ValidationError({"decided_on": ["The date cannot be before the decision to assess"]})
    if not reasons.strip():
        raise ValidationError({"reasons": [REASONS_REQUIRED]})
    request.issue_decision_on = decided_on
    request.stage = Stage.DRAFTING if issue else Stage.NOT_ISSUING
    request.save(update_fields=["issue_decision_on", "stage", "updated_at"])
    _step(
        request,
        kind=StepKind.DECIDED_TO_ISSUE if issue else StepKind.DECIDED_NOT_TO_ISSUE,
        on=decided_on,
        actor=actor,
        reasons=reasons,
    )
    if not issue:
        notification_send(
            actor=actor,
            template="decided_not_to_issue",
            child=request.child,
            personalisation={
                "reasons": reasons,
                "appeal_due": statutory.appeal_deadline_explained(decided_on),
                "mediation_contact": MEDIATION_CONTACT,
            },
        )
    _refresh_clocks(request)
    return request


@transaction.atomic
def case_record_draft_issued(
    *, actor: Actor, request: AssessmentRequest, on: date, today: date | None = None
) -> AssessmentRequest:
    """Called by the plans app when the draft plan is served: the 15-day window starts."""
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    _check_stage(request, Stage.DRAFTING)
    _check_step_date(request, on, today=today_or_local(today), field="issued_on")
    if request.issue_decision_on and on < request.issue_decision_on:
        raise ValidationError(
            {"issued_on": ["The draft cannot be issued before the decision to issue"]}
        )
    request.draft_issued_on = on
    request.stage = Stage.DRAFT_ISSUED
    request.save(update_fields=["draft_issued_on", "stage", "updated_at"])
    _step(request, kind=StepKind.DRAFT_ISSUED, on=on, actor=actor)
    _refresh_clocks(request)
    return request


@transaction.atomic
def case_record_final_issued(
    *, actor: Actor, request: AssessmentRequest, on: date, today: date | None = None
) -> AssessmentRequest:
    """Called by the plans app when the final plan is issued: the journey's last step."""
    check_capability(actor, Capability.MANAGE_CASES)
    request = _locked(request)
    _check_stage(request, Stage.DRAFT_ISSUED)
    _check_step_date(request, on, today=today_or_local(today), field="issued_on")
    if request.draft_issued_on and on < request.draft_issued_on:
        raise ValidationError({"issued_on": ["The final plan cannot be issued before the draft"]})
    request.final_issued_on = on
    request.stage = Stage.FINAL_ISSUED
    request.save(update_fields=["final_issued_on", "stage", "updated_at"])
    _step(request, kind=StepKind.FINAL_ISSUED, on=on, actor=actor)
    _refresh_clocks(request)
    return request


@transaction.atomic
def family_views_record(
    *,
    actor: Actor,
    request: AssessmentRequest,
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
        or access_for(actor).young_person_child_id == request.child_id
    ):
        raise PermissionDenied
    request = _locked(request)
    if not about_me.strip():
        raise ValidationError({"about_me": ["Tell us about the child or young person"]})
    if not given_by.strip():
        raise ValidationError({"given_by": ["Enter whose views these are"]})
    views, created = FamilyViews.objects.update_or_create(
        request=request,
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
        child_id=request.child_id,
    )
    return views


@transaction.atomic
def panel_member_add(*, actor: Actor, panel: Panel, name: str, organisation: Any = None) -> Any:
    check_capability(actor, Capability.MANAGE_CASES)
    if not name.strip():
        raise ValidationError({"name": ["Enter the member's name"]})
    member = panel.members.create(name=name.strip(), organisation=organisation, attended=True)
    audit_record(actor=actor, action=Action.UPDATE, obj=panel, summary=f"Member added: {member}")
    return member


@transaction.atomic
def panel_attendance_record(*, actor: Actor, panel: Panel, attended_ids: set[int]) -> None:
    """Record who attended; a panel decision is only as good as the agencies in the room."""
    check_capability(actor, Capability.MANAGE_CASES)
    for member in panel.members.all():
        attended = member.pk in attended_ids
        if member.attended != attended:
            member.attended = attended
            member.save(update_fields=["attended"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=panel,
        summary=f"Attendance: {len(attended_ids)} of {panel.members.count()} present",
    )
