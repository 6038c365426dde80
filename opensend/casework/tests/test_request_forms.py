"""Each requester gets the form that fits them: families a short form in their own words (the
request arrives the day they send it, from them), SENCOs their own setting with its evidence,
staff the full form. Nobody opens a second request while one is open."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend import statutory
from opensend.audit.models import Action, AuditEvent
from opensend.casework.models import AssessmentRequest, RequestDocument
from opensend.casework.services import requests as request_services
from testsupport import samples
from testsupport.downloads import assert_who_may_download
from testsupport.forms import date_fields
from testsupport.roles import ROLES

pytestmark = pytest.mark.django_db


def _url(child):
    return reverse("casework:request_create", args=[child.pk])


def _family_answers(**extra):
    return {
        "needs_summary": "He cannot read yet and is very anxious at school.",
        "agree": "on",
        **extra,
    }


def _setting_answers(world, **extra):
    return {
        "requested_by_setting": world.setting.pk,
        "needs_summary": "Significant speech and language needs",
        "support_tried": "Two terms of small-group language work",
        "outcomes_so_far": "Little progress",
        "family_agrees": "on",
        **extra,
    }


def test_a_parent_sees_the_short_family_form_and_no_staff_fields(world):
    child = world.parents_child
    page = world.client_for("parent").get(_url(child)).content.decode()
    assert f"What worries you about {child.given_name}" in page
    assert f"Who knows {child.given_name} well?" in page
    assert "Date the request was received" not in page
    assert "Who made the request?" not in page
    due = statutory.due("decide_whether_to_assess", timezone.localdate())
    assert due.strftime("%-d %B %Y") in page


def test_a_parents_request_is_received_today_from_them(world):
    child = world.parents_child
    client = world.client_for("parent")
    response = client.post(
        _url(child), _family_answers(people_who_know="Mrs Patel, class teacher"), follow=True
    )
    case = AssessmentRequest.objects.get(child=child)
    today = timezone.localdate()
    assert (case.source, case.received_on, case.requested_by) == (
        "parent",
        today,
        world.users["parent"],
    )
    assert case.requester_name == world.users["parent"].get_full_name()
    assert case.agreed_on == today
    assert case.people_who_know == "Mrs Patel, class teacher"
    assert response.redirect_chain[-1][0] == reverse("people:child_detail", args=[child.pk])
    due = statutory.long_date(statutory.due("decide_whether_to_assess", today))
    assert f"We will tell you by {due}" in response.content.decode()


def test_a_family_request_needs_what_worries_them_and_their_agreement(world):
    response = world.client_for("parent").post(_url(world.parents_child), {"needs_summary": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tell us what worries you" in page
    assert "Tick the box to agree" in page
    assert not AssessmentRequest.objects.exists()


def test_posted_staff_fields_cannot_back_date_a_family_request(world):
    answers = _family_answers(**date_fields("received_on", dt.date(2026, 1, 5)), source="setting")
    world.client_for("parent").post(_url(world.parents_child), answers)
    case = AssessmentRequest.objects.get()
    assert (case.received_on, case.source) == (timezone.localdate(), "parent")


def test_the_service_refuses_a_family_request_dated_earlier_or_from_someone_else(world):
    def make(**fields):
        request_services.request_create(
            actor=world.users["parent"], child=world.parents_child, **fields
        )

    with pytest.raises(Exception, match=request_services.ASKED_TODAY):
        make(received_on=dt.date(2026, 1, 5), source="parent")
    with pytest.raises(Exception, match=request_services.NOT_THE_REQUESTER):
        make(received_on=timezone.localdate(), source="setting", requested_by_setting=world.setting)
    assert not AssessmentRequest.objects.exists()


def test_a_young_person_is_asked_about_themselves(world):
    client = world.client_for("young_person")
    page = client.get(_url(world.young_person)).content.decode()
    assert "What are you finding hard" in page
    assert "your child" not in page
    client.post(_url(world.young_person), _family_answers())
    assert AssessmentRequest.objects.get(child=world.young_person).source == "young_person"


def test_a_family_cannot_ask_for_someone_elses_child(world):
    assert world.client_for("parent").get(_url(world.caseload_child)).status_code == 404


def test_no_second_request_while_one_is_open(world):
    client = world.client_for("parent")
    client.post(_url(world.parents_child), _family_answers())
    page = client.get(_url(world.parents_child)).content.decode()
    assert "There is already a request for an assessment" in page
    assert "Send my request" not in page
    client.post(_url(world.parents_child), _family_answers())
    assert AssessmentRequest.objects.filter(child=world.parents_child).count() == 1


def test_a_senco_asks_for_their_own_setting_with_evidence(world):
    client = world.client_for("senco")
    url = _url(world.caseload_child)
    page = client.get(url).content.decode()
    assert world.setting.name in page
    assert world.other_setting.name not in page
    assert "Date the request was received" not in page
    answers = _setting_answers(
        world, evidence=[samples.upload("support-plan.pdf", samples.PDF_BYTES)]
    )
    response = client.post(url, answers)
    assert response.status_code == 302
    case = AssessmentRequest.objects.get(child=world.caseload_child)
    assert (case.source, case.requested_by_setting, case.requested_by) == (
        "setting",
        world.setting,
        world.users["senco"],
    )
    assert case.agreed_on == timezone.localdate()
    assert [d.document_name for d in case.documents.all()] == ["support-plan.pdf"]
    assert client.get(_url(world.other_child)).status_code == 404


def test_a_senco_cannot_ask_for_another_setting(world):
    response = world.client_for("senco").post(
        _url(world.caseload_child),
        _setting_answers(world, requested_by_setting=world.other_setting.pk),
    )
    assert response.status_code == 400
    assert not AssessmentRequest.objects.exists()
    with pytest.raises(Exception, match=request_services.NOT_YOUR_SETTING):
        request_services.request_create(
            actor=world.users["senco"],
            child=world.caseload_child,
            received_on=timezone.localdate(),
            source="setting",
            requested_by_setting=world.other_setting,
            needs_summary="x",
            support_tried="y",
        )


def test_a_setting_request_needs_its_evidence_and_the_familys_agreement(world):
    response = world.client_for("senco").post(
        _url(world.caseload_child), {"requested_by_setting": world.setting.pk}
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    for message in (
        "Describe the child's needs",
        "Describe the SEN support already tried",
        "Confirm that the family knows about this request",
    ):
        assert message in page


def test_an_unsafe_evidence_file_is_refused_and_nothing_is_kept(world):
    before = samples.stored_files("requests")
    answers = _setting_answers(world, evidence=[samples.upload("plan.exe", samples.EXE_BYTES)])
    response = world.client_for("senco").post(_url(world.caseload_child), answers)
    assert response.status_code == 400
    assert "must be a PDF" in response.content.decode()
    assert needs_kept(response)
    assert not AssessmentRequest.objects.exists()
    assert samples.stored_files("requests") == before


def needs_kept(response):
    """What the person typed is still in the form after the refusal."""
    return "Significant speech and language needs" in response.content.decode()


def test_staff_still_record_any_request_with_the_date_it_arrived(world):
    page = world.client_for("caseworker").get(_url(world.caseload_child)).content.decode()
    assert "Date the request was received" in page
    assert "Who made the request?" in page


@pytest.mark.parametrize("role", ROLES)
def test_request_evidence_is_for_those_who_may_see_the_child(world, role):
    world.client_for("senco").post(
        _url(world.caseload_child),
        _setting_answers(world, evidence=[samples.upload("support-plan.pdf", samples.PDF_BYTES)]),
    )
    document = RequestDocument.objects.get()
    assert_who_may_download(
        world,
        role,
        reverse("casework:request_document", args=[document.pk]),
        record=document.request,
        object_type="casework.assessmentrequest",
        content=samples.PDF_BYTES,
    )


def test_the_case_page_lists_the_evidence_and_who_asked(world):
    world.client_for("senco").post(
        _url(world.caseload_child),
        _setting_answers(world, evidence=[samples.upload("support-plan.pdf", samples.PDF_BYTES)]),
    )
    case = AssessmentRequest.objects.get()
    page = (
        world.client_for("caseworker")
        .get(reverse("casework:case_detail", args=[case.pk]))
        .content.decode()
    )
    assert reverse("casework:request_document", args=[case.documents.get().pk]) in page
    assert "Confirmed the family knows and agrees" in page
    assert AuditEvent.objects.filter(
        action=Action.CREATE, summary__startswith="Evidence sent"
    ).exists()
