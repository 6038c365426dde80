"""Annual reviews through the services: each step, its clocks, the rules (an amendment's are
tests/amendments)."""

import datetime as dt
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend import statutory
from opensend.reviews import services
from opensend.reviews.amendments import services as amendment_services
from opensend.reviews.annual_clocks import review_clocks
from opensend.reviews.models import (
    Amendment,
    AmendmentStatus,
    AnnualReview,
    Cessation,
    ReviewKind,
    ReviewLead,
    ReviewStage,
)
from opensend.reviews.selectors import review_load_by_caseworker, review_queue_for_user
from opensend.statutory import review_due_choice
from testsupport.factories.people import ChildFactory, EnrolmentFactory, SettingFactory
from testsupport.journeys import (
    DECIDED,
    FINAL_ON,
    INVITED,
    MEETING,
    REPORTED,
    TODAY,
    decide,
    final_plan,
    open_review,
    walk,
)
from testsupport.reviews import sent

pytestmark = pytest.mark.django_db
PFA = {
    "adulthood_employment": "Work experience at the garden centre",
    "adulthood_independent_living": "Travel training",
    "adulthood_community": "Youth club on Fridays",
    "adulthood_health": "Manages own medication",
}


def test_final_plan_plans_the_first_review(world):
    plan = final_plan(world)
    review = open_review(plan)
    assert review.kind == ReviewKind.ANNUAL
    assert review.due_by == statutory.due("first_annual_review", FINAL_ON) == dt.date(2027, 9, 19)
    assert review.due_rule == "first_annual_review"
    assert review.led_by == ReviewLead.SETTING
    assert review.setting == world.setting
    assert review.caseworker == world.users["caseworker"]
    assert review.next_due_on == review.due_by
    body = sent("final_plan_issued")[0].body
    assert "19 September 2027" in body


def test_under_fives_get_a_six_monthly_council_led_review(world):
    child = ChildFactory(
        caseworker=world.users["caseworker"],
        senar_team=world.team,
        date_of_birth=dt.date(2023, 1, 10),
    )
    nursery = SettingFactory(kind="early_years", phase="nursery")
    plan = final_plan(world, child=child, setting=nursery)
    review = open_review(plan)
    assert review.kind == ReviewKind.EARLY_YEARS
    assert review.due_by == statutory.due("early_years_review", FINAL_ON) == dt.date(2027, 3, 20)
    assert review.led_by == ReviewLead.COUNCIL


def test_due_choice_uses_the_rules_engine():
    first = review_due_choice(date_of_birth=dt.date(2015, 1, 1), trigger=FINAL_ON, first=True)
    later = review_due_choice(date_of_birth=dt.date(2015, 1, 1), trigger=FINAL_ON, first=False)
    assert (first.rule_id, later.rule_id) == ("first_annual_review", "next_annual_review")
    assert later.due_by == statutory.due("next_annual_review", FINAL_ON)


