"""What an appeal's outcome requires of us: the Tribunal's order (reg 44(2) time limits from the
order), an appeal we do not oppose (reg 45's limits from the day we told the Tribunal), each
step of it done, and a reg 44(3) exception that lifts a step's limit, recorded with evidence."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.core.clocks import Clock
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import EVIDENCE_REQUIRED, check_date, check_not_future, check_period
from opensend.disputes.clocks import order_clocks
from opensend.disputes.models import (
    NOT_OPPOSED_KINDS,
    OUTCOMES_WITH_ORDER,
    Appeal,
    AppealOutcome,
    DisputeStepKind,
    OrderStep,
    OrderStepException,
    OrderType,
)
from opensend.disputes.services._shared import ALREADY_DONE, record_step
from opensend.disputes.services.appeals import APPEAL_DECIDED, locked_appeal
from opensend.notify.services import notification_send

NO_ORDER_FOR_OUTCOME = "An order follows an appeal that was allowed or conceded"
ORDER_ALREADY = "The order has already been recorded"
RULE_NOT_IN_ORDER = "That step is not part of this order"
ORDER_TYPE_REQUIRED = "Choose what the order says we must do"
NOT_OPPOSED_TYPE = "Choose what the council will now do"
EXCEPTION_NOT_FOR_ORDER = "That reason does not lift the order's time limits (regulation 44(3))"
EXCEPTION_ALREADY = "An exception is already recorded for this step"
START_BEFORE_ORDER = "The exception cannot start before the order ({on})"

# Plain English for the family's message when an order arrives.
ORDER_IN_WORDS = {
    OrderType.ASSESS: "carry out an EHC needs assessment",
    OrderType.MAKE_PLAN: "make an EHC plan",
    OrderType.AMEND: "change the EHC plan",
    OrderType.AMEND_SECTION_I: "change the school or setting named in the EHC plan",
}
FIRST_STEP_IN_WORDS = {
    "order_assess_notify": "tell you that we are carrying out the assessment",
    "order_make_plan_draft": "send you a draft EHC plan",
    "order_amend_plan": "send you the changed EHC plan",
    "order_amend_section_i": "send you the EHC plan with the new school or setting",
    "unopposed_assess_notify": "tell you that we are carrying out the assessment",
    "unopposed_amend_plan": "send you the changed EHC plan",
}


@transaction.atomic
def appeal_order_record(
    *,
    actor: Actor,
    appeal: Appeal,
    order_type: str,
    order_on: date,
    details: str = "",
    today: date | None = None,
) -> Appeal:
    """Record the Tribunal's order: its compliance clocks (Regs 44(2)) start on `order_on`."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = locked_appeal(appeal)
    if appeal.outcome not in OUTCOMES_WITH_ORDER:
        raise ValidationError(NO_ORDER_FOR_OUTCOME)
    if appeal.order_type:
        raise ValidationError(ORDER_ALREADY)
    if order_type not in OrderType.values:
        raise ValidationError({"order_type": [ORDER_TYPE_REQUIRED]})
    check_date(
        order_on,
        today=today_or_local(today),
        field="order_on",
        after=appeal.hearing_on or appeal.lodged_on,
        what="the hearing" if appeal.hearing_on else "the appeal was lodged",
    )
    appeal.order_type = order_type
    appeal.order_on = order_on
    appeal.order_details = details.strip()
    appeal.save(update_fields=["order_type", "order_on", "order_details", "updated_at"])
    record_step(
        appeal=appeal,
        kind=DisputeStepKind.ORDER_RECEIVED,
        on=order_on,
        actor=actor,
        summary=appeal.get_order_type_display(),
        reasons=appeal.order_details,
    )
    _tell_family_of_order(actor, appeal)
    return appeal


def _tell_family_of_order(actor: Actor, appeal: Appeal) -> None:
    clocks = order_clocks(appeal, done={}, exceptions={})
    if clocks:
        first = clocks[0]
        notification_send(
            actor=actor,
            template="tribunal_order_received",
            child=appeal.child,
            personalisation={
                "order_summary": ORDER_IN_WORDS[OrderType(appeal.order_type)],
                "first_step": FIRST_STEP_IN_WORDS[first.rule_id],
                "first_due": first.due_on,
            },
        )


