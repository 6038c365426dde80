"""Correcting and withdrawing what was added: areas and recommendations are changed or withdrawn
and risks closed, each with why; nothing is deleted and each leaves the counts it no longer
belongs in."""

from datetime import date

import pytest
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.improvement.models import Area, Recommendation, Risk
from testsupport.factories.improvement import AreaFactory, RecommendationFactory, RiskFactory
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def test_a_manager_corrects_an_area_with_a_reason(world):
    area = AreaFactory()
    client = world.client_for("team_manager")
    url = reverse("improvement:area_change", args=[area.pk])
    refused = client.post(url, {"text": "New words", "owner": "council"})
    assert refused.status_code == 400
    assert "Enter why" in _text(refused)
    assert (
        client.post(url, {"text": "New words", "owner": "council", "reason": "Typo"}).status_code
        == 302
    )
    area.refresh_from_db()
    assert (area.text, area.owner) == ("New words", "council")
    event = AuditEvent.objects.get(object_type="improvement.area", action="update")
    assert "Typo" in event.summary
    assert event.changes["owner"] == ["joint", "council"]


def test_a_withdrawn_area_stays_marked_and_cannot_be_signed_off(world):
    area = AreaFactory()
    client = world.client_for("team_manager")
    data = {"reason": "Entered twice", **date_fields("on", date(2025, 1, 1))}
    assert (
        client.post(reverse("improvement:area_withdraw", args=[area.pk]), data).status_code == 302
    )
    assert Area.objects.filter(pk=area.pk).exists()
    page = _text(client.get(reverse("improvement:source_detail", args=[area.source_id])))
    assert "Withdrawn</strong> 1 January 2025: Entered twice" in page
    assert reverse("improvement:area_sign_off", args=[area.pk]) not in page
    again = client.post(reverse("improvement:area_withdraw", args=[area.pk]), data)
    assert again.status_code == 400
    assert "already withdrawn" in _text(again)


def test_a_withdrawn_recommendation_leaves_the_tracker_and_the_counts(world):
    kept, gone = RecommendationFactory(text="Kept one"), RecommendationFactory(text="Gone one")
    client = world.client_for("team_manager")
    data = {"reason": "Overtaken by recommendation 4", **date_fields("on", date(2025, 2, 1))}
    url = reverse("improvement:recommendation_withdraw", args=[gone.pk])
    assert client.post(url, data).status_code == 302
    tracker = _text(client.get(reverse("improvement:tracker")))
    assert "Kept one" in tracker
    assert "Gone one" not in tracker
    detail = _text(client.get(reverse("improvement:recommendation_detail", args=[gone.pk])))
    assert "Withdrawn on 1 February 2025: Overtaken by recommendation 4" in detail
    assert Recommendation.objects.count() == 2
    assert kept.pk


def test_a_recommendation_is_corrected_with_a_reason(world):
    recommendation = RecommendationFactory()
    client = world.client_for("team_manager")
    url = reverse("improvement:recommendation_change", args=[recommendation.pk])
    data = {
        "text": "Corrected",
        "paragraph": "53",
        "owner": "Chief Executive",
        "reason": "Wrong paragraph",
    }
    assert client.post(url, data).status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.paragraph, recommendation.owner) == ("53", "Chief Executive")


def test_a_closed_risk_leaves_the_heat_map(world):
    risk = RiskFactory(title="Gone risk")
    client = world.client_for("team_manager")
    data = {"reason": "The service moved", **date_fields("on", date(2025, 3, 1))}
    assert client.post(reverse("improvement:risk_close", args=[risk.pk]), data).status_code == 302
    register = _text(client.get(reverse("improvement:risk_register")))
    assert "closed on 1 March 2025. The service moved" in register
    risk.refresh_from_db()
    assert risk.closed_reason == "The service moved"
    assert Risk.objects.filter(pk=risk.pk).exists()


@pytest.mark.parametrize("role", ["board_member", "analyst"])
def test_readers_cannot_change_or_withdraw(world, role):
    area, risk = AreaFactory(), RiskFactory()
    client = world.client_for(role)
    data = {"reason": "x", **date_fields("on", date(2025, 3, 1))}
    assert (
        client.post(reverse("improvement:area_withdraw", args=[area.pk]), data).status_code == 403
    )
    assert client.post(reverse("improvement:risk_close", args=[risk.pk]), data).status_code == 403
    area.refresh_from_db()
    risk.refresh_from_db()
    assert area.withdrawn_on is None and risk.closed_on is None


def test_a_measure_gets_a_trajectory_with_a_reason(world):
    from testsupport.factories.improvement import MeasureFactory

    measure = MeasureFactory(baseline_on=None)
    client = world.client_for("team_manager")
    url = reverse("improvement:measure_change", args=[measure.pk])
    data = {
        "name": measure.name,
        "baseline": "40",
        "target": "60",
        **date_fields("baseline_on", date(2027, 6, 1)),
        **date_fields("target_on", date(2027, 3, 31)),
        "reason": "Agreed at the Board",
    }
    bad = client.post(url, data)
    assert bad.status_code == 400
    assert "The baseline date must be before the target date" in _text(bad)
    data.update(date_fields("baseline_on", date(2026, 1, 1)))
    assert client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert measure.baseline_on == date(2026, 1, 1)
    event = AuditEvent.objects.get(object_type="improvement.impactmeasure", action="update")
    assert "Agreed at the Board" in event.summary
