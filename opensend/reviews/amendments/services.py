"""Every change to an amendment: validated, atomic and audited, and told to the family.

Starting an amendment (`amendment_start`: after a review, for a Tribunal order, a phase transfer
or any change of circumstances) makes the plan's content editable through the plan pages until
the amended plan is issued as a new `PlanVersion` (`plans.services.plan_version_issue`), or the
amendment is closed and the content goes back to the version it would have changed. Every date
comes from `opensend.statutory` (`reviews.amendments.clocks`), and each step keeps the
`next_due_on` cache up to date so queues sort in SQL.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.services import appeal_rights
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import BEFORE, check_date
from opensend.disputes.services import order_step_done
from opensend.notify.alerts import alert_send, desk_of
from opensend.notify.models import AlertKind
from opensend.notify.services import notification_send
from opensend.people.models import Setting
from opensend.plans import services as plan_services
from opensend.plans.models import EHCPlan, PlanStatus
from opensend.plans.readiness import blockers_as_errors, consultation_blockers
from opensend.plans.selectors import is_family_of
from opensend.reviews.amendments.clocks import (
    amendment_clocks,
    order_amend_rule,
    representations_end,
)
from opensend.reviews.annual_clocks import review_clocks, review_lead_for, soonest_open
from opensend.reviews.codes import (
    OPEN_REVIEW_STAGES,
    AmendmentSource,
    AmendmentStatus,
)
from opensend.reviews.models import Amendment, AmendmentRepresentation, AnnualReview
from opensend.reviews.shared import audit_change, locked, save_with_next_due

SUMMARY_REQUIRED = "Enter the changes you propose and why"
REASONS_REQUIRED = "Enter the reasons"
NOT_FINAL = "Only a final plan can be amended"
AMENDMENT_OPEN = "This plan is already being amended: finish or withdraw that amendment first"
AMENDMENT_CLOSED = "This amendment is {status}: it cannot change now"
ALREADY_PROPOSED = "The proposals have already been sent"
PROPOSE_FIRST = "Send the proposals to the family first"
WINDOW_CLOSED = (
    "The time to comment on the proposed changes ended on {due}. Please contact the SEND "
    "team: they can still add your comments"
)
WINDOW_OPEN = (
    "The family has until {due} to comment on the proposed changes. Issue the amended plan "
    "after that date, or record their written confirmation that they have nothing more to say"
)
NAMED_SETTING_REQUIRED = "Choose the school, college or other setting to name in the plan"
CHOOSE_SOURCE = "Choose why the plan is being amended"


def _locked_amendment(amendment: Amendment) -> Amendment:
    return locked(amendment, "plan", "child", "appeal", "review")


def _check_amendment_open(amendment: Amendment) -> None:
    if not amendment.is_open:
        raise ValidationError(
            AMENDMENT_CLOSED.format(status=amendment.get_status_display().lower())
        )


def _save_amendment(amendment: Amendment, fields: Sequence[str]) -> None:
    save_with_next_due(amendment, fields, amendment_clocks(amendment))


AMEND_ORDERS = ("amend", "amend_section_i")
NOT_AN_ORDER_TO_AMEND = "Choose an appeal for this child whose Tribunal order is to amend the plan"
TRIBUNAL_SOURCE = "An amendment for a Tribunal order must say it is for a Tribunal order"


def _check_order_to_amend(
    appeal: Any, *, plan: EHCPlan, source: str, errors: dict[str, list[str]]
) -> None:
    """An order-led amendment is for this child's appeal with an order to amend (reg 44(2))."""
    if appeal.child_id != plan.child_id or appeal.order_type not in AMEND_ORDERS:
        errors["appeal"] = [NOT_AN_ORDER_TO_AMEND]
    elif source != AmendmentSource.TRIBUNAL:
        errors["source"] = [TRIBUNAL_SOURCE]


