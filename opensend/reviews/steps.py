"""The steps of an annual review, in one table: each step's form, service, words and who may
take it (`allowed`), and when its button shows on the review's page (`offer`).

Caseworkers lead any review; a SENCO only a setting-led review at their own setting
(`access.may_lead`). Only the SEND team decides. The meeting can be set (or moved) until it is
held; the other steps are the services' to put in order (a step out of order is a 400 with the
service's message), so their buttons show only when they are due (`offer`).
"""

from typing import Any

from django.utils import timezone

from opensend import statutory
from opensend.core.steps import calls
from opensend.core.types import Actor
from opensend.reviews import selectors, services
from opensend.reviews.access import leads_reviews, manages_reviews, may_lead
from opensend.reviews.annual_clocks import invitations_late, meeting_warnings
from opensend.reviews.codes import ContributionKind
from opensend.reviews.forms import (
    ContributionForm,
    DecisionForm,
    HeldForm,
    InvitationsForm,
    MeetingForm,
    ReportForm,
)
from opensend.reviews.models import AnnualReview
from opensend.reviews.workflow import record_workflow, step_factory

# ---------------------------------------------------------------------------- the invitations


def _involvements(review: AnnualReview) -> list[Any]:
    return list(
        review.child.involvements.filter(closed_at__isnull=True).select_related("organisation")
    )


def _invitations_form(data: Any, review: AnnualReview) -> InvitationsForm:
    return InvitationsForm(data, involvements=_involvements(review))


def _invite(actor: Actor, review: AnnualReview, d: dict[str, Any]) -> AnnualReview:
    by_id = {str(i.pk): i for i in _involvements(review)}
    invitees = [
        services.Invitee(
            name=str(by_id[i].organisation),
            role=selectors.role_for_organisation(by_id[i].organisation),
            email=by_id[i].organisation.email,
            organisation=by_id[i].organisation,
        )
        for i in d.get("involvement_ids", [])
        if i in by_id
    ]
    if d.get("other_name") or d.get("other_email"):
        invitees.append(
            services.Invitee(
                name=d.get("other_name", ""),
                role=d.get("other_role") or ContributionKind.OTHER,
                email=d.get("other_email", ""),
            )
        )
    services.review_invitations_send(
        actor=actor, review=review, sent_on=d["sent_on"], invitees=invitees
    )
    review.refresh_from_db()
    return review


def _invited(review: AnnualReview) -> str:
    if invitations_late(review):
        return "Invitations recorded. They were sent late: less than 2 weeks before the meeting."
    return "Invitations recorded. The family has been told the date of the meeting."


# ---------------------------------------------------------------------------- intros


def _meeting_intro(review: AnnualReview) -> str:
    return f"The review must be held by {statutory.long_date(review.due_by)}."


def _meeting_set(review: AnnualReview) -> str:
    assert review.meeting_on is not None  # noqa: S101 - just set
    due = statutory.due("review_invitations", review.meeting_on)
    warnings = meeting_warnings(review, today=timezone.localdate())
    return " ".join(
        [
            f"Meeting set for {statutory.long_date(review.meeting_on)}. Send the invitations by "
            f"{statutory.long_date(due)}.",
            *warnings,
        ]
    )


def _report_intro(review: AnnualReview) -> str:
    if not services.pfa_required(review):
        return ""
    return (
        "The child is in Year 9 or above: the report must cover the four "
        "preparing-for-adulthood areas."
    )


def _decision_intro(review: AnnualReview) -> str:
    if not review.meeting_on:
        return ""
    due = statutory.due("review_decision", review.meeting_on)
    return f"The decision is due by {statutory.long_date(due)} (4 weeks from the meeting)."


def _report(actor: Actor, review: AnnualReview, data: dict[str, Any]) -> AnnualReview:
    """The report form's answers, with one (outcome, rating, note) per outcome of the plan."""
    outcomes = {o.pk: o for o in review.plan.outcomes.all()}
    progress = [
        (outcome, data[f"outcome_{pk}_rating"], data.get(f"outcome_{pk}_note", ""))
        for pk, outcome in outcomes.items()
        if f"outcome_{pk}_rating" in data
    ]
    rest = {k: v for k, v in data.items() if not k.startswith("outcome_")}
    return services.review_report_submit(
        actor=actor, review=review, outcome_progress=progress, **rest
    )


# ---------------------------------------------------------------------------- the table


step = step_factory("")

REVIEW_STEPS = record_workflow(
    "review",
    selectors.review_get_for_user,
    caption=lambda review: f"{review.get_kind_display()} for {review.child.full_name}",
    who=leads_reviews,
    steps=(
        step(
            "meeting",
            "Set the meeting date",
            heading="Set the date of the review meeting",
            form=lambda data, r: MeetingForm(data, initial={"meeting_on": r.meeting_on}),
            service=calls(services.review_meeting_set, "review"),
            success=_meeting_set,
            allowed=lambda r, user: may_lead(r, user) and r.is_open and r.held_on is None,
            intro_for=_meeting_intro,
        ),
        step(
            "invitations",
            "Send the invitations",
            heading="Send the invitations",
            form=_invitations_form,
            service=_invite,
            success=_invited,
            allowed=may_lead,
            intro_for=selectors.invitations_due_text,
            offer=lambda r: r.is_open and bool(r.meeting_on) and not r.invitations_sent_on,
        ),
        step(
            "contribution",
            "Add views or advice",
            heading="Add views or advice",
            form=lambda data, r: ContributionForm(data),
            service=calls(services.review_contribution_add, "review"),
            success="Views or advice added to the review",
            allowed=may_lead,
            uploads=True,
            offer=lambda r: r.is_open,
        ),
        step(
            "held",
            "Record the meeting",
            heading="Record the review meeting",
            form=lambda data, r: HeldForm(
                data, invitations=r.invitations.all(), initial={"held_on": r.meeting_on}
            ),
            service=calls(services.review_meeting_held, "review"),
            success="Meeting recorded. Send the report within 2 weeks of the meeting.",
            allowed=may_lead,
            offer=lambda r: r.is_open and bool(r.invitations_sent_on) and not r.held_on,
        ),
        step(
            "report",
            "Send the report",
            heading="Send the review report",
            form=lambda data, r: ReportForm(
                data, pfa=services.pfa_required(r), outcomes=r.plan.outcomes.all()
            ),
            service=_report,
            success="Report sent. The family has been told when to expect the decision.",
            allowed=may_lead,
            intro_for=_report_intro,
            offer=lambda r: r.is_open and bool(r.held_on) and not r.report_sent_on,
        ),
        step(
            "decision",
            "Make the decision",
            heading="Decide after the review",
            form=lambda data, r: DecisionForm(data, initial={"decision": r.recommendation}),
            service=calls(services.review_decide, "review"),
            success=lambda r: f"Decision recorded: {r.get_decision_display().lower()}.",
            who=manages_reviews,
            intro_for=_decision_intro,
            offer=lambda r: r.is_open and bool(r.held_on),
        ),
    ),
)
