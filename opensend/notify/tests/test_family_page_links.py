"""Every message a family receives links to the page it is about (docs/family-portal.md)."""

import pytest
from django.test import override_settings

from opensend.notify.messages import REGISTRY
from opensend.notify.services import notification_send, page_link_for
from opensend.plans import services as plan_services
from testsupport.journeys import DRAFT_ON, TODAY, drafting_case, write_plan

pytestmark = pytest.mark.django_db
SITE = "https://send.anytown.example"


def test_every_family_message_links_to_a_page_and_no_professional_one_does():
    family = [t for t in REGISTRY.values() if t.audience == "family" and t.key != "sign_in_link"]
    assert len(family) > 20
    for template in family:
        assert "page_link" in template.placeholders, template.key
    for template in REGISTRY.values():
        if template.audience == "professional":
            assert "page_link" not in template.placeholders, template.key


@override_settings(OPENSEND_SITE_URL=SITE + "/")
def test_a_message_about_a_child_links_to_the_familys_page_for_them(world):
    child = world.parents_child
    [message] = notification_send(
        actor=None,
        template="request_received",
        child=child,
        personalisation={"decision_due": "Monday 12 January 2026"},
    )
    link = f"{SITE}/people/children/{child.pk}/"
    assert f"See where things are and what happens next: {link}" in message.body
    # The link opens the family's page for them.
    from django.test import Client

    from testsupport.factories.accounts import sign_in_fully

    page = sign_in_fully(Client(), world.users["parent"]).get(link.removeprefix(SITE))
    assert page.status_code == 200
    assert "Your family's page" in page.content.decode()


@override_settings(OPENSEND_SITE_URL=SITE)
def test_the_draft_plan_message_links_to_the_draft(world):
    actor = world.users["caseworker"]
    case = drafting_case(world, child=world.parents_child)
    plan = write_plan(actor, plan_services.plan_draft_start(actor=actor, case=case))
    plan_services.draft_issue(actor=actor, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    from opensend.notify.models import OutboxMessage

    message = OutboxMessage.objects.get(template="draft_plan_issued")
    assert f"{SITE}/plans/{plan.pk}/" in message.body


@override_settings(OPENSEND_SITE_URL=SITE)
def test_complaint_messages_link_to_the_familys_complaints():
    assert page_link_for("complaint_received", None) == f"{SITE}/disputes/complaints/"
    assert page_link_for("review_due", None) == f"{SITE}/"
