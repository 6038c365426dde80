"""Feedback in Chromium (issue 14, item 7): a parent on a phone (320 px) opens their child's
page after our decision, tells us how it went, and is not asked again. Every page passes
axe-core (testsupport.browser)."""

import pytest
from django.utils import timezone

from opensend.casework.models import AssessmentRequest
from opensend.feedback.models import SurveyAnswer
from testsupport.browser import follow, sign_in, submit
from testsupport.journeys import new_request

pytestmark = pytest.mark.browser


def test_a_parent_on_a_phone_tells_us_how_it_went(page, live_server, world):
    child = world.parents_child
    case = new_request(world, child=child, requested_by_setting=None, source="parent")
    AssessmentRequest.objects.filter(pk=case.pk).update(assess_decision_on=timezone.localdate())

    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, live_server, world.users["parent"].email)
    follow(page, child.full_name)
    follow(page, "Tell us how it went: our decision about an assessment")
    submit(page, "Send", status=400)
    assert page.get_by_text("Answer at least one question").first.is_visible()
    page.get_by_role("group", name="Was it easy to understand?").get_by_label("Yes").check()
    page.get_by_label("Happy", exact=True).check()
    page.get_by_label("Is there anything else you want to tell us? (optional)").fill(
        "The letter was clear."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    submit(page, "Send")
    assert page.get_by_text("Thank you for telling us how it went").is_visible()
    assert page.get_by_text("Tell us how it went: our decision").count() == 0
    answer = SurveyAnswer.objects.get()
    assert (answer.clear, answer.satisfaction, answer.comments) == (
        "yes",
        4,
        "The letter was clear.",
    )
