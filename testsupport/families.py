"""A `world` fixture for tests whose conftest.py imports it: the shared world (conftest.py), plus a
parent with parental responsibility for the caseload child."""

import pytest


@pytest.fixture
def world(world):
    """The shared world, plus a parent with parental responsibility for the caseload child."""
    from testsupport.factories.people import FamilyRelationshipFactory

    FamilyRelationshipFactory(child=world.caseload_child, has_parental_responsibility=True)
    return world


@pytest.fixture
def cw(world):
    """The caseworker of the shared world."""
    return world.users["caseworker"]


@pytest.fixture
def plan(world):
    """A final plan for the caseload child naming `world.setting`, made directly
    (testsupport/transfers.py), not through the plans services."""
    from testsupport.transfers import final_plan

    return final_plan(world.caseload_child, named_setting=world.setting)


def parent_of_caseload_child(world):
    """Make the world's parent (who can sign in) a parent with parental responsibility for the
    caseworker's child too, and return that child."""
    from opensend.people.models import FamilyMember
    from testsupport.factories.people import FamilyRelationshipFactory

    member = FamilyMember.objects.get(user=world.users["parent"])
    FamilyRelationshipFactory(
        child=world.caseload_child, family_member=member, has_parental_responsibility=True
    )
    return world.caseload_child
