"""A family's own details and their requests to correct a child's (people.family_details): a
parent changes only their own contact details and preferences, audited; a correction is a
request to the caseworker and never changes the record; staff close it with what they did."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.audit.models import AuditEvent
from opensend.people import family_details
from opensend.people.models import DetailsCorrection, FamilyMember

pytestmark = pytest.mark.django_db


def test_a_parent_changes_their_own_details_and_preferences(world):
    parent = world.users["parent"]
    member = family_details.family_member_update_own(
        actor=parent,
        preferred_channel="letter",
        accessible_format="large_print",
        language="Polish",
        needs_interpreter=True,
        address="1 High Street\nAnytown",
        postcode="sw1a1aa",
        given_name="Someone Else",  # not theirs to change here: ignored
    )
    member.refresh_from_db()
    assert (member.preferred_channel, member.accessible_format) == ("letter", "large_print")
    assert member.postcode == "SW1A 1AA"
    assert member.given_name != "Someone Else"
    event = AuditEvent.objects.get(object_type="people.familymember", action="update")
    assert "preferred_channel" in event.changes


def test_a_bad_postcode_is_refused_and_nothing_changes(world):
    with pytest.raises(ValidationError) as error:
        family_details.family_member_update_own(actor=world.users["parent"], postcode="NOT ONE")
    assert "postcode" in error.value.message_dict
    assert FamilyMember.objects.get(user=world.users["parent"]).postcode != "NOT ONE"


@pytest.mark.parametrize("role", ["young_person", "caseworker"])
def test_only_a_parent_or_carer_changes_their_own_details(world, role):
    with pytest.raises(PermissionDenied):
        family_details.family_member_update_own(actor=world.users[role], phone="07700900000")


def test_a_correction_is_a_request_and_does_not_change_the_record(world):
    child = world.parents_child
    born = child.date_of_birth
    correction = family_details.details_correction_ask(
        actor=world.users["parent"], child=child, what="The date of birth should be 3 May 2012"
    )
    child.refresh_from_db()
    assert child.date_of_birth == born
    assert list(family_details.corrections_open(child)) == [correction]
    assert AuditEvent.objects.filter(object_type="people.detailscorrection", child_id=child.pk)


def test_a_family_cannot_ask_about_another_familys_child_or_send_nothing(world):
    with pytest.raises(PermissionDenied):
        family_details.details_correction_ask(
            actor=world.users["parent"], child=world.caseload_child, what="Change it"
        )
    with pytest.raises(ValidationError):
        family_details.details_correction_ask(
            actor=world.users["parent"], child=world.parents_child, what="   "
        )
    assert not DetailsCorrection.objects.exists()


def test_staff_close_a_correction_with_what_they_did_once(world):
    correction = family_details.details_correction_ask(
        actor=world.users["parent"], child=world.parents_child, what="Spelling of the surname"
    )
    admin = world.users["admin"]
    with pytest.raises(ValidationError):
        family_details.details_correction_close(actor=admin, correction=correction, reply="")
    family_details.details_correction_close(actor=admin, correction=correction, reply="Fixed")
    assert not family_details.corrections_open(world.parents_child)
    with pytest.raises(ValidationError):
        family_details.details_correction_close(actor=admin, correction=correction, reply="x")
    with pytest.raises(PermissionDenied):
        family_details.details_correction_close(
            actor=world.users["parent"], correction=correction, reply="x"
        )
