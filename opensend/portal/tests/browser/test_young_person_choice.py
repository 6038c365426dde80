"""In Chromium at phone width (issue 14): a young person chooses from their home page what their
parent sees, and their parent is told plainly what is hidden; the parent's details page too.
Every page passes axe-core (WCAG 2.2 AA) and nothing scrolls sideways at 320 px."""

import pytest

from testsupport.browser import error_summary, follow, sign_in, submit
from testsupport.sharing import parent_of_young_person

pytestmark = pytest.mark.browser


def test_a_young_person_chooses_and_their_parent_is_told(page, live_server, world):
    child = parent_of_young_person(world)
    page.set_viewport_size({"width": 320, "height": 900})
    sign_in(page, live_server, world.users["young_person"].email)
    follow(page, "Choose what your parents or carers can see")
    submit(page, "Save my choice", status=400)
    assert error_summary(page)
    page.get_by_role("group", name="Can your parents or carers see where things are").get_by_label(
        "No"
    ).check()
    page.get_by_role("group", name="Can your parents or carers see your EHC plan").get_by_label(
        "No"
    ).check()
    submit(page, "Save my choice")
    assert page.get_by_text("We have saved your choice").is_visible()
    page.context.clear_cookies()  # signed out (the header's button is in the phone menu)

    sign_in(page, live_server, world.users["parent"].email)
    follow(page, child.full_name)
    name = child.preferred_name or child.given_name
    assert page.get_by_text(
        f"{name} has chosen not to share where things are with you."
    ).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    follow(page, "Home")
    follow(page, "Your details and how we contact you")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
