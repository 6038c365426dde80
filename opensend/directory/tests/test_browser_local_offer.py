"""A parent, not signed in, uses the Local Offer in Chromium against a live server.

`go`, `submit` and `follow` (testsupport.browser) check every page reached with axe-core
(WCAG 2.2 AA), and the `page` fixture fails the test on any console or JavaScript error.
"""

import datetime
from decimal import Decimal

import pytest

from testsupport.browser import follow, go, submit

pytestmark = pytest.mark.browser


def test_a_parent_finds_a_free_autism_friendly_saturday_activity_near_home(page, live_server):
    """An autism-friendly activity for a 9-year-old, within 5 miles, free, on Saturdays: the
    parent fills in the search, the one entry that fits comes first, and its page tells them
    what they need to go (times, place, access, phone); then they print it."""
    from testsupport.factories.directory import a_service

    a_service(
        name="Autism-friendly Saturday Swimming",
        terms=("need-asd", "type-activities"),
        ages=(5, 16),
        district="AT9",
        days="SA",
        opens=datetime.time(10),
        closes=datetime.time(12),
        accessibility="Quiet changing room",
        phone="0121 496 0321",
    )
    a_service(  # paid
        name="Saturday Drama Club",
        terms=("need-asd", "type-activities"),
        ages=(8, 14),
        district="AT9",
        days="SA",
        price=Decimal("5.00"),
    )
    a_service(  # too far
        name="Autism-friendly Climbing",
        terms=("need-asd", "type-activities"),
        ages=(5, 16),
        district="AT8",
        days="SA",
    )
    a_service(  # a weekday
        name="Autism-friendly Art Club",
        terms=("need-asd", "type-activities"),
        ages=(5, 16),
        district="AT9",
        days="WE",
    )

    go(page, f"{live_server.url}/local-offer/")
    page.get_by_label("Need").select_option(label="Autism")
    page.get_by_label("Type of help").select_option(label="Activities and clubs")
    page.get_by_label("Age of the child or young person").fill("9")
    page.get_by_label("Postcode").fill("AT9 2BB")
    page.get_by_label("Distance").select_option(label="5 miles")
    page.get_by_label("Cost").select_option(label="Free only")
    page.get_by_label("Day", exact=True).select_option(label="Saturday")
    submit(page, "Search")

    assert page.get_by_role("heading", name="1 result").is_visible()
    results = page.locator(".app-directory-result").all_inner_texts()
    assert len(results) == 1
    assert "Autism-friendly Saturday Swimming" in results[0]
    assert "Ages 5 to 16 · Free · Saturdays" in results[0]

    follow(page, "Autism-friendly Saturday Swimming")
    facts = page.locator(".govuk-summary-list").inner_text()
    for text in (
        "Saturdays, 10am to 12pm",
        "1 High Street",
        "Quiet changing room",
        "0121 496 0321",
    ):
        assert text in facts

    page.set_viewport_size({"width": 320, "height": 800})  # works on a small phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    follow(page, "Easy read version of this page")
    assert "It is free." in page.locator("main").inner_text()
    follow(page, "Back to the full page")
    follow(page, "Printable version of this page")
    assert page.get_by_role("heading", level=1).inner_text() == "Autism-friendly Saturday Swimming"

    # Short breaks: could their child get them? Each answer is explained.
    go(page, f"{live_server.url}/local-offer/short-breaks/")
    page.get_by_label("How old is your child?").fill("9")
    for question, answer in (
        ("Do you live in the council's area?", "Yes"),
        ("Does your child have a disability or special educational needs (SEND)?", "Yes"),
        ("Does your child have an education, health and care (EHC) plan?", "No"),
        ("Does your family need more help than clubs and play schemes give?", "No"),
    ):
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    submit(page, "Check")
    assert "Your child could get this" in page.locator("main").inner_text()


def _provider_and_entry():
    """A provider's Local Offer editor and the entry their organisation keeps."""
    from opensend.accounts.roles import OrganisationKind, Role
    from testsupport.factories.accounts import OrganisationFactory, staff_member
    from testsupport.factories.directory import a_service

    org = OrganisationFactory(name="Rainbow Trust", kind=OrganisationKind.PROVIDER)
    provider = staff_member(org, Role.LOCAL_OFFER_EDITOR, email="provider@test.opensend.test")
    entry = a_service(name="Rainbow Swimming", ages=(5, 16))
    entry.organization.owner = org
    entry.organization.save()
    return provider, entry


