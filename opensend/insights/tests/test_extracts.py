"""Pseudonymised extracts: no name or identifier, pseudonyms stable within an extract and new in
each, analysts and administrators only, and every download audited."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from opensend.audit.models import Action, AuditEvent
from opensend.people.models import Child
from testsupport import journeys
from testsupport.downloads import assert_safe_headers
from testsupport.forms import date_fields
from testsupport.roles import ROLES

URL = reverse("insights:pseudonymised_extract")
PERIOD = {**date_fields("start", journeys.RECEIVED), **date_fields("end", journeys.TODAY)}


@pytest.fixture
def cases(world):
    Child.objects.filter(pk=world.caseload_child.pk).update(postcode="AB1 2CD", uln="")
    first = journeys.final_plan(world).request
    second = journeys.new_request(world, received_on=journeys.RECEIVED.replace(day=20))
    other = journeys.parent_request(
        world, child=world.team_child, received_on=journeys.RECEIVED.replace(day=25)
    )
    return first, second, other


def rows(response):
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    start = lines.index([]) + 1
    header, *body = lines[start:]
    return [dict(zip(header, line, strict=True)) for line in body]


def test_the_extract_names_nobody_and_keeps_pseudonyms_stable_within_it(world, cases):
    response = world.client_for("analyst").get(URL, PERIOD)
    assert response.status_code == 200
    assert_safe_headers(response)
    text = response.content.decode()
    child = world.caseload_child
    for identifier in (child.full_name, child.upn, "AB1 2CD", child.date_of_birth.isoformat()):
        assert identifier not in text, identifier
    found = rows(response)
    numbers = {"Age at request", "Weeks from request to final plan"}
    cells = {cell for row in found for key, cell in row.items() if key not in numbers}
    assert not cells & {child.given_name, child.family_name, str(child.pk)}
    assert len(found) == 3
    first, second, other = found  # in the order received
    assert first["Pseudonym"] == second["Pseudonym"] != other["Pseudonym"]
    assert (first["Decision whether to assess"], first["Decision whether to issue a plan"]) == (
        "Y",
        "Y",
    )
    assert first["Final plan issued"] == journeys.FINAL_ON.isoformat()
    assert first["Age at request"] == "11"  # born 27 March 2015, request 1 June 2026
    assert second["Decision whether to assess"] == "A"


def test_each_extract_has_new_pseudonyms(world, cases):
    client = world.client_for("admin")
    once = {r["Pseudonym"] for r in rows(client.get(URL, PERIOD))}
    again = {r["Pseudonym"] for r in rows(client.get(URL, PERIOD))}
    assert len(once) == 2 and not once & again


@pytest.mark.parametrize("role", ROLES)
def test_only_analysts_and_administrators_may_download_it(world, role):
    expected = 200 if role in {"analyst", "admin"} else 403
    assert world.client_for(role).get(URL, PERIOD).status_code == expected


def test_the_dashboard_offers_it_to_analysts_only(world):
    dashboard = reverse("insights:dashboard")
    assert URL in world.client_for("analyst").get(dashboard).content.decode()
    assert URL not in world.client_for("team_manager").get(dashboard).content.decode()
    assert URL not in world.client_for("board_member").get(dashboard).content.decode()


def test_each_download_is_an_export_of_each_child_in_it(world, cases):
    world.client_for("analyst").get(URL, PERIOD)
    exported = AuditEvent.objects.filter(action=Action.EXPORT, actor=world.users["analyst"])
    assert sorted(exported.values_list("child_id", flat=True)) == sorted(
        [world.caseload_child.pk, world.team_child.pk]
    )


def test_a_bad_period_is_a_400_that_says_why(world):
    bad = {**date_fields("start", journeys.TODAY), **date_fields("end", journeys.RECEIVED)}
    response = world.client_for("analyst").get(URL, bad)
    assert response.status_code == 400
    assert "The end of the period must be on or after its start" in response.content.decode()


# ---------------------------------------------------------------------------- plans and reviews


@pytest.fixture
def plans(world):
    from opensend.reviews.models import AnnualReview, Cessation
    from testsupport.transfers import final_plan

    child, team_child = world.caseload_child, world.team_child
    Child.objects.filter(pk=child.pk).update(postcode="AB1 2CD")
    in_force = final_plan(child, named_setting=world.setting, issued_on=dt.date(2025, 3, 3))
    ceased = final_plan(team_child, issued_on=dt.date(2024, 9, 2))
    Cessation.objects.create(
        plan=ceased, child=team_child, reason="1", details="Needs met", status="ceased",
        decided_on=dt.date(2026, 6, 1), ceased_on=dt.date(2026, 7, 1),
    )  # fmt: skip
    gone = final_plan(world.other_child, issued_on=dt.date(2020, 1, 6))
    Cessation.objects.create(
        plan=gone, child=world.other_child, reason="1", details="Needs met", status="ceased",
        decided_on=dt.date(2025, 1, 6), ceased_on=dt.date(2025, 2, 3),
    )  # fmt: skip
    for held, due in ((dt.date(2026, 2, 27), dt.date(2026, 3, 2)), (None, dt.date(2026, 6, 1))):
        AnnualReview.objects.create(
            plan=in_force, child=child, led_by="council", due_by=due, meeting_on=held,
            held_on=held, stage="decided" if held else "planned",
            decision="maintain" if held else "", decided_on=held and dt.date(2026, 3, 20),
        )  # fmt: skip
    AnnualReview.objects.create(
        plan=in_force, child=child, led_by="council", due_by=dt.date(2026, 9, 1),
        stage="cancelled",
    )  # fmt: skip
    return world


YEAR = {**date_fields("start", dt.date(2026, 1, 1)), **date_fields("end", dt.date(2026, 12, 31))}


def test_the_plans_extract_has_the_plans_in_force_and_names_nobody(plans):
    response = plans.client_for("analyst").get(URL, {"of": "plans", **YEAR})
    assert response.status_code == 200
    assert_safe_headers(response)
    text = response.content.decode()
    child = plans.caseload_child
    for identifier in (child.full_name, child.upn, "AB1 2CD", plans.setting.name):
        assert identifier not in text, identifier
    ceased, in_force = rows(response)  # by the day issued; the plan ceased in 2025 left out
    assert (
        in_force["Plan issued"] == "2025-03-03"
        and in_force["Status at the end of the period"] == "In force"
    )
    assert in_force["Type of setting named"] == plans.setting.get_kind_display()
    assert (ceased["Ceased on"], ceased["Cease reason (SEN2 code)"]) == ("2026-07-01", "1")
    assert ceased["Pseudonym"] != in_force["Pseudonym"]
    exported = AuditEvent.objects.filter(action=Action.EXPORT, actor=plans.users["analyst"])
    assert sorted(exported.values_list("child_id", flat=True)) == sorted(
        [child.pk, plans.team_child.pk]
    )


def test_the_reviews_extract_has_each_review_held_or_due(plans):
    found = rows(plans.client_for("admin").get(URL, {"of": "reviews", **YEAR}))
    held, due = found  # the cancelled review left out
    assert held["Pseudonym"] == due["Pseudonym"]  # one child: one pseudonym in this extract
    assert (held["Meeting held"], held["Held by the due date"], held["Decision"]) == (
        "2026-02-27",
        "yes",
        "Keep the plan as it is",
    )
    assert held["Weeks from meeting to decision"] == "3.0"
    assert (due["Meeting held"], due["Held by the due date"], due["Due by"]) == (
        "",
        "",
        "2026-06-01",
    )


@pytest.mark.parametrize("role", ["team_manager", "caseworker", "board_member"])
def test_only_analysts_and_administrators_get_plans_and_reviews(plans, role):
    for kind in ("plans", "reviews"):
        assert plans.client_for(role).get(URL, {"of": kind, **YEAR}).status_code == 403


def test_an_unknown_extract_is_a_400_that_says_why(world):
    response = world.client_for("analyst").get(URL, {"of": "children", **YEAR})
    assert response.status_code == 400
    assert "Choose an extract of requests, plans or reviews" in response.content.decode()
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()
