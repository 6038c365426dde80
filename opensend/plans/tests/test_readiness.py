"""No step outside the law (issue 12, item 3): the final plan waits for the family's 15 days
unless they confirm in writing they have finished (reg 13(1)(a)); a setting is named only with a
consultation on file (CFA s39, s40); every comment is answered and the family reads the answers;
unquantified provision needs a recorded reason; every blocker is listed in one place."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opensend.plans import services
from opensend.plans.readiness import final_issue_blockers
from testsupport.factories.people import SettingFactory
from testsupport.forms import date_fields
from testsupport.journeys import DRAFT_ON, TODAY, drafting_case, ready_to_issue, write_plan

pytestmark = pytest.mark.django_db
AFTER_WINDOW = dt.date(2026, 9, 20)


@pytest.fixture
def served(world):
    cw = world.users["caseworker"]
    plan = write_plan(cw, services.plan_draft_start(actor=cw, case=drafting_case(world)))
    services.draft_issue(actor=cw, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    plan.refresh_from_db()
    return plan


def codes(plan, setting, on=AFTER_WINDOW):
    plan.refresh_from_db()
    return [b.code for b in final_issue_blockers(plan, issued_on=on, named_setting=setting)]


def test_a_setting_is_named_only_with_a_consultation_on_file(world, served):
    cw, school = world.users["caseworker"], SettingFactory(name="Brook School")
    assert codes(served, school) == ["not_consulted"]
    consultation = services.consultation_send(
        actor=cw, plan=served, setting=school, sent_on=dt.date(2026, 9, 10), today=TODAY
    )
    assert codes(served, school) == ["awaiting_reply"]  # its 15 days run to 24 September
    assert codes(served, school, on=dt.date(2026, 9, 25)) == []  # ran out: may be named
    services.consultation_response_record(
        actor=cw,
        consultation=consultation,
        responded_on=dt.date(2026, 9, 12),
        can_meet_needs="no",
        today=TODAY,
    )
    assert codes(served, school) == []  # the reply is on file, whatever it says
    with pytest.raises(ValidationError, match="Consult Other School"):
        services.final_issue(
            actor=cw,
            plan=served,
            issued_on=AFTER_WINDOW,
            named_setting=SettingFactory(name="Other School"),
            today=TODAY,
        )


def test_every_comment_is_answered_with_reasons_and_the_family_reads_them(world, served):
    cw = world.users["caseworker"]
    ready_to_issue(cw, served, world.setting)
    comment = services.representation_record(
        actor=cw,
        plan=served,
        made_on=dt.date(2026, 9, 3),
        made_by="Dad",
        comments="More speech therapy please",
        today=TODAY,
    )
    assert codes(served, world.setting) == ["comment_unanswered"]
    with pytest.raises(ValidationError, match="Give the reasons"):
        services.representation_answer(
            actor=cw, representation=comment, answer="not_accepted", reasons="", today=TODAY
        )
    client = world.client_for("caseworker")
    url = reverse("plans:representation_answer", args=[served.pk, comment.pk])
    assert client.post(url, {"answer": "partly", "reasons": ""}).status_code == 400
    response = client.post(
        url, {"answer": "partly", "reasons": "Therapy goes from weekly to twice a week"}
    )
    assert response.status_code == 302
    assert codes(served, world.setting) == []
    listed = client.get(reverse("plans:representations", args=[served.pk])).content.decode()
    assert "Therapy goes from weekly to twice a week" in listed and "Change the answer" in listed


def test_the_family_sees_our_answers_on_their_page(world):
    admin = world.users["admin"]
    case = drafting_case(world, child=world.parents_child, actor=admin)
    plan = write_plan(admin, services.plan_draft_start(actor=admin, case=case))
    services.draft_issue(actor=admin, plan=plan, issued_on=TODAY, today=TODAY)
    comment = services.representation_record(
        actor=admin,
        plan=plan,
        made_on=TODAY,
        made_by="Mum, by phone",
        comments="Swimming?",
        today=TODAY,
    )
    page = world.client_for("parent").get(reverse("plans:family", args=[plan.pk]))
    assert "We have not answered yet" in page.content.decode()
    services.representation_answer(
        actor=admin, representation=comment, answer="accepted", reasons="Added to F", today=TODAY
    )
    page = world.client_for("parent").get(reverse("plans:family", args=[plan.pk]))
    text = page.content.decode()
    assert "Mum, by phone" in text and "Accepted: the plan has been changed" in text
    assert "Added to F" in text  # comments recorded by staff for the family are shown too


def test_the_family_can_say_they_have_finished_from_their_page(world):
    admin = world.users["admin"]
    case = drafting_case(world, child=world.parents_child, actor=admin)
    plan = write_plan(admin, services.plan_draft_start(actor=admin, case=case))
    today = dt.date.today()
    services.draft_issue(actor=admin, plan=plan, issued_on=today, today=today)
    response = world.client_for("parent").post(
        reverse("plans:family", args=[plan.pk]), {"comments": "", "nothing_more_to_say": "on"}
    )
    assert response.status_code == 302
    done = plan.representations.get()
    assert done.nothing_more_to_say and not done.needs_answer


def test_unquantified_provision_blocks_the_final_plan_until_a_reason_is_recorded(world, served):
    cw = world.users["caseworker"]
    ready_to_issue(cw, served, world.setting)
    provision = served.provisions.first()
    outcome_ids = [o.pk for o in provision.outcomes.all()]
    services.provision_update(
        actor=cw,
        provision=provision,
        section=provision.section,
        description=provision.description,
        frequency="",
        outcome_ids=outcome_ids,
    )
    assert codes(served, world.setting) == ["provision_not_quantified"]
    client = world.client_for("caseworker")
    response = client.post(
        reverse("plans:provision_edit", args=[served.pk, provision.pk]),
        {
            "section": provision.section,
            "description": provision.description,
            "unquantified_reason": "Frequency set by the OT after her assessment in October",
            "outcome_ids": outcome_ids,
        },
    )
    assert response.status_code == 302
    assert codes(served, world.setting) == []


def test_the_issue_page_lists_every_blocker_with_a_link_and_refuses_with_all(world, served):
    cw = world.users["caseworker"]
    services.representation_record(
        actor=cw,
        plan=served,
        made_on=DRAFT_ON,
        made_by="Dad",
        comments="Hmm",
        preferred_setting=world.setting,
        today=TODAY,
    )
    client = world.client_for("caseworker")
    url = reverse("plans:final_issue", args=[served.pk])
    text = client.get(url).content.decode()
    assert "Ready to issue?" in text
    assert "Answer the comments from Dad" in text
    assert f"Consult {world.setting}" in text
    assert reverse("plans:consultations", args=[served.pk]) in text
    response = client.post(
        url, {**date_fields("issued_on", DRAFT_ON), "named_setting": world.setting.pk}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "has until" in body and "Answer the comments from Dad" in body
    served.refresh_from_db()
    assert served.is_draft