def _editor_approves(page, live_server, world, change: str) -> None:
    """The council's Local Offer editor opens the one waiting change, sees it and approves it."""
    from testsupport.browser import sign_in

    sign_in(page, live_server, world.users["local_offer_editor"].email)
    go(page, f"{live_server.url}/local-offer/manage/")
    follow(page, "1 change from providers waiting for approval")
    follow(page, "Rainbow Swimming")
    assert change in page.locator("main").inner_text()
    submit(page, "Approve and publish")
    assert "The change is approved and public" in page.content()


def test_a_provider_changes_an_entry_and_an_editor_approves_it(page, live_server, world):
    """The provider's change is not public until the council's Local Offer editor, seeing what
    would change, approves it."""
    from testsupport.browser import sign_in, sign_out

    provider, entry = _provider_and_entry()

    sign_in(page, live_server, provider.email)
    go(page, f"{live_server.url}/local-offer/manage/")
    follow(page, "Rainbow Swimming")
    page.get_by_label("Notice for families (for example, closed for the holidays)").fill(
        "Closed in August"
    )
    submit(page, "Save the change")
    assert "sent to the Local Offer team to approve" in page.content()
    go(page, f"{live_server.url}/local-offer/services/{entry.id}/")
    assert "Closed in August" not in page.content()
    sign_out(page)

    _editor_approves(page, live_server, world, "Closed in August")
    go(page, f"{live_server.url}/local-offer/services/{entry.id}/")
    assert "Closed in August" in page.content()


def test_a_parent_on_a_small_phone_searches_by_time_of_day_and_says_what_is_wrong(
    page, live_server
):
    """At 320 px: the search, its results and the entry's page fit the screen; "Was this page
    useful?" and "Report a problem with this page" work."""
    from testsupport.factories.directory import a_service

    a_service(name="After-school club", days="WE", opens=datetime.time(15, 30))
    a_service(name="Stay and play", days="MO", opens=datetime.time(9, 30))
    page.set_viewport_size({"width": 320, "height": 800})

    def fits() -> bool:
        return page.evaluate("document.documentElement.scrollWidth") <= 320

    go(page, f"{live_server.url}/local-offer/")
    assert fits()
    page.get_by_label("Time of day").select_option(
        label="Afternoons and after school (starting 12 noon to 5pm)"
    )
    submit(page, "Search")
    assert page.get_by_role("heading", name="1 result").is_visible()
    assert fits()
    follow(page, "After-school club")
    assert fits()
    page.get_by_role("group", name="Tell us if this page helped you").get_by_label("Yes").check()
    submit(page, "Send")
    assert "Thank you for your feedback" in page.locator("main").inner_text()
    follow(page, "Report a problem with this page")
    assert fits()
    page.get_by_label("What is wrong with this page?").fill("The times are wrong")
    submit(page, "Send")
    assert "We have told the people who look after this page" in page.locator("main").inner_text()


def test_a_provider_adds_a_leaflet_and_families_get_it_once_approved(
    page, live_server, world, tmp_path
):
    from testsupport import samples
    from testsupport.browser import sign_in, sign_out

    provider, entry = _provider_and_entry()
    leaflet = tmp_path / "Swim times.pdf"
    leaflet.write_bytes(samples.PDF_BYTES)

    sign_in(page, live_server, provider.email)
    go(page, f"{live_server.url}/local-offer/manage/")
    follow(page, "Rainbow Swimming")
    follow(page, "Add a logo or a leaflet")
    page.get_by_label("A leaflet (PDF, Word document or OpenDocument text)").check()
    page.get_by_label("The logo or leaflet").set_input_files(str(leaflet))
    submit(page, "Upload the file")
    go(page, f"{live_server.url}/local-offer/services/{entry.id}/")
    assert "Download the leaflet" not in page.content()
    sign_out(page)

    _editor_approves(page, live_server, world, "Swim times.pdf")
    sign_out(page)

    go(page, f"{live_server.url}/local-offer/services/{entry.id}/")
    link = page.get_by_role("link", name="Download the leaflet: Swim times.pdf")
    assert link.is_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "Swim times.pdf"
