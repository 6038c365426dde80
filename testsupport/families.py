"""A `world` fixture for tests whose conftest.py imports it: the shared world (conftest.py), plus a
parent with parental responsibility for the caseload child."""

import pytest


@pytest.fixture
def world(world):
    """The shared world, plus a parent with parental responsibility for the caseload child."""
    from testsupport.factories.people import FamilyRelationshipFactory

    FamilyRelationshipFactory(child=world.caseload_child, has_parental_responsibility=True)
    return world
