"""The family portal in Chromium (issue 14): a parent opens the link in a message about their
child, signs in with a one-time email link, and lands on their child's page with the timeline
and the journey bar; at desktop and phone width (no sideways scrolling at 320 px). Every page
passes axe-core (WCAG 2.2 AA)."""

import re

import pytest

from opensend.notify.models import OutboxMessage
from testsupport.browser import follow, go, submit
from testsupport.journeys import decide_to_assess, parent_request

pytestmark = pytest.mark.browser
LINK = re.compile(r"https?://\S+/account/sign-in/link/\S+/")


@pytest.mark.parametrize("width", [1280, 320])
def test_a_parent_follows_a_message_and_signs_in_by_email_link(
    page, live_server, world, settings, width
):
    settings.OPENSEND_SITE_URL = live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    child = world.parents_child
    child.caseworker = world.users["caseworker"]
    child.save()
    case = parent_request(world, child=child)
    decide_to_assess(world, case)
    message = OutboxMessage.objects.filter(template="decided_to_assess", child=child).first()
    deep_link = re.search(r"See where things are and what happens next: (\S+)", message.body)[1]
    assert deep_link == f"{live_server.url}/people/children/{child.pk}/"

    # Signed out, the link asks them to sign in; families get a link by email.
    go(page, deep_link)
    assert page.get_by_role("heading", name="Sign in to OpenSEND").is_visible()
    follow(page, "Get a link to sign in by email")
    page.get_by_label("Email address").fill(world.users["parent"].email)
    submit(page, "Send me a link")
    assert page.get_by_role("heading", name="Check your email").is_visible()
    email = OutboxMessage.objects.get(template="sign_in_link")
    go(page, LINK.search(email.body)[0])
    submit(page, "Sign in")

    # Back on the page the message was about: the family's page, with the timeline.
    assert page.url == deep_link
    assert page.get_by_role("heading", level=1).inner_text() == child.full_name
    assert page.get_by_role("heading", name="The 20 weeks to a plan").is_visible()
    assert page.get_by_role("heading", name="What happens next").is_visible()
    assert page.get_by_text(
        f"We got the request for an EHC needs assessment for {child.given_name}.", exact=True
    ).is_visible()
    assert page.get_by_text("UPN").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= max(width, 320)
    follow(page, "What each step means")
    assert page.get_by_role("heading", name="What each step means").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= max(width, 320)