def test_setting_led_review_through_to_maintain(world):
    senco, cw = world.users["senco"], world.users["caseworker"]
    plan = final_plan(world)
    review = open_review(plan)

    review = services.review_meeting_set(
        actor=senco, review=review, meeting_on=MEETING, today=TODAY
    )
    assert (
        review.next_due_on == statutory.due("review_invitations", MEETING) == dt.date(2026, 11, 2)
    )

    services.review_invitations_send(
        actor=senco,
        review=review,
        sent_on=INVITED,
        invitees=[services.Invitee(name="Dr Patel", role="health", email="dr@nhs.test")],
        today=TODAY,
    )
    review.refresh_from_db()
    assert review.stage == ReviewStage.INVITED
    names = [i.name for i in review.invitations.all()]
    assert "Dr Patel" in names and len(names) == 2  # the family is always invited
    assert "16 November 2026" in sent("review_invitation")[0].body

    services.review_contribution_add(
        actor=senco,
        review=review,
        kind="child",
        given_by="Ava",
        received_on=INVITED,
        text="I like art",
        today=TODAY,
    )
    family = review.invitations.get(role="family")
    services.review_meeting_held(
        actor=senco, review=review, held_on=MEETING, attended_ids=[family.pk], today=TODAY
    )
    review.refresh_from_db()
    assert review.stage == ReviewStage.HELD
    assert review.next_due_on == statutory.due("review_report", MEETING)
    assert review.invitations.get(pk=family.pk).attended is True

    services.review_report_submit(
        actor=senco,
        review=review,
        report_sent_on=REPORTED,
        recommendation="maintain",
        progress="Good",
        today=TODAY,
    )
    review.refresh_from_db()
    assert review.stage == ReviewStage.REPORTED
    assert review.next_due_on == statutory.due("review_decision", MEETING) == dt.date(2026, 12, 14)
    assert "14 December 2026" in sent("review_report_sent")[0].body

    decide(cw, review, "maintain", reasons="Going well")
    review.refresh_from_db()
    assert review.stage == ReviewStage.DECIDED and review.next_due_on is None
    nxt = open_review(plan)
    assert nxt.due_by == statutory.due("next_annual_review", MEETING) == dt.date(2027, 11, 15)
    assert nxt.due_rule == "next_annual_review"
    assert "15 November 2027" in sent("review_decision_maintain")[0].body
    assert AnnualReview.objects.filter(plan=plan).count() == 2


def test_late_invitations_are_allowed_and_shown_late(world):
    cw = world.users["caseworker"]
    review = open_review(final_plan(world))
    services.review_meeting_set(actor=cw, review=review, meeting_on=MEETING, today=TODAY)
    services.review_invitations_send(
        actor=cw, review=review, sent_on=dt.date(2026, 11, 10), today=TODAY
    )
    clock = next(
        c for c in review_clocks(open_review(review.plan)) if c.rule_id == "review_invitations"
    )
    assert clock.was_late and clock.status_label(TODAY) == "Done late"


def _year9_plan(world):
    child = ChildFactory(
        caseworker=world.users["caseworker"],
        senar_team=world.team,
        date_of_birth=dt.date(2012, 3, 1),
    )
    EnrolmentFactory(child=child, setting=world.setting)
    return final_plan(world, child=child)


def test_year_9_report_must_cover_preparing_for_adulthood(world):
    cw = world.users["caseworker"]
    plan = _year9_plan(world)
    review = walk(cw, open_review(plan), to="held")
    assert services.pfa_required(review)
    report_maintain = partial(
        services.review_report_submit,
        actor=cw,
        review=review,
        report_sent_on=REPORTED,
        recommendation="maintain",
        today=TODAY,
    )
    with pytest.raises(ValidationError) as exc:
        report_maintain()
    assert set(exc.value.message_dict) == set(PFA)
    review.refresh_from_db()
    assert review.report_sent_on is None
    report_maintain(**PFA)


def test_year_9_maintain_refused_without_pfa_outcomes_in_every_area(world):
    cw = world.users["caseworker"]
    plan = _year9_plan(world)
    review = walk(cw, open_review(plan), to="reported", recommendation="maintain", **PFA)
    with pytest.raises(ValidationError) as exc:
        decide(cw, review, "maintain", reasons="Fine")
    assert "employment" in str(exc.value) and "decide to amend" in str(exc.value)
    review.refresh_from_db()
    assert review.stage == ReviewStage.REPORTED
    decide(
        cw,
        review,
        "amend",
        reasons="Add PfA outcomes",
        amendment_summary="Add preparing-for-adulthood outcomes",
    )
    assert Amendment.objects.get(plan=plan).status == AmendmentStatus.PROPOSED


