"""Issue 12's check: a parent asks for an assessment through the short family form, from their
home page, at phone width; the caseworker then reads their words on the case (Chromium, axe)."""

import pytest

from testsupport.browser import error_summary, follow, go, sign_in, sign_out, submit
from testsupport.samples import PDF_BYTES

pytestmark = pytest.mark.browser


def test_a_parent_asks_for_an_assessment_through_the_family_form(page, live_server, world):
    child = world.parents_child
    child.caseworker, child.senar_team = world.users["caseworker"], world.team
    child.save()
    page.set_viewport_size({"width": 320, "height": 900})

    sign_in(page, live_server, world.users["parent"].email)
    follow(page, child.full_name)
    follow(page, "Ask for an EHC needs assessment")
    assert page.get_by_label("Date the request was received").count() == 0
    assert page.get_by_label("Who made the request?").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    submit(page, "Send my request", status=400)
    assert "Tell us what worries you" in error_summary(page)

    page.get_by_label(f"What worries you about {child.given_name}").fill(
        "She is not talking yet and gets very upset at nursery."
    )
    page.get_by_label(f"Who knows {child.given_name} well?").fill("Dr Okafor, paediatrician")
    page.get_by_label("Reports or letters you already have (optional)").set_input_files(
        files=[{"name": "clinic-letter.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_label("I agree that the council may contact the people I have named").check()
    submit(page, "Send my request")
    assert page.get_by_text("We have your request for an EHC needs assessment").is_visible()
    assert page.url.endswith(f"/people/children/{child.pk}/")
    page.set_viewport_size({"width": 1200, "height": 900})
    sign_out(page)
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{live_server.url}/casework/")
    follow(page, child.full_name)
    assert page.get_by_text("gets very upset at nursery").is_visible()
    assert page.get_by_text("Dr Okafor, paediatrician").is_visible()
    assert page.get_by_role("link", name="clinic-letter.pdf").is_visible()
