"""The evidence library of an area of weakness ("show me the impact for weakness 7"): the
evidence of the actions and recommendations that answer it, gathered on the area's page."""

from datetime import date

import pytest
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.improvement.models import RecommendationUpdate
from testsupport.factories.improvement import (
    ActionFactory,
    AreaFactory,
    EvidenceFactory,
    MilestoneFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def test_an_area_gathers_the_evidence_of_what_answers_it(world):
    area = AreaFactory()
    action = ActionFactory(title="Quality assure every plan")
    EvidenceFactory(action=action, description="Audit of 50 plans")
    MilestoneFactory(action=action, evidence="Framework agreed at the partnership board")
    EvidenceFactory(description="Not about this area")
    recommendation = RecommendationFactory()
    RecommendationUpdate.objects.create(
        recommendation=recommendation,
        written_on=date(2025, 6, 1),
        text="Done",
        status="complete",
        evidence="Annual report to the Board, June 2025",
    )
    manager = world.client_for("team_manager")
    url = reverse("improvement:area_links", args=[area.pk])
    assert url in _text(manager.get(reverse("improvement:area_detail", args=[area.pk])))
    missing = manager.post(url, {"actions": [action.pk]})
    assert missing.status_code == 400 and "Enter why" in _text(missing)
    data = {"actions": [action.pk], "recommendations": [recommendation.pk], "reason": "WSOA"}
    assert manager.post(url, data).status_code == 302
    source_page = _text(manager.get(reverse("improvement:source_detail", args=[area.source_id])))
    assert reverse("improvement:area_detail", args=[area.pk]) in source_page
    board = world.client_for("board_member")
    page = _text(board.get(reverse("improvement:area_detail", args=[area.pk])))
    assert "Quality assure every plan" in page
    assert "Audit of 50 plans" in page
    assert "Framework agreed at the partnership board" in page
    assert "Annual report to the Board, June 2025" in page
    assert "Not about this area" not in page
    assert url not in page  # board members read only
    event = AuditEvent.objects.get(object_type="improvement.area", action="update")
    assert "WSOA" in event.summary


def test_a_withdrawn_recommendation_or_an_unknown_action_is_refused(world):
    area = AreaFactory()
    gone = RecommendationFactory(withdrawn_on=date(2025, 1, 1), withdrawn_reason="x")
    client = world.client_for("team_manager")
    url = reverse("improvement:area_links", args=[area.pk])
    assert client.post(url, {"recommendations": [gone.pk], "reason": "x"}).status_code == 400
    assert client.post(url, {"actions": [999999], "reason": "x"}).status_code == 400
    assert area.recommendations.count() == 0 and area.actions.count() == 0


@pytest.mark.parametrize("role", ["board_member", "analyst"])
def test_readers_cannot_change_what_answers_an_area(world, role):
    area, action = AreaFactory(), ActionFactory()
    client = world.client_for(role)
    url = reverse("improvement:area_links", args=[area.pk])
    assert client.post(url, {"actions": [action.pk], "reason": "x"}).status_code == 403
    assert area.actions.count() == 0


def test_a_missing_area_is_a_404(world):
    client = world.client_for("board_member")
    assert client.get(reverse("improvement:area_detail", args=[999999])).status_code == 404
