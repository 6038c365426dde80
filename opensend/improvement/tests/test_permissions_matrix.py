"""Every role against every improvement page (GET): board members, analysts, managers and
administrators read; only managers and administrators open the forms; nobody else gets in."""

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.factories.improvement import (
    ActionFactory,
    AreaFactory,
    MeasureFactory,
    MeetingFactory,
    MilestoneFactory,
    RecommendationFactory,
    RiskFactory,
    WorkstreamFactory,
)
from testsupport.roles import ROLES

pytestmark = pytest.mark.django_db
READERS = {"board_member", "analyst", "team_manager", "admin"}
EDITORS = {"team_manager", "admin"}


def _urls():
    area = AreaFactory()
    recommendation = RecommendationFactory()
    risk = RiskFactory()
    source = area.source.pk
    workstream = WorkstreamFactory()
    meeting = MeetingFactory().pk
    action = ActionFactory(workstream=workstream).pk
    milestone = MilestoneFactory(action_id=action).pk
    measure = MeasureFactory(workstream=workstream).pk
    return {
        reverse("improvement:home"): READERS,
        reverse("improvement:source_detail", args=[source]): READERS,
        reverse("improvement:tracker"): READERS,
        reverse("improvement:tracker") + "?download=csv": READERS,
        reverse("improvement:recommendation_detail", args=[recommendation.pk]): READERS,
        reverse("improvement:risk_register"): READERS,
        reverse("improvement:risk_detail", args=[risk.pk]): READERS,
        reverse("improvement:source_create"): EDITORS,
        reverse("improvement:area_create", args=[source]): EDITORS,
        reverse("improvement:area_sign_off", args=[area.pk]): EDITORS,
        reverse("improvement:recommendation_create", args=[source]): EDITORS,
        reverse("improvement:recommendation_update", args=[recommendation.pk]): EDITORS,
        reverse("improvement:risk_create"): EDITORS,
        reverse("improvement:risk_edit", args=[risk.pk]): EDITORS,
        reverse("improvement:plan_detail", args=[workstream.plan_id]): READERS,
        reverse("improvement:plan_create"): EDITORS,
        reverse("improvement:workstream_create", args=[workstream.plan_id]): EDITORS,
        reverse("improvement:measure_create", args=[workstream.pk]): EDITORS,
        reverse("improvement:meeting_detail", args=[meeting]): READERS,
        reverse("improvement:meeting_create"): EDITORS,
        reverse("improvement:agenda_item_create", args=[meeting]): EDITORS,
        reverse("improvement:attendee_add", args=[meeting]): EDITORS,
        reverse("improvement:outcome_record", args=[meeting]): EDITORS,
        reverse("improvement:board_pack", args=[meeting]): READERS,
        reverse("improvement:measure_detail", args=[measure]): READERS,
        reverse("improvement:action_detail", args=[action]): READERS,
        reverse("improvement:action_create", args=[workstream.pk]): EDITORS,
        reverse("improvement:action_change", args=[action]): EDITORS,
        reverse("improvement:action_status", args=[action]): EDITORS,
        reverse("improvement:evidence_add", args=[action]): EDITORS,
        reverse("improvement:milestone_update", args=[milestone]): EDITORS,
        reverse("improvement:milestone_add", args=[action]): EDITORS,
        reverse("improvement:figure_add", args=[measure]): EDITORS,
        reverse("improvement:measure_change", args=[measure]): EDITORS,
        reverse("improvement:area_change", args=[area.pk]): EDITORS,
        reverse("improvement:area_withdraw", args=[area.pk]): EDITORS,
        reverse("improvement:recommendation_change", args=[recommendation.pk]): EDITORS,
        reverse("improvement:recommendation_withdraw", args=[recommendation.pk]): EDITORS,
        reverse("improvement:risk_close", args=[risk.pk]): EDITORS,
        reverse("improvement:area_detail", args=[area.pk]): READERS,
        reverse("improvement:area_links", args=[area.pk]): EDITORS,
        reverse("improvement:plan_change", args=[workstream.plan_id]): EDITORS,
        reverse("improvement:plan_close", args=[workstream.plan_id]): EDITORS,
        reverse("improvement:workstream_change", args=[workstream.pk]): EDITORS,
        reverse("improvement:workstream_close", args=[workstream.pk]): EDITORS,
        reverse("improvement:measure_close", args=[measure]): EDITORS,
        reverse("improvement:paper_add", args=[meeting]): EDITORS,
        reverse("improvement:measure_switch", args=[measure]): EDITORS,
        reverse("improvement:measure_reopen", args=[measure]): EDITORS,
        reverse("improvement:plan_reopen", args=[workstream.plan_id]): EDITORS,
        reverse("improvement:workstream_reopen", args=[workstream.pk]): EDITORS,
        reverse("improvement:risk_reopen", args=[risk.pk]): EDITORS,
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role(world, role):
    client = world.client_for(role)
    for url, allowed in _urls().items():
        assert client.get(url).status_code == (200 if role in allowed else 403), (role, url)


def test_signed_out_people_are_sent_to_sign_in(db):
    response = Client().get(reverse("improvement:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_board_member_cannot_post_a_change(world):
    recommendation = RecommendationFactory()
    response = world.client_for("board_member").post(
        reverse("improvement:recommendation_update", args=[recommendation.pk]), {"text": "x"}
    )
    assert response.status_code == 403
    assert not recommendation.updates.exists()


def test_missing_records_are_not_found(world):
    client = world.client_for("team_manager")
    for name in (
        "source_detail",
        "recommendation_detail",
        "risk_detail",
        "area_sign_off",
        "plan_detail",
        "measure_create",
        "meeting_detail",
        "board_pack",
        "board_pack_pdf",
        "measure_detail",
        "action_detail",
        "action_status",
        "milestone_update",
        "evidence_document",
        "area_detail",
        "area_links",
        "plan_close",
        "workstream_change",
        "measure_close",
        "paper_add",
        "paper_document",
        "paper_withdraw",
    ):
        url = reverse(f"improvement:{name}", args=[999_999])
        assert client.get(url).status_code == 404, name


def test_the_navigation_shows_improvement_to_readers_only(world):
    home = reverse("portal:home")
    link = reverse("improvement:home")
    assert f'href="{link}"' in world.client_for("board_member").get(home).content.decode()
    assert f'href="{link}"' in world.client_for("team_manager").get(home).content.decode()
    assert f'href="{link}"' not in world.client_for("senco").get(home).content.decode()
