"""The demo area's messages: the demo parent's answered and waiting questions, and the demo
young person's question in their caseworker's list."""

import pytest
from django.test import Client
from django.urls import reverse

from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.demo.logins import LOGIN_BY_ROLE
from opensend.messaging.models import MessageThread
from testsupport.demo import demo_area
from testsupport.factories.accounts import sign_in_fully

pytestmark = pytest.mark.django_db


def test_the_demo_families_have_conversations_the_team_can_see():
    summary = demo_area(300, stop_after="messages")
    assert summary.messages == 4
    parent = User.objects.get(email=LOGIN_BY_ROLE[Role.PARENT].email)
    ours = MessageThread.objects.get(child__relationships__family_member__user=parent)
    assert [m.from_family for m in ours.messages.all()] == [True, False, True]
    assert ours.reply_due_on is not None  # the second question waits for a reply
    young = MessageThread.objects.get(child__user__email=LOGIN_BY_ROLE[Role.YOUNG_PERSON].email)
    caseworker = sign_in_fully(Client(), young.child.caseworker)
    inbox = caseworker.get(reverse("messaging:inbox")).content.decode()
    assert reverse("messaging:thread", args=[young.child_id]) in inbox
