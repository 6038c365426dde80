"""One child, one record (issue 12, item 5), in Chromium against a live server.

`go`, `submit` and `follow` (testsupport.browser) check every page reached with axe-core
(WCAG 2.2 AA), and the `page` fixture fails the test on any console or JavaScript error.
"""

import datetime

import pytest

from opensend.people import merging
from testsupport.browser import fill_date_by_legend, follow, go, sign_in, sign_out, submit

pytestmark = pytest.mark.browser

BORN = datetime.date(2015, 3, 27)


def _existing(world, **fields):
    from testsupport.factories.people import ChildFactory

    record = {
        "given_name": "Olivia",
        "family_name": "Fitzgerald-Hartley",  # long and fixed: a one-letter typo is always close
        "date_of_birth": BORN,
        "caseworker": world.users["caseworker"],
        "senar_team": world.team,
    }
    return ChildFactory(**{**record, **fields})


def test_a_duplicate_child_is_caught_before_it_is_saved(page, live_server, world):
    """A caseworker adds a child whose name is close to, and birthday the same as, a child
    already known: warned before saving, with a link, they open the existing record instead."""
    from opensend.people.models import Child

    existing = _existing(world)
    before = Child.objects.count()
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{live_server.url}/people/children/new/")
    page.get_by_label("First name").fill("Olivia")
    page.get_by_label("Last name").fill("Fitzgerald-Hartly")
    fill_date_by_legend(page, "Date of birth", "27", "3", "2015")
    submit(page, "Create record")

    warning = page.locator("#possible-duplicates").inner_text()
    assert "This child may already have a record. Nothing has been saved yet." in warning
    assert Child.objects.count() == before
    follow(page, "Olivia Fitzgerald-Hartley")
    assert page.url.endswith(f"/people/children/{existing.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Olivia Fitzgerald-Hartley"
    assert Child.objects.count() == before
    assert not Child.objects.filter(family_name="Fitzgerald-Hartly").exists()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_manager_merges_two_records_for_one_child(request, live_server, world, javascript):
    """The manager finds the second record from the first, compares them, keeps the first with
    the second's address, confirms; the second record's request moves; its page says where.
    Then an administrator reverses it. It all works without JavaScript too."""
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    from opensend.casework.models import AssessmentRequest
    from testsupport.journeys import parent_request

    kept = _existing(world, upn="")
    second = _existing(world, upn="", address="2 New Road", caseworker=None)
    case = parent_request(world, child=second)
    base = live_server.url

    sign_in(page, live_server, world.users["team_manager"].email)
    go(page, f"{base}/people/children/{kept.pk}/")
    follow(page, "Merge with another record")
    follow(page, f"Compare with record {second.pk}: Olivia Fitzgerald-Hartley")
    assert page.locator("#comparison").get_by_text("2 New Road").is_visible()

    # At 320 pixels wide the page still fits: the table scrolls inside its own box.
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 800})

    submit(page, "Continue", status=400)  # nothing chosen yet
    assert page.locator(".govuk-error-summary").get_by_text("Select the record to keep").count()

    keep = page.get_by_role("group", name="Which record do you want to keep?")
    keep.locator(f"input[value='{kept.pk}']").check()
    for name in merging.differing_fields(kept, second):
        label = merging.field_label(name)
        source = second if name == "address" else kept
        group = page.get_by_role("group", name=f"{label}: which do you want to keep?")
        group.locator(f"input[value='{source.pk}']").check()
    submit(page, "Continue")
    assert page.get_by_role("heading", name="Check before you merge the records").is_visible()
    assert page.get_by_text("You cannot undo this yourself").is_visible()

    submit(page, "Merge records")
    assert page.url.endswith(f"/people/children/{kept.pk}/")
    assert page.get_by_text(f"Record {second.pk} merged into this record").is_visible()
    assert page.get_by_role("heading", name="Merged records").is_visible()
    assert AssessmentRequest.objects.get(pk=case.pk).child_id == kept.pk

    go(page, f"{base}/people/children/{second.pk}/")
    assert page.locator("#merged-into").get_by_text("This record was merged into").is_visible()
    follow(page, f"Olivia Fitzgerald-Hartley's record (record {kept.pk})")
    assert page.url.endswith(f"/people/children/{kept.pk}/")
    sign_out(page)

    # An administrator reverses it from the merge's record.
    sign_in(page, live_server, world.users["admin"].email)
    go(page, f"{base}/people/children/{kept.pk}/")
    follow(
        page,
        f"Record {second.pk} (Olivia Fitzgerald-Hartley) merged into this record on "
        f"{datetime.date.today():%-d %B %Y}",
    )
    follow(page, "Reverse this merge")
    submit(page, "Reverse the merge")
    assert page.get_by_text(f"Merge reversed. Record {second.pk} is open again.").is_visible()
    assert AssessmentRequest.objects.get(pk=case.pk).child_id == second.pk
