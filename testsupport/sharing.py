"""A young person whose parent is the world's parent, for the tests of what a young person lets
their parents see (people.sharing)."""

import datetime as dt

from opensend.people.models import FamilyMember, FamilyRelationship
from testsupport.factories.accounts import UserFactory
from testsupport.factories.people import ChildFactory


def parent_of_young_person(world):
    """Make the world's parent a parent (with parental responsibility) of `world.young_person`,
    who is 18 (born 1 June 2008): over compulsory school age."""
    world.young_person.refresh_from_db()  # the world sets the date of birth as text
    FamilyRelationship.objects.create(
        child=world.young_person,
        family_member=FamilyMember.objects.get(user=world.users["parent"]),
        relationship="mother",
        has_parental_responsibility=True,
    )
    return world.young_person


def fifteen_year_old(today: dt.date):
    """A 15-year-old with their own sign-in: not yet over compulsory school age."""
    born = dt.date(today.year - 15, 1, 1)
    return ChildFactory(user=UserFactory(email="fifteen@test.opensend.test"), date_of_birth=born)
