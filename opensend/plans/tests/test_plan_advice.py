"""The plan is written with the advice open beside it (issue 12, item 1): each section B–H shows
the advice that speaks to it, section K links every piece, and the checks know when health or
social care advice found no needs."""

import datetime as dt

import pytest
from django.urls import reverse

from opensend.casework.services import advice as advice_services
from opensend.plans import services as plan_services
from opensend.plans.checks import plan_warnings
from opensend.plans.selectors import plan_warnings_for
from opensend.plans.views.pages import plan_page_context
from testsupport.journeys import TODAY, assessing_case, decide_to_issue

pytestmark = pytest.mark.django_db


def plan_with_health_advice(world, **advice):
    case, health = assessing_case(world)
    fields = {"needs": "Type 1 diabetes: blood checks before lunch", "provision": "Trained adult"}
    fields.update(advice)
    advice_services.advice_submit(
        actor=world.users["health"],
        advice=health,
        submitted_on=dt.date(2026, 7, 20),
        today=TODAY,
        **fields,
    )
    decide_to_issue(world, case)
    plan = plan_services.plan_draft_start(actor=world.users["caseworker"], case=case)
    return plan, health


def test_the_editor_shows_health_advice_beside_sections_c_and_g(world):
    plan, health = plan_with_health_advice(world)
    page = world.client_for("caseworker").get(reverse("plans:plan_detail", args=[plan.pk]))
    text = page.content.decode()
    assert "Advice for section C (1)" in text
    assert "Type 1 diabetes: blood checks before lunch" in text
    assert "Advice for section G (1)" in text and "Trained adult" in text
    assert "Advice for section B" not in text  # no educational advice yet
    assert text.count(reverse("casework:advice_detail", args=[health.pk])) >= 3  # C, G and K


def test_families_see_section_k_without_links_to_staff_pages(world):
    plan, _ = plan_with_health_advice(world)
    staff = plan_page_context(plan, user=world.users["caseworker"])
    family = plan_page_context(plan, user=world.users["parent"])
    assert staff["advice_links"] is True and staff["sections"]["needs"][1].advice
    assert family["advice_links"] is False and not family["sections"]["needs"][1].advice


def test_no_health_needs_advice_silences_the_section_c_warning(world):
    plan, _ = plan_with_health_advice(world, needs="", provision="", no_needs=True)
    codes = {w.code for w in plan_warnings_for(plan, on=TODAY)}
    assert "no_health_needs" not in codes
    assert "no_social_care_needs" in codes  # nobody has said so for social care


def test_needs_listed_against_no_needs_advice_are_flagged():
    content = {"needs": [{"id": 1, "section": "C", "description": "Asthma"}]}
    codes = {w.code for w in plan_warnings(content, advised_no_needs=frozenset({"C"}))}
    assert "health_needs_against_advice" in codes
    assert "no_health_needs" not in codes
