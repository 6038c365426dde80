"""The family's page about a child (portal.child_page, portal.family_timeline): every step done
and ahead in plain words, with its date from the rules engine, who does it and a link to help;
late steps said honestly with who to contact; the 20-week bar; no staff codes."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opensend import statutory
from opensend.casework import services as casework
from opensend.plans import services as plan_services
from testsupport.factories.accounts import sign_in_fully
from testsupport.journeys import (
    ADVICE_ASKED_ON,
    DRAFT_ON,
    RECEIVED,
    TODAY,
    ask_health,
    decide_to_assess,
    drafting_case,
    final_plan,
    parent_request,
    write_plan,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _new_request(world, child):
    """A family's request received today (so nothing is late yet)."""
    today = timezone.localdate()
    return casework.request_create(
        actor=world.users["caseworker"],
        child=child,
        received_on=today,
        source="parent",
        today=today,
    )


def _family_page(world, role="parent", child=None):
    child = child or world.parents_child
    client = sign_in_fully(Client(), world.users[role])
    response = client.get(reverse("people:child_detail", args=[child.pk]))
    assert response.status_code == 200
    return response


@pytest.fixture
def assessing(world):
    child = world.parents_child
    child.caseworker = world.users["caseworker"]
    child.save()
    case = parent_request(world, child=child)
    decide_to_assess(world, case)
    ask_health(world, case)
    return case


def test_the_family_sees_each_step_with_its_date_and_who_does_it(world, assessing):
    page = _text(_family_page(world))
    name = world.parents_child.given_name
    assert f"We got the request for an EHC needs assessment for {name}." in page
    advice_due = statutory.long_date(statutory.due("provide_advice", ADVICE_ASKED_ON))
    assert (
        f"Anytown NHS Trust (health advice) will send us their advice about {name} by "
        f"{advice_due}." in page
    )
    final_due = statutory.long_date(statutory.due("issue_final_plan", RECEIVED))
    assert f"We will send you {name}'s final EHC plan by {final_due}." in page
    assert "Who does this: Anytown NHS Trust (health advice)" in page
    assert "Who does this: The SEND team" in page
    assert "What this step means" in page
    assert reverse("portal:family_help") + "#provide_advice" in _family_page(world).content.decode()


def test_late_steps_are_shown_honestly_with_who_to_contact(world, assessing):
    page = _text(_family_page(world))
    # The request was made months ago (testsupport.journeys), so its 20 weeks are over.
    assert "Late" in page
    assert "It is more than 20 weeks since we got the request. The final plan is late." in page
    assert "steps are late. We are sorry." in page or "step is late. We are sorry." in page
    caseworker = world.users["caseworker"].get_full_name()
    assert f"Contact {caseworker}, your caseworker, or the SEND team at" in page


def test_a_new_request_shows_the_journey_bar_at_week_0(world):
    child = world.parents_child
    _new_request(world, child)
    response = _family_page(world)
    page = _text(response)
    assert "Today is in week 0 of 20." in page
    final_due = statutory.long_date(statutory.due("issue_final_plan", timezone.localdate())).split(
        " ", 1
    )[1]  # the bar writes dates without the day of the week
    assert f"the final plan must be ready by {final_due}" in page
    assert '<progress class="app-journey-bar" max="20" value="0"' in response.content.decode()
    assert "Late" not in page


def test_the_family_page_has_no_staff_codes(world, assessing):
    child = world.parents_child
    child.upn = "A999200101500"
    child.nhs_number = "9434765919"
    child.save()
    response = _family_page(world)
    page = _text(response)
    for code in ("UPN", "ULN", "NHS number", "Ethnicity", child.upn, child.nhs_number):
        assert code not in page
    # Staff still see the record as before.
    staff = world.client_for("admin").get(reverse("people:child_detail", args=[child.pk]))
    assert "UPN" in _text(staff)


def test_a_young_person_reads_about_themselves_never_as_your_child(world):
    young_person = world.young_person
    young_person.refresh_from_db()  # the fixture set date_of_birth as a string
    _new_request(world, young_person)
    page = _text(_family_page(world, "young_person", young_person))
    assert "Your page" in page
    assert "We got the request for an EHC needs assessment for you." in page
    assert "your child" not in page.lower()


