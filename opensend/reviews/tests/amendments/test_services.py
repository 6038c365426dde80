"""Amendments through the services: proposals, the family's say, issue and withdrawal, and the
amendments that comply with a Tribunal order."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend import statutory
from opensend.disputes.models import Appeal, OrderStep
from opensend.plans import services as plan_services
from opensend.plans.content import content_compare, plan_content
from opensend.plans.models import PlanStatus, PlanVersion, Provision
from opensend.reviews.amendments import services
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.models import (
    Amendment,
    AmendmentSource,
    AmendmentStatus,
)
from testsupport.journeys import (
    DECIDED,
    MEETING,
    TODAY,
    decide,
    final_plan,
    open_review,
    walk,
)
from testsupport.reviews import sent

pytestmark = pytest.mark.django_db


def _amend_after_review(cw, plan):
    """A review walked to its report, then the decision to amend (proposals sent with it)."""
    review = walk(cw, open_review(plan), to="reported")
    decide(
        cw,
        review,
        "amend",
        reasons="Speech therapy to increase",
        amendment_summary="More speech and language therapy",
        amendment_evidence="SALT report, October 2026",
    )
    return Amendment.objects.get(plan=plan)


def test_amend_decision_edit_comment_and_issue_a_new_version(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    amendment = _amend_after_review(cw, plan)
    assert amendment.status == AmendmentStatus.PROPOSED
    assert amendment.proposed_on == DECIDED and amendment.meeting_on == MEETING
    assert amendment.base_version == 1
    assert "4 December 2026" in sent("amendment_proposed")[0].body
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
    with pytest.raises(ValidationError, match="does not say who provides it or how long"):
        services.amendment_issue(
            actor=cw,
            amendment=amendment,
            issued_on=dt.date(2026, 12, 10),
            today=dt.date(2026, 12, 10),
        )
    plan_services.provision_update(
        actor=cw,
        provision=provision,
        section="F",
        description="Speech and language therapy",
        frequency="5 times a week",
        unquantified_reason="The NHS therapy service confirms who and how long at the next review",
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
    assert PlanVersion.objects.filter(plan=plan, is_draft=False).count() == 1

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
    # A comment alone does not end the 15 days (reg 22(2)(c)): the family may say more.
    with pytest.raises(ValidationError, match="nothing more to say"):
        services.amendment_issue(
            actor=cw,
            amendment=amendment,
            issued_on=dt.date(2026, 11, 25),
            today=dt.date(2026, 11, 25),
        )
    services.amendment_representation_record(
        actor=parent_user,
        amendment=amendment,
        made_on=dt.date(2026, 11, 23),
        made_by="Mum",
        comments="",
        nothing_more_to_say=True,
        today=dt.date(2026, 11, 23),
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
    assert "version 2" in sent("amended_plan_issued")[0].body
    assert sent("amended_plan_for_professionals") == [] or all(
        m.to_address for m in sent("amended_plan_for_professionals")
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
