"""The improvement lead's round in Chromium, with JavaScript off (every page works without it):
from the navigation to the tracker, filtered; an update marking a recommendation complete is
refused without evidence, then accepted with it; the tracker and the heat map fit 320 px.
`go`, `submit` and `follow` run axe-core (WCAG 2.2 AA) on every page reached."""

import re

import pytest

from testsupport.browser import follow, go, sign_in, submit

pytestmark = pytest.mark.browser


def test_an_improvement_lead_tracks_a_recommendation_to_complete(
    page_without_js, live_server, world
):
    from opensend.demo.improvement import build_demo_improvement
    from opensend.improvement.models import Recommendation
    from testsupport.demo import TODAY

    page = page_without_js
    build_demo_improvement(seed=7, today=TODAY)
    sign_in(page, live_server, world.users["team_manager"].email)
    go(page, f"{live_server.url}/")
    follow(page, "Improvement")
    assert page.get_by_role("heading", level=1).inner_text() == "Improvement"
    follow(page, "Open the recommendation tracker")

    page.get_by_label("Status").select_option(label="In progress")
    submit(page, "Apply filters")
    table = page.get_by_role("region", name="Recommendations")
    assert "Include an update from the DfE on national SEND reform" in table.inner_text()
    assert "Keep the established architecture" not in table.inner_text()
    page.set_viewport_size({"width": 320, "height": 800})  # the table scrolls in its own box
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 800})

    target = Recommendation.objects.get(source__title__contains="third", number="6")
    go(page, f"{live_server.url}/improvement/recommendations/{target.pk}/")
    assert page.get_by_text("Restates").count()
    follow(page, "Add an update")
    page.get_by_label("Update", exact=True).fill("The DfE adviser reported to the Board.")
    page.get_by_label("Complete", exact=True).check()
    submit(page, "Save", status=400)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the evidence that shows the recommendation is complete" in summary

    page.get_by_label("Evidence").fill("Board minutes, item 4")
    submit(page, "Save")
    assert page.get_by_text("Update added").count()
    assert "Board minutes, item 4" in page.locator("main").inner_text()
    target.refresh_from_db()
    assert target.status == "complete"

    follow(page, "Risk register")
    heat_map = page.get_by_role("region", name="With controls (residual)")
    assert "Likelihood 5" in heat_map.inner_text()
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_board_member_opens_the_pack_for_the_next_meeting(page_without_js, live_server, world):
    """From the overview to the next meeting's pack (axe-checked), which names no child."""
    from opensend.demo.improvement import build_demo_improvement
    from opensend.improvement.models import BoardMeeting
    from opensend.people.models import Child
    from testsupport.demo import TODAY

    page = page_without_js
    # Surnames no pack could contain as an ordinary word ("Green" is a RAG rating, "Head" a
    # job title), so finding one in the pack can only mean a child's name leaked.
    for i, child in enumerate(Child.objects.order_by("pk")):
        child.family_name = f"Qzvorth{i}"
        child.save(update_fields=["family_name"])
    build_demo_improvement(seed=7, today=TODAY)
    upcoming = BoardMeeting.objects.get(held_on__gt=TODAY)
    sign_in(page, live_server, world.users["board_member"].email)
    go(page, f"{live_server.url}/improvement/")
    follow(page, f"{upcoming.title}, {upcoming.held_on:%-d %B %Y}")
    follow(page, "Open the board pack")
    assert page.get_by_role("heading", level=1).inner_text() == "Board pack"
    text = page.locator("main").inner_text()
    assert "RAG by workstream" in text and "Overdue actions" in text
    names = Child.objects.values_list("given_name", "family_name")
    assert names
    for given, family in names:
        assert f"{given} {family}" not in text
        assert not re.search(rf"\b{re.escape(family)}\b", text), family
    assert page.get_by_role("link", name="Download the board pack (PDF)").count()
    follow(page, "Action 2.2")  # an overdue action, read-only for a board member
    assert "This action is overdue" in page.locator("main").inner_text()
    assert not page.get_by_role("link", name="Change the status").count()
    page.go_back()
    follow(page, "New EHC plans issued within 20 weeks (%)")
    assert page.get_by_role("heading", name="Actual against the trajectory").count()

    from opensend.improvement.models import Area

    area = Area.objects.get(number=5)  # its evidence library, read-only (axe-checked)
    go(page, f"{live_server.url}/improvement/areas/{area.pk}/")
    library = page.locator("main").inner_text()
    assert "Evidence library" in library and "Recruit to every vacant caseworker post" in library
    assert not page.get_by_role("link", name="Choose what answers this area").count()
