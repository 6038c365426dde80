"""Creating, changing and closing a child's record: validation, atomicity and audit."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from opensend.audit.models import AuditEvent
from opensend.people.identifiers import make_upn
from opensend.people.models import Child
from opensend.people.validators import DOB_IN_FUTURE, DOB_TOO_OLD

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def child_form(**overrides):
    dob = overrides.pop("dob", datetime.date(2016, 4, 3))
    data = {
        "given_name": "Ava",
        "family_name": "Testperson",
        "date_of_birth_0": str(dob.day),
        "date_of_birth_1": str(dob.month),
        "date_of_birth_2": str(dob.year),
        "sex": "F",
        "ethnicity": "WBRI",
        "upn": make_upn("999", "2001", 16, 7),
        "home_language": "English",
        "primary_need": "SLCN",
    }
    data.update(overrides)
    return data


def test_caseworker_creates_a_record_and_it_is_audited(world):
    client = world.client_for("caseworker")
    response = client.post(reverse("people:child_create"), child_form())
    child = Child.objects.get(family_name="Testperson")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:child_detail", args=[child.pk])
    event = AuditEvent.objects.get(child_id=child.pk, action="create", object_type="people.child")
    assert event.actor == world.users["caseworker"]
    assert "people:child_create" in event.source


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"upn": "B123456789012"}, "upn", "check letter is not right"),
        ({"upn": "12345"}, "upn", "must be 13 characters"),
        ({"dob": TODAY + datetime.timedelta(days=1)}, "date_of_birth", DOB_IN_FUTURE),
        ({"dob": datetime.date(TODAY.year - 30, 1, 1)}, "date_of_birth", DOB_TOO_OLD),
        ({"date_of_birth_0": "31", "date_of_birth_1": "2"}, "date_of_birth", "must be a real date"),
        ({"date_of_birth_0": "x"}, "date_of_birth", "must be a real date"),
        ({"date_of_birth_2": "99999999999"}, "date_of_birth", "must be a real date"),
        (
            {"date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""},
            "date_of_birth",
            "Enter date of birth",
        ),
        ({"nhs_number": "1234567890"}, "nhs_number", "NHS number is not right"),
        ({"uln": "12"}, "uln", "must be 10 numbers"),
        ({"given_name": ""}, "given_name", "Enter first name"),
        ({"primary_need": "NOPE"}, "primary_need", "Select a valid choice"),
        ({"locality": "not-a-number"}, "locality", "Select a valid choice"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(world, overrides, field, message):
    client = world.client_for("caseworker")
    response = client.post(reverse("people:child_create"), child_form(**overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    assert f'href="#id_{field}' in body
    assert not Child.objects.filter(family_name="Testperson").exists()
    assert not AuditEvent.objects.filter(action="create", object_type="people.child").exists()


def test_lower_case_upn_is_accepted_and_stored_upper_case(world):
    client = world.client_for("caseworker")
    upn = make_upn("999", "2001", 16, 9)
    client.post(reverse("people:child_create"), child_form(upn=upn.lower()))
    assert Child.objects.get(family_name="Testperson").upn == upn


def test_edit_records_what_changed(world):
    child = world.caseload_child
    client = world.client_for("caseworker")
    data = child_form(given_name="Zara", family_name=child.family_name, upn=child.upn)
    response = client.post(reverse("people:child_edit", args=[child.pk]), data)
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.given_name == "Zara"
    event = AuditEvent.objects.get(child_id=child.pk, action="update")
    assert event.changes["given_name"][1] == "Zara"


def test_a_bad_edit_changes_nothing(world):
    child = world.caseload_child
    before = Child.objects.filter(pk=child.pk).values().get()
    client = world.client_for("caseworker")
    data = child_form(given_name="Zara", dob=TODAY + datetime.timedelta(days=3), upn=child.upn)
    response = client.post(reverse("people:child_edit", args=[child.pk]), data)
    assert response.status_code == 400
    assert Child.objects.filter(pk=child.pk).values().get() == before


def test_caseworker_cannot_edit_a_child_they_cannot_see(world):
    client = world.client_for("caseworker")
    response = client.post(reverse("people:child_edit", args=[world.other_child.pk]), child_form())
    assert response.status_code == 404


def test_closing_needs_a_reason_and_is_never_a_delete(world):
    child = world.team_child
    client = world.client_for("team_manager")
    url = reverse("people:child_close", args=[child.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Moved out of the area"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.is_closed and child.closed_reason == "Moved out of the area"
    assert AuditEvent.objects.filter(child_id=child.pk, action="close").exists()
    # Closed records stay readable, and cannot be closed twice or changed.
    assert client.get(reverse("people:child_detail", args=[child.pk])).status_code == 200
    assert client.post(url, {"reason": "Again"}).status_code == 400
    with pytest.raises(RuntimeError):
        child.delete()


def test_reading_a_record_is_audited_with_the_screen(world):
    client = world.client_for("senco")
    client.get(reverse("people:child_detail", args=[world.caseload_child.pk]))
    event = AuditEvent.objects.get(child_id=world.caseload_child.pk, action="view")
    assert event.actor == world.users["senco"]
    assert event.source.startswith("Screen GET /people/children/")


def test_search_results_are_audited_per_child(world):
    client = world.client_for("caseworker")
    response = client.get(reverse("people:child_list"), {"name": world.caseload_child.family_name})
    assert response.status_code == 200
    assert AuditEvent.objects.filter(child_id=world.caseload_child.pk, action="list").exists()


@pytest.mark.parametrize(
    "query",
    [
        {"upn": "NOTAUPN"},
        {"date_of_birth_0": "40", "date_of_birth_1": "1", "date_of_birth_2": "2015"},
        {"page": "999999"},
        {"page": "abc"},
        {"name": "%' OR 1=1 --"},
        {"name": "x" * 500},
    ],
)
def test_search_never_fails_on_odd_input(world, query):
    response = world.client_for("caseworker").get(reverse("people:child_list"), query)
    assert response.status_code in (200, 400)


def test_search_finds_by_name_dob_and_upn(world):
    client = world.client_for("caseworker")
    child = world.caseload_child
    dob = child.date_of_birth
    for query in (
        {"name": child.family_name.lower()},
        {"upn": child.upn.lower()},
        {"date_of_birth_0": dob.day, "date_of_birth_1": dob.month, "date_of_birth_2": dob.year},
    ):
        response = client.get(reverse("people:child_list"), query)
        assert escape(child.family_name) in response.content.decode(), query


def test_add_family_member(world):
    child = world.caseload_child
    client = world.client_for("caseworker")
    response = client.post(
        reverse("people:family_member_add", args=[child.pk]),
        {
            "relationship": "father",
            "given_name": "Sam",
            "family_name": "Parent",
            "email": "sam@family.opensend.test",
            "preferred_channel": "sms",
            "language": "Urdu",
            "needs_interpreter": "on",
            "has_parental_responsibility": "on",
            "is_main_contact": "on",
        },
    )
    assert response.status_code == 302
    link = child.relationships.get(family_member__given_name="Sam")
    assert link.is_main_contact and link.family_member.needs_interpreter
    page = client.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert "Sam Parent" in page and "Main contact" in page


def test_a_new_record_with_no_caseworker_goes_to_its_creator(world):
    client = world.client_for("caseworker")
    response = client.post(reverse("people:child_create"), child_form())
    child = Child.objects.get(family_name="Testperson")
    assert child.caseworker == world.users["caseworker"]
    assert client.get(response["Location"]).status_code == 200


def test_search_forms_do_not_put_the_csrf_token_in_the_url(world):
    page = world.client_for("caseworker").get(reverse("people:child_list")).content.decode()
    search_form = page.split('role="search"')[1].split("</form>")[0]
    assert "csrfmiddlewaretoken" not in search_form
