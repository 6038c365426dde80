"""The step tables: every step has a URL of its own, served by its own table's view."""

import pytest
from django.urls import resolve, reverse

from opensend.reviews.amendments.steps import AMENDMENT_STEPS
from opensend.reviews.ceasing.steps import CESSATION_STEPS
from opensend.reviews.reassessment.steps import REASSESSMENT_STEPS
from opensend.reviews.steps import REVIEW_STEPS
from opensend.reviews.transfers.steps import TRANSFER_STEPS

WORKFLOWS = [REVIEW_STEPS, AMENDMENT_STEPS, TRANSFER_STEPS, CESSATION_STEPS, REASSESSMENT_STEPS]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_every_step_is_served_by_its_table(workflow):
    for step in workflow.steps:
        url = reverse(step.url_name, kwargs={workflow.pk_kwarg: 1})
        assert resolve(url).func.__name__ == f"{workflow.name}_{step.name}", url


def test_the_two_ways_of_closing_an_amendment_keep_their_old_url_name():
    for how, step in [("not-amended", "not_amended"), ("withdraw", "withdraw")]:
        url = reverse("reviews:amendment_close", kwargs={"amendment_id": 1, "how": how})
        assert url == reverse(f"reviews:amendment_{step}", kwargs={"amendment_id": 1})
        assert resolve(url).func.__name__ == f"amendment_{step}"
