"""After each stage a parent, carer or young person may tell us how it went, once; staff record
answers given by phone or on paper; nobody outside the child's family and team sees them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend import statutory
from opensend.audit.models import Action, AuditEvent
from opensend.casework.models import AssessmentRequest
from opensend.feedback.models import AnswerRoute, SurveyAnswer
from opensend.feedback.services import ALREADY_ANSWERED, ALREADY_RECORDED, NOTHING_ANSWERED
from opensend.people.models import FamilyMember
from testsupport.factories.people import FamilyRelationshipFactory
from testsupport.journeys import new_request

CHILD_PAGE = "people:child_detail"


def _survey(child, stage="request_decision"):
    return reverse("portal:feedback_survey", args=[child.pk, stage])


GOOD = {"clear": "yes", "listened_to": "partly", "satisfaction": "4", "comments": "Quick reply"}


def test_a_parent_is_asked_once_a_stage_is_done_and_answers_once(world, child, decided):
    parent = world.client_for("parent")
    page = parent.get(reverse(CHILD_PAGE, args=[child.pk])).content.decode()
    assert "Tell us how it went" in page and _survey(child) in page
    assert _survey(child, "draft_plan") not in page  # not done yet
    assert parent.get(_survey(child, "draft_plan")).status_code == 404

    response = parent.post(_survey(child), GOOD)
    assert response.status_code == 302
    answer = SurveyAnswer.objects.get()
    assert (answer.route, answer.satisfaction, answer.clear) == (AnswerRoute.ONLINE, 4, "yes")
    assert answer.family_member.user == world.users["parent"]
    assert answer.answered_on == timezone.localdate()
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="feedback.surveyanswer", child_id=child.pk
    ).exists()

    page = parent.get(reverse(CHILD_PAGE, args=[child.pk])).content.decode()
    assert _survey(child) not in page  # answered: no longer asked
    assert "You have told us about this already" in parent.get(_survey(child)).content.decode()
    again = parent.post(_survey(child), GOOD)
    assert again.status_code == 400
    assert ALREADY_ANSWERED.split(".")[0] in again.content.decode()
    assert SurveyAnswer.objects.count() == 1


def test_a_second_parent_answers_for_themselves(world, child, decided):
    world.client_for("parent").post(_survey(child), GOOD)
    other = FamilyRelationshipFactory(child=child, has_parental_responsibility=True).family_member
    from testsupport.factories.accounts import UserFactory, sign_in_fully

    other.user = UserFactory()
    other.save()
    from django.test import Client

    client = sign_in_fully(Client(), other.user)
    assert _survey(child) in client.get(reverse(CHILD_PAGE, args=[child.pk])).content.decode()
    assert client.post(_survey(child), {"satisfaction": "2"}).status_code == 302
    assert SurveyAnswer.objects.count() == 2


def test_the_young_person_is_spoken_to_as_you(world):
    young = type(world.young_person).objects.get(pk=world.young_person.pk)
    case = new_request(world, child=young, requested_by_setting=None, source="young_person")
    AssessmentRequest.objects.filter(pk=case.pk).update(assess_decision_on=timezone.localdate())
    client = world.client_for("young_person")
    page = client.get(_survey(young)).content.decode()
    assert "an assessment for you." in page and "your child" not in page.lower()
    assert client.post(_survey(young), {"clear": "no"}).status_code == 302
    assert SurveyAnswer.objects.get().by_young_person


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, NOTHING_ANSWERED),
        ({"satisfaction": "9"}, "Select a valid choice"),
        ({"clear": "maybe"}, "Select a valid choice"),
        ({"comments": "x" * 2001}, "2,000 characters or fewer"),
    ],
)
def test_bad_answers_are_refused_with_a_message(world, child, decided, data, message):
    response = world.client_for("parent").post(_survey(child), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_a_made_up_stage_or_child_is_not_found(world, child, decided):
    parent = world.client_for("parent")
    assert parent.get(_survey(child, "nonsense")).status_code == 404
    assert (
        parent.get(reverse("portal:feedback_survey", args=[999999, "draft_plan"])).status_code
        == 404
    )
    assert parent.get(_survey(world.other_child)).status_code == 404


@pytest.mark.parametrize("role", ["caseworker", "senco", "health", "admin", "board_member"])
def test_only_the_family_answers_online(world, child, decided, role):
    assert world.client_for(role).post(_survey(child), GOOD).status_code == 404
    assert not SurveyAnswer.objects.exists()


def test_another_family_gets_404(world, child, decided):
    """The world's young person is another family: our child's survey is not theirs."""
    client = world.client_for("young_person")
    assert client.get(_survey(child)).status_code == 404
    assert client.post(_survey(child), GOOD).status_code == 404


# ---------------------------------------------------------------- staff: phone and paper


def _record(child):
    return reverse("portal:feedback_record", args=[child.pk])


def _phone(child, **extra):
    member = FamilyMember.objects.get(user__email="parent@test.opensend.test")
    on = timezone.localdate()
    data = {
        "stage": "request_decision",
        "respondent": str(member.pk),
        "route": "phone",
        "answered_on_0": on.day,
        "answered_on_1": on.month,
        "answered_on_2": on.year,
        "satisfaction": "5",
        "listened_to": "yes",
        "comments": "Said the letter was clear",
    }
    data.update(extra)
    return data


def test_the_caseworker_records_an_answer_given_by_phone(world, child, decided):
    caseworker = world.client_for("caseworker")
    record_page = caseworker.get(reverse(CHILD_PAGE, args=[child.pk])).content.decode()
    assert reverse("portal:feedback_child", args=[child.pk]) in record_page
    assert caseworker.get(_record(child)).status_code == 200
    assert caseworker.post(_record(child), _phone(child)).status_code == 302
    answer = SurveyAnswer.objects.get()
    assert answer.route == AnswerRoute.PHONE and answer.recorded_by == world.users["caseworker"]
    listing = caseworker.get(reverse("portal:feedback_child", args=[child.pk])).content.decode()
    assert "by phone (recorded by" in listing and "Said the letter was clear" in listing
    assert reverse("feedback:you_said") in listing
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_type="feedback.surveyanswer", child_id=child.pk
    ).exists()
    # The parent is then not asked online for the same stage, and the team cannot record twice.
    assert _survey(child) not in (
        world.client_for("parent").get(reverse(CHILD_PAGE, args=[child.pk])).content.decode()
    )
    again = caseworker.post(_record(child), _phone(child))
    assert again.status_code == 400 and ALREADY_RECORDED in again.content.decode()


def test_the_team_manager_records_a_paper_answer(world, child, decided):
    response = world.client_for("team_manager").post(_record(child), _phone(child, route="paper"))
    assert response.status_code == 302
    assert SurveyAnswer.objects.get().route == AnswerRoute.PAPER


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"stage": "final_plan"}, "Select a valid choice"),  # not done yet
        ({"respondent": "999999"}, "Select a valid choice"),
        ({"route": "online"}, "Select a valid choice"),
        ({"answered_on_2": "2099"}, "The date cannot be in the future"),
        ({"answered_on_2": "2001"}, "The date cannot be before the stage was done"),
        ({"answered_on_1": "13"}, "must be a real date"),
    ],
)
def test_bad_recorded_answers_are_refused(world, child, decided, extra, message):
    response = world.client_for("caseworker").post(_record(child), _phone(child, **extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize(
    "role", ["senco", "health", "social_care", "board_member", "analyst", "admin", "parent"]
)
def test_nobody_but_the_team_reads_or_records_answers(world, child, decided, role):
    world.client_for("parent").post(_survey(child), GOOD)
    client = world.client_for(role)
    for url in (reverse("portal:feedback_child", args=[child.pk]), _record(child)):
        assert client.get(url).status_code == 404
    assert client.post(_record(child), _phone(child)).status_code == 404
    assert SurveyAnswer.objects.count() == 1


def test_a_caseworker_outside_the_childs_team_gets_the_same_404(world, child, decided):
    client = world.client_for_other_team()
    assert client.get(reverse("portal:feedback_child", args=[child.pk])).status_code == 404
    assert client.get(reverse("portal:feedback_child", args=[999999])).status_code == 404
    assert client.post(_record(child), _phone(child)).status_code == 404


def test_a_stage_counts_from_the_day_it_was_done(world, child):
    """Before any decision, the team have nothing to record and the family nothing to answer."""
    new_request(world)
    page = world.client_for("caseworker").get(_record(child)).content.decode()
    assert "nothing to ask about" in page
    assert world.client_for("parent").get(_survey(child)).status_code == 404
    on = statutory.add_working_days(timezone.localdate(), -1)
    AssessmentRequest.objects.update(assess_decision_on=on)
    assert world.client_for("parent").get(_survey(child)).status_code == 200


def test_a_stage_done_more_than_a_year_ago_is_not_asked_about(world, child):
    case = new_request(world)
    long_ago = statutory.add_months(timezone.localdate(), -13)
    AssessmentRequest.objects.filter(pk=case.pk).update(assess_decision_on=long_ago)
    parent = world.client_for("parent")
    assert _survey(child) not in parent.get(reverse(CHILD_PAGE, args=[child.pk])).content.decode()
    assert parent.get(_survey(child)).status_code == 404
    # The team may still record a late answer given by phone.
    on = timezone.localdate()
    response = world.client_for("caseworker").post(_record(child), _phone(child))
    assert response.status_code == 302 and SurveyAnswer.objects.get().answered_on == on
