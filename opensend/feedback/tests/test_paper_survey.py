"""The survey after a stage on paper: the child's team print it (page or PDF) from where they
record paper answers; nobody else may; only stages that are done."""

import pytest
from django.urls import reverse

from opensend.audit.models import Action, AuditEvent
from opensend.feedback.forms import SurveyForm


def _paper(child, stage="request_decision", pdf=False):
    return reverse(
        "portal:feedback_paper_pdf" if pdf else "portal:feedback_paper", args=[child.pk, stage]
    )


def test_the_caseworker_prints_the_survey_from_the_record_page(world, child, decided):
    caseworker = world.client_for("caseworker")
    record = caseworker.get(reverse("portal:feedback_record", args=[child.pk])).content.decode()
    assert _paper(child) in record
    assert _paper(child, "draft_plan") not in record  # not done yet

    page = caseworker.get(_paper(child))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tell us how it went: our decision about an assessment" in text
    assert child.full_name in text
    for field in SurveyForm().fields.values():  # the same questions as online
        assert str(field.label) in text.replace("&#x27;", "'")
    assert "Very unhappy" in text and "Partly" in text
    assert _paper(child, pdf=True) in text
    assert reverse("portal:feedback_record", args=[child.pk]) in text
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_type="people.child", child_id=child.pk
    ).exists()


def test_the_survey_as_a_pdf(world, child, decided):
    response = world.client_for("caseworker").get(_paper(child, pdf=True))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_a_stage_not_done_or_made_up_is_not_found(world, child, decided):
    caseworker = world.client_for("caseworker")
    assert caseworker.get(_paper(child, "draft_plan")).status_code == 404
    assert caseworker.get(_paper(child, "nonsense")).status_code == 404
    assert (
        caseworker.get(
            reverse("portal:feedback_paper", args=[999999, "request_decision"])
        ).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["senco", "health", "board_member", "admin", "parent"])
def test_nobody_but_the_childs_team_prints_it(world, child, decided, role):
    client = world.client_for(role)
    assert client.get(_paper(child)).status_code == 404
    assert client.get(_paper(child, pdf=True)).status_code == 404


def test_a_caseworker_outside_the_team_gets_404(world, child, decided):
    assert world.client_for_other_team().get(_paper(child)).status_code == 404
