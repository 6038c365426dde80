"""The family's details page (portal.your_details): reached from home, a parent changes how we
contact them, anyone in the family asks for a correction that lands in the caseworker's inbox,
and staff deal with it on the record; plus the staff page recording a young person's capacity."""

import re
from html import unescape

import pytest
from django.urls import reverse

from opensend.notify.models import Alert
from opensend.people.models import DetailsCorrection, FamilyMember, ParentSharing
from testsupport.sharing import parent_of_young_person

pytestmark = pytest.mark.django_db
DETAILS = "/you/details/"


def _text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _own_details(**changes):
    data = {
        "email": "parent.new@family.opensend.test",
        "phone": "07700 900123",
        "address": "1 High Street\nAnytown",
        "postcode": "SW1A 1AA",
        "preferred_channel": "sms",
        "language": "English",
        "accessible_format": "easy_read",
    }
    data.update(changes)
    return data


def test_a_parent_reaches_their_details_from_home_and_chooses_how_we_contact_them(world):
    client = world.client_for("parent")
    assert DETAILS in client.get("/").content.decode()
    page = client.get(DETAILS)
    assert page.status_code == 200
    text = _text(page)
    assert "How do you want to hear from us?" in text and "Easy read" in text
    response = client.post(DETAILS, _own_details())
    assert response.status_code == 302
    member = FamilyMember.objects.get(user=world.users["parent"])
    assert (member.preferred_channel, member.accessible_format) == ("sms", "easy_read")


@pytest.mark.parametrize(
    "changes",
    [{"email": "not an email"}, {"preferred_channel": "pigeon"}, {"postcode": "NOWHERE"}],
)
def test_bad_details_are_a_clear_error_and_nothing_is_saved(world, changes):
    response = world.client_for("parent").post(DETAILS, _own_details(**changes))
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert FamilyMember.objects.get(user=world.users["parent"]).preferred_channel == "email"


def test_staff_do_not_have_a_family_details_page(world):
    assert world.client_for("caseworker").get(DETAILS).status_code == 404


def test_a_correction_goes_to_the_caseworker_and_they_deal_with_it(world):
    child = world.parents_child
    child.caseworker = world.users["caseworker"]
    child.senar_team = world.team
    child.save()
    parent = world.client_for("parent")
    ask = reverse("portal:correction_ask", args=[child.pk])
    assert ask in parent.get(DETAILS).content.decode()
    assert ask in parent.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert parent.post(ask, {"what": ""}).status_code == 400
    assert parent.post(ask, {"what": "Her surname is spelt Nowak"}).status_code == 302
    correction = DetailsCorrection.objects.get(child=child)
    alert = Alert.objects.get(user=world.users["caseworker"])
    assert alert.url.endswith("#corrections")

    staff = world.client_for("caseworker")
    record = _text(staff.get(reverse("people:child_detail", args=[child.pk])))
    assert "Corrections the family asked for" in record and "Nowak" in record
    close = reverse("people:correction_close", args=[correction.pk])
    assert staff.post(close, {"reply": ""}).status_code == 400
    assert staff.post(close, {"reply": "Surname corrected"}).status_code == 302
    correction.refresh_from_db()
    assert correction.is_closed and correction.closed_reason == "Surname corrected"
    # A parent cannot close it; another team's caseworker cannot find it.
    assert parent.get(close).status_code == 403
    assert world.client_for_other_team().get(close).status_code == 404


def test_a_family_cannot_ask_about_another_familys_child(world):
    ask = reverse("portal:correction_ask", args=[world.caseload_child.pk])
    parent = world.client_for("parent")
    assert parent.get(ask).status_code == 404
    assert parent.post(ask, {"what": "Tell me about them"}).status_code == 404
    assert not DetailsCorrection.objects.exists()


def test_a_young_person_asks_to_correct_their_own_details(world):
    client = world.client_for("young_person")
    text = _text(client.get(DETAILS))
    assert "Ask us to correct your details" in text
    assert "your child" not in text.lower()
    ask = reverse("portal:correction_ask", args=[world.young_person.pk])
    assert client.post(ask, {"what": "I am known as Jay"}).status_code == 302
    assert DetailsCorrection.objects.filter(child=world.young_person).exists()


def test_staff_record_that_a_young_person_lacks_capacity_to_decide(world):
    child = parent_of_young_person(world)
    page = reverse("people:child_capacity", args=[child.pk])
    admin = world.client_for("admin")
    record = admin.get(reverse("people:child_detail", args=[child.pk]))
    assert page in record.content.decode()
    assert "has not chosen yet" in _text(record)
    assert admin.post(page, {"lacks_capacity": "yes", "notes": ""}).status_code == 400
    response = admin.post(page, {"lacks_capacity": "yes", "notes": "Assessed by the nurse"})
    assert response.status_code == 302
    assert ParentSharing.objects.get(child=child, closed_at__isnull=True).lacks_capacity
    assert "lacks the capacity to decide this" in _text(
        admin.get(reverse("people:child_detail", args=[child.pk]))
    )
    assert world.client_for("parent").get(page).status_code == 403