def test_a_parent_of_a_young_person_is_told_their_name_not_your_child(world):
    young_person = world.young_person
    young_person.refresh_from_db()  # the fixture set date_of_birth as a string
    from testsupport.factories.people import FamilyRelationshipFactory

    FamilyRelationshipFactory(
        child=young_person,
        family_member=world.users["parent"].family_member,
        has_parental_responsibility=True,
    )
    _new_request(world, young_person)
    page = _text(_family_page(world, "parent", young_person))
    assert young_person.given_name in page
    assert "your child" not in page.lower()
    home = _text(sign_in_fully(Client(), world.users["parent"]).get("/"))
    assert "your child" not in home.lower()


def test_the_draft_plan_step_links_to_the_draft(world):
    actor = world.users["caseworker"]
    case = drafting_case(world, child=world.parents_child)
    plan = write_plan(actor, plan_services.plan_draft_start(actor=actor, case=case))
    plan_services.draft_issue(actor=actor, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    response = _family_page(world)
    page = _text(response)
    name = world.parents_child.given_name
    assert f"We sent you {name}'s draft EHC plan." in page
    assert "We are writing" not in page  # said only until the draft is sent
    assert f"Read {name}'s draft plan" in page
    assert reverse("plans:plan_detail", args=[plan.pk]) in response.content.decode()


def test_the_help_page_explains_each_step_with_the_law(world):
    response = Client().get(reverse("portal:family_help"))
    assert response.status_code == 200
    html = response.content.decode()
    for anchor in (
        "request",
        "decide_whether_to_assess",
        "provide_advice",
        "notify_decision_not_to_issue",
        "draft_plan_representations",
        "issue_final_plan",
        "annual_review",
        "amendments",
        "late",
    ):
        assert f'id="{anchor}"' in html
    assert statutory.get_rule("issue_final_plan").citation in html


def test_another_familys_child_is_not_found(world, assessing):
    client = sign_in_fully(Client(), world.users["parent"])
    for child_id in (world.caseload_child.pk, world.other_child.pk, 999_999):
        response = client.get(reverse("people:child_detail", args=[child_id]))
        assert response.status_code == 404


def test_a_plan_made_before_opensend_shows_when_it_was_sent(world):
    from testsupport.transfers import final_plan as plan_made_directly

    plan = plan_made_directly(world.parents_child)
    page = _text(_family_page(world))
    name = world.parents_child.given_name
    assert f"We sent you {name}'s EHC plan." in page
    assert plan.issued_on.strftime("%-d %B %Y") in page


def test_while_we_write_the_draft_the_family_is_told_when_it_will_come(world):
    actor = world.users["caseworker"]
    case = drafting_case(world, child=world.parents_child)
    plan = write_plan(actor, plan_services.plan_draft_start(actor=actor, case=case))
    response = _family_page(world)
    page = _text(response)
    by = statutory.draft_plan_latest(statutory.due("issue_final_plan", RECEIVED))
    name = world.parents_child.given_name
    assert (
        f"We are writing {name}'s draft EHC plan. We will send it to you by "
        f"{statutory.long_date(by)}. You will then have 15 days" in page
    )
    assert reverse("plans:plan_detail", args=[plan.pk]) not in response.content.decode()


def test_the_last_review_held_and_our_decision_are_in_what_has_happened(world):
    from testsupport.journeys import decide, open_review, walk

    actor = world.users["caseworker"]
    plan = final_plan(world, child=world.parents_child)
    review = walk(actor, open_review(plan), to="reported")
    decide(actor, review, "amend", amendment_summary="More therapy")
    done = _text(_family_page(world)).split("What has happened")[1]
    name = world.parents_child.given_name
    assert f"{name}'s plan was reviewed at a meeting." in done
    # Once, not once for the review and again for the changes (each step's sentence is also in
    # its help link's hidden words, so twice in the text).
    assert done.count("We told you whether we will keep, change or end the plan.") == 2
