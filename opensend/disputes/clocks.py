"""The clocks on complaints, mediation and appeals, computed from their dates.

No date arithmetic happens here: statutory clocks ask `opensend.statutory.due` (or
`appeal_deadline`), and the charter clock asks `statutory.add_working_days`. Some clocks are the
family's time limit, not ours (contacting the mediation adviser, appealing): they are shown so
everyone can see the dates, and marked `family_step` so the queue can say so.
"""

from collections.abc import Iterable
from datetime import date

from opensend import statutory
from opensend.core.clocks import Clock, rule_clock
from opensend.disputes.models import (
    ALTERNATIVE_RULES,
    ORDER_RULES,
    Appeal,
    Complaint,
    ComplaintStageRecord,
    MediationCase,
    OrderStepException,
)

CHARTER = "charter"


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
    clocks = [
        rule_clock(
            "contact_mediation_adviser",
            case.decision_notice_on,
            case.adviser_contacted_on,
            family=True,
        )
    ]
    if case.told_wants_mediation_on is not None:
        held = case.held_on or (case.ended_on if case.end_result == "could_not_arrange" else None)
        clocks.append(rule_clock("hold_mediation", case.told_wants_mediation_on, held))
    trigger = case.certificate_trigger_on
    if trigger is not None:
        clocks.append(rule_clock("mediation_certificate", trigger, case.certificate_issued_on))
    if case.agreement_non_appealable and case.ended_on is not None:
        clocks.append(
            rule_clock(
                "mediation_agreement_non_appealable", case.ended_on, case.agreement_actioned_on
            )
        )
    if case.closed_on is not None:
        clocks = [c for c in clocks if c.done_on is not None]
    return sorted(clocks, key=lambda c: (c.due_on, c.rule_id))


# ---------------------------------------------------------------------------- appeals


def appeal_deadline_clock(appeal: Appeal) -> Clock:
    """The family's time limit to appeal: the later of 2 months / 1 month from the certificate."""
    due_on = statutory.appeal_deadline(appeal.decision_sent_on, appeal.certificate_issued_on)
    from_certificate = appeal.certificate_issued_on is not None and due_on == statutory.due(
        "appeal_after_mediation_certificate", appeal.certificate_issued_on
    )
    rule_id = "appeal_after_mediation_certificate" if from_certificate else "appeal_to_tribunal"
    trigger = appeal.certificate_issued_on if from_certificate else appeal.decision_sent_on
    return Clock(
        rule_id=rule_id,
        title="Appeal to the Tribunal",
        trigger_on=trigger or appeal.decision_sent_on,
        due_on=due_on,
        done_on=appeal.lodged_on,
        explanation=(
            "An appeal must reach the Tribunal within 2 months of the decision notice, or "
            "1 month from the mediation certificate, whichever is later "
            "(Tribunal Rules 2008, rule 20(1)(c))."
        ),
        family_step=True,
    )


def order_clocks(
    appeal: Appeal,
    done: dict[str, date] | None = None,
    exceptions: dict[str, OrderStepException] | None = None,
) -> list[Clock]:
    """The compliance clocks the Tribunal's order starts (Regs 44(2)), by order type, each with
    the reg 44(3) exception recorded against it, if there is one."""
    if appeal.order_on is None or not appeal.order_type:
        return []
    if done is None:
        done = {step.rule_id: step.done_on for step in appeal.order_steps.all()}
    if exceptions is None:
        exceptions = {}
        for exc in appeal.order_exceptions.all():
            exceptions.setdefault(exc.rule_id, exc)
    clocks = []
    for rule_id in ORDER_RULES.get(appeal.order_type, ()):
        alternative = ALTERNATIVE_RULES.get(rule_id)
        if alternative and alternative in done and rule_id not in done:
            continue  # the other branch was taken: this one no longer applies
        clocks.append(
            rule_clock(
                rule_id, appeal.order_on, done.get(rule_id), exception=exceptions.get(rule_id)
            )
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


def next_open_clock(clocks: Iterable[Clock]) -> Clock | None:
    """The soonest open clock that is ours; a family's time limit only if nothing else is open."""
    open_clocks = [c for c in clocks if c.is_open]
    ours = [c for c in open_clocks if not c.family_step]
    chosen = ours or open_clocks
    return min(chosen, key=lambda c: c.due_on) if chosen else None
