import pytest
from django.utils import timezone

from opensend import statutory
from opensend.casework.models import AssessmentRequest
from opensend.people.models import FamilyMember
from testsupport.factories.people import FamilyRelationshipFactory
from testsupport.journeys import new_request


@pytest.fixture
def child(world):
    """The caseworker's child, whose parent is the world's parent."""
    member = FamilyMember.objects.get(user=world.users["parent"])
    FamilyRelationshipFactory(
        child=world.caseload_child, family_member=member, has_parental_responsibility=True
    )
    return world.caseload_child


@pytest.fixture
def decided(world, child):
    """We decided whether to assess the child a week ago: the first stage is done."""
    case = new_request(world)
    on = statutory.add_working_days(timezone.localdate(), -5)
    AssessmentRequest.objects.filter(pk=case.pk).update(assess_decision_on=on)
    return on
