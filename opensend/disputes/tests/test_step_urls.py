"""Step URLs come from the step tables: one declaration per step, addresses unchanged."""

import pytest
from django.urls import resolve, reverse

from opensend.core.steps import step_paths
from opensend.disputes.steps import MEDIATION


def test_every_step_of_a_workflow_gets_its_address_and_name():
    patterns = step_paths(MEDIATION, "mediation/", agreement="agreement-done")
    names = {p.name for p in patterns}
    assert names == {s.url_name.rpartition(":")[2] for s in MEDIATION.steps}
    assert str(patterns[0].pattern).startswith("mediation/<int:mediation_id>/")


def test_the_served_addresses_are_the_ones_people_have_bookmarked():
    assert (
        reverse("disputes:mediation_agreement", args=[7]) == "/disputes/mediation/7/agreement-done/"
    )
    assert reverse("casework:decide_issue", args=[3]) == "/casework/cases/3/decide-plan/"
    assert reverse("reviews:cessation_close", args=[2]) == "/reviews/ceasing/2/keep/"
    assert resolve("/reviews/5/views/new/").url_name == "contribution"


def test_a_slug_for_a_step_that_does_not_exist_is_a_mistake():
    with pytest.raises(ValueError, match="no step called nonsense"):
        step_paths(MEDIATION, "mediation/", nonsense="x")
