"""The review report is structured by the plan's outcomes (progress on each, CoP 9.166), holds
the views gathered, and is a document everyone who may see the review can download."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from opensend.audit.models import Action, AuditEvent
from opensend.reviews import services
from opensend.reviews.models import OutcomeProgress
from testsupport.forms import date_fields
from testsupport.journeys import REPORTED, final_plan, open_review, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    plan = final_plan(world)
    return walk(world.users["caseworker"], open_review(plan), to="held")


def test_the_report_form_asks_about_each_outcome(world, held):
    client = world.client_for("caseworker")
    url = reverse("reviews:report", args=[held.pk])
    outcomes = list(held.plan.outcomes.all())
    page = client.get(url).content.decode()
    for number, outcome in enumerate(outcomes, start=1):
        assert f"Outcome {number}: {outcome.description}" in page
    missing = client.post(
        url, {"recommendation": "maintain", **date_fields("report_sent_on", REPORTED)}
    )
    assert missing.status_code == 400
    assert "Choose the progress towards outcome 1" in missing.content.decode()
    answers = {"recommendation": "maintain", **date_fields("report_sent_on", REPORTED)}
    for outcome in outcomes:
        answers[f"outcome_{outcome.pk}_rating"] = "on_track"
        answers[f"outcome_{outcome.pk}_note"] = "Talking in short sentences now"
    assert client.post(url, answers).status_code == 302
    rows = list(OutcomeProgress.objects.filter(review=held))
    assert [r.outcome_text for r in rows] == [o.description for o in outcomes]
    assert {r.rating for r in rows} == {"on_track"}
    detail = client.get(reverse("reviews:review_detail", args=[held.pk])).content.decode()
    assert "Progress towards the outcomes in the plan" in detail and "On track" in detail


def test_the_service_refuses_an_outcome_from_another_plan(world, held):
    other = final_plan(world, child=world.team_child)
    with pytest.raises(ValidationError):
        services.review_report_submit(
            actor=world.users["caseworker"],
            review=held,
            report_sent_on=REPORTED,
            recommendation="maintain",
            outcome_progress=[(other.outcomes.first(), "achieved", "")],
            today=REPORTED,
        )
    assert not OutcomeProgress.objects.exists()


def test_the_report_is_a_document_with_progress_and_views(world, held):
    outcome = held.plan.outcomes.first()
    services.review_report_submit(
        actor=world.users["caseworker"],
        review=held,
        report_sent_on=REPORTED,
        recommendation="maintain",
        child_views="I like my new group",
        outcome_progress=[(outcome, "achieved", "Met in March")],
        today=REPORTED,
    )
    client = world.client_for("caseworker")
    url = reverse("reviews:review_report_pdf", args=[held.pk])
    assert url in client.get(reverse("reviews:review_detail", args=[held.pk])).content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert held.child.full_name in text and "Achieved" in text and "Met in March" in text
    assert "I like my new group" in text and "Page 1 of" in text
    assert AuditEvent.objects.filter(action=Action.EXPORT, summary="Review report PDF").exists()


def test_no_report_document_before_it_is_sent_or_for_others(world, held):
    url = reverse("reviews:review_report_pdf", args=[held.pk])
    assert world.client_for("caseworker").get(url).status_code == 404
    assert world.client_for_other_team().get(url).status_code == 404
