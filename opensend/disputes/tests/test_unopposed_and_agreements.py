"""Issue 9 rules in disputes: unopposed appeals (reg 45), mediation about health care (reg 36)
and mediation agreements (reg 42), each with its clock from the rules engine."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opensend import statutory
from opensend.disputes import services
from opensend.disputes.clocks import appeal_clocks, mediation_clocks
from opensend.disputes.models import Appeal, MediationCase
from opensend.notify.models import OutboxMessage
from testsupport.disputes import by_rule, choose_mediation
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 9, 1)
NOTICE = dt.date(2027, 3, 1)
TOLD = dt.date(2027, 6, 1)


@pytest.fixture
def cw(world):
    return world.users["caseworker"]


def _appeal(world, appeal_type="refusal_to_assess"):
    return services.appeal_lodge(
        actor=world.users["caseworker"],
        child=world.caseload_child,
        appeal_type=appeal_type,
        decision_sent_on=NOTICE,
        lodged_on=dt.date(2027, 4, 20),
        today=TODAY,
    )


def test_an_unopposed_refusal_to_assess_runs_reg_45_clocks_from_the_day_we_told(world, cw):
    appeal = services.appeal_not_opposed_record(
        actor=cw, appeal=_appeal(world), told_on=TOLD, order_type="assess", today=TODAY
    )
    appeal = Appeal.objects.get(pk=appeal.pk)
    assert appeal.outcome == "conceded" and appeal.unopposed_on == TOLD
    clocks = by_rule(appeal_clocks(appeal))
    assert clocks["unopposed_assess_notify"].due_on == dt.date(2027, 6, 15)  # 2 weeks
    assert clocks["unopposed_assess_not_to_issue"].due_on == dt.date(2027, 8, 10)  # 10 weeks
    assert clocks["unopposed_assess_final_plan"].due_on == dt.date(2027, 9, 7)  # 14 weeks
    assert "reg 45(3A)(b)" in clocks["unopposed_assess_final_plan"].explanation
    assert appeal.next_due_on == dt.date(2027, 6, 15)
    assert OutboxMessage.objects.filter(template="tribunal_order_received").exists()
    # Steps are recorded against reg 45's rules; the plan issued drops the "no plan" branch.
    services.order_step_done(
        actor=cw, appeal=appeal, rule_id="unopposed_assess_notify", done_on=TOLD, today=TODAY
    )
    services.order_step_done(
        actor=cw,
        appeal=appeal,
        rule_id="unopposed_assess_final_plan",
        done_on=dt.date(2027, 8, 20),
        today=TODAY,
    )
    assert Appeal.objects.get(pk=appeal.pk).compliant_on == dt.date(2027, 8, 20)
    with pytest.raises(ValidationError):
        services.order_step_done(
            actor=cw, appeal=appeal, rule_id="order_assess_notify", done_on=TOLD, today=TODAY
        )


def test_an_unopposed_contents_appeal_has_5_weeks_to_amend(world, cw):
    appeal = services.appeal_not_opposed_record(
        actor=cw, appeal=_appeal(world, "contents"), told_on=TOLD, order_type="amend", today=TODAY
    )
    [clock] = appeal_clocks(Appeal.objects.get(pk=appeal.pk))[1:]
    assert (clock.rule_id, clock.due_on) == ("unopposed_amend_plan", dt.date(2027, 7, 6))


def test_not_opposed_is_refused_for_kinds_reg_45_does_not_time(world, cw):
    with pytest.raises(ValidationError, match="Choose what the council will now do"):
        services.appeal_not_opposed_record(
            actor=cw, appeal=_appeal(world), told_on=TOLD, order_type="make_plan", today=TODAY
        )


def test_the_not_opposed_page_works_from_the_appeal(world):
    appeal = services.appeal_lodge(
        actor=world.users["caseworker"],
        child=world.caseload_child,
        appeal_type="refusal_to_assess",
        decision_sent_on=dt.date(2026, 8, 3),
        lodged_on=dt.date(2026, 10, 1),
    )
    client = world.client_for("caseworker")
    detail = client.get(reverse("disputes:appeal_detail", args=[appeal.pk])).content.decode()
    url = reverse("disputes:appeal_not_opposed", args=[appeal.pk])
    assert url in detail
    bad = client.post(url, {"order_type": "assess"})
    assert bad.status_code == 400
    good = client.post(
        url,
        {**date_fields("told_on", dt.date(2026, 11, 2)), "order_type": "assess"},
    )
    assert good.status_code == 302
    page = client.get(reverse("disputes:appeal_detail", args=[appeal.pk])).content.decode()
    assert "regulation 45" in page
    assert world.client_for("senco").get(url).status_code == 403


@pytest.fixture
def wanted(world, cw):
    case = services.mediation_create(
        actor=cw,
        child=world.caseload_child,
        decision_notice_on=NOTICE,
        about="No health provision in section G",
        today=TODAY,
    )
    choose_mediation(
        cw,
        case,
        contacted_on=dt.date(2027, 3, 10),
        wants_mediation=True,
        on=dt.date(2027, 3, 18),
        today=TODAY,
    )
    return case


def test_health_care_mediation_tells_the_health_body_in_3_working_days(world, cw, wanted):
    services.mediation_health_record(actor=cw, case=wanted, health_only=False, today=TODAY)
    clocks = by_rule(mediation_clocks(MediationCase.objects.get(pk=wanted.pk)))
    # Thu 18 Mar 2027: Good Friday 26 Mar is later, so Fri 19, Mon 22, Tue 23.
    assert clocks["notify_health_of_mediation"].due_on == dt.date(2027, 3, 23)
    assert "hold_mediation" in clocks and "hold_health_mediation" not in clocks


def _about_health_only(cw, case, *, health_body_told_on):
    """The mediation is about health care only: the health body arranges it."""
    services.mediation_health_record(
        actor=cw,
        case=case,
        health_only=True,
        health_body_told_on=health_body_told_on,
        today=TODAY,
    )


def test_health_only_mediation_is_arranged_by_the_health_body_within_30_days(world, cw, wanted):
    _about_health_only(cw, wanted, health_body_told_on=dt.date(2027, 3, 22))
    case = MediationCase.objects.get(pk=wanted.pk)
    clocks = by_rule(mediation_clocks(case))
    assert clocks["notify_health_of_mediation"].done_on == dt.date(2027, 3, 22)
    assert clocks["hold_health_mediation"].due_on == dt.date(2027, 4, 21)
    assert "hold_mediation" not in clocks
    assert case.next_due_on == dt.date(2027, 4, 21) or case.next_due_on is None


def _agreed(cw, case, non_appealable=False):
    services.mediation_held_record(actor=cw, case=case, held_on=dt.date(2027, 4, 1), today=TODAY)
    return services.mediation_end_record(
        actor=cw,
        case=case,
        ended_on=dt.date(2027, 4, 1),
        result="agreement",
        agreement_summary="We will amend section F",
        agreement_non_appealable=non_appealable,
        today=TODAY,
    )


def test_an_appealable_agreement_has_reg_44_limits_from_the_agreement(world, cw, wanted):
    case = _agreed(cw, wanted)
    services.mediation_agreement_terms_record(actor=cw, case=case, order_type="amend", today=TODAY)
    case = MediationCase.objects.get(pk=wanted.pk)
    clock = by_rule(mediation_clocks(case))["order_amend_plan"]
    assert clock.due_on == statutory.due("order_amend_plan", dt.date(2027, 4, 1))
    assert "reg 42(2)" in clock.explanation
    assert case.is_open
    services.mediation_agreement_actioned(actor=cw, case=case, on=dt.date(2027, 4, 20), today=TODAY)
    assert by_rule(mediation_clocks(MediationCase.objects.get(pk=wanted.pk)))[
        "order_amend_plan"
    ].done_on == dt.date(2027, 4, 20)


def test_a_different_timescale_agreed_in_writing_lifts_the_limits(world, cw, wanted):
    case = _agreed(cw, wanted)
    services.mediation_agreement_terms_record(
        actor=cw, case=case, order_type="amend", other_timescale="By 30 June", today=TODAY
    )
    clocks = by_rule(mediation_clocks(MediationCase.objects.get(pk=wanted.pk)))
    assert "order_amend_plan" not in clocks


def test_the_health_body_tells_us_of_an_agreement_within_a_week(world, cw, wanted):
    _about_health_only(cw, wanted, health_body_told_on=dt.date(2027, 3, 19))
    case = _agreed(cw, wanted)
    clock = by_rule(mediation_clocks(MediationCase.objects.get(pk=case.pk)))[
        "mediation_agreement_notify_council"
    ]
    assert clock.due_on == dt.date(2027, 4, 8)
    services.mediation_agreement_terms_record(
        actor=cw, case=case, council_told_on=dt.date(2027, 4, 6), today=TODAY
    )
    clock = by_rule(mediation_clocks(MediationCase.objects.get(pk=case.pk)))[
        "mediation_agreement_notify_council"
    ]
    assert clock.done_on == dt.date(2027, 4, 6)


def test_agreement_terms_need_an_agreement(world, cw, wanted):
    with pytest.raises(ValidationError, match="ended in an agreement"):
        services.mediation_agreement_terms_record(
            actor=cw, case=wanted, order_type="amend", today=TODAY
        )
