"""Re-assessment (regs 25 and 27): decide within 15 days, the plan within 14 weeks, a refusal
with appeal rights; pages reachable from the plan, for the right people only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opensend.notify.models import OutboxMessage
from opensend.reviews.models import Reassessment, ReassessmentStatus
from opensend.reviews.reassessment import services
from opensend.reviews.reassessment.clocks import reassessment_clocks
from testsupport.forms import date_fields
from testsupport.transfers import final_plan

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)
RECEIVED = dt.date(2026, 1, 20)


def _request(cw, plan):
    return services.reassessment_request(
        actor=cw,
        plan=plan,
        requested_by="Parent",
        received_on=RECEIVED,
        why="Needs have changed since the move to secondary school",
        today=TODAY,
    )


def _decide(cw, r, *, reassess, on, reasons):
    """Record the decision whether to reassess `r`, made on `on`."""
    return services.reassessment_decide(
        actor=cw, reassessment=r, reassess=reassess, decided_on=on, reasons=reasons, today=TODAY
    )


def by_rule(r):
    return {c.rule_id: c for c in reassessment_clocks(r)}


def test_decision_within_15_days_then_the_plan_within_14_weeks(world, cw, plan):
    r = _request(cw, plan)
    assert r.next_due_on == dt.date(2026, 2, 4)
    assert by_rule(r)["decide_whether_to_reassess"].due_on == dt.date(2026, 2, 4)
    r = _decide(cw, r, reassess=True, on=dt.date(2026, 2, 4), reasons="New advice is needed")
    assert r.status == ReassessmentStatus.REASSESSING
    assert r.next_due_on == dt.date(2026, 5, 13)
    message = OutboxMessage.objects.filter(template="reassessment_agreed").first()
    assert "Wednesday 13 May 2026" in message.body
    r = services.reassessment_plan_issued(
        actor=cw, reassessment=r, issued_on=dt.date(2026, 5, 1), today=TODAY
    )
    assert r.status == ReassessmentStatus.COMPLETED and r.next_due_on is None


def test_a_refusal_tells_the_family_how_and_by_when_to_appeal(world, cw, plan):
    r = _decide(
        cw,
        _request(cw, plan),
        reassess=False,
        on=dt.date(2026, 6, 3),
        reasons="The plan still describes the needs",
    )
    message = OutboxMessage.objects.filter(template="reassessment_refused").first()
    # 2 months ends Mon 3 Aug 2026: in August, so the first working day after 31 August.
    assert "Tuesday 1 September 2026 (the time to appeal ends in August" in message.body
    clock = by_rule(r)["appeal_to_tribunal"]
    assert clock.family_step and clock.due_on == dt.date(2026, 9, 1)
    assert r.next_due_on is None


def test_guard_rails(world, cw, plan):
    with pytest.raises(PermissionDenied):
        _request(world.users["senco"], plan)
    r = _request(cw, plan)
    with pytest.raises(ValidationError, match="already open"):
        _request(cw, plan)
    with pytest.raises(ValidationError, match="Record the decision"):
        services.reassessment_plan_issued(actor=cw, reassessment=r, issued_on=TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="Explain"):
        _decide(cw, r, reassess=True, on=TODAY, reasons=" ")
    with pytest.raises(ValidationError, match="before the request"):
        _decide(cw, r, reassess=True, on=dt.date(2026, 1, 1), reasons="x")


def test_pages_from_the_plan(world, plan):
    client = world.client_for("caseworker")
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    start = reverse("reviews:reassessment_start", args=[plan.pk])
    assert start in page
    assert client.post(start, {"requested_by": "Parent"}).status_code == 400
    done = client.post(
        start,
        {
            "requested_by": "Parent",
            **date_fields("received_on", dt.date(2026, 11, 2)),
            "why": "New diagnosis",
        },
    )
    assert done.status_code == 302
    r = Reassessment.objects.get(plan=plan)
    detail = client.get(reverse("reviews:reassessment_detail", args=[r.pk])).content.decode()
    assert "Decide whether to re-assess" in detail
    assert "17 November 2026" in detail  # 15 days from 2 November
    plan_page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert reverse("reviews:reassessment_detail", args=[r.pk]) in plan_page


@pytest.mark.parametrize(
    ("role", "status"),
    [("caseworker", 200), ("team_manager", 200), ("senco", 403), ("parent", 403)],
)
def test_who_may_record(world, plan, role, status):
    url = reverse("reviews:reassessment_start", args=[plan.pk])
    assert world.client_for(role).get(url).status_code == status


def test_another_teams_child_is_a_404(world, cw):
    other = final_plan(world.other_child)
    r = _request(world.users["admin"], other)
    client = world.client_for("caseworker")
    assert client.get(reverse("reviews:reassessment_detail", args=[r.pk])).status_code == 404
    assert client.get(reverse("reviews:reassessment_start", args=[other.pk])).status_code == 404
