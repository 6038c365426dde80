"""Ceasing a plan: the legal tests by age, consultation, the notice with appeal rights, the plan
kept while an appeal is pending, and ceasing only when no appeal is pending."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend import statutory
from opensend.disputes import services as disputes
from opensend.disputes.models import Appeal
from opensend.notify.models import OutboxMessage
from opensend.plans.models import PlanStatus
from opensend.reviews.ceasing import selectors, services
from opensend.reviews.models import (
    AnnualReview,
    Cessation,
    CessationStatus,
    PhaseTransfer,
    ReviewStage,
)
from testsupport.transfers import born_aged

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)
CONSULTED = dt.date(2026, 6, 1)
DECIDED = dt.date(2026, 6, 15)


def start(cw, plan, reason="2", today=TODAY):
    return services.cessation_start(
        actor=cw, plan=plan, reason=reason, details="Needs met at SEN support", today=today
    )


def consult(cw, cessation, *, family_on=CONSULTED, setting_on=CONSULTED, **notes):
    """Record the consultation (reg 31(1)) of the family and, unless `setting_on` is None, the
    setting."""
    return services.cessation_consultation_record(
        actor=cw,
        cessation=cessation,
        family_consulted_on=family_on,
        setting_consulted_on=setting_on,
        today=TODAY,
        **notes,
    )


def decide(cw, cessation, on=DECIDED):
    return services.cessation_decide(actor=cw, cessation=cessation, decided_on=on, today=TODAY)


def cease(cw, cessation, on):
    return services.cessation_cease(actor=cw, cessation=cessation, ceased_on=on, today=TODAY)


def decided(cw, plan):
    world_setting = plan.named_setting
    world_setting.email = "senco@school.test"
    world_setting.save()
    cessation = start(cw, plan)
    consult(cw, cessation, consultation_notes="Family disagree")
    return decide(cw, cessation)


def test_left_education_is_refused_for_a_15_year_old(world, cw, plan):
    world.caseload_child.date_of_birth = born_aged(15, TODAY)
    world.caseload_child.save()
    with pytest.raises(ValidationError) as exc:
        start(cw, plan, reason="6")
    assert "The child or young person is 15" in str(exc.value)
    assert "29(2)" in str(exc.value)
    assert not Cessation.objects.exists()


def test_an_18_year_old_who_left_education_needs_a_review_first(world, cw, plan):
    world.caseload_child.date_of_birth = born_aged(19, TODAY)
    world.caseload_child.save()
    with pytest.raises(ValidationError, match="Hold a review first"):
        start(cw, plan, reason="6")
    review = AnnualReview.objects.create(
        plan=plan,
        child=plan.child,
        led_by="council",
        due_by=TODAY,
        held_on=dt.date(2026, 10, 1),
        stage=ReviewStage.DECIDED,
    )
    cessation = services.cessation_start(
        actor=cw, plan=plan, reason="6", details="Left college", review=review, today=TODAY
    )
    assert cessation.status == CessationStatus.PROPOSED


def test_start_checks(world, cw, plan):
    with pytest.raises(PermissionDenied):
        start(world.users["senco"], plan)
    with pytest.raises(ValidationError, match="Explain"):
        services.cessation_start(actor=cw, plan=plan, reason="2", details=" ", today=TODAY)
    with pytest.raises(ValidationError, match="Choose the reason"):
        services.cessation_start(actor=cw, plan=plan, reason="0", details="x", today=TODAY)
    start(cw, plan)
    with pytest.raises(ValidationError, match="already considering"):
        start(cw, plan)
    assert Cessation.objects.count() == 1


def test_consult_then_decide_sends_the_notice_with_appeal_rights(cw, plan):
    cessation = decided(cw, plan)
    assert cessation.status == CessationStatus.DECIDED
    due = statutory.appeal_deadline(DECIDED)
    assert cessation.next_due_on == due
    proposed = OutboxMessage.objects.filter(template="cessation_proposed").first()
    assert "thinking of stopping" in proposed.subject
    assert OutboxMessage.objects.filter(
        template="cessation_setting_consulted", to_address="senco@school.test"
    ).exists()
    notice = OutboxMessage.objects.filter(template="cessation_decided").first()
    assert statutory.long_date(due) in notice.body
    assert "mediation" in notice.body
    assert "Ongoing educational or training needs being met without an EHC plan" in notice.body
    assert OutboxMessage.objects.filter(template="cessation_decided_setting").exists()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FINAL


def test_bad_dates_change_nothing(cw, plan):
    cessation = start(cw, plan)
    with pytest.raises(ValidationError, match="Record the consultation"):
        decide(cw, cessation)
    with pytest.raises(ValidationError, match="future"):
        consult(cw, cessation, family_on=TODAY + dt.timedelta(1))
    with pytest.raises(ValidationError, match="setting named"):
        consult(cw, cessation, setting_on=None)
    consult(cw, cessation)
    with pytest.raises(ValidationError, match="already been recorded"):
        consult(cw, cessation)
    with pytest.raises(ValidationError, match="before the consultation"):
        decide(cw, cessation, dt.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="future"):
        decide(cw, cessation, TODAY + dt.timedelta(1))
    cessation.refresh_from_db()
    assert cessation.status == CessationStatus.PROPOSED and cessation.decided_on is None
    decide(cw, cessation)
    with pytest.raises(ValidationError, match="already been sent"):
        decide(cw, cessation)


def test_cannot_cease_while_the_family_can_still_appeal(cw, plan):
    cessation = decided(cw, plan)
    due = statutory.appeal_deadline(DECIDED)
    with pytest.raises(ValidationError, match="can still appeal"):
        cease(cw, cessation, due)
    with pytest.raises(ValidationError, match="before the decision"):
        cease(cw, cessation, dt.date(2026, 6, 1))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FINAL
    after = statutory.add_days(due, 1)
    cease(cw, cessation, after)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CEASED
    assert OutboxMessage.objects.filter(template="plan_ceased").exists()


def test_plan_kept_while_appeal_pending_then_ceased_when_dismissed(world, cw, plan):
    cessation = decided(cw, plan)
    review = AnnualReview.objects.create(
        plan=plan, child=plan.child, led_by="council", due_by=TODAY, stage=ReviewStage.PLANNED
    )
    transfer = PhaseTransfer.objects.create(
        plan=plan, child=plan.child, kind="primary_to_secondary", transfer_on=dt.date(2027, 9, 1)
    )
    cessation = services.cessation_appeal_lodge(
        actor=cw, cessation=cessation, lodged_on=dt.date(2026, 7, 1), today=TODAY
    )
    assert cessation.status == CessationStatus.APPEALED
    assert cessation.appeal.appeal_type == "ceasing"
    banner = selectors.plan_cessation_banner(plan, on=TODAY)
    assert banner.heading == "The plan is still maintained while the appeal is decided"
    with pytest.raises(ValidationError, match="appeal has not been decided"):
        cease(cw, cessation, dt.date(2026, 10, 1))
    with pytest.raises(ValidationError, match="appeal's outcome"):
        services.cessation_close(actor=cw, cessation=cessation, reason="x")
    appeal = cessation.appeal
    disputes.appeal_hearing_record(actor=cw, appeal=appeal, hearing_on=dt.date(2026, 9, 1))
    disputes.appeal_outcome_record(
        actor=cw, appeal=appeal, outcome="dismissed", outcome_on=dt.date(2026, 9, 10), today=TODAY
    )
    with pytest.raises(ValidationError, match="before the appeal was decided"):
        cease(cw, cessation, dt.date(2026, 9, 5))
    cease(cw, cessation, dt.date(2026, 9, 30))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CEASED
    review.refresh_from_db()
    transfer.refresh_from_db()
    assert review.stage == ReviewStage.CANCELLED and "ceased" in review.cancelled_reason
    assert "ceased" in transfer.not_transferring_reason
    assert selectors.plan_cessation_banner(plan, on=TODAY).heading == "Plan ceased"


def test_appeal_allowed_keeps_the_plan(cw, plan):
    cessation = decided(cw, plan)
    appeal = disputes.appeal_lodge(
        actor=cw,
        child=plan.child,
        appeal_type="ceasing",
        decision_sent_on=DECIDED,
        lodged_on=dt.date(2026, 7, 1),
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="ceasing appeal for this child"):
        services.cessation_appeal_link(
            actor=cw,
            cessation=cessation,
            appeal=Appeal.objects.create(
                child=plan.child,
                appeal_type="contents",
                decision_sent_on=DECIDED,
                lodged_on=DECIDED,
            ),
        )
    cessation = services.cessation_appeal_link(actor=cw, cessation=cessation, appeal=appeal)
    with pytest.raises(ValidationError, match="already linked"):
        services.cessation_appeal_link(actor=cw, cessation=cessation, appeal=appeal)
    disputes.appeal_hearing_record(actor=cw, appeal=appeal, hearing_on=dt.date(2026, 9, 1))
    disputes.appeal_outcome_record(
        actor=cw, appeal=appeal, outcome="allowed", outcome_on=dt.date(2026, 9, 10), today=TODAY
    )
    with pytest.raises(ValidationError, match="did not agree"):
        cease(cw, cessation, dt.date(2026, 9, 30))
    services.cessation_close(
        actor=cw, cessation=cessation, reason="The Tribunal allowed the appeal"
    )
    cessation.refresh_from_db()
    plan.refresh_from_db()
    assert cessation.status == CessationStatus.NOT_CEASED
    assert plan.status == PlanStatus.FINAL
    assert OutboxMessage.objects.filter(template="cessation_withdrawn").exists()


def test_queue_and_counts(world, cw, plan):
    cessation = decided(cw, plan)
    rows = selectors.cessation_queue_for_user(user=cw, on=TODAY)
    assert [r.cessation for r in rows] == [cessation]
    assert rows[0].due_on == statutory.appeal_deadline(DECIDED)
    assert "cease once the time to appeal has passed" in rows[0].what
    assert selectors.cessation_counts_by_caseworker(user=cw, on=TODAY) == {
        cw.pk: {"open": 1, "overdue": 1}
    }
    assert selectors.cessation_queue_for_user(user=world.users["parent"], on=TODAY) == []
