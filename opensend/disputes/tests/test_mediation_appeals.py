"""Mediation and Tribunal appeals: each clock uses its rule, dates in order, order clocks."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opensend import statutory
from opensend.disputes import selectors, services
from opensend.disputes.clocks import appeal_clocks, mediation_clocks
from opensend.disputes.models import ORDER_RULES, Appeal, MediationCase
from opensend.notify.models import OutboxMessage
from testsupport.disputes import by_rule, choose_mediation, fresh

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 9, 1)
NOTICE = dt.date(2027, 3, 1)
CONTACTED = dt.date(2027, 3, 10)  # the family contacts the mediation adviser


@pytest.fixture
def mediation(world):
    return services.mediation_create(
        actor=world.users["caseworker"],
        child=world.caseload_child,
        decision_notice_on=NOTICE,
        about="Refusal to assess",
        today=TODAY,
    )


def test_contact_clock_is_the_familys_two_months(world, mediation):
    [clock] = mediation_clocks(fresh(mediation))
    assert clock.rule_id == "contact_mediation_adviser" and clock.family_step
    assert clock.due_on == statutory.due("contact_mediation_adviser", NOTICE)


def test_mediation_wanted_held_ended_certificate_and_agreement(world, mediation):
    cw = world.users["caseworker"]
    told = dt.date(2027, 3, 15)
    choose_mediation(
        cw, mediation, contacted_on=CONTACTED, wants_mediation=True, on=told, today=TODAY
    )
    hold = by_rule(mediation_clocks(fresh(mediation)))["hold_mediation"]
    assert hold.due_on == statutory.due("hold_mediation", told)
    services.mediation_held_record(
        actor=cw, case=mediation, held_on=dt.date(2027, 3, 24), today=TODAY
    )
    ended = dt.date(2027, 3, 25)  # Thursday before Easter 2027
    services.mediation_end_record(
        actor=cw,
        case=mediation,
        ended_on=ended,
        result="agreement",
        agreement_summary="Extra transport help",
        agreement_non_appealable=True,
        today=TODAY,
    )
    clocks = by_rule(mediation_clocks(fresh(mediation)))
    assert clocks["hold_mediation"].done_on == dt.date(2027, 3, 24)
    certificate = clocks["mediation_certificate"]
    assert certificate.due_on == statutory.due("mediation_certificate", ended)
    assert certificate.due_on == dt.date(2027, 4, 1)  # Good Friday and Easter Monday skipped
    agreement = clocks["mediation_agreement_non_appealable"]
    assert agreement.due_on == statutory.due("mediation_agreement_non_appealable", ended)
    services.mediation_certificate_issue(
        actor=cw, case=mediation, issued_on=dt.date(2027, 3, 30), today=TODAY
    )
    message = OutboxMessage.objects.get(template="mediation_certificate_issued")
    appeal_due = statutory.appeal_deadline(NOTICE, dt.date(2027, 3, 30))
    assert statutory.long_date(appeal_due) in message.body
    assert MediationCase.objects.open().filter(pk=mediation.pk).exists()  # agreement still due
    services.mediation_agreement_actioned(
        actor=cw, case=mediation, on=dt.date(2027, 4, 2), today=TODAY
    )
    assert not MediationCase.objects.open().filter(pk=mediation.pk).exists()


def test_declining_mediation_starts_the_certificate_clock(world, mediation):
    cw = world.users["caseworker"]
    declined = dt.date(2027, 3, 11)
    choose_mediation(
        cw, mediation, contacted_on=CONTACTED, wants_mediation=False, on=declined, today=TODAY
    )
    clocks = by_rule(mediation_clocks(fresh(mediation)))
    assert "hold_mediation" not in clocks
    assert clocks["mediation_certificate"].due_on == statutory.due(
        "mediation_certificate", declined
    )


def test_mediation_steps_out_of_order_are_refused(world, mediation):
    cw = world.users["caseworker"]
    with pytest.raises(ValidationError, match="contacted the mediation adviser first"):
        services.mediation_choice_record(
            actor=cw, case=mediation, wants_mediation=True, on=NOTICE, today=TODAY
        )
    with pytest.raises(ValidationError, match="before the decision notice"):
        services.mediation_adviser_contact_record(
            actor=cw, case=mediation, contacted_on=dt.date(2027, 2, 1), today=TODAY
        )
    with pytest.raises(ValidationError, match="once the family declines"):
        services.mediation_certificate_issue(actor=cw, case=mediation, issued_on=TODAY, today=TODAY)
    mediation.refresh_from_db()
    assert mediation.adviser_contacted_on is None and mediation.certificate_issued_on is None


@pytest.fixture
def appeal(world):
    return services.appeal_lodge(
        actor=world.users["caseworker"],
        child=world.caseload_child,
        appeal_type="refusal_to_assess",
        decision_sent_on=NOTICE,
        certificate_issued_on=dt.date(2027, 4, 20),
        lodged_on=dt.date(2027, 5, 10),
        today=TODAY,
    )


def hearing(cw, appeal, on):
    return services.appeal_hearing_record(actor=cw, appeal=appeal, hearing_on=on, today=TODAY)


def outcome(cw, appeal, result, on):
    return services.appeal_outcome_record(
        actor=cw, appeal=appeal, outcome=result, outcome_on=on, today=TODAY
    )


def order_made(cw, appeal, order_type, on):
    return services.appeal_order_record(
        actor=cw, appeal=appeal, order_type=order_type, order_on=on, today=TODAY
    )


def step_done(cw, appeal, rule_id, on):
    return services.order_step_done(
        actor=cw, appeal=appeal, rule_id=rule_id, done_on=on, today=TODAY
    )


def test_appeal_deadline_comes_from_the_rules_engine(world, appeal):
    deadline = by_rule(appeal_clocks(fresh(appeal)))
    expected = statutory.appeal_deadline(NOTICE, dt.date(2027, 4, 20))
    [clock] = deadline.values()
    assert clock.due_on == expected and clock.done_on == dt.date(2027, 5, 10)
    assert clock.rule_id == "appeal_after_mediation_certificate"  # 20 May is after 1 May


def test_hearing_before_lodging_and_outcome_before_hearing_are_refused(world, appeal):
    cw = world.users["caseworker"]
    with pytest.raises(ValidationError, match="before the appeal was lodged"):
        hearing(cw, appeal, dt.date(2027, 5, 1))
    with pytest.raises(ValidationError, match="hearing date before"):
        outcome(cw, appeal, "allowed", TODAY)
    hearing(cw, appeal, dt.date(2027, 7, 1))
    with pytest.raises(ValidationError, match="before the hearing"):
        outcome(cw, appeal, "dismissed", dt.date(2027, 6, 30))
    appeal.refresh_from_db()
    assert appeal.outcome == "" and appeal.outcome_on is None
    assert appeal.hearing_on == dt.date(2027, 7, 1)


def test_conceded_appeal_needs_no_hearing(world, appeal):
    outcome(world.users["caseworker"], appeal, "conceded", dt.date(2027, 6, 1))
    appeal.refresh_from_db()
    assert appeal.outcome == "conceded"
    assert Appeal.objects.open().filter(pk=appeal.pk).exists()  # the order is still to come


@pytest.mark.parametrize("order_type", ["assess", "make_plan", "amend", "amend_section_i"])
def test_each_order_starts_its_own_clocks(world, appeal, order_type):
    cw = world.users["caseworker"]
    hearing(cw, appeal, dt.date(2027, 7, 1))
    outcome(cw, appeal, "allowed", dt.date(2027, 7, 8))
    order_on = dt.date(2027, 7, 8)
    order_made(cw, appeal, order_type, order_on)
    order = {
        rule: c
        for rule, c in by_rule(appeal_clocks(fresh(appeal))).items()
        if rule != "appeal_after_mediation_certificate"
    }
    assert set(order) == set(ORDER_RULES[order_type])
    for rule_id, clock in order.items():
        assert clock.due_on == statutory.due(rule_id, order_on), rule_id
    message = OutboxMessage.objects.get(template="tribunal_order_received")
    first_due = statutory.due(ORDER_RULES[order_type][0], order_on)
    assert statutory.long_date(first_due) in message.body


def test_order_to_assess_steps_and_compliance(world, appeal):
    cw = world.users["caseworker"]
    outcome(cw, appeal, "conceded", dt.date(2027, 6, 1))
    order_on = dt.date(2027, 6, 2)
    order_made(cw, appeal, "assess", order_on)
    with pytest.raises(ValidationError, match="not part of this order"):
        step_done(cw, appeal, "order_amend_plan", TODAY)
    with pytest.raises(ValidationError, match="before the order"):
        step_done(cw, appeal, "order_assess_notify", dt.date(2027, 6, 1))
    step_done(cw, appeal, "order_assess_notify", dt.date(2027, 6, 10))
    with pytest.raises(ValidationError, match="already been recorded"):
        step_done(cw, appeal, "order_assess_notify", dt.date(2027, 6, 11))
    step_done(cw, appeal, "order_assess_final_plan", dt.date(2027, 9, 1))
    appeal.refresh_from_db()
    rules = set(by_rule(appeal_clocks(fresh(appeal))))
    assert "order_assess_not_to_issue" not in rules  # the other branch no longer applies
    assert appeal.compliant_on == dt.date(2027, 9, 1)
    assert not Appeal.objects.open().filter(pk=appeal.pk).exists()


def test_no_order_after_a_dismissed_appeal(world, appeal):
    cw = world.users["caseworker"]
    hearing(cw, appeal, dt.date(2027, 7, 1))
    outcome(cw, appeal, "dismissed", dt.date(2027, 7, 2))
    with pytest.raises(ValidationError, match="allowed or conceded"):
        order_made(cw, appeal, "assess", TODAY)
    with pytest.raises(ValidationError, match="already been recorded"):
        outcome(cw, appeal, "allowed", TODAY)


def test_queue_lists_open_records_soonest_first(world, mediation, appeal):
    cw = world.users["caseworker"]
    services.complaint_create(
        actor=cw,
        child=world.caseload_child,
        received_on=dt.date(2027, 8, 30),
        complainant_name="A",
        summary="x",
        today=TODAY,
    )
    outcome(cw, appeal, "conceded", dt.date(2027, 8, 1))
    order_made(cw, appeal, "amend_section_i", dt.date(2027, 8, 2))
    rows = selectors.dispute_queue_for_user(user=cw, on=TODAY)
    assert [r.kind for r in rows] == ["mediation", "appeal", "complaint"]
    assert [r.due_on for r in rows] == sorted(r.due_on for r in rows)
    assert rows[0].status is statutory.ClockStatus.OVERDUE
    assert rows[1].next_clock.rule_id == "order_amend_section_i"
    assert selectors.dispute_queue_for_user(user=world.users["senco"], on=TODAY) == []


# ---------------------------------------------------------------------------- review decisions


def _decided_review(child, decision="maintain"):
    from opensend.reviews.models import AnnualReview
    from testsupport.transfers import final_plan

    return AnnualReview.objects.create(
        plan=final_plan(child), child=child, led_by="council", due_by=dt.date(2027, 2, 1),
        stage="decided", decision=decision, decided_on=dt.date(2027, 2, 20),
    )  # fmt: skip


def test_mediation_and_appeal_can_be_about_an_annual_review_decision(world):
    """CFA 2014 s51(2)(e) and (f): a decision not to amend, or to cease, after a review."""
    child, cw = world.caseload_child, world.users["caseworker"]
    review = _decided_review(child, "cease")
    case = services.mediation_create(
        actor=cw, child=child, decision_notice_on=NOTICE, about="Ceasing the plan",
        review=review, today=TODAY,
    )  # fmt: skip
    appeal = services.appeal_lodge(
        actor=cw, child=child, appeal_type="ceasing", decision_sent_on=NOTICE,
        lodged_on=dt.date(2027, 4, 1), review=review, mediation=case, today=TODAY,
    )  # fmt: skip
    assert list(review.mediation_cases.all()) == [case]
    assert list(review.appeals.all()) == [appeal]


@pytest.mark.parametrize("whose", ["another child's", "undecided"])
def test_a_review_of_another_child_or_not_yet_decided_is_refused(world, whose):
    child, cw = world.caseload_child, world.users["caseworker"]
    review = _decided_review(world.other_child if whose == "another child's" else child)
    if whose == "undecided":
        type(review).objects.filter(pk=review.pk).update(decision="", stage="held")
    with pytest.raises(ValidationError) as error:
        services.appeal_lodge(
            actor=cw, child=child, appeal_type="contents", decision_sent_on=NOTICE,
            lodged_on=dt.date(2027, 4, 1), review=review, today=TODAY,
        )  # fmt: skip
    assert "Choose a decided annual review" in str(error.value)
    assert not Appeal.objects.exists()
