import pytest
from django.utils import timezone

from opensend import statutory
from opensend.casework.models import AssessmentRequest
from testsupport.families import parent_of_caseload_child
from testsupport.journeys import new_request


@pytest.fixture
def child(world):
    """The caseworker's child, whose parent is the world's parent."""
    return parent_of_caseload_child(world)


@pytest.fixture
def decided(world, child):
    """We decided whether to assess the child a week ago: the first stage is done."""
    case = new_request(world)
    on = statutory.add_working_days(timezone.localdate(), -5)
    AssessmentRequest.objects.filter(pk=case.pk).update(assess_decision_on=on)
    return on
