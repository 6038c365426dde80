"""Advice documents: only safe files are kept (checked on the form, nothing stored otherwise),
and the people who may see the child, plus the adviser who sent it, can download them."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import reverse

from opensend.casework import services
from opensend.casework.models import AdviceRequest
from opensend.core import uploads
from testsupport import samples
from testsupport.downloads import assert_download, assert_who_may_download
from testsupport.journeys import decide_to_assess, parent_request
from testsupport.roles import ROLES, SEE_THE_CHILD
from testsupport.samples import stored_files

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def case(world):
    case = parent_request(world)
    decide_to_assess(world, case)
    return case


def ask(world, case, role="health"):
    organisation = world.users[role].memberships.get().organisation
    return services.advice_request_send(
        actor=world.users["caseworker"],
        case=case,
        kind="health" if role == "health" else "ep",
        organisation=organisation,
        requested_on=dt.date(2026, 7, 2),
        today=TODAY,
    )


def post_advice(world, advice, document, role="health", **fields):
    data = {"needs": "Speech and language", "provision": "Weekly therapy", **fields}
    if document is not None:
        data["document"] = document
    return world.client_for(role).post(
        reverse("casework:advice_detail", args=[advice.pk]), data=data
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("advice.pdf", samples.EXE_BYTES, uploads.WRONG_TYPE),
        ("drawing.svg", samples.SVG_WITH_SCRIPT, uploads.WRONG_TYPE),
        ("advice.txt", samples.HTML_BYTES, uploads.WRONG_TYPE),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_bad_file_is_refused_on_the_form_and_nothing_is_stored(
    world, case, name, content, message
):
    advice = ask(world, case)
    before = stored_files()
    response = post_advice(world, advice, samples.upload(name, content))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "govuk-error-summary" in page
    assert 'id="id_document-error"' in page or "govuk-error-message" in page
    # What the adviser typed is still there to submit again.
    assert "Speech and language" in page
    assert "Weekly therapy" in page
    advice.refresh_from_db()
    assert advice.received_on is None
    assert not advice.document
    assert stored_files() == before


@override_settings(OPENSEND_UPLOAD_MAX_BYTES=1024)
def test_a_file_over_the_limit_is_refused(world, case):
    advice = ask(world, case)
    before = stored_files()
    big = samples.PDF_BYTES + b"%" * 2048
    response = post_advice(world, advice, samples.upload("big.pdf", big))
    assert response.status_code == 400
    assert "The file must be smaller than 1 KB" in response.content.decode()
    advice.refresh_from_db()
    assert advice.received_on is None
    assert stored_files() == before


def test_the_virus_scanner_refuses_an_infected_file(world, case):
    advice = ask(world, case)
    before = stored_files()
    with samples.FakeClamd() as clamd:
        with override_settings(OPENSEND_CLAMD_HOST=clamd.host, OPENSEND_CLAMD_PORT=clamd.port):
            response = post_advice(world, advice, samples.upload("notes.txt", samples.EICAR))
    assert response.status_code == 400
    assert "The selected file contains a virus" in response.content.decode()
    assert clamd.received == [samples.EICAR]
    advice.refresh_from_db()
    assert advice.received_on is None
    assert stored_files() == before


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("EP advice.pdf", samples.PDF_BYTES, "application/pdf"),
        (
            "report.docx",
            samples.docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("scan.png", samples.PNG_BYTES, "image/png"),
    ],
)
def test_a_good_file_is_stored_under_a_random_name(world, case, name, content, content_type):
    advice = ask(world, case)
    before = stored_files()
    response = post_advice(world, advice, samples.upload(name, content, "text/html"))
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.received_on is not None
    assert advice.document_name == name
    assert advice.document_type == content_type
    stored = advice.document.name
    assert stored_files() - before == {stored}
    assert name.split(".")[0] not in stored
    with default_storage.open(stored, "rb") as handle:
        assert handle.read() == content


def test_a_bad_file_is_refused_by_the_service_too(world, case):
    """The API or a future form cannot skip the check: the service runs it as well."""
    from django.core.exceptions import ValidationError

    advice = ask(world, case)
    with pytest.raises(ValidationError) as error:
        services.advice_submit(
            actor=world.users["health"],
            advice=advice,
            needs="x",
            document=samples.upload("a.pdf", samples.EXE_BYTES),
            today=TODAY,
        )
    assert error.value.message_dict == {"document": [uploads.WRONG_TYPE]}
    assert not AdviceRequest.objects.get(pk=advice.pk).document


@pytest.fixture
def submitted(world, case):
    """Health advice with a PDF named by the adviser's computer."""
    advice = ask(world, case)
    services.advice_submit(
        actor=world.users["health"],
        advice=advice,
        needs="Speech and language",
        document=samples.upload("Dr Ahmed's advice – Jo.pdf", samples.PDF_BYTES),
        today=TODAY,
    )
    advice.refresh_from_db()
    return advice


