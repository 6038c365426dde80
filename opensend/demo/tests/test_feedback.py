"""The demo area's feedback: answers in every stage for the figures, the demo parent asked
about a stage they have not answered, and the "You said, we did" entries."""

import pytest
from django.test import Client
from django.urls import reverse

from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.demo.logins import LOGIN_BY_ROLE
from opensend.feedback.models import AnswerRoute, SurveyAnswer, YouSaidWeDid
from testsupport.demo import demo_area
from testsupport.factories.accounts import sign_in_fully

pytestmark = pytest.mark.django_db


def test_the_demo_has_answers_to_count_and_you_said_we_did():
    summary = demo_area(300, stop_after="feedback")
    assert summary.feedback == SurveyAnswer.objects.count() > 10
    assert SurveyAnswer.objects.exclude(route=AnswerRoute.ONLINE).exists()
    assert SurveyAnswer.objects.values("stage").distinct().count() >= 3
    assert YouSaidWeDid.objects.count() == 4
    manager = sign_in_fully(
        Client(), User.objects.get(email=LOGIN_BY_ROLE[Role.TEAM_MANAGER].email)
    )
    page = manager.get(reverse("feedback:satisfaction")).content.decode()
    assert "Every stage" in page and "No answers" not in page.split("Every stage")[1][:400]
    parent = User.objects.get(email=LOGIN_BY_ROLE[Role.PARENT].email)
    assert SurveyAnswer.objects.filter(family_member__user=parent, route="online").count() == 1
    client = sign_in_fully(Client(), parent)
    assert "You said, we did" in client.get("/").content.decode()
