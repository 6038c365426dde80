"""Board meetings: the agenda linked to what each item discusses, attendance including the parent
carer forum and schools, decisions and actions arising; bad input is a 400 by the field."""

from datetime import date

import pytest
from django.urls import reverse

from opensend.improvement.models import BoardMeeting, MeetingOutcome
from testsupport.factories.improvement import RecommendationFactory, RiskFactory
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    client = world.client_for("team_manager")
    client.post(
        reverse("improvement:meeting_create"),
        {"title": "SEND Improvement Board", **date_fields("held_on", date(2025, 3, 4))},
    )
    return BoardMeeting.objects.get()


def test_a_meeting_with_its_agenda_attendance_and_outcomes(world, meeting):
    client = world.client_for("team_manager")
    recommendation = RecommendationFactory(text="Keep the Board")
    risk = RiskFactory(reference="R4", title="Families lose confidence")
    base = {"meeting_id": meeting.pk}
    client.post(
        reverse("improvement:agenda_item_create", kwargs=base),
        {"number": "1", "title": "Commissioner's update", "recommendation": recommendation.pk},
    )
    client.post(
        reverse("improvement:agenda_item_create", kwargs=base),
        {"number": "2", "title": "Risk register", "risk": risk.pk},
    )
    for name, represents, present in [
        ("Forum co-chair", "parent_carer_forum", "yes"),
        ("Secondary head", "schools", "no"),
    ]:
        client.post(
            reverse("improvement:attendee_add", kwargs=base),
            {"name": name, "represents": represents, "present": present},
        )
    item = meeting.items.get(number=2)
    response = client.post(
        reverse("improvement:outcome_record", kwargs=base),
        {"kind": "action", "text": "Review R4 controls", "item": item.pk, "owner": "Head of SENAR"},
    )
    assert response.status_code == 302
    page = world.client_for("board_member").get(reverse("improvement:meeting_detail", kwargs=base))
    text = page.content.decode()
    assert f"recommendation {recommendation.number}" in text
    assert "risk R4 Families lose confidence" in text
    assert "Forum co-chair (The parent carer forum)" in text
    assert "Secondary head (Schools and colleges): sent apologies" in text
    assert "(item 2): Review R4 controls. Owner: Head of SENAR" in text


def test_an_action_needs_an_owner(world, meeting):
    response = world.client_for("team_manager").post(
        reverse("improvement:outcome_record", args=[meeting.pk]),
        {"kind": "action", "text": "Do something"},
    )
    assert response.status_code == 400
    assert "Enter who owns the action" in response.content.decode()
    assert not MeetingOutcome.objects.exists()


def test_an_item_number_is_used_once(world, meeting):
    client = world.client_for("team_manager")
    url = reverse("improvement:agenda_item_create", args=[meeting.pk])
    client.post(url, {"number": "1", "title": "Welcome"})
    response = client.post(url, {"number": "1", "title": "Again"})
    assert response.status_code == 400
    assert "already has an item 1" in response.content.decode()
