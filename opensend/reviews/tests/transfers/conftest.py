import pytest


@pytest.fixture
def world(world):
    """The shared world, plus a parent with parental responsibility for the caseload child."""
    from opensend.people.tests.factories import FamilyRelationshipFactory

    FamilyRelationshipFactory(child=world.caseload_child, has_parental_responsibility=True)
    return world
