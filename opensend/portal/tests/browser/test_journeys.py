"""End-to-end journeys in Chromium. Every page visited is checked with axe-core (WCAG 2.2 AA) and
fails the test on any console error or Content Security Policy violation (see conftest.py)."""

import datetime

import pytest

from opensend.people.identifiers import make_upn

from .conftest import go, sign_in, sign_out, submit

pytestmark = pytest.mark.browser


def _fill_date(page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def _error_summary(page) -> list[str]:
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    return [text.strip() for text in summary.locator("li").all_inner_texts()]


def test_every_role_signs_in_and_out(page, live_server, world):
    for role, user in world.users.items():
        sign_in(page, live_server, user.email)
        assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome"), role
        sign_out(page)
        assert page.get_by_role("heading", name="Sign in to OpenSEND").is_visible(), role
        assert page.get_by_role("button", name="Sign out").count() == 0, role


def test_wrong_password_shows_an_error(page, live_server, world):
    sign_in(page, live_server, world.users["caseworker"].email, "not-the-password")
    assert page.title().startswith("Error:")
    assert _error_summary(page) == ["Enter a correct email address and password"]


def test_caseworker_finds_adds_edits_a_child_and_manager_closes_it_then_admin_audits(
    page, live_server, world
):
    from opensend.people.models import Child

    base = live_server.url
    known = world.caseload_child
    sign_in(page, live_server, world.users["caseworker"].email)

    # Find a child by name and open the record.
    go(page, f"{base}/people/children/")
    page.get_by_label("Name", exact=True).fill(known.family_name)
    submit(page, "Search")
    page.get_by_role("link", name=f"{known.family_name}, {known.given_name}").click()
    page.wait_for_url(f"**/people/children/{known.pk}/")
    from .conftest import check_page

    check_page(page)
    assert page.get_by_role("heading", level=1).inner_text() == known.full_name
    assert page.get_by_text(known.upn).is_visible()

    # Add a child: every mistake at once, then put them right.
    go(page, f"{base}/people/children/new/")
    count_before = Child.objects.count()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Browser")
    page.get_by_label("Unique pupil number (UPN) (optional)").fill("B123456789012")
    next_year = datetime.date.today().year + 1
    _fill_date(page, "Date of birth", "1", "1", str(next_year))
    submit(page, "Create record", status=400)
    assert page.title().startswith("Error:")
    errors = _error_summary(page)
    assert "The UPN's check letter is not right. Check the UPN and try again" in errors
    assert "Date of birth must be today or in the past" in errors
    assert page.locator("#div_id_upn .govuk-error-message").is_visible()
    assert page.locator("#div_id_date_of_birth .govuk-error-message").is_visible()
    assert page.locator("#id_upn.govuk-input--error").count() == 1
    assert Child.objects.count() == count_before

    thirty_years_ago = datetime.date.today().year - 30
    _fill_date(page, "Date of birth", "1", "1", str(thirty_years_ago))
    submit(page, "Create record", status=400)
    errors = _error_summary(page)
    assert len(errors) == 2, errors
    assert any("date of birth" in e.lower() for e in errors), errors
    assert Child.objects.count() == count_before

    upn = make_upn("999", "2001", 15, 42)
    page.get_by_label("Unique pupil number (UPN) (optional)").fill(upn)
    _fill_date(page, "Date of birth", "27", "3", "2015")
    submit(page, "Create record")
    assert page.get_by_text("Record created for Ada Browser").is_visible()
    created = Child.objects.get(upn=upn)
    assert page.url.endswith(f"/people/children/{created.pk}/")
    assert page.get_by_text("27 March 2015").is_visible()

    # Edit it.
    page.get_by_role("link", name="Change details").click()
    page.wait_for_url(f"**/people/children/{created.pk}/edit/")
    check_page(page)
    page.get_by_label("Preferred name (optional)").fill("Addie")
    submit(page, "Save changes")
    assert page.get_by_text("Changes saved").is_visible()
    assert page.get_by_text("(known as Addie)").is_visible()

    # Add a family member.
    go(page, f"{base}/people/children/{created.pk}/family/new/")
    page.get_by_label("Relationship to the child").select_option(label="Mother")
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Browser")
    submit(page, "Add family member")
    assert page.get_by_text("Family member added").is_visible()
    assert page.get_by_role("heading", name="Grace Browser – Mother").is_visible()
    sign_out(page)

    # The team manager closes the record with a reason.
    sign_in(page, live_server, world.users["team_manager"].email)
    go(page, f"{base}/people/children/{created.pk}/close/")
    submit(page, "Close record", status=400)
    assert _error_summary(page) == ["Enter the reason for closing the record"]
    page.get_by_label("Why are you closing this record?").fill("Moved out of the area")
    submit(page, "Close record")
    assert page.get_by_text("Record closed", exact=True).is_visible()
    warning = page.locator(".govuk-warning-text")
    assert "This record was closed on" in warning.inner_text()
    assert "Moved out of the area" in warning.inner_text()
    assert page.get_by_role("link", name="Change details").count() == 0
    sign_out(page)

    # The admin sees all of that in the audit trail for this child.
    sign_in(page, live_server, world.users["admin"].email)
    go(page, f"{base}/audit/")
    page.get_by_label("Child record number").fill(str(created.pk))
    submit(page, "Search")
    table = page.locator("table.govuk-table tbody").inner_text()
    assert "caseworker@test.opensend.test" in table
    assert "team_manager@test.opensend.test" in table
    assert "Child record created" in table
    assert "Moved out of the area" in table
    assert page.get_by_role("group").count() >= 0
    for event in created.audit_events.all() if hasattr(created, "audit_events") else []:
        assert event.child_id == created.pk
