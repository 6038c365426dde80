"""Every role against the reviews pages and API; the same 404 for other settings' and other
families' records; bad input on the pages gives a 400 with a message and changes nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from opensend.plans.models import EHCPlan, PlanStatus
from opensend.reviews import services
from opensend.reviews.amendments import services as amendments
from opensend.reviews.models import Amendment, AnnualReview, ReviewStage
from testsupport.factories.accounts import senco_of, sign_in_fully
from testsupport.factories.people import SettingFactory
from testsupport.forms import date_fields
from testsupport.journeys import INVITED, MEETING, TODAY, final_plan, open_review
from testsupport.roles import ROLES, SENAR, assert_api_access, assert_pages

pytestmark = pytest.mark.django_db
VIEW = SENAR | {"senco"}
VIEW_CHILDREN = VIEW | {
    "health",
    "social_care",
    "educational_psychologist",
    "parent",
    "young_person",
}


@pytest.fixture
def records(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    review = open_review(plan)
    amendment = amendments.amendment_start(
        actor=cw, plan=plan, source="other", summary="Add swimming", today=TODAY
    )
    return plan, review, amendment


@pytest.mark.parametrize("role", ROLES)
def test_pages(world, records, role):
    plan, review, amendment = records
    client = world.client_for(role)
    lead_urls = [
        reverse(name, args=[review.pk])
        for name in [
            "reviews:meeting",
            "reviews:invitations",
            "reviews:contribution",
            "reviews:held",
            "reviews:report",
        ]
    ]
    manage_urls = [
        reverse("reviews:queue"),
        reverse("reviews:decision", args=[review.pk]),
        reverse("reviews:amendment_start", args=[plan.pk]),
        reverse("reviews:amendment_propose", args=[amendment.pk]),
        reverse("reviews:amendment_representations", args=[amendment.pk]),
        reverse("reviews:amendment_issue", args=[amendment.pk]),
        reverse("reviews:amendment_close", args=[amendment.pk, "withdraw"]),
        reverse("reviews:amendment_close", args=[amendment.pk, "not-amended"]),
    ]
    view_urls = [
        reverse("reviews:review_detail", args=[review.pk]),
        reverse("reviews:amendment_detail", args=[amendment.pk]),
    ]
    assert_pages(client, role, view_urls + lead_urls, allowed=role in VIEW)
    assert_pages(client, role, manage_urls, allowed=role in SENAR)
    workspace = client.get(reverse("reviews:setting_workspace"))
    assert workspace.status_code == {"senco": 200}.get(role, 302 if role in SENAR else 403), role
    if role == "senco":
        assert plan.child.full_name in workspace.content.decode()
    # The family's page for proposals: only the child's own family (none of these roles here).
    proposals = client.get(reverse("reviews:amendment_family_comment", args=[plan.pk]))
    assert proposals.status_code == (404 if role in VIEW_CHILDREN else 403), role


@pytest.mark.parametrize("role", ROLES)
def test_api(world, records, role):
    _, review, amendment = records
    client = world.client_for(role)
    assert_api_access(
        client,
        role,
        [
            "/api/v1/reviews/",
            f"/api/v1/reviews/{review.pk}/",
            "/api/v1/amendments/",
            f"/api/v1/amendments/{amendment.pk}/",
        ],
        allowed=role in VIEW,
    )


def test_api_detail_has_clocks_and_contributions(world, records):
    _, review, amendment = records
    cw = world.users["caseworker"]
    services.review_contribution_add(
        actor=cw, review=review, kind="health", given_by="Dr P", received_on=TODAY, text="Well"
    )
    body = world.client_for("caseworker").get(f"/api/v1/reviews/{review.pk}/").json()
    assert [c["rule_id"] for c in body["clocks"]] == ["first_annual_review"]
    assert body["contributions"][0]["given_by"] == "Dr P"
    listing = world.client_for("caseworker").get("/api/v1/amendments/").json()
    assert [r["id"] for r in listing["results"]] == [amendment.pk]


def test_senco_of_another_setting_and_other_staff_get_404(world, records):
    _, review, amendment = records
    client = sign_in_fully(Client(), senco_of(SettingFactory()))
    for url in [
        reverse("reviews:review_detail", args=[review.pk]),
        reverse("reviews:meeting", args=[review.pk]),
        reverse("reviews:amendment_detail", args=[amendment.pk]),
        f"/api/v1/reviews/{review.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/reviews/").json()["results"] == []
    # A caseworker of another team cannot see the child either.
    outsider = world.client_for_other_team()
    assert outsider.get(reverse("reviews:review_detail", args=[review.pk])).status_code == 404


def test_senco_cannot_do_steps_of_a_council_led_review(world, records):
    _, review, _ = records
    AnnualReview.objects.filter(pk=review.pk).update(led_by="council")
    client = world.client_for("senco")
    assert client.get(reverse("reviews:review_detail", args=[review.pk])).status_code == 200
    assert client.get(reverse("reviews:meeting", args=[review.pk])).status_code == 403


def test_parent_sees_and_comments_on_their_own_childs_proposals(world):
    admin = world.users["admin"]
    plan = final_plan(world, child=world.parents_child, actor=admin)
    amendment = amendments.amendment_start(
        actor=admin, plan=plan, source="other", summary="Add swimming lessons", today=TODAY
    )
    today = dt.date.today()
    amendments.amendment_propose(actor=admin, amendment=amendment, proposed_on=today)
    parent = world.client_for("parent")
    family_page = parent.get(reverse("plans:family", args=[plan.pk]))
    assert "We want to change this plan" in family_page.content.decode()
    url = reverse("reviews:amendment_family_comment", args=[plan.pk])
    page = parent.get(url)
    assert page.status_code == 200 and "Add swimming lessons" in page.content.decode()
    assert parent.post(url, {"comments": ""}).status_code == 400
    assert not amendment.representations.exists()
    response = parent.post(url, {"comments": "Yes please"})
    assert response.status_code == 302
    assert amendment.representations.get().comments == "Yes please"
    # Another family's plan: the same 404.
    records_plan = final_plan(world)
    assert (
        parent.get(reverse("reviews:amendment_family_comment", args=[records_plan.pk])).status_code
        == 404
    )
    # Staff cannot use the family's page.
    assert world.client_for("caseworker").get(url).status_code == 404


def test_parent_after_the_window_is_told_to_contact_the_send_team(world):
    admin = world.users["admin"]
    plan = final_plan(world, child=world.parents_child, actor=admin)
    amendment = amendments.amendment_start(
        actor=admin, plan=plan, source="other", summary="Add swimming", today=TODAY
    )
    amendments.amendment_propose(
        actor=admin, amendment=amendment, proposed_on=dt.date(2026, 9, 21), today=TODAY
    )
    parent = world.client_for("parent")
    url = reverse("reviews:amendment_family_comment", args=[plan.pk])
    assert "contact the SEND team" in parent.get(url).content.decode()
    response = parent.post(url, {"comments": "Too late?"}, follow=True)
    assert "contact the SEND team" in response.content.decode()
    assert not amendment.representations.exists()


def test_bad_input_on_the_pages(world, records):
    _, review, amendment = records
    client = world.client_for("senco")
    url = reverse("reviews:meeting", args=[review.pk])
    response = client.post(url, {"meeting_on_0": "31", "meeting_on_1": "2", "meeting_on_2": "2027"})
    assert response.status_code == 400 and "must be a real date" in response.content.decode()
    assert client.post(url, date_fields("meeting_on", MEETING)).status_code == 302
    invite = reverse("reviews:invitations", args=[review.pk])
    future = dt.date.today() + dt.timedelta(days=30)
    response = client.post(invite, date_fields("sent_on", future))
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    assert client.post(invite, date_fields("sent_on", INVITED)).status_code == 302
    response = client.post(invite, date_fields("sent_on", INVITED))
    assert response.status_code == 400 and "already been sent" in response.content.decode()
    review.refresh_from_db()
    assert review.invitations.count() == 1  # the family, invited once
    decision = world.client_for("caseworker").post(
        reverse("reviews:decision", args=[review.pk]),
        {"decision": "maintain", "reasons": "x", **date_fields("decided_on", TODAY)},
    )
    assert decision.status_code == 400
    assert "after the review meeting has been held" in decision.content.decode()
    review.refresh_from_db()
    assert review.stage == ReviewStage.INVITED
    issue = world.client_for("caseworker").post(
        reverse("reviews:amendment_issue", args=[amendment.pk]),
        {"named_setting": world.setting.pk, **date_fields("issued_on", TODAY)},
    )
    assert issue.status_code == 400 and "Send the proposals" in issue.content.decode()
    assert Amendment.objects.get(pk=amendment.pk).status == "preparing"
    assert client.get(reverse("reviews:review_detail", args=[999999])).status_code == 404
    assert client.get("/reviews/amendments/1/unknown/").status_code in (403, 404)


def test_queue_pages_use_a_constant_number_of_queries(
    world, records, django_assert_max_num_queries
):
    plan, _, _ = records
    for _ in range(6):
        extra = EHCPlan.objects.create(child=plan.child, status=PlanStatus.FINAL, version=1)
        AnnualReview.objects.create(
            plan=extra,
            child=plan.child,
            led_by="setting",
            setting=world.setting,
            caseworker=world.users["caseworker"],
            due_by=dt.date(2027, 1, 1),
            next_due_on=dt.date(2027, 1, 1),
        )
    client = world.client_for("caseworker")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("reviews:queue"))
    assert response.status_code == 200
    assert response.content.decode().count("reviews/") >= 8
    manager = world.client_for("team_manager")
    mine = manager.get(reverse("reviews:queue"), {"caseworker": world.users["caseworker"].pk})
    assert mine.status_code == 200
    senco = world.client_for("senco")
    with django_assert_max_num_queries(20):
        assert senco.get(reverse("reviews:setting_workspace")).status_code == 200


def test_family_sees_the_plan_in_force_not_the_working_copy_while_amending(world):
    from opensend.plans import services as plan_services

    admin = world.users["admin"]
    plan = final_plan(world, child=world.parents_child, actor=admin)
    parent = world.client_for("parent")
    assert parent.get(reverse("plans:pdf", args=[plan.pk])).status_code == 200
    amendments.amendment_start(
        actor=admin, plan=plan, source="other", summary="More speech therapy", today=TODAY
    )
    provision = plan.provisions.first()
    plan_services.provision_update(
        actor=admin,
        provision=provision,
        section=provision.section,
        description="Unsent working change",
        provided_by=provision.provided_by,
        frequency=provision.frequency,
        duration=provision.duration,
    )
    page = parent.get(reverse("plans:family", args=[plan.pk])).content.decode()
    assert "Unsent working change" not in page
    assert "version 1" in page and "working on changes" in page
    # The PDF is drawn from the working copy, so the family cannot download it for now.
    assert parent.get(reverse("plans:pdf", args=[plan.pk])).status_code == 404
    # Staff still see and print the working copy.
    staff_page = world.client_for("admin").get(reverse("plans:plan_detail", args=[plan.pk]))
    assert "Unsent working change" in staff_page.content.decode()
