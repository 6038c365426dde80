"""The demo young person (issue 14, item 10): 17, with a plan, moving to college next September,
and has chosen what their parents see."""

import pytest
from django.test import Client
from django.urls import reverse

from opensend import statutory
from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.demo.generator import LOGIN_BY_ROLE
from opensend.people import sharing
from opensend.people.codes import SettingKind
from opensend.plans.models import PlanStatus
from testsupport.demo import TODAY, demo_area
from testsupport.factories.accounts import sign_in_fully

pytestmark = pytest.mark.django_db


def test_the_demo_young_person_is_17_with_a_plan_moving_to_college_and_has_chosen(settings):
    demo_area(300)
    user = User.objects.get(email=LOGIN_BY_ROLE[Role.YOUNG_PERSON].email)
    child = user.young_person_record
    assert child.age_on(TODAY) == 17
    assert statutory.is_young_person(child.date_of_birth, TODAY)
    plan = child.ehc_plans.get(status=PlanStatus.FINAL)
    move = plan.phase_transfers.get(transfer_on=statutory.next_september(TODAY))
    assert move.first_preference.kind == SettingKind.COLLEGE
    choice = sharing.current_choice(child)
    assert choice is not None and choice.decided_by == user
    assert (choice.parent_sees_progress, choice.parent_sees_plan) == (True, False)
    parent = child.relationships.filter(has_parental_responsibility=True).first()
    assert parent is not None  # someone for the choice to be about

    home = sign_in_fully(Client(), user).get(reverse("portal:home")).content.decode()
    assert "What your parents or carers can see" in home
