"""Plan pages and API: who sees what, the editor, the family page, the PDF and versions."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.plans import services
from opensend.plans.models import Need, PlanStatus, Representation
from testsupport.factories.accounts import senco_of, sign_in_fully
from testsupport.factories.people import SettingFactory
from testsupport.forms import date_fields
from testsupport.journeys import TODAY, drafting_case, ready_to_issue, write_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_today():
    """Pages read the real clock: hold it at the tests' TODAY (20 November 2026)."""
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def plan_for(world, *, child=None, actor=None, issued=True):
    actor = actor or world.users["caseworker"]
    case = drafting_case(world, child=child, actor=actor)
    plan = write_plan(actor, services.plan_draft_start(actor=actor, case=case))
    if issued:
        # Served recently, so the family's window is open on the real today.
        services.draft_issue(actor=actor, plan=plan, issued_on=TODAY, today=TODAY)
    return plan


def other_senco():
    """A client signed in as the SENCO of another school."""
    return sign_in_fully(Client(), senco_of(SettingFactory()))


def test_case_page_offers_to_start_the_draft_then_links_to_it(world):
    client = world.client_for("caseworker")
    case = drafting_case(world)
    page = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "Start the draft plan" in page
    response = client.post(reverse("plans:plan_start", args=[case.pk]))
    assert response.status_code == 302
    plan = case.plans.get()
    assert response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    page = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "Open the draft plan" in page and "Start the draft plan" not in page


def test_editor_shows_sections_thread_and_warnings(world):
    client = world.client_for("caseworker")
    plan = plan_for(world, issued=False)
    services.need_add(
        actor=world.users["caseworker"],
        plan=plan,
        section="B",
        area="semh",
        description="Anxious in crowds",
    )
    response = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for section in ("Section A", "Section B", "Section E", "Section H1", "Section K"):
        assert section in page
    assert "The golden thread" in page
    assert "govuk-warning-text" in page and "Anxious in crowds" in page
    assert "must be fixed before the plan is issued" in page
    assert "Issue the draft plan" in page
    assert AuditEvent.objects.filter(object_type="plans.ehcplan", action="view").exists()


def test_needs_outcomes_and_provision_through_the_forms(world):
    client = world.client_for("caseworker")
    plan = plan_for(world, issued=False)
    bad = client.post(
        reverse("plans:need_add", args=[plan.pk]),
        {"section": "B", "area": "health", "description": ""},
    )
    assert bad.status_code == 400
    assert "four broad areas" in bad.content.decode()
    url = reverse("plans:need_add", args=[plan.pk])
    added = client.post(url, {"section": "B", "area": "semh", "description": "Anxious in crowds"})
    assert added.status_code == 302
    need = plan.needs.get(description="Anxious in crowds")
    url = reverse("plans:outcome_add", args=[plan.pk])
    added = client.post(url, {"description": "Eats in the hall", "need_ids": [need.pk]})
    assert added.status_code == 302
    outcome = plan.outcomes.get(description="Eats in the hall")
    lunch_club = {
        "section": "F",
        "description": "Lunch club",
        "provided_by": "Teaching assistant",
        "frequency": "Daily",
        "duration": "45 minutes",
        "outcome_ids": [outcome.pk],
    }
    added = client.post(reverse("plans:provision_add", args=[plan.pk]), lunch_club)
    assert added.status_code == 302
    assert plan.provisions.filter(description="Lunch club", outcomes=outcome).exists()
    page = client.get(reverse("plans:need_edit", args=[plan.pk, need.pk]))
    assert page.status_code == 200
    removed = client.post(reverse("plans:row_remove", args=[plan.pk, "need", need.pk]))
    assert removed.status_code == 302 and not Need.objects.filter(pk=need.pk).exists()
    assert client.post(reverse("plans:row_remove", args=[plan.pk, "child", 1])).status_code == 404