def assert_named_pdf(response):
    """Served as a PDF, under the name the adviser's computer gave the `submitted` advice."""
    assert response["Content-Type"] == "application/pdf"
    assert (
        "filename*=UTF-8''Dr%20Ahmed%27s%20advice%20%E2%80%93%20Jo.pdf"
        in (response["Content-Disposition"])
    )


def assert_advice_pdf(response):
    """A download of the `submitted` advice's PDF."""
    assert_download(response, samples.PDF_BYTES)
    assert_named_pdf(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_download_advice(world, submitted, role):
    url = reverse("casework:advice_document", args=[submitted.pk])
    response = assert_who_may_download(
        world,
        role,
        url,
        record=submitted,
        object_type="casework.advicerequest",
        content=samples.PDF_BYTES,
    )
    if role in SEE_THE_CHILD:
        assert_named_pdf(response)


def test_the_adviser_who_sent_it_may_download_without_seeing_the_child(world, case):
    advice = ask(world, case, role="educational_psychologist")
    ep = world.users["educational_psychologist"]
    services.advice_submit(
        actor=ep,
        advice=advice,
        document=samples.upload("Dr Ahmed's advice – Jo.pdf", samples.PDF_BYTES),
        today=TODAY,
    )
    url = reverse("casework:advice_document", args=[advice.pk])
    assert_advice_pdf(world.client_for("educational_psychologist").get(url))
    assert world.client_for("social_care").get(url).status_code == 404


def test_missing_no_document_and_signed_out(world, case, submitted):
    caseworker = world.client_for("caseworker")
    assert caseworker.get(reverse("casework:advice_document", args=[999999])).status_code == 404
    no_document = ask(world, case, role="educational_psychologist")
    response = caseworker.get(reverse("casework:advice_document", args=[no_document.pk]))
    assert response.status_code == 404
    response = Client().get(reverse("casework:advice_document", args=[submitted.pk]))
    assert response.status_code == 302
    assert "/account/sign-in/" in response["Location"]


def test_a_caseworker_in_another_team_gets_404(world, submitted):
    client = world.client_for_other_team()
    assert client.get(reverse("casework:advice_document", args=[submitted.pk])).status_code == 404


def test_the_case_page_and_advice_page_link_the_document(world, submitted):
    url = reverse("casework:advice_document", args=[submitted.pk])
    case_page = world.client_for("caseworker").get(
        reverse("casework:case_detail", args=[submitted.request_id])
    )
    assert url in case_page.content.decode()
    assert "Download Dr Ahmed&#x27;s advice – Jo.pdf" in case_page.content.decode()
    advice_page = world.client_for("health").get(
        reverse("casework:advice_detail", args=[submitted.pk])
    )
    assert url in advice_page.content.decode()


def test_reused_advice_keeps_the_document(world, submitted):
    cw = world.users["caseworker"]
    services.request_withdraw(
        actor=cw, case=submitted.request, on=TODAY, reason="Moved away", today=TODAY
    )
    second = parent_request(world, received_on=dt.date(2026, 10, 1))
    decide_to_assess(world, second, decided_on=TODAY)
    reused = services.advice_reuse(actor=cw, case=second, previous=submitted, today=TODAY)
    assert reused.document.name == submitted.document.name
    assert reused.document_name == submitted.document_name
    assert_advice_pdf(
        world.client_for("caseworker").get(reverse("casework:advice_document", args=[reused.pk]))
    )
