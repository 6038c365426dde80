"""The steps of a complaint, a mediation case and an appeal, each declared once (core.steps).

Each step names its form, the service it calls, its heading, its success message and
`allowed(record, user)`: whether the button shows on the record's page and the step's page
opens. `allowed` follows the record's state (a reply once per stage, an order after an appeal
allowed or conceded); the services stay the real guard, so a step that is allowed but given
bad data answers 400 with the service's message next to the field. Every step needs
`Capability.MANAGE_DISPUTES` (the workflows' `who`); a family sees their complaint, never a
button.
"""

from typing import Any

from django.urls import reverse

from opensend.accounts.permissions import Capability, user_can
from opensend.core.steps import Step, Workflow, calls, posted, step
from opensend.core.types import Actor
from opensend.disputes import selectors, services
from opensend.disputes.forms import (
    AgreementTermsForm,
    AppealOutcomeForm,
    CloseForm,
    ComplaintCloseForm,
    ComplaintEscalateForm,
    ComplaintRespondForm,
    DateForm,
    HearingForm,
    MediationChoiceForm,
    MediationEndForm,
    MediationHealthForm,
    NotOpposedForm,
    OrderExceptionForm,
    OrderForm,
    OrderStepForm,
)
from opensend.disputes.models import (
    NEXT_STAGE,
    OUTCOMES_WITH_ORDER,
    Appeal,
    Complaint,
    ComplaintStageRecord,
    MediationCase,
    MediationEnd,
)


def manages_disputes(user: Actor) -> bool:
    """Staff who manage complaints, mediation and appeals (the steps' gate)."""
    return user_can(user, Capability.MANAGE_DISPUTES)


def may_skip_choosing_child(user: Actor, purpose: str) -> bool:
    """Staff may record a complaint that is not about one child (families always choose)."""
    return purpose == "complaint" and manages_disputes(user)


def _dateposted(label: str) -> Any:
    return lambda data, _record: DateForm(data, label=label)


def _step(workflow: str, name: str, label: str, **options: Any) -> Step:
    """A step served at the URL named `disputes:<workflow>_<name>`."""
    return step(f"disputes:{workflow}_{name}", name, label, **options)


# ---------------------------------------------------------------------------- complaints


def current_stage(complaint: Complaint) -> ComplaintStageRecord | None:
    """The stage record the complaint is at (from the stages the selector prefetched)."""
    return next((s for s in complaint.stages.all() if s.stage == complaint.stage), None)


def _may_respond(complaint: Complaint, _user: Actor) -> bool:
    current = current_stage(complaint)
    return complaint.is_open and current is not None and current.responded_on is None


def _may_escalate(complaint: Complaint, _user: Actor) -> bool:
    current = current_stage(complaint)
    return (
        complaint.is_open
        and current is not None
        and current.responded_on is not None
        and complaint.stage in NEXT_STAGE
    )


def _complaint_open(complaint: Complaint, _user: Actor) -> bool:
    return complaint.is_open


COMPLAINT = Workflow(
    name="complaint",
    pk_kwarg="complaint_id",
    get=lambda user, pk: selectors.complaint_get_for_user(user=user, complaint_id=pk),
    detail_url=lambda complaint: reverse("disputes:complaint_detail", args=[complaint.pk]),
    who=manages_disputes,
    steps=(
        _step(
            "complaint",
            "respond",
            "Record our reply",
            form=posted(ComplaintRespondForm),
            service=calls(services.complaint_respond, "complaint"),
            success="Reply recorded. The complainant has been told.",
            allowed=_may_respond,
        ),
        _step(
            "complaint",
            "escalate",
            "Escalate to the next stage",
            form=posted(ComplaintEscalateForm),
            service=calls(services.complaint_escalate, "complaint"),
            success="Complaint escalated. The next stage's charter clock has started.",
            allowed=_may_escalate,
            secondary=True,
        ),
        _step(
            "complaint",
            "close",
            "Close the complaint",
            form=posted(ComplaintCloseForm),
            service=calls(services.complaint_close, "complaint"),
            success="Complaint closed",
            allowed=_complaint_open,
        ),
    ),
)


# ---------------------------------------------------------------------------- mediation


def _mediation(check: Any) -> Any:
    """A mediation step: only on an open case, and only when `check(case)` holds."""
    return lambda case, _user: case.is_open and bool(check(case))


def _wanted_not_ended(case: MediationCase) -> bool:
    return bool(case.wants_mediation) and not case.ended_on


