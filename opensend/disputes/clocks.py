"""The clocks on complaints, mediation and appeals, computed from their dates.

No date arithmetic happens here: statutory clocks ask `opensend.statutory.due` (or
`appeal_deadline`), and the charter clock asks `statutory.add_working_days`. Some clocks are the
family's time limit, not ours (contacting the mediation adviser, appealing): they are shown so
everyone can see the dates, and marked `family_step` so the queue can say so.

Every clock is a core `Clock` (core.clocks: the one vocabulary the journey apps share), and the
queue's next date is core's `next_open_clock`.
"""

from dataclasses import replace
from datetime import date

from opensend import statutory
from opensend.core.clocks import Clock, rule_clock

# Re-exported only for reviews.due_dates and demo.disputes, which import it from here (they
# can import it from core.clocks, where it is defined; then this line goes).
from opensend.disputes.models import (
    ALTERNATIVE_RULES,
    ORDER_RULES,
    Appeal,
    Complaint,
    ComplaintStageRecord,
    MediationCase,
    MediationEnd,
    OrderStepException,
)

CHARTER = "charter"
# An agreement to assess is acted on when the plan is issued: the "no plan" branch is dropped.
AGREEMENT_SKIPS = frozenset({"order_assess_not_to_issue"})


# ---------------------------------------------------------------------------- complaints


def charter_due(started_on: date, working_days: int) -> date:
    return statutory.add_working_days(started_on, working_days)


def stage_clock(record: ComplaintStageRecord) -> Clock:
    days = record.charter_working_days
    return Clock(
        rule_id=CHARTER,
        title=f"Reply at {record.get_stage_display().lower()}",
        trigger_on=record.started_on,
        due_on=charter_due(record.started_on, days),
        done_on=record.responded_on,
        explanation=(
            f"Our customer charter: we reply within {days} working days of the complaint "
            f"reaching {record.get_stage_display().lower()}. Working days leave out weekends "
            "and bank holidays."
        ),
    )


def complaint_clocks(complaint: Complaint) -> list[Clock]:
    """One charter clock per stage the complaint has reached; open ones go when it closes."""
    clocks = [stage_clock(record) for record in complaint.stages.all()]
    if not complaint.is_open:
        clocks = [c for c in clocks if c.done_on is not None]
    return sorted(clocks, key=lambda c: (c.trigger_on, c.due_on))


# ---------------------------------------------------------------------------- mediation


def mediation_clocks(case: MediationCase) -> list[Clock]:
    """The adviser, holding mediation (by us, reg 37, or by the health body alone, reg 36), the
    health body's notice, the certificate, and acting on an agreement (reg 42)."""
    clocks = [
        rule_clock(
            "contact_mediation_adviser",
            case.decision_notice_on,
            case.adviser_contacted_on,
            family=True,
        )
    ]
    told = case.told_wants_mediation_on
    not_arranged = case.end_result == MediationEnd.COULD_NOT_ARRANGE
    held = case.held_on or (case.ended_on if not_arranged else None)
    if told is not None and case.includes_health:
        clocks.append(rule_clock("notify_health_of_mediation", told, case.health_body_told_on))
    if told is not None and not case.health_only:
        clocks.append(rule_clock("hold_mediation", told, held))
    if case.health_only and case.health_body_told_on is not None:
        clocks.append(rule_clock("hold_health_mediation", case.health_body_told_on, held))
    trigger = case.certificate_trigger_on
    if trigger is not None:
        clocks.append(rule_clock("mediation_certificate", trigger, case.certificate_issued_on))
    clocks += agreement_clocks(case)
    if case.closed_on is not None:
        clocks = [c for c in clocks if c.done_on is not None]
    return sorted(clocks, key=lambda c: (c.due_on, c.rule_id))


