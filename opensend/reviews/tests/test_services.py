"""Annual reviews and amendments through the services: each step, its clocks, the rules."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend import statutory
from opensend.disputes.models import Appeal, OrderStep
from opensend.notify.models import OutboxMessage
from opensend.plans import services as plan_services
from opensend.plans.content import content_compare, plan_content
from opensend.plans.models import PlanStatus, PlanVersion, Provision
from opensend.reviews import services
from opensend.reviews.clocks import amendment_clocks, review_clocks
from opensend.reviews.models import (
    Amendment,
    AmendmentSource,
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
    final_plan,
    open_review,
    walk,
)

pytestmark = pytest.mark.django_db
PFA = {
    "adulthood_employment": "Work experience at the garden centre",
    "adulthood_independent_living": "Travel training",
    "adulthood_community": "Youth club on Fridays",
    "adulthood_health": "Manages own medication",
}


def _messages(template):
    return list(OutboxMessage.objects.filter(template=template))


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
    body = _messages("final_plan_issued")[0].body
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
    assert "16 November 2026" in _messages("review_invitation")[0].body

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
    assert "14 December 2026" in _messages("review_report_sent")[0].body

    services.review_decide(
        actor=cw,
        review=review,
        decision="maintain",
        decided_on=DECIDED,
        reasons="Going well",
        today=TODAY,
    )
    review.refresh_from_db()
    assert review.stage == ReviewStage.DECIDED and review.next_due_on is None
    nxt = open_review(plan)
    assert nxt.due_by == statutory.due("next_annual_review", MEETING) == dt.date(2027, 11, 15)
    assert nxt.due_rule == "next_annual_review"
    assert "15 November 2027" in _messages("review_decision_maintain")[0].body
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
    with pytest.raises(ValidationError) as exc:
        services.review_report_submit(
            actor=cw,
            review=review,
            report_sent_on=REPORTED,
            recommendation="maintain",
            today=TODAY,
        )
    assert set(exc.value.message_dict) == set(PFA)
    review.refresh_from_db()
    assert review.report_sent_on is None
    services.review_report_submit(
        actor=cw,
        review=review,
        report_sent_on=REPORTED,
        recommendation="maintain",
        today=TODAY,
        **PFA,
    )


def test_year_9_maintain_refused_without_pfa_outcomes_in_every_area(world):
    cw = world.users["caseworker"]
    plan = _year9_plan(world)
    review = walk(cw, open_review(plan), to="reported", recommendation="maintain", **PFA)
    with pytest.raises(ValidationError) as exc:
        services.review_decide(
            actor=cw,
            review=review,
            decision="maintain",
            decided_on=DECIDED,
            reasons="Fine",
            today=TODAY,
        )
    assert "employment" in str(exc.value) and "decide to amend" in str(exc.value)
    review.refresh_from_db()
    assert review.stage == ReviewStage.REPORTED
    services.review_decide(
        actor=cw,
        review=review,
        decision="amend",
        decided_on=DECIDED,
        reasons="Add PfA outcomes",
        amendment_summary="Add preparing-for-adulthood outcomes",
        today=TODAY,
    )
    assert Amendment.objects.get(plan=plan).status == AmendmentStatus.PROPOSED


def _amend_after_review(cw, plan):
    """A review walked to its report, then the decision to amend (proposals sent with it)."""
    review = walk(cw, open_review(plan), to="reported")
    services.review_decide(
        actor=cw,
        review=review,
        decision="amend",
        decided_on=DECIDED,
        reasons="Speech therapy to increase",
        amendment_summary="More speech and language therapy",
        amendment_evidence="SALT report, October 2026",
        today=TODAY,
    )
    return Amendment.objects.get(plan=plan)


def test_amend_decision_edit_comment_and_issue_a_new_version(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    amendment = _amend_after_review(cw, plan)
    assert amendment.status == AmendmentStatus.PROPOSED
    assert amendment.proposed_on == DECIDED and amendment.meeting_on == MEETING
    assert amendment.base_version == 1
    assert "4 December 2026" in _messages("amendment_proposed")[0].body
    assert amendment.next_due_on == statutory.due("issue_amended_plan", DECIDED)

    # The final plan's content can be edited while the amendment is open.
    provision = Provision.objects.filter(plan=plan, section="F").first()
    plan_services.provision_update(
        actor=cw,
        provision=provision,
        section="F",
        description="Speech and language therapy",
        frequency="5 times a week",
        outcome_ids=[o.pk for o in provision.outcomes.all()],
    )
    v1 = PlanVersion.objects.get(plan=plan, version=1)
    assert "5 times a week" not in str(v1.snapshot)

    # Before the 15 days end, and no comments: refused.
    with pytest.raises(ValidationError) as exc:
        services.amendment_issue(
            actor=cw,
            amendment=amendment,
            issued_on=dt.date(2026, 11, 25),
            today=dt.date(2026, 11, 25),
        )
    assert "4 December 2026" in str(exc.value)
    assert PlanVersion.objects.filter(plan=plan).count() == 1

    parent = world.caseload_child.relationships.first().family_member
    parent_user = world.users["caseworker"].__class__.objects.create_user(
        email="mum.user@family.opensend.test", password="x"
    )
    parent.user = parent_user
    parent.save()
    services.amendment_representation_record(
        actor=parent_user,
        amendment=amendment,
        made_on=dt.date(2026, 11, 22),
        made_by="Mum",
        comments="Yes please",
        today=dt.date(2026, 11, 22),
    )
    services.amendment_issue(
        actor=cw, amendment=amendment, issued_on=dt.date(2026, 11, 25), today=dt.date(2026, 11, 25)
    )
    amendment.refresh_from_db()
    plan.refresh_from_db()
    assert amendment.status == AmendmentStatus.ISSUED and amendment.issued_version == 2
    assert plan.version == 2 and plan.status == PlanStatus.FINAL
    v2 = PlanVersion.objects.get(plan=plan, version=2)
    changed = [c.code for c in content_compare(v1.snapshot, v2.snapshot) if c.changed]
    assert changed == ["F"]
    assert "version 2" in _messages("amended_plan_issued")[0].body
    assert _messages("amended_plan_for_professionals") == [] or all(
        m.to_address for m in _messages("amended_plan_for_professionals")
    )
    # The plan is closed for editing again.
    with pytest.raises(ValidationError):
        plan_services.need_add(actor=cw, plan=plan, section="B", area="semh", description="x")


def test_issuing_late_is_shown_not_blocked(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    amendment = _amend_after_review(cw, plan)
    late_day = dt.date(2027, 3, 1)
    services.amendment_issue(actor=cw, amendment=amendment, issued_on=late_day, today=late_day)
    amendment.refresh_from_db()
    clocks = {c.rule_id: c for c in amendment_clocks(amendment)}
    assert clocks["issue_amended_plan"].was_late
    assert clocks["amended_plan_outer_limit"].was_late


def test_tribunal_order_to_amend_is_complied_with_through_the_amendment(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    appeal = Appeal.objects.create(
        child=plan.child,
        appeal_type="contents",
        decision_sent_on=dt.date(2026, 9, 20),
        lodged_on=dt.date(2026, 10, 1),
        outcome="conceded",
        outcome_on=dt.date(2026, 11, 1),
        order_type="amend",
        order_on=dt.date(2026, 11, 1),
    )
    amendment = services.amendment_start(
        actor=cw,
        plan=plan,
        source=AmendmentSource.TRIBUNAL,
        summary="Section F as ordered",
        appeal=appeal,
        today=TODAY,
    )
    rules = [c.rule_id for c in amendment_clocks(amendment)]
    assert "order_amend_plan" in rules
    services.amendment_propose(
        actor=cw, amendment=amendment, proposed_on=dt.date(2026, 11, 2), today=TODAY
    )
    services.amendment_issue(actor=cw, amendment=amendment, issued_on=TODAY, today=TODAY)
    step = OrderStep.objects.get(appeal=appeal)
    assert (step.rule_id, step.done_on) == ("order_amend_plan", TODAY)
    appeal.refresh_from_db()
    assert appeal.compliant_on == TODAY


def test_cease_decision_starts_ceasing(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    review = walk(cw, open_review(plan), to="reported", recommendation="cease")
    services.review_decide(
        actor=cw,
        review=review,
        decision="cease",
        decided_on=DECIDED,
        reasons="Needs met",
        cease_reason="2",
        cease_details="Needs now met by the school's own SEN support",
        today=TODAY,
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
        services.review_decide(
            actor=cw, review=review, decision="maintain", reasons="r", today=TODAY, **kwargs
        )
    assert message in str(exc.value)
    review.refresh_from_db()
    assert review.decision == "" and review.decided_on is None


def test_decision_twice_or_on_a_cancelled_review_is_refused(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    review = walk(cw, open_review(plan), to="reported", recommendation="maintain")
    services.review_decide(
        actor=cw, review=review, decision="maintain", decided_on=DECIDED, reasons="r", today=TODAY
    )
    with pytest.raises(ValidationError, match="already been made"):
        services.review_decide(
            actor=cw,
            review=review,
            decision="amend",
            decided_on=DECIDED,
            reasons="r",
            amendment_summary="s",
            today=TODAY,
        )
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


def test_second_amendment_and_late_family_comments_are_refused(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    amendment = services.amendment_start(
        actor=cw, plan=plan, source="other", summary="New school", today=TODAY
    )
    with pytest.raises(ValidationError, match="already being amended"):
        services.amendment_start(actor=cw, plan=plan, source="other", summary="x", today=TODAY)
    services.amendment_propose(
        actor=cw, amendment=amendment, proposed_on=dt.date(2026, 11, 1), today=TODAY
    )
    parent = world.users["parent"]
    with pytest.raises(PermissionDenied):  # not their child
        services.amendment_representation_record(
            actor=parent, amendment=amendment, made_on=TODAY, made_by="x", comments="y", today=TODAY
        )
    # Staff can still record comments after the window (16 November).
    services.amendment_representation_record(
        actor=cw, amendment=amendment, made_on=TODAY, made_by="Dad", comments="Late", today=TODAY
    )


def test_senco_of_another_setting_cannot_run_the_review(world):
    from opensend.accounts.roles import OrganisationKind, Role
    from testsupport.factories.accounts import (
        MembershipFactory,
        OrganisationFactory,
        UserFactory,
    )

    other = OrganisationFactory(kind=OrganisationKind.SETTING, setting=world.other_setting)
    senco = UserFactory()
    MembershipFactory(user=senco, organisation=other, role=Role.SENCO)
    review = open_review(final_plan(world))
    with pytest.raises(PermissionDenied):
        services.review_meeting_set(actor=senco, review=review, meeting_on=MEETING, today=TODAY)
    with pytest.raises(PermissionDenied):
        services.review_decide(
            actor=world.users["senco"],
            review=review,
            decision="maintain",
            decided_on=DECIDED,
            reasons="r",
            today=TODAY,
        )


def test_queue_and_load_by_caseworker(world, django_assert_max_num_queries):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    services.amendment_start(actor=cw, plan=plan, source="other", summary="x", today=TODAY)
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


def test_withdrawing_puts_the_issued_content_back(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    amendment = services.amendment_start(
        actor=cw, plan=plan, source="other", summary="Try something", today=TODAY
    )
    plan_services.need_add(actor=cw, plan=plan, section="B", area="semh", description="Anxious")
    provision = Provision.objects.filter(plan=plan, section="F").first()
    provision.frequency = "Daily"
    provision.save()
    with pytest.raises(ValidationError):
        services.amendment_withdraw(
            actor=cw, amendment=amendment, withdrawn_on=TODAY, reason="", today=TODAY
        )
    services.amendment_withdraw(
        actor=cw, amendment=amendment, withdrawn_on=TODAY, reason="Started in error", today=TODAY
    )
    plan.refresh_from_db()
    v1 = PlanVersion.objects.get(plan=plan, version=1)
    assert not [c for c in content_compare(v1.snapshot, plan_content(plan)) if c.changed]
    assert Amendment.objects.get(pk=amendment.pk).status == AmendmentStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        plan_services.need_add(actor=cw, plan=plan, section="B", area="semh", description="x")


def _order(plan, **overrides):
    fields = {
        "child": plan.child,
        "appeal_type": "contents",
        "decision_sent_on": dt.date(2026, 9, 20),
        "lodged_on": dt.date(2026, 10, 1),
        "outcome": "allowed",
        "outcome_on": dt.date(2026, 11, 1),
        "order_type": "amend",
        "order_on": dt.date(2026, 11, 1),
    }
    return Appeal.objects.create(**{**fields, **overrides})


def test_appeal_page_starts_the_amendment_that_complies_with_the_order(world):
    plan = final_plan(world)
    appeal = _order(plan)
    client = world.client_for("caseworker")
    page = client.get(f"/disputes/appeals/{appeal.pk}/").content.decode()
    start = f"/reviews/plans/{plan.pk}/amend/?appeal={appeal.pk}"
    assert start.replace("&", "&amp;") in page
    response = client.post(start, {"source": "tribunal", "summary": "Section F as ordered"})
    assert response.status_code == 302
    amendment = plan.amendments.get()
    assert amendment.appeal == appeal
    page = client.get(f"/disputes/appeals/{appeal.pk}/").content.decode()
    assert "Amendment for this order" in page
    assert "Amend the plan to comply with the order" not in page


def test_only_an_order_to_amend_for_this_child_can_lead_an_amendment(world):
    plan = final_plan(world)
    client = world.client_for("caseworker")
    refusal = _order(plan, appeal_type="refusal_to_assess", order_type="assess")
    response = client.post(
        f"/reviews/plans/{plan.pk}/amend/?appeal={refusal.pk}",
        {"source": "tribunal", "summary": "Changes"},
    )
    assert response.status_code == 400
    assert "whose Tribunal order is to amend the plan" in response.content.decode()
    order = _order(plan)
    response = client.post(
        f"/reviews/plans/{plan.pk}/amend/?appeal={order.pk}",
        {"source": "other", "summary": "Changes"},
    )
    assert response.status_code == 400
    assert not plan.amendments.exists()
    # Someone who cannot see the appeal gets the same 404 as for one that does not exist.
    assert client.get(f"/reviews/plans/{plan.pk}/amend/?appeal=999999").status_code == 404
