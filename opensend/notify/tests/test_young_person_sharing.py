"""Messages about a young person who keeps things from their parents (people.sharing) go to the
young person only; otherwise their parents are told as before."""

import pytest

from opensend.notify.services import family_recipients
from opensend.people import sharing
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
