"""A re-assessment in Chromium: from the plan page, the request, the decision with the date
the plan is due, at desktop and phone width. Every page passes axe-core."""

import pytest

from opensend.reviews.models import Reassessment
from testsupport.browser import fill_date, follow, go, sign_in, submit
from testsupport.transfers import final_plan, today

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320])
def test_reassessment_from_the_plan_page(page, live_server, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    plan = final_plan(world.caseload_child, named_setting=world.setting)
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{live_server.url}/plans/{plan.pk}/")
    follow(page, "Record a re-assessment request")
    page.fill("input[name=requested_by]", "Parent")
    page.fill("textarea[name=why]", "A new diagnosis of autism")
    submit(page, "Save", status=400)  # no date yet
    fill_date(page, "received_on", today())
    submit(page, "Save")
    assert "Decide whether to re-assess" in page.content()
    follow(page, "Decide whether to re-assess")
    page.get_by_label("Yes, re-assess").check()
    fill_date(page, "decided_on", today())
    page.fill("textarea[name=reasons]", "New advice is needed from the EP and health")
    submit(page, "Save")
    assert "Issue the plan after a re-assessment" in page.content()
    assert Reassessment.objects.get(plan=plan).status == "reassessing"
