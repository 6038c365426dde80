"""End-to-end journeys in Chromium against a live server.

`go`, `submit` and `follow` (conftest.py) check every page a test reaches with axe-core (WCAG 2.2 AA),
and the `page` fixture fails a test on any console error, JavaScript error or CSP violation.
"""

import datetime

import pytest

from opensend.people.identifiers import make_upn
from testsupport.browser import error_summary as _error_summary
from testsupport.browser import fill_date_by_legend as _fill_date
from testsupport.browser import follow, go, sign_in, sign_out, submit

pytestmark = pytest.mark.browser


def _field_error(page, field_id: str) -> str:
    return page.locator(f"#div_{field_id} .govuk-error-message").inner_text()


def test_every_role_signs_in_and_out(page, live_server, world):
    for role, user in world.users.items():
        sign_in(page, live_server, user.email)
        # A caseworker's home is their caseload; everyone else is welcomed on theirs.
        home = "Your caseload" if role == "caseworker" else "Welcome"
        assert page.get_by_role("heading", level=1).inner_text().startswith(home), role
        sign_out(page)
        assert page.get_by_role("heading", name="Sign in to OpenSEND").is_visible(), role
        assert page.get_by_role("button", name="Sign out").count() == 0, role


def test_child_record_from_search_to_closure_and_audit(page, live_server, world):
    """Caseworker finds, adds, edits a child and adds a parent; the manager closes the record;
    the admin finds all of it in the audit trail."""
    from opensend.people.models import Child

    base = live_server.url
    known = world.caseload_child
    known.family_name = "Quillfeather"  # a name no other made-up child is close to
    known.save()
    sign_in(page, live_server, world.users["caseworker"].email)

    # Search by name and open the record.
    go(page, f"{base}/people/children/")
    page.get_by_label("Name, date of birth, UPN or NHS number").fill(known.family_name)
    submit(page, "Search")
    rows = page.locator("table.govuk-table tbody tr")
    assert rows.count() == 1
    follow_name = f"{known.family_name}, {known.preferred_name or known.given_name}"

    follow(page, follow_name)
    assert page.url.endswith(f"/people/children/{known.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == known.full_name
    assert page.get_by_text(known.upn).is_visible()
    assert page.get_by_text(world.setting.name).is_visible()

    # Add a child with mistakes: nothing is saved and each field says what to fix.
    before = Child.objects.count()
    go(page, f"{base}/people/children/new/")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Browser")
    upn_field = page.get_by_label("Unique pupil number (UPN) (optional)")
    upn_field.fill("B123456789012")  # the right check letter for these digits is A
    _fill_date(page, "Date of birth", "1", "1", str(datetime.date.today().year + 1))
    submit(page, "Create record", status=400)
    errors = _error_summary(page)
    upn_message = "The UPN's check letter is not right. Check the UPN and try again"
    assert set(errors) == {"Date of birth must be today or in the past", upn_message}
    assert upn_message in _field_error(page, "id_upn")
    assert "today or in the past" in _field_error(page, "id_date_of_birth")
    assert page.locator("#id_upn.govuk-input--error").count() == 1
    assert Child.objects.count() == before

    _fill_date(page, "Date of birth", "1", "1", str(datetime.date.today().year - 30))
    submit(page, "Create record", status=400)
    too_old = "Date of birth must be for someone aged 25 or under: OpenSEND covers ages 0 to 25"
    assert set(_error_summary(page)) == {too_old, upn_message}
    assert too_old in _field_error(page, "id_date_of_birth")
    assert Child.objects.count() == before

    upn = make_upn("999", "2001", 15, 42)
    upn_field.fill(upn)
    _fill_date(page, "Date of birth", "27", "3", "2015")
    page.get_by_label("Caseworker").select_option(label=str(world.users["caseworker"]))
    page.get_by_label("SENAR team").select_option(label=str(world.team))
    submit(page, "Create record")
    created = Child.objects.get(given_name="Ada", family_name="Browser")
    assert Child.objects.count() == before + 1
    assert page.url.endswith(f"/people/children/{created.pk}/")
    assert page.get_by_text("Record created for Ada Browser").is_visible()
    assert page.get_by_text("27 March 2015").is_visible()
    assert page.get_by_text(upn).is_visible()

    # Edit it.
    follow(page, "Change details")
    page.get_by_label("Preferred name (optional)").fill("Addie")
    submit(page, "Save changes")
    assert page.get_by_text("Changes saved").is_visible()
    assert page.get_by_text("(known as Addie)").is_visible()

    # Add a family member.
    follow(page, "Add a family member")
    page.get_by_label("Relationship to the child").select_option(label="Mother")
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Browser")
    submit(page, "Add family member")
    assert page.get_by_text("Family member added").is_visible()
    assert page.get_by_role("heading", name="Grace Browser – Mother").is_visible()
    sign_out(page)

    # The team manager closes the record, giving a reason.
    sign_in(page, live_server, world.users["team_manager"].email)
    go(page, f"{base}/people/children/{created.pk}/")
    follow(page, "Close record")
    submit(page, "Close record", status=400)
    assert _error_summary(page) == ["Enter the reason for closing the record"]
    page.get_by_label("Why are you closing this record?").fill("Moved out of the area")
    submit(page, "Close record")
    assert page.get_by_text("Record closed", exact=True).is_visible()
    warning = page.locator(".govuk-warning-text").inner_text()
    assert "This record was closed on" in warning and "Moved out of the area" in warning
    assert page.get_by_role("link", name="Change details").count() == 0
    assert page.get_by_role("link", name="Close record").count() == 0
    sign_out(page)

    # The admin finds every read and change of this record in the audit trail.
    sign_in(page, live_server, world.users["admin"].email)
    go(page, f"{base}/audit/")
    page.get_by_label("Child record number").fill(str(created.pk))
    submit(page, "Search")
    rows = page.locator("table.govuk-table tbody tr").all_inner_texts()
    assert all(f"child record {created.pk}" in row for row in rows), rows
    # Each entry is a sentence: "<who> changed <child>'s <what>", never a model name.
    name = Child.objects.get(pk=created.pk).full_name  # as it is now ("Addie Browser")

    def seen(who: str, *what: str) -> bool:
        return any(
            f"{who}@test.opensend.test" in row and all(part in row for part in what) for row in rows
        )

    assert seen("caseworker", f"added {name}'s record", "Child record created")
    assert seen("caseworker", f"viewed {name}'s record")
    assert seen("caseworker", f"changed {name}'s")
    assert seen("team_manager", f"viewed {name}'s record")
    assert seen("team_manager", f"closed {name}'s record", "Moved out of the area")
    assert not any("people.child" in row for row in rows)


def test_parent_sees_only_their_own_child(page, live_server, world):
    child = world.parents_child
    sign_in(page, live_server, world.users["parent"].email)
    assert page.get_by_role("heading", name="Your family").is_visible()

    follow(page, child.full_name)
    assert page.url.endswith(f"/people/children/{child.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == child.full_name
    assert page.get_by_role("link", name="Change details").count() == 0

    go(page, f"{live_server.url}/people/children/{world.other_child.pk}/", status=404)
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert world.other_child.family_name not in page.content()


def test_works_without_javascript(page_without_js, live_server, world):
    page = page_without_js
    known = world.caseload_child
    sign_in(page, live_server, world.users["caseworker"].email)
    assert page.get_by_role("heading", level=1).inner_text() == "Your caseload"
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    go(page, f"{live_server.url}/people/children/")
    page.get_by_label("Unique pupil number (UPN)").fill(known.upn)
    submit(page, "Search")
    rows = page.locator("table.govuk-table tbody tr")
    assert rows.count() == 1
    assert known.family_name in rows.inner_text()


def test_wrong_passwords_lock_the_account(page, live_server, world):
    email = world.users["caseworker"].email
    sign_in(page, live_server, email, "not-the-password", status=400)
    assert _error_summary(page) == ["Enter a correct email address and password"]
    for _ in range(3):
        sign_in(page, live_server, email, "not-the-password", status=400)
    sign_in(page, live_server, email, "not-the-password", status=429)
    assert page.get_by_role("heading", name="Your account is locked for an hour").is_visible()

    sign_in(page, live_server, email, status=429)  # the right password, too late
    assert page.title().startswith("Your account is locked")
    assert page.get_by_role("button", name="Sign out").count() == 0


def test_settings_list_filters_by_type(page, live_server, world):
    from opensend.people.codes import SettingKind
    from testsupport.factories.people import SettingFactory

    special = SettingFactory(name="Anytown Special School", kind=SettingKind.SPECIAL_SCHOOL)
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{live_server.url}/people/settings/")
    assert page.get_by_role("link", name=world.setting.name).is_visible()
    page.get_by_label("Type").select_option(label="Special school")
    submit(page, "Apply filters")
    assert page.get_by_role("heading", name="1 setting", exact=True).is_visible()
    assert page.get_by_role("link", name=world.setting.name).count() == 0

    follow(page, special.name)
    assert page.url.endswith(f"/people/settings/{special.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == special.name
    assert page.get_by_text("Special school").first.is_visible()
