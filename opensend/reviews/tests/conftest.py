import pytest


@pytest.fixture
def world(world):
    """The shared world, plus a parent with parental responsibility for the caseload child."""
    from testsupport.factories.people import FamilyMemberFactory, FamilyRelationshipFactory

    member = FamilyMemberFactory(email="mum@family.opensend.test")
    FamilyRelationshipFactory(
        child=world.caseload_child, family_member=member, has_parental_responsibility=True
    )
    return world
