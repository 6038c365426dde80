"""Advice reaches the people writing the plan (issue 12, item 1): the caseworker, their team and
everyone who may see the child read it; advisers save drafts and correct what they sent (each
version kept with who, when and why); requests go to the right kind of body, never twice, and
can be withdrawn with a reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opensend.audit.models import Action, AuditEvent
from opensend.casework.models import AdviceRequest, StepKind
from opensend.casework.services import advice as services
from opensend.notify.models import OutboxMessage
from testsupport import samples
from testsupport.forms import date_fields
from testsupport.journeys import TODAY, assessing_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(world):
    return assessing_case(world)


def submit(world, advice, **fields):
    args = {"needs": "Hearing loss in the left ear", "provision": "Radio aid in class"}
    args.update(fields)
    return services.advice_submit(
        actor=world.users["health"],
        advice=advice,
        submitted_on=dt.date(2026, 7, 20),
        today=TODAY,
        **args,
    )


def page(world, role, advice):
    return world.client_for(role).get(reverse("casework:advice_detail", args=[advice.pk]))


def test_the_caseworker_reads_the_advice_from_the_case_page(world, asked):
    case, advice = asked
    submit(world, advice)
    case_page = world.client_for("caseworker").get(reverse("casework:case_detail", args=[case.pk]))
    assert reverse("casework:advice_detail", args=[advice.pk]) in case_page.content.decode()

    response = page(world, "caseworker", advice)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Hearing loss in the left ear" in text and "Radio aid in class" in text
    assert reverse("people:child_detail", args=[case.child_id]) in text
    assert "Your advice" not in text  # a reader gets no form
    assert AuditEvent.objects.filter(
        actor=world.users["caseworker"],
        action=Action.VIEW,
        object_type="casework.advicerequest",
        object_id=str(advice.pk),
    ).exists()


def test_the_team_manager_reads_it_and_another_team_gets_404(world, asked):
    _, advice = asked
    submit(world, advice)
    assert "Radio aid in class" in page(world, "team_manager", advice).content.decode()
    other = world.client_for_other_team()
    assert other.get(reverse("casework:advice_detail", args=[advice.pk])).status_code == 404
    assert page(world, "social_care", advice).status_code == 404  # not involved with the child


def test_a_draft_is_kept_for_the_adviser_and_hidden_from_everyone_else(world, asked):
    _, advice = asked
    client = world.client_for("health")
    response = client.post(
        reverse("casework:advice_detail", args=[advice.pk]),
        {"needs": "Work in progress about hearing", "action": "draft"},
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.received_on is None and advice.has_draft
    again = page(world, "health", advice).content.decode()
    assert "Draft saved" in again and "Work in progress about hearing" in again

    reader = page(world, "caseworker", advice).content.decode()
    assert "Work in progress" not in reader
    assert "has not sent this advice yet" in reader

    client.post(
        reverse("casework:advice_detail", args=[advice.pk]),
        {"needs": "Work in progress about hearing, finished"},
    )
    advice.refresh_from_db()
    assert advice.received_on is not None
    assert list(advice.versions.values_list("number", flat=True)) == [1]


def test_a_draft_document_is_only_for_its_authors(world, asked):
    _, advice = asked
    services.advice_draft_save(
        actor=world.users["health"],
        advice=advice,
        document=samples.upload("draft.pdf", samples.PDF_BYTES),
    )
    url = reverse("casework:advice_document", args=[advice.pk])
    assert world.client_for("health").get(url).status_code == 200
    assert world.client_for("caseworker").get(url).status_code == 404


def test_corrected_advice_is_a_new_version_with_who_when_and_why(world, asked):
    case, advice = asked
    submit(world, advice)
    client = world.client_for("health")
    url = reverse("casework:advice_correct", args=[advice.pk])
    assert "Hearing loss in the left ear" in client.get(url).content.decode()  # pre-filled

    refused = client.post(url, {"needs": "Hearing loss in both ears"})
    assert refused.status_code == 400
    assert "Enter what did you change, and why" in refused.content.decode()
    advice.refresh_from_db()
    assert advice.needs == "Hearing loss in the left ear"  # nothing saved

    done = client.post(
        url,
        {
            "needs": "Hearing loss in both ears",
            "provision": "Radio aid in class",
            "reason": "The audiology results came back",
        },
    )
    assert done.status_code == 302
    advice.refresh_from_db()
    assert advice.needs == "Hearing loss in both ears"
    assert advice.received_on == dt.date(2026, 7, 20)  # the statutory date does not move
    versions = list(advice.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].needs == "Hearing loss in the left ear"
    assert versions[1].submitted_by == world.users["health"]
    assert case.steps.filter(kind=StepKind.ADVICE_CORRECTED).exists()

    reader = page(world, "caseworker", advice).content.decode()
    assert "Hearing loss in both ears" in reader
    assert "Earlier versions" in reader and "Hearing loss in the left ear" in reader
    assert "The audiology results came back" in reader


def test_only_the_organisation_asked_may_correct(world, asked):
    _, advice = asked
    submit(world, advice)
    with pytest.raises(Exception, match="Only the organisation asked"):
        services.advice_correct(
            actor=world.users["educational_psychologist"], advice=advice, reason="x", needs="y"
        )
    url = reverse("casework:advice_correct", args=[advice.pk])
    assert world.client_for("senco").get(url).status_code == 404


def test_an_earlier_versions_document_can_still_be_downloaded(world, asked):
    _, advice = asked
    submit(world, advice, document=samples.upload("first.pdf", samples.PDF_BYTES))
    services.advice_correct(
        actor=world.users["health"],
        advice=advice,
        reason="New report",
        needs="Updated",
        document=samples.upload("second.pdf", samples.PDF_BYTES),
    )
    client = world.client_for("caseworker")
    first = client.get(reverse("casework:advice_version_document", args=[advice.pk, 1]))
    assert first.status_code == 200 and "first.pdf" in first["Content-Disposition"]
    current = client.get(reverse("casework:advice_document", args=[advice.pk]))
    assert "second.pdf" in current["Content-Disposition"]
    missing = client.get(reverse("casework:advice_version_document", args=[advice.pk, 9]))
    assert missing.status_code == 404


def test_no_needs_is_advice_in_itself(world, asked):
    _, advice = asked
    submit(world, advice, needs="", provision="", no_needs=True)
    advice.refresh_from_db()
    assert advice.no_needs and advice.received_on
    assert "found no needs in their area" in page(world, "caseworker", advice).content.decode()


def test_advice_goes_to_the_kind_of_body_the_law_names(world, asked):
    case, _ = asked
    school = world.users["senco"].memberships.get().organisation
    with pytest.raises(ValidationError, match="cannot give health"):
        services.advice_request_send(
            actor=world.users["caseworker"],
            case=case,
            kind="health",
            organisation=school,
            requested_on=dt.date(2026, 7, 3),
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="already been asked"):
        services.advice_request_send(
            actor=world.users["caseworker"],
            case=case,
            kind="health",
            organisation=world.health_org,
            requested_on=dt.date(2026, 7, 3),
            today=TODAY,
        )
    response = world.client_for("caseworker").post(
        reverse("casework:advice_request_create", args=[case.pk]),
        {
            "kind": "health",
            "organisation": school.pk,
            **date_fields("requested_on", dt.date(2026, 7, 3)),
        },
    )
    assert response.status_code == 400
    assert "cannot give health" in response.content.decode()


def test_the_caseworker_withdraws_a_request_with_a_reason(world, asked):
    case, advice = asked
    world.health_org.email = "advice@nhs.test"
    world.health_org.save()
    client = world.client_for("caseworker")
    url = reverse("casework:advice_withdraw", args=[advice.pk])
    assert "Withdraw this request" in page(world, "caseworker", advice).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Health already reported last month"}).status_code == 302
    advice.refresh_from_db()
    assert advice.withdrawn_on and advice.withdrawn_reason == "Health already reported last month"
    assert case.steps.filter(kind=StepKind.ADVICE_WITHDRAWN).exists()
    told = OutboxMessage.objects.filter(template="advice_withdrawn").first()
    assert told is not None
    assert "Health already reported last month" in told.body
    with pytest.raises(ValidationError, match="withdrawn"):
        submit(world, AdviceRequest.objects.get(pk=advice.pk))
    assert (
        "Withdrawn" in client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    )
    # Withdrawn, the same organisation may be asked again.
    services.advice_request_send(
        actor=world.users["caseworker"],
        case=case,
        kind="health",
        organisation=world.health_org,
        requested_on=TODAY,
        today=TODAY,
    )


def test_advisers_cannot_withdraw(world, asked):
    _, advice = asked
    url = reverse("casework:advice_withdraw", args=[advice.pk])
    assert world.client_for("health").post(url, {"reason": "x"}).status_code == 403