def test_cease_decision_starts_ceasing(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    review = walk(cw, open_review(plan), to="reported", recommendation="cease")
    decide(
        cw,
        review,
        "cease",
        reasons="Needs met",
        cease_reason="2",
        cease_details="Needs now met by the school's own SEN support",
    )
    cessation = Cessation.objects.get(plan=plan)
    assert cessation.review_id == review.pk
    assert open_review(plan).stage == ReviewStage.PLANNED  # the plan is kept meanwhile


@pytest.mark.parametrize(
    ("step", "kwargs", "message"),
    [
        ("planned", {"decided_on": DECIDED}, services.DECISION_BEFORE_MEETING),
        ("reported", {"decided_on": dt.date(2026, 12, 1)}, services.DATE_IN_FUTURE),
        ("reported", {"decided_on": dt.date(2026, 11, 1)}, "before the meeting"),
    ],
)
def test_decision_bad_input_changes_nothing(world, step, kwargs, message):
    cw = world.users["caseworker"]
    review = open_review(final_plan(world))
    if step != "planned":
        review = walk(cw, review, to=step)
    with pytest.raises(ValidationError) as exc:
        decide(cw, review, "maintain", **kwargs)
    assert message in str(exc.value)
    review.refresh_from_db()
    assert review.decision == "" and review.decided_on is None


def test_decision_twice_or_on_a_cancelled_review_is_refused(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    review = walk(cw, open_review(plan), to="reported", recommendation="maintain")
    decide(cw, review, "maintain")
    with pytest.raises(ValidationError, match="already been made"):
        decide(cw, review, "amend", amendment_summary="s")
    nxt = open_review(plan)
    AnnualReview.objects.filter(pk=nxt.pk).update(stage=ReviewStage.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled"):
        services.review_meeting_set(actor=cw, review=nxt, meeting_on=MEETING, today=TODAY)
    assert not Amendment.objects.filter(plan=plan).exists()


def test_steps_out_of_order_and_twice(world):
    cw = world.users["caseworker"]
    review = open_review(final_plan(world))
    with pytest.raises(ValidationError, match="meeting first"):
        services.review_invitations_send(actor=cw, review=review, sent_on=INVITED, today=TODAY)
    with pytest.raises(ValidationError, match="invitations before"):
        services.review_meeting_held(actor=cw, review=review, held_on=MEETING, today=TODAY)
    with pytest.raises(ValidationError, match="meeting first"):
        services.review_report_submit(
            actor=cw, review=review, report_sent_on=REPORTED, recommendation="maintain", today=TODAY
        )
    with pytest.raises(ValidationError, match="before the plan was issued"):
        services.review_meeting_set(
            actor=cw, review=review, meeting_on=dt.date(2026, 1, 1), today=TODAY
        )
    review = walk(cw, review, to="invited")
    with pytest.raises(ValidationError, match="already been sent"):
        services.review_invitations_send(actor=cw, review=review, sent_on=INVITED, today=TODAY)
    assert review.invitations.count() == 1


def test_senco_of_another_setting_cannot_run_the_review(world):
    from testsupport.factories.accounts import senco_of

    senco = senco_of(world.other_setting)
    review = open_review(final_plan(world))
    with pytest.raises(PermissionDenied):
        services.review_meeting_set(actor=senco, review=review, meeting_on=MEETING, today=TODAY)
    with pytest.raises(PermissionDenied):
        decide(world.users["senco"], review, "maintain")


def test_queue_and_load_by_caseworker(world, django_assert_max_num_queries):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    amendment_services.amendment_start(
        actor=cw, plan=plan, source="other", summary="x", today=TODAY
    )
    on = dt.date(2027, 9, 10)
    queue = review_queue_for_user(user=cw, on=on, caseworker=cw)
    assert queue.count() == 2
    with django_assert_max_num_queries(4):
        rows = queue[0:50]
    assert [r.kind for r in rows] == ["review", "amendment"] or [r.kind for r in rows] == [
        "amendment",
        "review",
    ]
    review_row = next(r for r in rows if r.kind == "review")
    assert review_row.status is statutory.ClockStatus.AT_RISK
    load = review_load_by_caseworker(user=world.users["team_manager"], on=on)
    assert load[cw.pk][0] == 2
