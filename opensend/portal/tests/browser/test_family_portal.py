"""The family portal in Chromium (issue 14): a parent opens the link in a message about their
child, signs in with a one-time email link, and lands on their child's page with the timeline
and the journey bar; at desktop and phone width (no sideways scrolling at 320 px). Every page
passes axe-core (WCAG 2.2 AA)."""

import re

import pytest

from opensend.notify.models import OutboxMessage
from testsupport.browser import error_summary, follow, go, sign_in, submit
from testsupport.journeys import decide_to_assess, final_plan, open_review, parent_request, walk
from testsupport.samples import HTML_BYTES, PNG_BYTES

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


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_parent_says_it_once_and_gives_views_before_the_review_at_320px_without_javascript(
    page_without_js, live_server, world
):
    """All about me (with a photo, and a bad file refused) and the views before a review
    meeting, reached by links from the family's home, at 320 px with JavaScript off."""
    page = page_without_js
    page.set_viewport_size({"width": 320, "height": 800})
    child = world.parents_child
    child.caseworker = world.users["caseworker"]
    child.save()
    walk(world.users["caseworker"], open_review(final_plan(world, child=child)), to="meeting")
    name = child.preferred_name or child.given_name

    sign_in(page, live_server, world.users["parent"].email)
    follow(page, child.full_name)
    _fits(page, 320)
    follow(page, f"All about {name}: tell us once and we share it")
    _fits(page, 320)
    page.get_by_label(f"About {name}").fill("Loves trains and drawing (synthetic)")
    files = "input[name=files]"
    page.set_input_files(files, [{"name": "me.png", "mimeType": "image/png", "buffer": HTML_BYTES}])
    submit(page, "Save", status=400)
    assert any("me.png" in message for message in error_summary(page))
    _fits(page, 320)
    page.set_input_files(files, [{"name": "me.png", "mimeType": "image/png", "buffer": PNG_BYTES}])
    submit(page, "Save")
    assert page.get_by_text("We have saved what you told us").is_visible()
    assert page.get_by_role("link", name="me.png").is_visible()
    _fits(page, 320)

    follow(page, child.full_name)
    follow(page, f"Tell us your views before {name}'s review meeting")
    assert page.get_by_role("heading", name="Your views for the review").is_visible()
    _fits(page, 320)
    submit(page, "Send", status=400)
    page.get_by_label("Your views").fill("Reading is much better this year (synthetic)")
    submit(page, "Send")
    assert page.get_by_text("What you have sent").is_visible()
    _fits(page, 320)
