"""Ask every statutory adviser in one step (reg 6(1)(b)-(e)): pre-filled from the child's school
and the services already working with them, each refused for the same reasons as one request,
and none sent when any is refused."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opensend.accounts.models import Organisation
from opensend.casework import selectors
from opensend.casework.models import AdviceRequest
from opensend.casework.services import advice as advice_services
from testsupport.forms import date_fields
from testsupport.journeys import (
    ADVICE_ASKED_ON,
    TODAY,
    ask_health,
    decide_to_assess,
    parent_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    case = parent_request(world)
    decide_to_assess(world, case)
    return case


def _url(case):
    return reverse("casework:advice_request_all", args=[case.pk])


def _orgs(world):
    return {
        "education": world.setting.organisation,
        "ep": Organisation.objects.get(kind="ep_service"),
        "health": world.health_org,
        "social_care": Organisation.objects.get(kind="social_care"),
    }


def _everyone(world, **extra):
    answers = {**date_fields("requested_on", ADVICE_ASKED_ON), "questions": "What does she need?"}
    for kind, org in _orgs(world).items():
        answers |= {f"ask_{kind}": "on", f"{kind}_organisation": org.pk}
    return answers | extra


def test_the_advisers_are_pre_filled_from_what_we_know_of_the_child(world, case):
    assert selectors.advisers_for(case) == _orgs(world)
    page = world.client_for("caseworker").get(_url(case)).content.decode()
    assert f'value="{world.health_org.pk}" selected' in page
    assert "Ask for health" in page


def test_one_step_asks_everyone_with_their_own_six_weeks(world, case):
    response = world.client_for("caseworker").post(_url(case), _everyone(world), follow=True)
    asked = AdviceRequest.objects.filter(request=case)
    assert {(a.kind, a.organisation) for a in asked} == set(_orgs(world).items())
    assert {a.questions for a in asked} == {"What does she need?"}
    assert "Advice requested from 4 organisations" in response.content.decode()


def test_an_adviser_already_asked_is_not_offered_again(world, case):
    ask_health(world, case)
    assert "health" not in selectors.advisers_for(case)
    page = world.client_for("caseworker").get(_url(case)).content.decode()
    assert "Ask for health" not in page


def test_the_case_page_offers_the_step_only_while_someone_is_left_to_ask(world, case):
    client = world.client_for("caseworker")
    detail = reverse("casework:case_detail", args=[case.pk])
    assert _url(case) in client.get(detail).content.decode()
    client.post(_url(case), _everyone(world))
    assert _url(case) not in client.get(detail).content.decode()


def test_a_wrong_kind_of_body_is_refused_and_nothing_is_sent(world, case):
    answers = _everyone(world, health_organisation=world.setting.organisation.pk)
    response = world.client_for("caseworker").post(_url(case), answers)
    assert response.status_code == 400
    assert not AdviceRequest.objects.exists()


def test_ticking_nothing_or_leaving_out_who_is_asked_says_what_to_do(world, case):
    client = world.client_for("caseworker")
    nothing = client.post(_url(case), date_fields("requested_on", ADVICE_ASKED_ON))
    assert nothing.status_code == 400
    assert "Tick at least one kind of advice" in nothing.content.decode()
    answers = {**date_fields("requested_on", ADVICE_ASKED_ON), "ask_health": "on"}
    missing = client.post(_url(case), answers)
    assert "Choose who to ask, or untick this advice" in html.unescape(missing.content.decode())
    assert not AdviceRequest.objects.exists()


def test_the_service_checks_every_ask_before_sending_any(world, case):
    ask_health(world, case)
    with pytest.raises(ValidationError) as refused:
        advice_services.advice_request_all(
            actor=world.users["caseworker"],
            case=case,
            asks=[("ep", _orgs(world)["ep"]), ("health", world.health_org)],
            requested_on=ADVICE_ASKED_ON,
            today=TODAY,
        )
    assert "health_organisation" in refused.value.message_dict
    assert AdviceRequest.objects.filter(request=case).count() == 1


@pytest.mark.parametrize("role", ["senco", "health", "parent", "board_member"])
def test_only_the_senar_team_asks_for_advice(world, case, role):
    assert world.client_for(role).get(_url(case)).status_code in (403, 404)