MEDIATION = Workflow(
    name="mediation",
    pk_kwarg="mediation_id",
    get=lambda user, pk: selectors.mediation_get_for_user(user=user, mediation_id=pk),
    detail_url=lambda case: reverse("disputes:mediation_detail", args=[case.pk]),
    who=manages_disputes,
    steps=(
        _step(
            "mediation",
            "contact",
            "Family contacted the adviser",
            heading="Family contacted the mediation adviser",
            form=_dateposted("Date the family contacted the mediation adviser"),
            service=calls(services.mediation_adviser_contact_record, "case", on="contacted_on"),
            success="Contact recorded",
            allowed=_mediation(lambda case: not case.adviser_contacted_on),
        ),
        _step(
            "mediation",
            "choice",
            "Record whether they want mediation",
            heading="Does the family want mediation?",
            form=posted(MediationChoiceForm),
            service=lambda actor, case, d: services.mediation_choice_record(
                actor=actor, case=case, wants_mediation=d["wants_mediation"] == "yes", on=d["on"]
            ),
            success="The family's choice is recorded",
            allowed=_mediation(
                lambda case: case.adviser_contacted_on and case.wants_mediation is None
            ),
        ),
        _step(
            "mediation",
            "held",
            "Mediation held",
            form=_dateposted("Date the mediation was held"),
            service=calls(services.mediation_held_record, "case", on="held_on"),
            success="Mediation recorded as held",
            allowed=_mediation(lambda case: _wanted_not_ended(case) and not case.held_on),
        ),
        _step(
            "mediation",
            "end",
            "Mediation ended or could not be arranged",
            heading="How the mediation ended",
            form=posted(MediationEndForm),
            service=calls(services.mediation_end_record, "case"),
            success="Recorded. The certificate is due within 3 working days.",
            allowed=_mediation(_wanted_not_ended),
            secondary=True,
        ),
        _step(
            "mediation",
            "certificate",
            "Certificate issued",
            heading="Mediation certificate issued",
            form=_dateposted("Date the certificate was issued"),
            service=calls(services.mediation_certificate_issue, "case", on="issued_on"),
            success="Certificate recorded. The family has been told the last day to appeal.",
            allowed=_mediation(
                lambda case: case.certificate_trigger_on and not case.certificate_issued_on
            ),
        ),
        _step(
            "mediation",
            "health",
            "It is about health care",  # the page says "Change the health care details" once known
            heading="Mediation about health care",
            form=posted(MediationHealthForm),
            service=calls(services.mediation_health_record, "case"),
            success="Recorded. The health commissioning body's time limits are on the case.",
            allowed=_mediation(_wanted_not_ended),
            secondary=True,
        ),
        _step(
            "mediation",
            "agreement_terms",
            "What the agreement requires",
            heading="What the mediation agreement requires",
            form=posted(AgreementTermsForm),
            service=calls(services.mediation_agreement_terms_record, "case"),
            success="Recorded. The agreement's time limits are on the case.",
            allowed=_mediation(
                lambda case: (
                    case.end_result == MediationEnd.AGREEMENT and not case.agreement_actioned_on
                )
            ),
            secondary=True,
        ),
        _step(
            "mediation",
            "agreement",
            "Agreement acted on",
            heading="Mediation agreement acted on",
            form=_dateposted("Date we acted on the agreement"),
            service=calls(services.mediation_agreement_actioned, "case", on="on"),
            success="Recorded",
            allowed=_mediation(
                lambda case: (
                    case.agreement_has_clock and not case.agreement_actioned_on and case.ended_on
                )
            ),
        ),
        _step(
            "mediation",
            "close",
            "Close",
            heading="Close the mediation case",
            form=posted(CloseForm),
            service=calls(services.mediation_close, "case"),
            success="Mediation case closed",
            allowed=_mediation(lambda _case: True),
        ),
    ),
)


# ---------------------------------------------------------------------------- appeals


def _undecided(appeal: Appeal, _user: Actor) -> bool:
    return not appeal.outcome


def _order_to_record(appeal: Appeal, _user: Actor) -> bool:
    return appeal.outcome in OUTCOMES_WITH_ORDER and not appeal.order_type


APPEAL = Workflow(
    name="appeal",
    pk_kwarg="appeal_id",
    get=lambda user, pk: selectors.appeal_get_for_user(user=user, appeal_id=pk),
    detail_url=lambda appeal: reverse("disputes:appeal_detail", args=[appeal.pk]),
    who=manages_disputes,
    steps=(
        _step(
            "appeal",
            "hearing",
            "Set the hearing date",  # the page says "Change the hearing date" once it is set
            heading="Hearing date",
            form=posted(HearingForm),
            service=calls(services.appeal_hearing_record, "appeal"),
            success="Hearing date saved",
            allowed=_undecided,
            secondary=True,
        ),
        _step(
            "appeal",
            "outcome",
            "Record the outcome",
            heading="Outcome of the appeal",
            form=posted(AppealOutcomeForm),
            service=calls(services.appeal_outcome_record, "appeal"),
            success="Outcome recorded",
            allowed=_undecided,
        ),
        _step(
            "appeal",
            "not_opposed",
            "We will not oppose the appeal",
            form=posted(NotOpposedForm),
            service=calls(services.appeal_not_opposed_record, "appeal"),
            success=(
                "Recorded. The time limits in regulation 45 have started and the family has "
                "been told."
            ),
            allowed=_undecided,
            secondary=True,
        ),
        _step(
            "appeal",
            "order",
            "Record the order",
            heading="The Tribunal's order",
            form=posted(OrderForm),
            service=calls(services.appeal_order_record, "appeal"),
            success=(
                "Order recorded. Its compliance clocks have started and the family has been told."
            ),
            allowed=_order_to_record,
        ),
    ),
)

# The steps on one of the order's rules (done, or a reg 44(3) exception): their URLs carry the
# rule too, so `views.appeal_rule_step` serves them (the rule's title ends the heading). The
# services decide whether the rule is part of the order; the pages open whenever the appeal
# does, and the appeal's page links the rules whose clocks are open (`open_order_steps`).
ORDER_RULE_STEPS = {
    "done": Step(
        name="done",
        url_name="disputes:appeal_order_step",
        label="Done: ",
        heading="Done: ",
        form=posted(OrderStepForm),
        service=calls(services.order_step_done, "appeal"),
        success="Step recorded",
        secondary=True,
    ),
    "exception": Step(
        name="exception",
        url_name="disputes:appeal_order_exception",
        label="Record an exception to the time limit for: ",
        heading="Exception to the time limit: ",
        form=posted(OrderExceptionForm),
        service=calls(services.order_exception_record, "appeal"),
        success="Exception recorded. The appeal shows the time limit lifted, and why.",
    ),
}


def open_order_steps(appeal: Appeal, clocks: list[Any]) -> list[Any]:
    """The order's clocks still open: each has a "Done" button (and an exception link)."""
    return [c for c in clocks if c.is_open and c.rule_id in appeal.compliance_rules]