@transaction.atomic
def amendment_start(
    *,
    actor: Actor,
    plan: EHCPlan,
    source: str,
    summary: str,
    evidence: str = "",
    review: AnnualReview | None = None,
    appeal: Any = None,
    meeting_on: date | None = None,
    today: date | None = None,
) -> Amendment:
    """Start changing a final plan: its content becomes editable until the amended plan is
    issued (or the amendment is withdrawn). Phase transfers and Tribunal orders use this too."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    plan = plan_services.plan_lock(plan)
    if plan.status != PlanStatus.FINAL:
        raise ValidationError(NOT_FINAL)
    errors: dict[str, list[str]] = {}
    if source not in AmendmentSource.values:
        errors["source"] = [CHOOSE_SOURCE]
    if not summary.strip():
        errors["summary"] = [SUMMARY_REQUIRED]
    if appeal is not None:
        _check_order_to_amend(appeal, plan=plan, source=source, errors=errors)
    if errors:
        raise ValidationError(errors)
    if Amendment.objects.filter(plan=plan).open().exists():
        raise ValidationError(AMENDMENT_OPEN)
    amendment = Amendment(
        plan=plan,
        child=plan.child,
        source=source,
        review=review,
        appeal=appeal,
        caseworker_id=plan.child.caseworker_id,
        summary=summary.strip(),
        evidence=evidence.strip(),
        meeting_on=meeting_on,
        base_version=plan.version,
    )
    amendment.next_due_on = soonest_open(amendment_clocks(amendment))
    amendment.save()
    audit_change(
        actor, amendment, f"Amendment started ({amendment.get_source_display()})", create=True
    )
    return amendment


@transaction.atomic
def amendment_propose(
    *, actor: Actor, amendment: Amendment, proposed_on: date, today: date | None = None
) -> Amendment:
    """Send the proposals and evidence: the family has 15 days to comment (reg 22(2))."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    amendment = _locked_amendment(amendment)
    _check_amendment_open(amendment)
    if amendment.proposed_on is not None:
        raise ValidationError(ALREADY_PROPOSED)
    check_date(
        proposed_on,
        today=today_or_local(today),
        field="proposed_on",
        after=amendment.meeting_on,
        what="the review meeting",
    )
    amendment.proposed_on = proposed_on
    amendment.status = AmendmentStatus.PROPOSED
    _save_amendment(amendment, ["proposed_on", "status"])
    audit_change(actor, amendment, f"Proposed changes sent ({proposed_on.isoformat()})")
    notification_send(
        actor=actor,
        template="amendment_proposed",
        child=amendment.child,
        personalisation={
            "summary": amendment.summary,
            "comments_due": representations_end(proposed_on),
            "issue_due": statutory.due("issue_amended_plan", proposed_on),
            "page_link": f"/plans/{amendment.plan_id}/",  # the plan page shows the proposals
        },
    )
    return amendment


@transaction.atomic
def amendment_representation_record(
    *,
    actor: Actor,
    amendment: Amendment,
    made_on: date,
    made_by: str,
    comments: str,
    preferred_setting: Setting | None = None,
    wants_meeting: bool = False,
    nothing_more_to_say: bool = False,
    today: date | None = None,
) -> AmendmentRepresentation:
    """The family's comments on the proposals and a setting they ask for; after the 15 days
    only the SEND team can add them."""
    staff = user_can(actor, Capability.MANAGE_REVIEWS)
    if not staff and not is_family_of(actor, amendment.child):
        raise PermissionDenied
    today = today_or_local(today)
    amendment = _locked_amendment(amendment)
    _check_amendment_open(amendment)
    if amendment.proposed_on is None:
        raise ValidationError(PROPOSE_FIRST)
    plan_services.check_comments(
        comments=comments,
        preferred_setting=preferred_setting,
        made_by=made_by,
        made_on=made_on,
        today=today,
        since=amendment.proposed_on,
        too_early=BEFORE.format(
            what="the proposals were sent", on=statutory.long_date(amendment.proposed_on)
        ),
        finished=nothing_more_to_say,
    )
    window_end = representations_end(amendment.proposed_on)
    if not staff and window_end is not None and today > window_end:
        raise ValidationError(WINDOW_CLOSED.format(due=statutory.long_date(window_end)))
    representation = AmendmentRepresentation.objects.create(
        amendment=amendment,
        made_on=made_on,
        made_by=made_by.strip()[:200],
        comments=comments.strip(),
        preferred_setting=preferred_setting,
        wants_meeting=wants_meeting,
        nothing_more_to_say=nothing_more_to_say,
        recorded_by=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=representation, child_id=amendment.child_id)
    _save_amendment(amendment, [])
    if not staff:
        alert_send(
            actor=actor,
            users=desk_of(amendment.child),
            kind=AlertKind.FAMILY_COMMENTS,
            text=f"{representation.made_by} commented on the proposed changes to the plan for "
            f"{amendment.child.full_name}",
            url=reverse("reviews:amendment_detail", args=[amendment.pk]),
            child=amendment.child,
        )
    return representation


