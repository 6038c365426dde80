"""Every role against every transfer and ceasing page and API endpoint; a SENCO sees only their
own pupils; the same 404 for "not yours"; bad input is a 400 with nothing changed."""

import datetime as dt

import pytest
from django.urls import reverse

from opensend.reviews.ceasing import services as ceasing
from opensend.reviews.models import Cessation, PhaseTransfer
from opensend.reviews.transfers import services
from testsupport.factories.people import SettingFactory
from testsupport.forms import date_fields
from testsupport.roles import ROLES, SENAR, assert_api_access, assert_pages
from testsupport.transfers import final_plan, today, year6

pytestmark = pytest.mark.django_db
VIEWERS = SENAR | {"senco"}


@pytest.fixture
def records(world):
    cw = world.users["caseworker"]
    plan = year6(world)
    transfer = services.transfer_open(actor=cw, plan=plan)
    consultation = services.transfer_consultation_send(
        actor=cw, transfer=transfer, setting=world.other_setting, sent_on=today()
    )
    cessation = ceasing.cessation_start(
        actor=cw, plan=plan, reason="2", details="Needs met", today=today()
    )
    return plan, transfer, consultation, cessation


def _manage_urls(plan, transfer, consultation, cessation):
    return [
        reverse("reviews:transfer_open", args=[plan.pk]),
        reverse("reviews:transfer_preferences", args=[transfer.pk]),
        reverse("reviews:transfer_consult", args=[transfer.pk]),
        reverse("reviews:transfer_consultation_reply", args=[transfer.pk, consultation.pk]),
        reverse("reviews:transfer_name", args=[transfer.pk]),
        reverse("reviews:transfer_amend", args=[transfer.pk]),
        reverse("reviews:transfer_not_transferring", args=[transfer.pk]),
        reverse("reviews:cessation_start", args=[plan.pk]),
        reverse("reviews:cessation_consult", args=[cessation.pk]),
        reverse("reviews:cessation_decide", args=[cessation.pk]),
        reverse("reviews:cessation_appeal", args=[cessation.pk]),
        reverse("reviews:cessation_appeal_link", args=[cessation.pk]),
        reverse("reviews:cessation_cease", args=[cessation.pk]),
        reverse("reviews:cessation_close", args=[cessation.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_pages(world, records, role):
    plan, transfer, consultation, cessation = records
    client = world.client_for(role)
    view_urls = [
        reverse("reviews:transfer_planner"),
        reverse("reviews:transfer_detail", args=[transfer.pk]),
        reverse("reviews:cessation_list"),
        reverse("reviews:cessation_detail", args=[cessation.pk]),
    ]
    # the SENCO sees the caseload child: on roll at their school
    assert_pages(client, role, view_urls, allowed=role in VIEWERS)
    manage_urls = _manage_urls(plan, transfer, consultation, cessation)
    assert_pages(client, role, manage_urls, allowed=role in SENAR)
    cohort = client.post(reverse("reviews:transfer_cohort_open"))
    assert cohort.status_code == (302 if role in SENAR else 403), role


@pytest.mark.parametrize("role", ROLES)
def test_api(world, records, role):
    _, transfer, _, cessation = records
    client = world.client_for(role)
    assert_api_access(
        client,
        role,
        [
            "/api/v1/phase-transfers/",
            f"/api/v1/phase-transfers/{transfer.pk}/",
            "/api/v1/cessations/",
            f"/api/v1/cessations/{cessation.pk}/",
        ],
        allowed=role in VIEWERS,
    )


def test_api_content(world, records):
    _, transfer, consultation, cessation = records
    client = world.client_for("caseworker")
    body = client.get(f"/api/v1/phase-transfers/{transfer.pk}/").json()
    assert body["kind"] == "primary_to_secondary"
    assert body["amend_by"] == dt.date(transfer.transfer_on.year, 2, 14).isoformat()
    assert body["progress"] == "consulting"
    assert [c["id"] for c in body["consultations"]] == [consultation.pk]
    listing = client.get("/api/v1/cessations/").json()
    assert [r["id"] for r in listing["results"]] == [cessation.pk]
    assert listing["results"][0]["plan_maintained"] is True


def test_not_yours_is_the_same_404(world, records):
    _, transfer, _, _cessation = records
    other_plan = final_plan(world.other_child)
    other = PhaseTransfer.objects.create(
        plan=other_plan,
        child=world.other_child,
        kind="post16_midyear",
        transfer_on=dt.date(2031, 1, 5),
    )
    other_cessation = Cessation.objects.create(
        plan=other_plan, child=world.other_child, reason="2", details="x"
    )
    for role in ["caseworker", "senco"]:
        client = world.client_for(role)
        for url in [
            reverse("reviews:transfer_detail", args=[other.pk]),
            reverse("reviews:transfer_detail", args=[999999]),
            reverse("reviews:cessation_detail", args=[other_cessation.pk]),
            reverse("reviews:cessation_detail", args=[999999]),
            f"/api/v1/phase-transfers/{other.pk}/",
            f"/api/v1/cessations/{other_cessation.pk}/",
        ]:
            assert client.get(url).status_code == 404, (role, url)
    senco_list = world.client_for("senco").get("/api/v1/phase-transfers/").json()
    assert [r["id"] for r in senco_list["results"]] == [transfer.pk]
    assert (
        world.client_for("caseworker")
        .get(reverse("reviews:cessation_start", args=[other_plan.pk]))
        .status_code
        == 404
    )


def test_bad_input_is_a_400_and_changes_nothing(world, records):
    _, transfer, consultation, cessation = records
    client = world.client_for("caseworker")
    bad_dates = [
        (
            reverse("reviews:transfer_preferences", args=[transfer.pk]),
            {
                "recorded_on_0": "31",
                "recorded_on_1": "2",
                "recorded_on_2": "2026",
                "first_preference": world.other_setting.pk,
            },
        ),
        (
            reverse("reviews:transfer_consult", args=[transfer.pk]),
            {
                **date_fields("sent_on", today() + dt.timedelta(days=3)),
                "setting": world.setting.pk,
            },
        ),
        (
            reverse("reviews:transfer_consultation_reply", args=[transfer.pk, consultation.pk]),
            {
                **date_fields("responded_on", today() - dt.timedelta(days=30)),
                "can_meet_needs": "yes",
            },
        ),
        (
            reverse("reviews:cessation_decide", args=[cessation.pk]),
            date_fields("decided_on", today()),
        ),
        (
            reverse("reviews:cessation_cease", args=[cessation.pk]),
            date_fields("ceased_on", today()),
        ),
        (
            reverse("reviews:cessation_consult", args=[cessation.pk]),
            {
                "family_consulted_on_0": "x",
                "family_consulted_on_1": "1",
                "family_consulted_on_2": "2026",
            },
        ),
        (
            reverse("reviews:cessation_start", args=[transfer.plan_id]),
            {"reason": "2", "details": "Again"},
        ),
        (reverse("reviews:transfer_open", args=[transfer.plan_id]), {}),
        (reverse("reviews:transfer_name", args=[transfer.pk]), {"setting": "not a number"}),
    ]
    for url, data in bad_dates:
        response = client.post(url, data)
        assert response.status_code == 400, (url, response.status_code)
        assert b"There is a problem" in response.content, url
    transfer.refresh_from_db()
    cessation.refresh_from_db()
    consultation.refresh_from_db()
    assert transfer.preferences_recorded_on is None and transfer.named_setting is None
    assert consultation.responded_on is None
    assert cessation.status == "proposed" and cessation.family_consulted_on is None
    assert Cessation.objects.count() == 1 and PhaseTransfer.objects.count() == 1


def test_step_pages_work_end_to_end(world, records):
    _plan, transfer, _consultation, cessation = records
    client = world.client_for("caseworker")
    high = SettingFactory(name="High School", phase="secondary")
    response = client.post(
        reverse("reviews:transfer_preferences", args=[transfer.pk]),
        {**date_fields("recorded_on", today()), "first_preference": high.pk},
    )
    assert response.status_code == 302
    page = client.get(reverse("reviews:transfer_planner"))
    assert "High School" in page.content.decode()
    assert "before 15 February" in page.content.decode()
    response = client.post(
        reverse("reviews:cessation_consult", args=[cessation.pk]),
        {
            **date_fields("family_consulted_on", today()),
            **date_fields("setting_consulted_on", today()),
        },
    )
    assert response.status_code == 302
    detail = client.get(reverse("reviews:cessation_detail", args=[cessation.pk])).content.decode()
    assert "Decide and send the notice" in detail
    assert "s45" in detail
