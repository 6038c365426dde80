"""The EHC journey's pages and API, what families are told, the clock sweep, panels, decision
letters and the team view."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from opensend import statutory
from opensend.audit.models import AuditEvent
from opensend.casework.models import Stage
from testsupport.forms import date_fields
from testsupport.journeys import (
    RECEIVED,
    ask_health,
    decide_to_assess,
    decide_whether_to_assess,
    new_request,
)
from testsupport.roles import SENAR_ONLY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "status"), SENAR_ONLY)
def test_case_page_permissions(world, role, status):
    case = new_request(world)
    assert (
        world.client_for(role).get(reverse("casework:case_detail", args=[case.pk])).status_code
        == status
    )


def test_case_page_of_a_child_in_another_team_is_not_found(world):
    case = new_request(world, child=world.other_child, requested_by_setting=world.setting)
    response = world.client_for("caseworker").get(reverse("casework:case_detail", args=[case.pk]))
    assert response.status_code == 404


def test_caseload_and_team_pages(world):
    new_request(world)
    caseload = world.client_for("caseworker").get(reverse("portal:caseload"))
    assert caseload.status_code == 200
    assert world.caseload_child.family_name.split("'")[0] in caseload.content.decode()
    team = world.client_for("team_manager").get(reverse("portal:team"))
    assert team.status_code == 200
    assert str(world.users["caseworker"].get_full_name()).split("'")[0] in team.content.decode()
    assert world.client_for("caseworker").get(reverse("portal:team")).status_code == 403


def test_decision_form_rejects_bad_input_without_change(world):
    case = new_request(world)
    client = world.client_for("caseworker")
    url = reverse("casework:decide_assessment", args=[case.pk])
    response = client.post(
        url,
        {
            "decision": "yes",
            **date_fields("decided_on", dt.date(2020, 1, 1)),
            "reasons": "x",
        },
    )
    assert response.status_code == 400
    assert "before the request was received" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.REQUESTED


def test_api_journey_and_problem_details(world):
    client = world.client_for("caseworker")
    created = client.post(
        "/api/v1/requests/",
        {
            "child": world.caseload_child.pk,
            "received_on": "2026-06-01",
            "source": "parent",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    bad = client.post(
        f"/api/v1/requests/{case_id}/assessment-decision/",
        {"decision": "yes", "decided_on": "2020-01-01", "reasons": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/problem+json"
    ok = client.post(
        f"/api/v1/requests/{case_id}/assessment-decision/",
        {"decision": "yes", "decided_on": "2026-07-01", "reasons": "Needs"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["stage"] == "assessing"
    advice = client.post(
        f"/api/v1/requests/{case_id}/advice-requests/",
        {"kind": "health", "organisation": world.health_org.pk, "requested_on": "2026-07-02"},
        content_type="application/json",
    )
    assert advice.status_code == 201
    timeline = client.get(f"/api/v1/requests/{case_id}/timeline/").json()
    assert {row["rule_id"] for row in timeline} >= {
        "decide_whether_to_assess",
        "provide_advice",
        "issue_final_plan",
    }
    health = world.client_for("health")
    assert [a["id"] for a in health.get("/api/v1/advice-requests/").json()["results"]] == [
        advice.json()["id"]
    ]
    assert world.client_for("social_care").get("/api/v1/advice-requests/").json()["count"] == 0
    submitted = health.post(
        f"/api/v1/advice-requests/{advice.json()['id']}/submit/",
        {"needs": "SALT"},
        content_type="application/json",
    )
    assert submitted.status_code == 200
    assert world.client_for("senco").get(f"/api/v1/requests/{case_id}/").status_code == 403
    other_cw = world.client_for("parent")
    assert other_cw.get(f"/api/v1/requests/{case_id}/timeline/").status_code == 403


def test_family_is_told_what_happened_and_what_happens_next(world):
    from opensend.notify.models import OutboxMessage
    from testsupport.factories.people import family_member_of

    family_member_of(world.caseload_child, email="mum@family.opensend.test")
    case = new_request(world)
    received = OutboxMessage.objects.get(template="request_received")
    assert statutory.long_date(statutory.due("decide_whether_to_assess", RECEIVED)) in received.body
    decide_whether_to_assess(world, case, assess=False, reasons="Needs can be met at SEN support")
    refusal = OutboxMessage.objects.get(template="decided_not_to_assess")
    assert statutory.long_date(statutory.appeal_deadline(dt.date(2026, 7, 1))) in refusal.body
    assert "Needs can be met at SEN support" in refusal.body


def test_family_views_are_told_once_and_shown_to_every_adviser(world):
    case = new_request(world)
    client = world.client_for("caseworker")
    response = client.post(
        reverse("casework:family_views", args=[case.pk]),
        {
            "about_me": "I love trains and drawing",
            "aspirations": "Work with animals",
            "given_by": "Ava, with her dad",
        },
    )
    assert response.status_code == 302
    decide_to_assess(world, case)
    advice = ask_health(world, case)
    page = world.client_for("health").get(reverse("casework:advice_detail", args=[advice.pk]))
    assert "I love trains and drawing" in page.content.decode()
    assert "Please do not ask the family to repeat this" in page.content.decode()
    empty = client.post(
        reverse("casework:family_views", args=[case.pk]), {"about_me": "", "given_by": ""}
    )
    assert empty.status_code == 400


def test_clock_sweep_reminds_then_escalates_once(world):
    from django.core.management import call_command

    from opensend.notify.models import OutboxMessage

    world.health_org.email = "referrals@nhs.opensend.test"
    world.health_org.lead_email = "head.of.service@nhs.opensend.test"
    world.health_org.save()
    case = new_request(world)
    decide_to_assess(world, case)
    advice = ask_health(world, case)
    due = statutory.due("provide_advice", dt.date(2026, 7, 2))
    call_command("clock_sweep", f"--today={statutory.add_days(due, -3)}")
    call_command("clock_sweep", f"--today={statutory.add_days(due, -2)}")
    assert OutboxMessage.objects.filter(template="advice_due_reminder").count() == 1
    call_command("clock_sweep", f"--today={statutory.add_days(due, 1)}")
    call_command("clock_sweep", f"--today={statutory.add_days(due, 2)}")
    late = OutboxMessage.objects.filter(template="advice_overdue_reminder")
    assert sorted(late.values_list("to_address", flat=True)) == [
        "head.of.service@nhs.opensend.test",
        "referrals@nhs.opensend.test",
    ]
    advice.refresh_from_db()
    assert advice.escalated_on == statutory.add_days(due, 1)
    assert case.steps.filter(kind="advice_escalated").exists()


def test_panel_lists_cases_records_attendance_and_decides(world):
    from opensend.casework.models import Panel, PanelCase

    case = new_request(world, received_on=dt.date(2026, 11, 2))
    client = world.client_for("team_manager")
    created = client.post(
        reverse("casework:panel_create"),
        {**date_fields("held_on", dt.date(2026, 11, 10)), "name": "North panel"},
    )
    panel = Panel.objects.get(name="North panel")
    assert created.status_code == 302
    url = reverse("casework:panel_detail", args=[panel.pk])
    client.post(url, {"add_member": "1", "name": "Dr Lee", "organisation": world.health_org.pk})
    client.post(url, {"add_member": "1", "name": "Sam Social Worker"})
    assert client.post(url, {"add_member": "1", "name": ""}).status_code == 400
    client.post(url, {"add_case": "1", "request": case.pk, "question": "assess"})
    listing = PanelCase.objects.get(panel=panel, request=case)
    dr_lee = panel.members.get(name="Dr Lee")
    client.post(url, {"attendance": "1", "attended": [str(dr_lee.pk)]})
    assert list(panel.members.filter(attended=True).values_list("name", flat=True)) == ["Dr Lee"]
    page = client.get(url).content.decode()
    assert "Record decision" in page
    papers_url = reverse("casework:panel_papers", args=[panel.pk])
    assert papers_url in page
    papers = client.get(papers_url).content.decode()
    assert case.child.full_name in papers and "Speech and language needs" in papers
    assert "Small-group SALT programme" in papers and "Advice received" in papers
    assert AuditEvent.objects.filter(
        summary__startswith="Panel papers", child_id=case.child_id
    ).exists()
    outsider = world.client_for_other_team()  # may open the panel, not this child's case
    assert case.child.full_name not in outsider.get(papers_url).content.decode()
    assert world.client_for("senco").get(papers_url).status_code == 403
    decide = reverse("casework:panel_decide", args=[panel.pk, listing.pk])
    response = client.post(
        decide,
        {
            "decision": "yes",
            **date_fields("decided_on", dt.date(2026, 11, 10)),
            "reasons": "Needs beyond SEN support",
        },
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    case.refresh_from_db()
    assert listing.decision == "assess" and case.stage == Stage.ASSESSING
    assert world.client_for("senco").get(url).status_code == 403


def test_refusal_has_a_decision_letter_pdf(world):
    from testsupport.factories.people import BY_LETTER, family_member_of

    family_member_of(world.caseload_child, **BY_LETTER)
    case = new_request(world)
    client = world.client_for("caseworker")
    url = reverse("casework:decision_letter", args=[case.pk])
    assert client.get(url).status_code == 404  # nothing decided yet
    decide_whether_to_assess(world, case, assess=False, reasons="SEN support can meet needs")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(child_id=case.child_id, action="export").exists()


def test_manager_sees_a_caseworkers_cases_and_reassigns(world):
    case = new_request(world)
    manager = world.client_for("team_manager")
    url = reverse("portal:team_member", args=[world.users["caseworker"].pk])
    page = manager.get(url).content.decode()
    assert "Reassign" in page
    response = manager.post(
        reverse("casework:assign", args=[case.pk]), {"caseworker": world.users["team_manager"].pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.caseworker == world.users["team_manager"]
    outsider = world.users["health"].pk
    assert manager.get(reverse("portal:team_member", args=[outsider])).status_code == 404
    assert world.client_for("caseworker").get(url).status_code == 403


def test_a_manager_sees_each_caseworkers_load_before_reassigning(world):
    new_request(world)  # on the caseworker's caseload, received in June: overdue
    client = world.client_for("team_manager")
    case = new_request(world, child=world.team_child)
    page = client.get(reverse("casework:assign", args=[case.pk])).content.decode()
    assert f"{world.users['caseworker']}: 1 open case, 1 overdue" in html.unescape(page)
    same = client.post(
        reverse("casework:assign", args=[case.pk]), {"caseworker": world.users["team_manager"].pk}
    )
    assert same.status_code == 302
    again = client.post(
        reverse("casework:assign", args=[case.pk]), {"caseworker": world.users["team_manager"].pk}
    )
    assert again.status_code == 400
    assert "already has this case" in html.unescape(again.content.decode())
    moved = client.post(
        reverse("casework:assign", args=[case.pk]),
        {"caseworker": world.users["caseworker"].pk},
        follow=True,
    )
    assert f"Assigned to {world.users['caseworker']}" in html.unescape(moved.content.decode())
