import pytest


@pytest.fixture
def world(world):
    """The shared world, plus a parent with parental responsibility for the caseload child."""
    from testsupport.factories.people import family_member_of

    family_member_of(world.caseload_child, email="mum@family.opensend.test")
    return world