@transaction.atomic
def amendment_issue(
    *,
    actor: Actor,
    amendment: Amendment,
    issued_on: date,
    named_setting: Setting | None = None,
    today: date | None = None,
) -> Amendment:
    """Issue the amended plan as a new version. Late against the 8-week or 12-week clock is
    shown, not blocked. A Tribunal order to amend is complied with by this step."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    amendment = _locked_amendment(amendment)
    _check_amendment_open(amendment)
    if amendment.proposed_on is None:
        raise ValidationError(PROPOSE_FIRST)
    check_date(
        issued_on,
        today=today,
        field="issued_on",
        after=amendment.proposed_on,
        what="the proposals were sent",
    )
    # Reg 22(2)(c): at least 15 days to comment. A comment alone does not end them (the family
    # may say more); only their written confirmation that they have nothing more to say does.
    window_end = representations_end(amendment.proposed_on)
    if (
        window_end is not None
        and issued_on <= window_end
        and not amendment.representations.filter(nothing_more_to_say=True).exists()
    ):
        raise ValidationError(
            {"issued_on": [WINDOW_OPEN.format(due=statutory.long_date(window_end))]}
        )
    plan = plan_services.plan_lock(amendment.plan)
    setting = named_setting or plan.named_setting
    if setting is None:
        raise ValidationError({"named_setting": [NAMED_SETTING_REQUIRED]})
    if setting.pk != plan.named_setting_id:
        # Reg 22(1): sections 39 and 40 apply to an amendment, so a new setting is named only
        # after it has been consulted (its reply, or its 15 days run out) since this amendment.
        blockers = consultation_blockers(plan, setting, issued_on=issued_on, since=plan.issued_on)
        if blockers:
            raise ValidationError(blockers_as_errors(blockers))
    open_review = AnnualReview.objects.filter(plan=plan, stage__in=OPEN_REVIEW_STAGES).first()
    review_due = (
        open_review.due_by if open_review else statutory.due("next_annual_review", issued_on)
    )
    version = plan_services.plan_version_issue(
        actor=actor,
        plan=plan,
        issued_on=issued_on,
        named_setting=setting,
        template="amended_plan_for_professionals",
        review_due=review_due,
    )
    amendment.status = AmendmentStatus.ISSUED
    amendment.issued_on = issued_on
    amendment.issued_version = version.version
    amendment.closed_on = issued_on
    _save_amendment(amendment, ["status", "issued_on", "issued_version", "closed_on"])
    audit_change(actor, amendment, f"Amended plan issued: version {version.version}")
    if open_review is not None and open_review.setting_id != setting.pk:
        open_review.setting = setting
        open_review.led_by = review_lead_for(setting.kind)
        save_with_next_due(open_review, ["setting", "led_by"], review_clocks(open_review))
    notification_send(
        actor=actor,
        template="amended_plan_issued",
        child=amendment.child,
        personalisation={
            "version": version.version,
            "setting_name": setting.name,
            "review_due": review_due,
            "page_link": f"/plans/{amendment.plan_id}/",
            **appeal_rights(issued_on),
        },
    )
    appeal = amendment.appeal
    rule_id = order_amend_rule(appeal)
    if (
        appeal is not None
        and rule_id is not None
        and not appeal.order_steps.filter(rule_id=rule_id).exists()
    ):
        order_step_done(actor=actor, appeal=appeal, rule_id=rule_id, done_on=issued_on, today=today)
    return amendment


def _close(
    actor: Actor,
    amendment: Amendment,
    *,
    status: str,
    closed_on: date,
    reason: str,
    today: date | None,
) -> Amendment:
    check_capability(actor, Capability.MANAGE_REVIEWS)
    amendment = _locked_amendment(amendment)
    _check_amendment_open(amendment)
    if not reason.strip():
        raise ValidationError({"reason": [REASONS_REQUIRED]})
    check_date(closed_on, today=today_or_local(today), field="closed_on")
    amendment.status = status
    amendment.closed_on = closed_on
    amendment.closed_reason = reason.strip()
    _save_amendment(amendment, ["status", "closed_on", "closed_reason"])
    plan = plan_services.plan_lock(amendment.plan)
    plan_services.plan_content_restore(actor=actor, plan=plan, version=amendment.base_version)
    audit_change(actor, amendment, f"Amendment closed: {amendment.get_status_display()}")
    return amendment


@transaction.atomic
def amendment_not_amended(
    *,
    actor: Actor,
    amendment: Amendment,
    decided_on: date,
    reasons: str,
    today: date | None = None,
) -> Amendment:
    """Decided not to amend after all: the family is told why, with their right of appeal. The
    plan's content goes back to the version the proposals would have changed."""
    amendment = _close(
        actor,
        amendment,
        status=AmendmentStatus.NOT_AMENDED,
        closed_on=decided_on,
        reason=reasons,
        today=today,
    )
    notification_send(
        actor=actor,
        template="amendment_not_made",
        child=amendment.child,
        personalisation={
            "reasons": amendment.closed_reason,
            **appeal_rights(decided_on),
        },
    )
    return amendment


@transaction.atomic
def amendment_withdraw(
    *,
    actor: Actor,
    amendment: Amendment,
    withdrawn_on: date,
    reason: str,
    today: date | None = None,
) -> Amendment:
    """Withdraw an amendment started in error (no notification: nothing was decided); the plan's
    content goes back to the version it would have changed."""
    return _close(
        actor,
        amendment,
        status=AmendmentStatus.WITHDRAWN,
        closed_on=withdrawn_on,
        reason=reason,
        today=today,
    )