def agreement_clocks(case: MediationCase) -> list[Clock]:
    """Reg 42: a non-appealable matter within 2 weeks (42(3)); an appealable one within reg 44's
    limits "as if the mediation agreement were an order" (42(2)); and, when we were not a party,
    the health body tells us within 1 week (42(4)). None when a different timescale was agreed
    in writing (42(5))."""
    agreed_on = case.ended_on
    if agreed_on is None or case.end_result != MediationEnd.AGREEMENT:
        return []
    clocks = []
    if case.health_only:
        clocks.append(
            rule_clock(
                "mediation_agreement_notify_council", agreed_on, case.council_told_of_agreement_on
            )
        )
    if not case.agreement_has_clock:
        return clocks
    done = case.agreement_actioned_on
    if case.agreement_non_appealable:
        return [*clocks, rule_clock("mediation_agreement_non_appealable", agreed_on, done)]
    for rule_id in ORDER_RULES.get(case.agreement_order_type, ()):
        if rule_id in AGREEMENT_SKIPS:
            continue
        clock = rule_clock(rule_id, agreed_on, done)
        clocks.append(
            replace(
                clock,
                title=f"Mediation agreement: {clock.title.lower()}",
                explanation=(
                    f"{clock.explanation} A mediation agreement on a matter the family could "
                    "appeal has the same time limits, counted from the date of the agreement "
                    "(SEND Regulations 2014, reg 42(2))."
                ),
            )
        )
    return clocks


# ---------------------------------------------------------------------------- appeals


def appeal_deadline_clock(appeal: Appeal) -> Clock:
    """The family's time limit to appeal: the later of 2 months / 1 month from the certificate,
    moved by Tribunal rule 12 (working days, Christmas, August), with the reason shown."""
    deadline = statutory.appeal_deadline_explained(
        appeal.decision_sent_on, appeal.certificate_issued_on
    )
    explanation = (
        "An appeal must reach the Tribunal within 2 months of the decision notice, or "
        "1 month from the mediation certificate, whichever is later "
        "(Tribunal Rules 2008, rule 20(1)(c))."
    )
    if deadline.tribunal_day.moved:
        explanation += f" {deadline.explain()}"
    return Clock(
        rule_id=deadline.rule_id,
        title="Appeal to the Tribunal",
        trigger_on=deadline.trigger,
        due_on=deadline.last_day,
        done_on=appeal.lodged_on,
        explanation=explanation,
        family_step=True,
    )


def order_clocks(
    appeal: Appeal,
    done: dict[str, date] | None = None,
    exceptions: dict[str, OrderStepException] | None = None,
) -> list[Clock]:
    """The compliance clocks the Tribunal's order starts (reg 44(2)), or, for an appeal the
    council did not oppose, those reg 45 starts from the day it told the Tribunal; each with the
    reg 44(3) exception recorded against it, if there is one."""
    trigger = appeal.compliance_from
    if trigger is None or not appeal.order_type:
        return []
    if done is None:
        done = {step.rule_id: step.done_on for step in appeal.order_steps.all()}
    if exceptions is None:
        exceptions = {}
        for exc in appeal.order_exceptions.all():
            exceptions.setdefault(exc.rule_id, exc)
    clocks = []
    for rule_id in appeal.compliance_rules:
        alternative = ALTERNATIVE_RULES.get(rule_id)
        if alternative and alternative in done and rule_id not in done:
            continue  # the other branch was taken: this one no longer applies
        clocks.append(
            rule_clock(rule_id, trigger, done.get(rule_id), exception=exceptions.get(rule_id))
        )
    return clocks


def appeal_clocks(appeal: Appeal) -> list[Clock]:
    clocks = [appeal_deadline_clock(appeal), *order_clocks(appeal)]
    return sorted(clocks, key=lambda c: (c.due_on, c.rule_id))


def record_clocks(record: Complaint | MediationCase | Appeal) -> list[Clock]:
    """The clocks of any dispute record."""
    if isinstance(record, Complaint):
        return complaint_clocks(record)
    if isinstance(record, MediationCase):
        return mediation_clocks(record)
    return appeal_clocks(record)
