"""A young person's own "Your details" page (portal.your_details, people.young_person_contact):
they choose how we contact them; bad choices are a clear error; a parent cannot change them;
staff see them on the record; the history is kept and audited."""

import re
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.people import young_person_contact
from opensend.people.models import YoungPersonContact
from testsupport.sharing import parent_of_young_person

pytestmark = pytest.mark.django_db
DETAILS = "/you/details/"


def _text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _choice(**changes):
    data = {
        "preferred_channel": "sms",
        "phone": "07700 900456",
        "language": "Polish",
        "needs_interpreter": "on",
        "accessible_format": "easy_read",
    }
    data.update(changes)
    return data


def test_a_young_person_chooses_how_we_contact_them(world):
    client = world.client_for("young_person")
    text = _text(client.get(DETAILS))
    assert "How do you want to hear from us?" in text
    assert "young.person@test.opensend.test" in text
    assert "Braille" not in text  # large print or easy read only
    assert client.post(DETAILS, _choice()).status_code == 302
    contact = young_person_contact.current_contact(world.young_person)
    assert (contact.preferred_channel, contact.phone, contact.language) == (
        "sms",
        "07700 900456",
        "Polish",
    )
    assert contact.needs_interpreter and contact.accessible_format == "easy_read"
    page = client.get(DETAILS).content.decode()
    assert 'value="07700 900456"' in page  # the page shows what they chose


def test_a_change_keeps_the_history_and_is_audited(world):
    client = world.client_for("young_person")
    client.post(DETAILS, _choice())
    client.post(DETAILS, _choice(preferred_channel="email", phone=""))
    rows = YoungPersonContact.objects.filter(child=world.young_person).order_by("pk")
    assert [(r.preferred_channel, r.is_closed) for r in rows] == [("sms", True), ("email", False)]
    events = AuditEvent.objects.filter(
        child_id=world.young_person.pk, summary="Changed how we contact them"
    )
    assert events.count() == 2


def test_a_text_with_no_phone_number_is_a_clear_error(world):
    response = world.client_for("young_person").post(DETAILS, _choice(phone=""))
    assert response.status_code == 400
    text = _text(response)
    assert "There is a problem" in text
    assert young_person_contact.PHONE_REQUIRED in text
    assert not YoungPersonContact.objects.exists()


@pytest.mark.parametrize(
    "changes", [{"preferred_channel": "pigeon"}, {"preferred_channel": "phone"}, {"language": ""}]
)
def test_bad_choices_are_a_clear_error_and_nothing_is_saved(world, changes):
    response = world.client_for("young_person").post(DETAILS, _choice(**changes))
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not YoungPersonContact.objects.exists()


def test_a_letter_needs_an_address_on_the_record(world):
    world.young_person.address = ""
    world.young_person.save()
    response = world.client_for("young_person").post(DETAILS, _choice(preferred_channel="letter"))
    assert response.status_code == 400
    assert young_person_contact.NO_ADDRESS in _text(response)


def test_a_parent_cannot_change_the_young_persons_choice(world):
    parent_of_young_person(world)
    client = world.client_for("parent")
    # The parent's page is their own details: what they send changes their record only.
    assert "We send emails to" not in _text(client.get(DETAILS))
    client.post(DETAILS, _choice())
    assert not YoungPersonContact.objects.exists()
    with pytest.raises(PermissionDenied):
        young_person_contact.young_person_contact_set(
            actor=world.users["parent"], preferred_channel="letter"
        )
    with pytest.raises(PermissionDenied):
        young_person_contact.young_person_contact_set(
            actor=world.users["caseworker"], preferred_channel="letter"
        )


def test_staff_see_the_choice_on_the_record(world):
    world.young_person.senar_team = world.team
    world.young_person.save()
    url = reverse("people:child_detail", args=[world.young_person.pk])
    staff = world.client_for("caseworker")
    assert "has not chosen yet, so we email them" in _text(staff.get(url))
    world.client_for("young_person").post(DETAILS, _choice())
    text = _text(staff.get(url))
    assert "Text message, easy read" in text
    assert "Polish – needs an interpreter" in text
