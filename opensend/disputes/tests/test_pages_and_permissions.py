"""Every role against the disputes pages and API; a parent's own complaints; the same 404."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.disputes import services
from opensend.disputes.models import Appeal, Complaint
from opensend.notify.models import OutboxMessage
from testsupport.forms import date_fields
from testsupport.roles import FAMILY, ROLES, SENAR, assert_api_access, assert_pages

pytestmark = pytest.mark.django_db
LONG_AGO = dt.date(2026, 6, 1)


@pytest.fixture
def records(world):
    cw = world.users["caseworker"]
    today = timezone.localdate()
    complaint = services.complaint_create(
        actor=cw,
        child=world.caseload_child,
        received_on=LONG_AGO,
        complainant_name="A parent",
        summary="Late advice",
    )
    mediation = services.mediation_create(
        actor=cw,
        child=world.caseload_child,
        decision_notice_on=LONG_AGO,
        about="Refusal to assess",
    )
    appeal = services.appeal_lodge(
        actor=cw,
        child=world.caseload_child,
        appeal_type="refusal_to_assess",
        decision_sent_on=LONG_AGO,
        lodged_on=min(today, dt.date(2026, 7, 1)),
    )
    return complaint, mediation, appeal


@pytest.mark.parametrize("role", ROLES)
def test_pages(world, records, role):
    complaint, mediation, appeal = records
    client = world.client_for(role)
    senar_urls = [
        reverse("disputes:queue"),
        reverse("disputes:mediation_list"),
        reverse("disputes:appeal_list"),
        reverse("disputes:mediation_detail", args=[mediation.pk]),
        reverse("disputes:appeal_detail", args=[appeal.pk]),
        reverse("disputes:complaint_respond", args=[complaint.pk]),
        reverse("disputes:mediation_contact", args=[mediation.pk]),
        reverse("disputes:appeal_outcome", args=[appeal.pk]),
        reverse("disputes:choose_child", args=["appeal"]),
    ]
    assert_pages(client, role, senar_urls, allowed=role in SENAR)
    complaints = client.get(reverse("disputes:complaint_list"))
    assert complaints.status_code == (200 if role in SENAR | FAMILY else 403), role
    detail = client.get(reverse("disputes:complaint_detail", args=[complaint.pk]))
    # a family user may use the page, but this complaint is not theirs: the same 404
    expected = 200 if role in SENAR else 404 if role in FAMILY else 403
    assert detail.status_code == expected, role


@pytest.mark.parametrize("role", ROLES)
def test_api(world, records, role):
    complaint, mediation, appeal = records
    client = world.client_for(role)
    assert_api_access(
        client,
        role,
        [
            "/api/v1/appeals/",
            f"/api/v1/appeals/{appeal.pk}/",
            "/api/v1/mediation-cases/",
            f"/api/v1/mediation-cases/{mediation.pk}/",
        ],
        allowed=role in SENAR,
    )
    listing = client.get("/api/v1/complaints/")
    assert listing.status_code == (200 if role in SENAR | FAMILY else 403), role
    if role in SENAR:
        assert [row["id"] for row in listing.json()["results"]] == [complaint.pk]
    elif role in FAMILY:
        assert listing.json()["results"] == []
        assert client.get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404


def test_appeal_api_detail_has_clocks(world, records):
    _, _, appeal = records
    body = world.client_for("caseworker").get(f"/api/v1/appeals/{appeal.pk}/").json()
    assert body["appeal_type"] == "refusal_to_assess"
    assert [c["rule_id"] for c in body["clocks"]] == ["appeal_to_tribunal"]
    assert body["clocks"][0]["family_step"] is True


def test_a_caseworker_in_another_team_gets_404(world, records):
    complaint, mediation, appeal = records
    client = world.client_for_other_team()
    for url in [
        reverse("disputes:complaint_detail", args=[complaint.pk]),
        reverse("disputes:mediation_detail", args=[mediation.pk]),
        reverse("disputes:appeal_detail", args=[appeal.pk]),
        reverse("disputes:complaint_respond", args=[complaint.pk]),
        f"/api/v1/appeals/{appeal.pk}/",
        f"/api/v1/complaints/{complaint.pk}/",
        reverse("disputes:appeal_detail", args=[999999]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("disputes:queue")).context["rows"] == []


def test_parent_makes_a_complaint_and_follows_it(world):
    client = world.client_for("parent")
    url = reverse("disputes:complaint_create") + f"?child={world.parents_child.pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert b"received_on" not in page.content  # a family complaint has no date to type
    response = client.post(url, {"summary": "Nobody answers the phone", "about_step": "Reviews"})
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("disputes:complaint_detail", args=[complaint.pk])
    assert complaint.made_by == world.users["parent"]
    assert complaint.child == world.parents_child
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert b"When we will reply" in detail.content
    assert b"Record our reply" not in detail.content
    assert OutboxMessage.objects.filter(template="complaint_received").count() == 1
    listing = client.get(reverse("disputes:complaint_list"))
    assert list(listing.context["complaints"]) == [complaint]
    # another parent's child, or no child: 404 / choose a child
    assert (
        client.get(
            reverse("disputes:complaint_create") + f"?child={world.other_child.pk}"
        ).status_code
        == 404
    )
    choose = client.get(reverse("disputes:complaint_create"))
    assert choose.status_code == 302 and "choose-child" in choose["Location"]
    assert client.get(choose["Location"]).status_code == 200
    # staff in the child's team see it too; the parent cannot act on it
    assert client.get(reverse("disputes:complaint_respond", args=[complaint.pk])).status_code == 403


def test_parent_sees_only_their_own_complaints(world, records):
    complaint, _, _ = records
    parent = world.client_for("parent")
    assert list(parent.get(reverse("disputes:complaint_list")).context["complaints"]) == []
    assert parent.get(reverse("disputes:complaint_detail", args=[complaint.pk])).status_code == 404


def test_staff_step_forms_show_errors_and_change_nothing(world, records):
    complaint, _, appeal = records
    client = world.client_for("caseworker")
    bad = client.post(
        reverse("disputes:complaint_respond", args=[complaint.pk]),
        {
            **date_fields("responded_on", dt.date(2026, 5, 1)),
            "outcome": "upheld",
            "response": "Sorry",
        },
    )
    assert bad.status_code == 400
    assert "before the complaint reached stage 1" in bad.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "open"
    ok = client.post(
        reverse("disputes:complaint_respond", args=[complaint.pk]),
        {**date_fields("responded_on", LONG_AGO), "outcome": "upheld", "response": "Sorry"},
    )
    assert ok.status_code == 302
    hearing = client.post(
        reverse("disputes:appeal_hearing", args=[appeal.pk]),
        date_fields("hearing_on", dt.date(2026, 5, 1)),
    )
    assert hearing.status_code == 400 and "before the appeal was lodged" in hearing.content.decode()


def test_staff_record_a_complaint_without_a_child(world):
    client = world.client_for("caseworker")
    response = client.post(
        reverse("disputes:complaint_create"),
        {
            **date_fields("received_on", LONG_AGO),
            "complainant_name": "A resident",
            "summary": "The Local Offer is out of date",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.child is None and complaint.made_by is None
    queue = client.get(reverse("disputes:queue"))
    assert [row.record for row in queue.context["rows"]] == [complaint]


def test_mediation_and_appeal_pages_walk_through(world):
    client = world.client_for("caseworker")
    child = world.caseload_child
    response = client.post(
        reverse("disputes:mediation_create") + f"?child={child.pk}",
        {**date_fields("decision_notice_on", LONG_AGO), "about": "Refusal to issue"},
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.status_code == 200 and b"Family contacts a mediation adviser" in detail.content
    response = client.post(
        reverse("disputes:appeal_create") + f"?child={child.pk}",
        {
            "appeal_type": "refusal_to_issue",
            **date_fields("decision_sent_on", LONG_AGO),
            **date_fields("lodged_on", dt.date(2026, 7, 1)),
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.status_code == 200 and b"Appeal to the Tribunal" in detail.content
    assert client.get(reverse("disputes:mediation_create")).status_code == 302


def test_appeal_order_pages(world, records):
    _, _, appeal = records
    client = world.client_for("caseworker")
    outcome = client.post(
        reverse("disputes:appeal_outcome", args=[appeal.pk]),
        {"outcome": "conceded", **date_fields("outcome_on", dt.date(2026, 7, 2))},
    )
    assert outcome.status_code == 302
    order = client.post(
        reverse("disputes:appeal_order", args=[appeal.pk]),
        {"order_type": "assess", **date_fields("order_on", dt.date(2026, 7, 3))},
    )
    assert order.status_code == 302
    detail = client.get(reverse("disputes:appeal_detail", args=[appeal.pk])).content.decode()
    assert "Order to assess: tell the family" in detail
    assert reverse("disputes:appeal_order_step", args=[appeal.pk, "order_assess_notify"]) in detail
    done = client.post(
        reverse("disputes:appeal_order_step", args=[appeal.pk, "order_assess_notify"]),
        date_fields("done_on", dt.date(2026, 7, 10)),
    )
    assert done.status_code == 302
    assert appeal.order_steps.get().rule_id == "order_assess_notify"
    wrong = client.get(reverse("disputes:appeal_order_step", args=[appeal.pk, "no_such_rule"]))
    assert wrong.status_code == 404
    assert OutboxMessage.objects.filter(template="tribunal_order_received").count() == 1


def test_the_appeal_form_offers_the_childs_decided_reviews_and_refuses_two_decisions(world):
    from opensend.casework.models import AssessmentRequest
    from opensend.reviews.models import AnnualReview
    from testsupport.transfers import final_plan

    child = world.caseload_child
    review = AnnualReview.objects.create(
        plan=final_plan(child), child=child, led_by="council", due_by=dt.date(2026, 2, 1),
        stage="decided", decision="maintain", decided_on=dt.date(2026, 2, 20),
    )  # fmt: skip
    request = AssessmentRequest.objects.create(
        child=child, received_on=dt.date(2025, 9, 1), source="parent"
    )
    client = world.client_for("caseworker")
    url = reverse("disputes:appeal_create") + f"?child={child.pk}"
    page = client.get(url).content.decode()
    assert "Annual review: keep the plan as it is (decided 20 February 2026)" in page
    lodge = {
        "appeal_type": "contents",
        **date_fields("decision_sent_on", LONG_AGO),
        **date_fields("lodged_on", LONG_AGO),
        "review": review.pk,
    }
    both = client.post(url, {**lodge, "assessment_request": request.pk})
    assert both.status_code == 400 and "not both" in both.content.decode()
    assert not Appeal.objects.exists()
    ok = client.post(url, lodge)
    assert ok.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.review == review
    detail = client.get(ok["Location"]).content.decode()
    assert reverse("reviews:review_detail", args=[review.pk]) in detail