def test_issue_pages_refuse_bad_dates_without_change(world):
    client = world.client_for("caseworker")
    plan = plan_for(world, issued=False)
    url = reverse("plans:draft_issue", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, date_fields("issued_on", dt.date(2026, 8, 1)))
    assert response.status_code == 400
    assert "before the decision to issue" in response.content.decode()
    plan.refresh_from_db()
    assert plan.draft_issued_on is None
    ok = client.post(url, date_fields("issued_on", TODAY))
    assert ok.status_code == 302
    final = client.post(
        reverse("plans:final_issue", args=[plan.pk]),
        {
            "named_setting": world.setting.pk,
            **date_fields("issued_on", dt.date(2026, 11, 19)),
        },
    )
    assert final.status_code == 400
    assert "before the draft" in final.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_staff_pages_for_comments_and_consultations(world):
    client = world.client_for("caseworker")
    plan = plan_for(world)
    url = reverse("plans:representations", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            **date_fields("made_on", TODAY),
            "made_by": "Dad",
            "comments": "Add swimming",
            "preferred_setting": world.setting.pk,
        },
    )
    assert response.status_code == 302
    assert "Add swimming" in client.get(url).content.decode()
    consult = reverse("plans:consultations", args=[plan.pk])
    assert (
        client.post(
            consult,
            {"setting": world.setting.pk, **date_fields("sent_on", TODAY)},
        ).status_code
        == 302
    )
    page = client.get(consult).content.decode()
    assert "4 December 2026" in page  # 15 days counting 20 November as day 1
    consultation = plan.consultations.get()
    reply = client.post(
        reverse("plans:consultation_response", args=[plan.pk, consultation.pk]),
        {
            **date_fields("responded_on", TODAY),
            "can_meet_needs": "yes",
        },
    )
    assert reply.status_code == 302
    consultation.refresh_from_db()
    assert consultation.can_meet_needs == "yes"


def test_senco_reads_their_pupils_plan_but_cannot_change_it(world):
    plan = plan_for(world)
    senco = world.client_for("senco")
    response = senco.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Finds it hard to follow spoken instructions" in page
    assert "Issue the final plan" not in page and "Add a need" not in page
    assert senco.get(reverse("plans:need_add", args=[plan.pk])).status_code == 403
    assert senco.post(reverse("plans:final_issue", args=[plan.pk])).status_code == 403
    assert senco.get(reverse("plans:pdf", args=[plan.pk])).status_code == 200
    stranger = other_senco()
    assert stranger.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 404
    assert stranger.get(reverse("plans:pdf", args=[plan.pk])).status_code == 404


def test_schools_see_a_draft_only_once_it_is_served(world):
    plan = plan_for(world, issued=False)
    assert (
        world.client_for("senco").get(reverse("plans:plan_detail", args=[plan.pk])).status_code
        == 404
    )


def test_board_member_is_refused(world):
    plan = plan_for(world)
    client = world.client_for("board_member")
    assert client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 403
    assert client.get(reverse("plans:family", args=[plan.pk])).status_code == 403
    assert client.get("/api/v1/plans/").status_code == 403


def test_parent_reads_and_comments_on_their_own_childs_draft(world):
    admin = world.users["admin"]
    plan = plan_for(world, child=world.parents_child, actor=admin)
    parent = world.client_for("parent")
    assert parent.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 302
    page = parent.get(reverse("plans:family", args=[plan.pk]))
    # Served on 20 November 2026 (day 1), so the window closes on 4 December 2026.
    assert page.status_code == 200
    assert "Friday 4 December 2026" in page.content.decode()
    response = parent.post(
        reverse("plans:family", args=[plan.pk]),
        {"comments": "Please add swimming", "preferred_setting": world.other_setting.pk},
    )
    assert response.status_code == 302
    saved = Representation.objects.get(plan=plan)
    assert saved.recorded_by == world.users["parent"] and saved.made_on == TODAY
    assert (
        "Please add swimming"
        in parent.get(reverse("plans:family", args=[plan.pk])).content.decode()
    )
    plan.refresh_from_db()
    assert plan.preferred_setting == world.other_setting
    empty = parent.post(reverse("plans:family", args=[plan.pk]), {"comments": ""})
    assert empty.status_code == 400
    assert "Write your comments" in empty.content.decode()
    with time_machine.travel(dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC), tick=False):
        parent.force_login(world.users["parent"])  # the session from 20 November has expired
        closed = parent.get(reverse("plans:family", args=[plan.pk])).content.decode()
        assert "The time to comment on the draft ended" in closed
        assert "Send your comments" not in closed
        late = parent.post(reverse("plans:family", args=[plan.pk]), {"comments": "x"})
        assert late.status_code == 404
    other = plan_for(world)
    assert parent.get(reverse("plans:family", args=[other.pk])).status_code == 404
    assert (
        parent.post(reverse("plans:family", args=[other.pk]), {"comments": "x"}).status_code == 404
    )
    assert parent.get(reverse("plans:need_add", args=[plan.pk])).status_code == 403


