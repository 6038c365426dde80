"""One record that shows everything (issue 12, item 2): the child's page says where the child is,
with each open thing's next statutory date and a link; a request for a child with a plan is
questioned and offers a review or re-assessment instead."""

import pytest
from django.urls import reverse

from opensend.casework.models import AssessmentRequest
from opensend.portal.child_record import child_where_now
from testsupport.journeys import assessing_case, final_plan

pytestmark = pytest.mark.django_db


def child_page(world, role, child):
    return world.client_for(role).get(reverse("people:child_detail", args=[child.pk]))


def test_an_open_request_is_at_the_top_with_its_next_date_and_advice(world):
    case, _ = assessing_case(world)
    rows = child_where_now(world.caseload_child, user=world.users["caseworker"])
    assert [r.what for r in rows] == ["EHC needs assessment"]
    assert "advice: 0 received, 1 awaited" in rows[0].status
    case.refresh_from_db()
    assert rows[0].next_date == case.next_due_on and rows[0].next_what
    text = child_page(world, "caseworker", world.caseload_child).content.decode()
    assert "Where" in text and reverse("casework:case_detail", args=[case.pk]) in text


def test_the_plan_in_force_shows_its_version_and_next_review(world):
    plan = final_plan(world)
    rows = {r.what: r for r in child_where_now(plan.child, user=world.users["caseworker"])}
    assert rows["EHC plan"].status.startswith("In force: version 1")
    assert rows["EHC plan"].url == reverse("plans:plan_detail", args=[plan.pk])
    assert rows["EHC plan"].next_date is not None  # the first annual review
    assert "Annual review" in rows
    text = child_page(world, "caseworker", plan.child).content.decode()
    assert "In force: version 1" in text


def test_others_see_the_summary_without_links_to_staff_pages(world):
    assessing_case(world)
    rows = child_where_now(world.caseload_child, user=world.users["senco"])
    assert rows and all(r.url == "" for r in rows if r.what == "EHC needs assessment")
    assert child_page(world, "senco", world.caseload_child).status_code == 200


def test_a_child_with_nothing_open_says_so(world):
    text = child_page(world, "caseworker", world.team_child).content.decode()
    assert "Nothing open" in text


def test_a_request_for_a_child_with_a_plan_is_questioned(world):
    plan = final_plan(world)
    client = world.client_for("caseworker")
    url = reverse("casework:request_create", args=[plan.child_id])
    page = client.get(url).content.decode()
    assert "already has an EHC plan" in page
    assert reverse("reviews:reassessment_start", args=[plan.pk]) in page
    data = {
        "source": "parent",
        "received_on_0": "1",
        "received_on_1": "11",
        "received_on_2": "2026",
    }
    before = AssessmentRequest.objects.count()
    refused = client.post(url, data)
    assert refused.status_code == 400 and "already has an EHC plan" in refused.content.decode()
    assert AssessmentRequest.objects.count() == before
    assert client.post(url, {**data, "has_plan_confirmed": "yes"}).status_code == 302
    assert AssessmentRequest.objects.count() == before + 1


def test_the_plan_page_links_back_to_the_child(world):
    plan = final_plan(world)
    page = world.client_for("caseworker").get(reverse("plans:plan_detail", args=[plan.pk]))
    assert reverse("people:child_detail", args=[plan.child_id]) in page.content.decode()