@transaction.atomic
def appeal_not_opposed_record(
    *,
    actor: Actor,
    appeal: Appeal,
    told_on: date,
    order_type: str,
    details: str = "",
    today: date | None = None,
) -> Appeal:
    """We told the Tribunal we will not oppose the appeal (reg 45, as substituted by SI
    2015/359). The appeal is conceded, and reg 45's limits (2, 10 and 14 weeks for an
    assessment; 5 weeks for an amended plan) run from `told_on`. Kinds reg 45 does not time
    are recorded as "conceded" with the Tribunal's order instead (`NOT_OPPOSED_KINDS`)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = locked_appeal(appeal)
    if appeal.outcome:
        raise ValidationError(APPEAL_DECIDED)
    if order_type not in NOT_OPPOSED_KINDS:
        raise ValidationError({"order_type": [NOT_OPPOSED_TYPE]})
    check_date(
        told_on,
        today=today_or_local(today),
        field="told_on",
        after=appeal.lodged_on,
        what="the appeal was lodged",
    )
    appeal.outcome = AppealOutcome.CONCEDED
    appeal.outcome_on = told_on
    appeal.unopposed_on = told_on
    appeal.order_type = order_type
    appeal.order_details = details.strip()
    appeal.save(
        update_fields=[
            "outcome",
            "outcome_on",
            "unopposed_on",
            "order_type",
            "order_details",
            "updated_at",
        ]
    )
    record_step(
        appeal=appeal,
        kind=DisputeStepKind.APPEAL_DECIDED,
        on=told_on,
        actor=actor,
        summary=f"Not opposed: {appeal.get_order_type_display()}",
        reasons=appeal.order_details,
    )
    _tell_family_of_order(actor, appeal)
    return appeal


def _order_clock(appeal: Appeal, rule_id: str) -> tuple[date, Clock]:
    """The day the order's clocks count from, and the clock of `rule_id` if it still applies to
    the order (the other branch of an order to assess no longer does once one is taken)."""
    started = appeal.compliance_from
    clock = next((c for c in order_clocks(appeal) if c.rule_id == rule_id), None)
    if started is None or clock is None:
        raise ValidationError({"rule_id": [RULE_NOT_IN_ORDER]})
    return started, clock


@transaction.atomic
def order_step_done(
    *,
    actor: Actor,
    appeal: Appeal,
    rule_id: str,
    done_on: date,
    notes: str = "",
    today: date | None = None,
) -> OrderStep:
    """Record one step of the order done; when every step that applies is done, the appeal is
    complied with."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = locked_appeal(appeal)
    started, clock = _order_clock(appeal, rule_id)
    if clock.done_on is not None:
        raise ValidationError(ALREADY_DONE)
    check_date(
        done_on,
        today=today_or_local(today),
        field="done_on",
        after=started,
        what="the order" if started == appeal.order_on else "we told the Tribunal",
    )
    step = OrderStep.objects.create(
        appeal=appeal, rule_id=rule_id, done_on=done_on, notes=notes.strip(), recorded_by=actor
    )
    record_step(
        appeal=appeal,
        kind=DisputeStepKind.ORDER_STEP_DONE,
        on=done_on,
        actor=actor,
        summary=statutory.get_rule(rule_id).title,
        reasons=step.notes,
    )
    remaining = [c for c in order_clocks(appeal) if c.is_open]
    if not remaining:
        appeal.compliant_on = done_on
        appeal.save(update_fields=["compliant_on", "updated_at"])
    return step


@transaction.atomic
def order_exception_record(
    *,
    actor: Actor,
    appeal: Appeal,
    rule_id: str,
    ground: str,
    starts_on: date,
    evidence: str,
    ends_on: date | None = None,
    today: date | None = None,
) -> OrderStepException:
    """Record a reg 44(3) exception on one step of the order: complying within the time limit
    was impractical because of exceptional personal circumstances, absence from the area for
    2 weeks or more, or the school or college being closed. The appeal shows the limit lifted
    and why; reports count such steps apart. Nothing is lifted silently."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = locked_appeal(appeal)
    started, clock = _order_clock(appeal, rule_id)
    rule = statutory.get_rule(rule_id)
    if ground not in {g.code.value for g in rule.exceptions}:
        raise ValidationError({"ground": [EXCEPTION_NOT_FOR_ORDER]})
    if clock.exception is not None:
        raise ValidationError(EXCEPTION_ALREADY)
    today = today_or_local(today)
    if starts_on < started:
        raise ValidationError(
            {"starts_on": [START_BEFORE_ORDER.format(on=statutory.long_date(started))]}
        )
    check_not_future(starts_on, today=today, field="starts_on")
    check_period(starts_on, ends_on)
    if not evidence.strip():
        raise ValidationError({"evidence": [EVIDENCE_REQUIRED]})
    exception = OrderStepException.objects.create(
        appeal=appeal,
        rule_id=rule_id,
        ground=ground,
        starts_on=starts_on,
        ends_on=ends_on,
        evidence=evidence.strip(),
        recorded_by=actor,
    )
    record_step(
        appeal=appeal,
        kind=DisputeStepKind.ORDER_EXCEPTION,
        on=starts_on,
        actor=actor,
        summary=f"{rule.title}: {statutory.StatutoryException(ground).label}",
        reasons=exception.evidence,
    )
    return exception
