"""Messages about a young person who keeps things from their parents (people.sharing) go to the
young person only; otherwise their parents are told as before."""

import pytest

from opensend.notify.services import family_recipients
from opensend.people import sharing, young_person_contact
from testsupport.sharing import parent_of_young_person

pytestmark = pytest.mark.django_db


def _addresses(child):
    return sorted(r.address for r in family_recipients(child))


def test_a_parent_is_not_sent_messages_about_a_young_person_who_keeps_things_from_them(world):
    child = parent_of_young_person(world)
    parent_email = world.parents_child.relationships.get().family_member.email
    assert _addresses(child) == sorted([parent_email, "young.person@test.opensend.test"])

    sharing.parent_sharing_choose(
        actor=world.users["young_person"],
        child=child,
        parent_sees_progress=True,
        parent_sees_plan=False,
    )
    assert _addresses(child) == ["young.person@test.opensend.test"]

    sharing.parent_sharing_choose(
        actor=world.users["young_person"],
        child=child,
        parent_sees_progress=True,
        parent_sees_plan=True,
    )
    assert parent_email in _addresses(child)


def _recipient_for_young_person(child):
    return next(r for r in family_recipients(child) if r.family_member is None)


def test_a_young_person_is_emailed_until_they_choose_then_as_they_choose(world):
    child = world.young_person
    child.refresh_from_db()
    child.address, child.postcode = "2 Low Road\nAnytown", "AN1 2BB"
    child.save()
    first = _recipient_for_young_person(child)
    assert (first.channel, first.address) == ("email", "young.person@test.opensend.test")

    actor = world.users["young_person"]
    young_person_contact.young_person_contact_set(
        actor=actor, preferred_channel="sms", phone="07700 900456", language="English"
    )
    text = _recipient_for_young_person(child)
    assert (text.channel, text.address) == ("sms", "07700 900456")

    young_person_contact.young_person_contact_set(
        actor=actor, preferred_channel="letter", phone="", accessible_format="large_print"
    )
    letter = _recipient_for_young_person(child)
    assert (letter.channel, letter.address) == ("letter", "2 Low Road\nAnytown\nAN1 2BB")
    assert letter.large_print


def test_a_young_persons_letter_falls_back_to_email_when_the_address_goes(world):
    child = world.young_person
    child.refresh_from_db()
    child.address = "2 Low Road"
    child.save()
    young_person_contact.young_person_contact_set(
        actor=world.users["young_person"], preferred_channel="letter"
    )
    child.address = ""
    child.save()
    assert _recipient_for_young_person(child).channel == "email"