def test_pdf_download_is_a_pdf_and_audited_as_an_export(world):
    plan = plan_for(world)
    client = world.client_for("caseworker")
    response = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    large = client.get(reverse("plans:pdf", args=[plan.pk]) + "?large_print=1")
    assert large.content.startswith(b"%PDF")
    assert (
        AuditEvent.objects.filter(
            action="export", object_type="plans.ehcplan", object_id=str(plan.pk)
        ).count()
        == 2
    )


def test_versions_and_compare_pages(world):
    cw = world.users["caseworker"]
    plan = plan_for(world)
    services.representation_record(
        actor=cw,
        plan=plan,
        made_on=TODAY,
        made_by="Dad",
        comments="OK",
        nothing_more_to_say=True,
        today=TODAY,
    )
    ready_to_issue(cw, plan, world.setting, on=TODAY)
    services.final_issue(
        actor=cw, plan=plan, issued_on=TODAY, named_setting=world.setting, today=TODAY
    )
    client = world.client_for("caseworker")
    page = client.get(reverse("plans:versions", args=[plan.pk]))
    assert page.status_code == 200 and "Version 1" in page.content.decode()
    assert "The draft" in page.content.decode()
    draft = client.get(reverse("plans:version_compare", args=[plan.pk]) + "?from=0&to=1")
    assert draft.status_code == 200 and "The draft (" in draft.content.decode()
    compare = client.get(reverse("plans:version_compare", args=[plan.pk]) + "?from=1&to=current")
    assert compare.status_code == 200
    assert "No change" in compare.content.decode()
    missing = client.get(reverse("plans:version_compare", args=[plan.pk]) + "?from=7")
    assert missing.status_code == 404
    assert (
        client.get(reverse("plans:version_compare", args=[plan.pk]) + "?from=x").status_code == 404
    )


def test_api_lists_and_shows_plans_with_the_same_rules(world):
    plan = plan_for(world)
    services.need_add(
        actor=world.users["caseworker"], plan=plan, section="B", area="semh", description="Loud"
    )
    client = world.client_for("caseworker")
    listing = client.get("/api/v1/plans/").json()
    assert [p["id"] for p in listing["results"]] == [plan.pk]
    detail = client.get(f"/api/v1/plans/{plan.pk}/").json()
    assert len(detail["needs"]) == 4 and len(detail["outcomes"]) == 3
    assert len(detail["provision"]) == 3
    assert {"code": "need_without_outcome", "blocks": True} in [
        {"code": w["code"], "blocks": w["blocks"]} for w in detail["warnings"]
    ]
    senco = world.client_for("senco")
    assert senco.get(f"/api/v1/plans/{plan.pk}/").status_code == 200
    stranger = other_senco()
    missing = stranger.get(f"/api/v1/plans/{plan.pk}/")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert stranger.get("/api/v1/plans/").json()["count"] == 0
    assert world.client_for("parent").get("/api/v1/plans/").json()["count"] == 0


def test_removing_a_row_asks_first_and_changes_nothing_until_confirmed(world):
    client = world.client_for("caseworker")
    plan = plan_for(world, issued=False)
    need = services.need_add(
        actor=world.users["caseworker"], plan=plan, section="B", area="semh", description="Shy"
    )
    url = reverse("plans:row_remove", args=[plan.pk, "need", need.pk])
    page = client.get(url).content.decode()
    assert "Are you sure you want to remove this need?" in page
    assert need.description in page
    assert Need.objects.filter(pk=need.pk).exists()
    assert url in client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
