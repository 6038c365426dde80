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
