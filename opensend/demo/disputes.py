"""Synthetic complaints, mediation cases and Tribunal appeals for the demo area.

Built after the cases (`demo.cases`) and plans (`demo.plans`): complaints about some cases at every
stage (most answered within the charter, some late, some escalated, some closed with a remedy and
what we learned), mediation after some refusals and final plans in every state, and appeals:
refusals to assess and contents of final plans, with hearings, outcomes and orders whose
compliance clocks are mostly met, sometimes late (a few with a reg 44(3) exception) and some still
open. Every date comes from the rules engine or the charter; every row is bulk-inserted, and the
queue's `next_due_on` is worked out in memory by the same clock code the service uses, so the
whole thing takes a fixed number of queries at any scale. Deterministic from the seed.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opensend import statutory
from opensend.casework.models import AssessmentRequest, Stage
from opensend.core.clocks import next_open_clock
from opensend.disputes.clocks import (
    appeal_deadline_clock,
    charter_due,
    mediation_clocks,
    order_clocks,
    stage_clock,
)
from opensend.disputes.models import (
    ALTERNATIVE_RULES,
    DEFAULT_CHARTER_WORKING_DAYS,
    NEXT_STAGE,
    Appeal,
    AppealOutcome,
    AppealType,
    CharterStandard,
    Complaint,
    ComplaintOutcome,
    ComplaintStage,
    ComplaintStageRecord,
    ComplaintStatus,
    DisputeStep,
    DisputeStepKind,
    MediationCase,
    MediationEnd,
    OrderStep,
    OrderStepException,
    OrderType,
)
from opensend.people.models import Child
from opensend.reviews.codes import ReviewDecision
from opensend.reviews.models import AnnualReview

BATCH = 2000
COMPLAINT_SHARE = 0.05  # of cases
MEDIATION_SHARE: dict[str, float] = {Stage.NOT_ASSESSING: 0.35, Stage.FINAL_ISSUED: 0.06}
APPEAL_SHARE: dict[str, float] = {Stage.NOT_ASSESSING: 0.15, Stage.FINAL_ISSUED: 0.03}
# Of decisions after annual reviews not to amend or to cease the plan.
REVIEW_MEDIATION_SHARE, REVIEW_APPEAL_SHARE = 0.08, 0.04

ABOUT = [
    ("EHC needs assessment", "Nobody told us what was happening with the assessment."),
    ("Advice for the assessment", "The advice was late and the appointment was cancelled twice."),
    ("Draft EHC plan", "The draft plan does not say how many hours of support our child gets."),
    ("Annual review", "The review report came months after the meeting."),
    ("Transport", "The school transport did not turn up for a week."),
    ("Communication", "Phone calls and emails to the team were not answered."),
]
REMEDIES = [
    "An apology, and a named caseworker who will call every fortnight until the plan is issued.",
    "We have arranged the missing advice and will send the draft plan by the new date.",
    "We have apologised and reimbursed the family's travel costs.",
]
LEARNING = [
    "Caseworkers now send a short update every four weeks on every open assessment.",
    "The advice tracker now escalates to the service lead when advice is a week late.",
    "We have added a check that review reports are sent within two weeks of the meeting.",
]


@dataclass
class _Built:
    complaints: list[Complaint] = field(default_factory=list)
    stages: list[tuple[int, ComplaintStageRecord]] = field(default_factory=list)
    mediations: list[MediationCase] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)
    appeal_mediation: list[int | None] = field(default_factory=list)
    order_steps: list[tuple[int, OrderStep]] = field(default_factory=list)
    order_exceptions: list[tuple[int, OrderStepException]] = field(default_factory=list)
    # (kind of record, index in its list, step kind, date, summary)
    steps: list[tuple[str, int, str, date, str]] = field(default_factory=list)


class _DisputeMaker:
    def __init__(self, *, seed: int, today: date) -> None:
        self.rng = random.Random(seed * 15485863 + 11)
        self.today = today
        self.built = _Built()
        charter = dict(CharterStandard.objects.values_list("stage", "working_days"))
        self.charter = {s: charter.get(s, d) for s, d in DEFAULT_CHARTER_WORKING_DAYS.items()}

    def _after(self, on: date, low: int, high: int) -> date:
        return statutory.add_days(on, self.rng.randint(low, high))

    def _step(self, kind: str, idx: int, step: str, on: date, summary: str = "") -> None:
        self.built.steps.append((kind, idx, step, on, summary[:300]))

    # ------------------------------------------------------------------ complaints

    def complaint(self, request_id: int, child_id: int, family_name: str, since: date) -> None:
        rng, today = self.rng, self.today
        about, summary = rng.choice(ABOUT)
        recent = rng.random() < 0.12
        low = (
            statutory.add_days(today, -20)
            if recent
            else max(since, statutory.add_months(today, -18))
        )
        span = max((today - low).days, 0)
        received = statutory.add_days(low, rng.randint(0, span))
        complaint = Complaint(
            child_id=child_id,
            assessment_request_id=request_id,
            about_step=about,
            summary=summary + " (synthetic)",
            outcome_wanted="A reply, and for it not to happen again.",
            complainant_name=f"Parent or carer {family_name}",
            received_on=received,
        )
        idx = len(self.built.complaints)
        self.built.complaints.append(complaint)
        self._step("complaint", idx, DisputeStepKind.COMPLAINT_RECEIVED, received, "Synthetic")
        stage: str = ComplaintStage.STAGE_1
        started, open_record = received, None
        while True:
            days = self.charter[stage]
            record = ComplaintStageRecord(
                stage=stage, started_on=started, charter_working_days=days
            )
            if stage != ComplaintStage.STAGE_1:
                record.escalation_reason = "The family is not happy with our reply."
            self.built.stages.append((idx, record))
            due = charter_due(started, days)
            late = rng.random() < 0.15
            replied = (
                charter_due(started, rng.randint(2, days))
                if not late
                else charter_due(due, rng.randint(1, 10))
            )
            if replied > today or (recent and rng.random() < 0.6):
                open_record = record  # still waiting for our reply
                break
            outcome = rng.choice(
                [
                    ComplaintOutcome.UPHELD,
                    ComplaintOutcome.PARTLY_UPHELD,
                    ComplaintOutcome.NOT_UPHELD,
                ]
            )
            record.responded_on = replied
            record.outcome = outcome
            record.response = "Thank you for telling us. We have looked into what happened."
            if outcome != ComplaintOutcome.NOT_UPHELD:
                record.remedy = rng.choice(REMEDIES)
                record.learning = rng.choice(LEARNING)
            self._step(
                "complaint",
                idx,
                DisputeStepKind.COMPLAINT_RESPONDED,
                replied,
                f"{record.get_stage_display()}: {record.get_outcome_display()}",
            )
            next_stage = NEXT_STAGE.get(stage)
            escalated = self._after(replied, 5, 25)
            escalate = idx % 6 == 2 or rng.random() < 0.1
            if next_stage is None or escalated > today or not escalate:
                complaint.stage, complaint.status = stage, ComplaintStatus.RESPONDED
                closed = self._after(replied, 10, 30)
                if closed <= today and rng.random() < 0.85:
                    complaint.status = ComplaintStatus.CLOSED
                    complaint.outcome, complaint.closed_on = outcome, closed
                    self._step(
                        "complaint",
                        idx,
                        DisputeStepKind.COMPLAINT_CLOSED,
                        closed,
                        record.get_outcome_display(),
                    )
                break
            stage, started = next_stage, escalated
            self._step(
                "complaint",
                idx,
                DisputeStepKind.COMPLAINT_ESCALATED,
                escalated,
                f"To {ComplaintStage(stage).label}",
            )
        if open_record is not None:
            complaint.stage, complaint.status = open_record.stage, ComplaintStatus.OPEN
            if rng.random() < 0.08 and open_record.stage == ComplaintStage.STAGE_1:
                withdrawn = self._after(open_record.started_on, 1, 10)
                if withdrawn <= today:
                    complaint.status, complaint.outcome = ComplaintStatus.CLOSED, "withdrawn"
                    complaint.closed_on = withdrawn
                    complaint.closed_reason = "The family withdrew the complaint."
                    self._step("complaint", idx, DisputeStepKind.COMPLAINT_CLOSED, withdrawn)
                    return
            upcoming = next_open_clock([stage_clock(open_record)])
            complaint.next_due_on = upcoming.due_on if upcoming else None

    # ------------------------------------------------------------------ mediation

    def mediation(
        self,
        request_id: int | None,
        child_id: int,
        notice: date,
        about: str,
        *,
        review_id: int | None = None,
    ) -> int:
        rng, today = self.rng, self.today
        case = MediationCase(
            child_id=child_id,
            assessment_request_id=request_id,
            review_id=review_id,
            decision_notice_on=notice,
            about=about,
        )
        idx = len(self.built.mediations)
        self.built.mediations.append(case)
        self._step("mediation", idx, DisputeStepKind.MEDIATION_OPENED, notice, about)
        contacted = self._after(notice, 5, 50)
        if contacted > today:
            return self._finish_mediation(case)
        if rng.random() < 0.07:
            case.closed_on, case.closed_reason = contacted, "The family did not take it further."
            self._step("mediation", idx, DisputeStepKind.MEDIATION_CLOSED, contacted)
            return self._finish_mediation(case)
        case.adviser_contacted_on = contacted
        self._step("mediation", idx, DisputeStepKind.ADVISER_CONTACTED, contacted)
        chose = self._after(contacted, 1, 7)
        if chose > today:
            return self._finish_mediation(case)
        if rng.random() < 0.35:
            case.wants_mediation, case.declined_on = False, chose
            self._step("mediation", idx, DisputeStepKind.MEDIATION_DECLINED, chose)
        else:
            case.wants_mediation, case.told_wants_mediation_on = True, chose
            self._step("mediation", idx, DisputeStepKind.MEDIATION_WANTED, chose)
            if rng.random() < 0.1:
                ended = self._after(chose, 10, 30)
                if ended > today:
                    return self._finish_mediation(case)
                case.ended_on, case.end_result = ended, MediationEnd.COULD_NOT_ARRANGE
            else:
                held = self._after(chose, 10, 34)  # a few after the 30 days
                if held > today:
                    return self._finish_mediation(case)
                case.held_on = held
                self._step("mediation", idx, DisputeStepKind.MEDIATION_HELD, held)
                case.ended_on = held
                if rng.random() < 0.55:
                    case.end_result = MediationEnd.AGREEMENT
                    case.agreement_summary = "Extra speech and language therapy agreed."
                    case.agreement_non_appealable = rng.random() < 0.3
                else:
                    case.end_result = MediationEnd.NO_AGREEMENT
            self._step(
                "mediation",
                idx,
                DisputeStepKind.MEDIATION_ENDED,
                case.ended_on,
                case.get_end_result_display(),
            )
        trigger = case.certificate_trigger_on
        assert trigger is not None  # noqa: S101 - declined or ended above
        issued = statutory.add_working_days(trigger, rng.choice([1, 2, 3, 3, 5]))
        if issued <= today:
            case.certificate_issued_on = issued
            self._step("mediation", idx, DisputeStepKind.CERTIFICATE_ISSUED, issued)
        if case.agreement_non_appealable and case.ended_on is not None:
            actioned = self._after(case.ended_on, 3, 16)
            if actioned <= today and rng.random() < 0.8:
                case.agreement_actioned_on = actioned
                self._step("mediation", idx, DisputeStepKind.AGREEMENT_ACTIONED, actioned)
        return self._finish_mediation(case)

    def _finish_mediation(self, case: MediationCase) -> int:
        if case.is_open:
            upcoming = next_open_clock(mediation_clocks(case))
            case.next_due_on = upcoming.due_on if upcoming else None
        return len(self.built.mediations) - 1

    # ------------------------------------------------------------------ appeals

    def appeal(
        self,
        *,
        request_id: int | None,
        child_id: int,
        appeal_type: str,
        notice: date,
        mediation_idx: int | None,
        review_id: int | None = None,
    ) -> None:
        rng, today = self.rng, self.today
        certificate = None
        if mediation_idx is not None:
            certificate = self.built.mediations[mediation_idx].certificate_issued_on
        lodged = self._after(certificate or notice, 10, 50)
        if lodged > today:
            return
        appeal = Appeal(
            child_id=child_id,
            assessment_request_id=request_id,
            review_id=review_id,
            appeal_type=appeal_type,
            sections="B, F, I" if appeal_type == AppealType.CONTENTS else "",
            grounds="The family says the provision is not specific enough (synthetic).",
            tribunal_reference=f"EH{rng.randint(100, 999)}/{rng.randint(10000, 99999)}",
            decision_sent_on=notice,
            certificate_issued_on=certificate,
            lodged_on=lodged,
        )
        idx = len(self.built.appeals)
        self.built.appeals.append(appeal)
        self.built.appeal_mediation.append(mediation_idx)
        self._step(
            "appeal", idx, DisputeStepKind.APPEAL_LODGED, lodged, appeal.get_appeal_type_display()
        )
        hearing = self._after(lodged, 90, 160)
        appeal.hearing_on = hearing
        self._step("appeal", idx, DisputeStepKind.HEARING_LISTED, min(hearing, today))
        outcome = rng.choices(
            [
                AppealOutcome.ALLOWED,
                AppealOutcome.CONCEDED,
                AppealOutcome.DISMISSED,
                AppealOutcome.WITHDRAWN,
            ],
            [40, 20, 25, 15],
        )[0]
        decided = (
            hearing
            if outcome in (AppealOutcome.ALLOWED, AppealOutcome.DISMISSED)
            else (self._after(lodged, 20, 80))
        )
        if decided > today:
            return self._finish_appeal(appeal, {}, {})
        appeal.outcome, appeal.outcome_on = outcome, decided
        self._step(
            "appeal", idx, DisputeStepKind.APPEAL_DECIDED, decided, appeal.get_outcome_display()
        )
        if outcome not in (AppealOutcome.ALLOWED, AppealOutcome.CONCEDED):
            return self._finish_appeal(appeal, {}, {})
        # Not opposed (reg 45): the clocks count from the day we told the Tribunal.
        unopposed = outcome == AppealOutcome.CONCEDED
        order_on = decided if unopposed else self._after(decided, 0, 7)
        if order_on > today:
            return self._finish_appeal(appeal, {}, {})
        appeal.order_type = self._order_type(appeal_type)
        if unopposed:
            appeal.unopposed_on = order_on
            appeal.order_details = "We told the Tribunal we would not oppose (synthetic)."
        else:
            appeal.order_on = order_on
            appeal.order_details = "The Tribunal's order (synthetic)."
        self._step(
            "appeal", idx, DisputeStepKind.ORDER_RECEIVED, order_on, appeal.get_order_type_display()
        )
        done: dict[str, date] = {}
        exceptions: dict[str, OrderStepException] = {}
        family = "unopposed" if unopposed else "order"
        skip = (
            f"{family}_assess_not_to_issue" if rng.random() < 0.8 else f"{family}_assess_final_plan"
        )
        for rule_id in appeal.compliance_rules:
            if rule_id == skip and rule_id in ALTERNATIVE_RULES:
                continue
            due = statutory.due(rule_id, order_on)
            late = rng.random() < 0.1
            on = statutory.add_days(due, rng.randint(3, 25) if late else -rng.randint(0, 9))
            starts = self._after(order_on, 1, 10)
            grounds = statutory.get_rule(rule_id).exception_codes
            if late and starts <= today and grounds and rng.random() < 0.5:
                exc = OrderStepException(
                    rule_id=rule_id,
                    ground=rng.choice(["personal_circumstances", "absent_from_area_2_weeks"]),
                    starts_on=starts,
                    evidence="The family told us in writing (synthetic).",
                )
                exc.ends_on = statutory.add_days(exc.starts_on, 21)
                exceptions[rule_id] = exc
                self.built.order_exceptions.append((idx, exc))
                self._step("appeal", idx, DisputeStepKind.ORDER_EXCEPTION, exc.starts_on)
            if on > today:
                break  # this step and the rest are still open
            done[rule_id] = on
            self.built.order_steps.append((idx, OrderStep(rule_id=rule_id, done_on=on)))
            self._step(
                "appeal",
                idx,
                DisputeStepKind.ORDER_STEP_DONE,
                on,
                statutory.get_rule(rule_id).title,
            )
        return self._finish_appeal(appeal, done, exceptions)

    def _order_type(self, appeal_type: str) -> str:
        if appeal_type == AppealType.REFUSAL_TO_ASSESS:
            return OrderType.ASSESS
        if appeal_type == AppealType.CEASING:
            return OrderType.MAINTAIN  # keep the plan: no time limit to meet
        return self.rng.choice([OrderType.AMEND, OrderType.AMEND, OrderType.AMEND_SECTION_I])

    def _finish_appeal(
        self, appeal: Appeal, done: dict[str, date], exceptions: dict[str, OrderStepException]
    ) -> None:
        orders = order_clocks(appeal, done=done, exceptions=exceptions)
        if orders and all(not c.is_open for c in orders):
            appeal.compliant_on = max(c.done_on for c in orders if c.done_on)
        clocks = [appeal_deadline_clock(appeal), *orders]
        if appeal.is_open:
            upcoming = next_open_clock(clocks)
            appeal.next_due_on = upcoming.due_on if upcoming else None

    # ------------------------------------------------------------------ save

    def save(self) -> int:
        built = self.built
        Complaint.objects.bulk_create(built.complaints, batch_size=BATCH)
        for i, record in built.stages:
            record.complaint = built.complaints[i]
        ComplaintStageRecord.objects.bulk_create([r for _, r in built.stages], batch_size=BATCH)
        MediationCase.objects.bulk_create(built.mediations, batch_size=BATCH)
        for appeal, m in zip(built.appeals, built.appeal_mediation, strict=True):
            appeal.mediation = built.mediations[m] if m is not None else None
        Appeal.objects.bulk_create(built.appeals, batch_size=BATCH)
        for i, step in built.order_steps:
            step.appeal = built.appeals[i]
        OrderStep.objects.bulk_create([s for _, s in built.order_steps], batch_size=BATCH)
        for i, exc in built.order_exceptions:
            exc.appeal = built.appeals[i]
        OrderStepException.objects.bulk_create(
            [e for _, e in built.order_exceptions], batch_size=BATCH
        )
        owners: dict[str, list[Any]] = {
            "complaint": built.complaints,
            "mediation": built.mediations,
            "appeal": built.appeals,
        }
        DisputeStep.objects.bulk_create(
            [
                DisputeStep(**{kind: owners[kind][i]}, kind=step, occurred_on=on, summary=summary)
                for kind, i, step, on, summary in built.steps
            ],
            batch_size=BATCH,
        )
        return len(built.complaints) + len(built.mediations) + len(built.appeals)


def build_demo_disputes(*, seed: int, today: date) -> int:
    """Complaints, mediation cases and appeals for the demo cases; returns how many were made.

    Call after `build_demo_cases` and `build_demo_plans`."""
    maker = _DisputeMaker(seed=seed, today=today)
    rng = maker.rng
    cases = list(
        AssessmentRequest.objects.order_by("pk").values_list(
            "pk", "child_id", "stage", "received_on", "assess_decision_on", "final_issued_on"
        )
    )
    complained = [c for c in cases if rng.random() < COMPLAINT_SHARE]
    names = dict(
        Child.objects.filter(pk__in=[c[1] for c in complained]).values_list("pk", "family_name")
    )
    for pk, child_id, _stage, received, _decided, _final in complained:
        maker.complaint(pk, child_id, names.get(child_id, ""), received)
    for pk, child_id, stage, _received, decided, final in cases:
        if stage == Stage.NOT_ASSESSING and decided is not None:
            notice, about, appeal_type = (
                decided,
                "Decision not to assess",
                AppealType.REFUSAL_TO_ASSESS,
            )
        elif stage == Stage.FINAL_ISSUED and final is not None:
            notice, about, appeal_type = final, "Contents of the final plan", AppealType.CONTENTS
        else:
            continue
        mediation_idx = None
        if rng.random() < MEDIATION_SHARE[stage]:
            mediation_idx = maker.mediation(pk, child_id, notice, about)
            case = maker.built.mediations[mediation_idx]
            if case.certificate_issued_on is None or case.end_result == MediationEnd.AGREEMENT:
                continue
            if rng.random() < 0.5:
                maker.appeal(
                    request_id=pk,
                    child_id=child_id,
                    appeal_type=appeal_type,
                    notice=notice,
                    mediation_idx=mediation_idx,
                )
        elif rng.random() < APPEAL_SHARE[stage]:
            maker.appeal(
                request_id=pk,
                child_id=child_id,
                appeal_type=appeal_type,
                notice=notice,
                mediation_idx=None,
            )
    _disputes_after_reviews(maker)
    return maker.save()


def _disputes_after_reviews(maker: _DisputeMaker) -> None:
    """Mediation and appeals about decisions after annual reviews: not to amend the plan or to
    cease it (Children and Families Act 2014 s51(2)(e) and (f)), linked to the review."""
    rng = maker.rng
    decided = AnnualReview.objects.filter(
        decision__in=[ReviewDecision.MAINTAIN, ReviewDecision.CEASE], decided_on__isnull=False
    ).order_by("pk")
    for pk, child_id, decision, on in decided.values_list(
        "pk", "child_id", "decision", "decided_on"
    ):
        assert on is not None  # noqa: S101 - decided_on__isnull=False above
        if decision == ReviewDecision.CEASE:
            about, appeal_type = "Decision to cease the plan", AppealType.CEASING
        else:
            about, appeal_type = "Decision not to amend the plan", AppealType.CONTENTS
        if rng.random() < REVIEW_MEDIATION_SHARE:
            maker.mediation(None, child_id, on, about, review_id=pk)
        elif rng.random() < REVIEW_APPEAL_SHARE:
            maker.appeal(
                request_id=None,
                child_id=child_id,
                appeal_type=appeal_type,
                notice=on,
                mediation_idx=None,
                review_id=pk,
            )
