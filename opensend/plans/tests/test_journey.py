"""The plan from the decision to issue to the final plan: content, checks, dates, versions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend import statutory
from opensend.audit.models import AuditEvent
from opensend.casework import services as casework
from opensend.casework.models import Stage
from opensend.notify.models import OutboxMessage
from opensend.plans import services
from opensend.plans.checks import plan_warnings
from opensend.plans.clocks import consultation_response_due
from opensend.plans.content import content_compare, plan_content
from opensend.plans.models import PlanStatus, PlanVersion
from opensend.plans.pdf import plan_pdf
from opensend.plans.selectors import plan_warnings_for
from testsupport.factories.people import SettingFactory, family_member_of
from testsupport.journeys import (
    DRAFT_ON,
    FINAL_ON,
    RECEIVED,
    TODAY,
    drafting_case,
    ready_to_issue,
    write_plan,
)

pytestmark = pytest.mark.django_db


def test_whole_journey_from_drafting_to_final(world):
    cw = world.users["caseworker"]
    family_member_of(world.caseload_child, relationship="father", email="dad@family.opensend.test")
    case = drafting_case(world)
    plan = services.plan_draft_start(actor=cw, case=case)
    assert plan.status == PlanStatus.DRAFT
    assert plan.about_me == "I love trains and drawing"
    assert plan.aspirations == "To work with animals"
    write_plan(cw, plan)
    assert not [w for w in plan_warnings_for(plan, on=TODAY) if w.blocks]

    services.draft_issue(actor=cw, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    case.refresh_from_db()
    assert case.stage == Stage.DRAFT_ISSUED and case.draft_issued_on == DRAFT_ON
    draft_message = OutboxMessage.objects.get(template="draft_plan_issued")
    window_end = statutory.due("draft_plan_representations", DRAFT_ON)
    assert window_end == dt.date(2026, 9, 15)
    assert statutory.long_date(window_end) in draft_message.body
    assert statutory.long_date(statutory.due("issue_final_plan", RECEIVED)) in draft_message.body

    school = SettingFactory(name="Riverside Primary", email="senco@riverside.opensend.test")
    world.health_org.email = "commissioning@icb.opensend.test"
    world.health_org.save()
    consultation = services.consultation_send(
        actor=cw, plan=plan, setting=school, sent_on=dt.date(2026, 9, 2), today=TODAY
    )
    assert consultation_response_due(consultation) == statutory.due(
        "consultation_response", dt.date(2026, 9, 2)
    )
    with pytest.raises(ValidationError, match="already waiting"):
        services.consultation_send(
            actor=cw, plan=plan, setting=school, sent_on=dt.date(2026, 9, 3), today=TODAY
        )
    services.consultation_response_record(
        actor=cw,
        consultation=consultation,
        responded_on=dt.date(2026, 9, 10),
        can_meet_needs="yes",
        response_notes="We can meet the needs with the provision in the plan",
        today=TODAY,
    )
    services.representation_record(
        actor=cw,
        plan=plan,
        made_on=dt.date(2026, 9, 8),
        made_by="Ava's father",
        comments="Please add swimming",
        preferred_setting=school,
        today=TODAY,
    )
    plan.refresh_from_db()
    assert plan.preferred_setting == school
    comment = plan.representations.get()
    with pytest.raises(ValidationError, match="Answer the comments from Ava's father"):
        services.final_issue(
            actor=cw, plan=plan, issued_on=FINAL_ON, named_setting=school, today=TODAY
        )
    services.representation_answer(
        actor=cw,
        representation=comment,
        answer="partly",
        reasons="Swimming is in section F; the pool is shared",
        answered_on=dt.date(2026, 9, 10),
        today=TODAY,
    )

    services.final_issue(actor=cw, plan=plan, issued_on=FINAL_ON, named_setting=school, today=TODAY)
    plan.refresh_from_db()
    case.refresh_from_db()
    assert plan.status == PlanStatus.FINAL and plan.version == 1 and plan.issued_on == FINAL_ON
    assert case.stage == Stage.FINAL_ISSUED and case.final_issued_on == FINAL_ON
    consulted = OutboxMessage.objects.get(template="consultation_request")
    assert consulted.to_address == "senco@riverside.opensend.test"
    assert (
        statutory.long_date(statutory.due("consultation_response", dt.date(2026, 9, 2)))
        in consulted.body
    )
    professionals = OutboxMessage.objects.filter(template="final_plan_for_professionals")
    assert sorted(professionals.values_list("to_address", flat=True)) == [
        "commissioning@icb.opensend.test",
        "senco@riverside.opensend.test",
    ]
    final_message = OutboxMessage.objects.get(template="final_plan_issued")
    assert "Riverside Primary" in final_message.body
    review_due = statutory.due("first_annual_review", FINAL_ON)
    assert statutory.long_date(review_due) in final_message.body
    assert statutory.long_date(statutory.appeal_deadline(FINAL_ON)) in final_message.body

    version = PlanVersion.objects.get(plan=plan, is_draft=False)
    assert version.version == 1 and version.issued_on == FINAL_ON and version.issued_by == cw
    draft = PlanVersion.objects.get(plan=plan, is_draft=True)  # the draft, kept to compare
    assert draft.version == 0 and draft.issued_on == DRAFT_ON
    assert version.snapshot["needs"][0]["description"].startswith("Finds it hard")
    assert version.snapshot["I"]["named_setting"] == "Riverside Primary"
    assert AuditEvent.objects.filter(
        object_type="plans.planversion", action="create", child_id=plan.child_id
    ).exists()

    # Once final, the content changes only through a new version.
    with pytest.raises(ValidationError, match="review or amendment"):
        services.need_add(actor=cw, plan=plan, section="B", area="semh", description="x")
    version.snapshot["needs"][0]["description"] = "Changed"
    with pytest.raises(RuntimeError):
        version.save()
    assert (
        PlanVersion.objects.get(plan=plan, version=1).snapshot["needs"][0]["description"]
        != "Changed"
    )


def test_draft_starts_only_at_drafting_and_once(world):
    cw = world.users["caseworker"]
    case = casework.request_create(
        actor=cw,
        child=world.caseload_child,
        received_on=RECEIVED,
        source="parent",
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="decided to issue"):
        services.plan_draft_start(actor=cw, case=case)
    case = drafting_case(world, child=world.team_child)
    services.plan_draft_start(actor=cw, case=case)
    with pytest.raises(ValidationError, match="already has a plan"):
        services.plan_draft_start(actor=cw, case=case)
    with pytest.raises(PermissionDenied):
        services.plan_draft_start(actor=world.users["senco"], case=case)


def test_rows_of_a_draft_can_be_changed_and_removed(world):
    cw = world.users["caseworker"]
    plan = services.plan_draft_start(actor=cw, case=drafting_case(world))
    need = services.need_add(
        actor=cw, plan=plan, section="B", area="cognition", description="Reads below age"
    )
    with pytest.raises(ValidationError) as exc:
        services.need_add(actor=cw, plan=plan, section="B", area="health", description="")
    assert set(exc.value.message_dict) == {"area", "description"}
    assert services.need_add(actor=cw, plan=plan, section="C", description="Asthma").area == (
        "health"
    )
    services.need_update(
        actor=cw, need=need, section="B", area="cognition", description="Reads 2 years below"
    )
    outcome = services.outcome_add(actor=cw, plan=plan, description="Reads", need_ids=[need.pk])
    other_plan = services.plan_draft_start(
        actor=cw, case=drafting_case(world, child=world.team_child)
    )
    with pytest.raises(ValidationError, match="this plan's needs"):
        services.outcome_add(actor=cw, plan=other_plan, description="x", need_ids=[need.pk])
    services.need_remove(actor=cw, need=need)
    assert list(outcome.needs.all()) == []
    services.outcome_remove(actor=cw, outcome=outcome)
    assert not plan.outcomes.exists()
    assert AuditEvent.objects.filter(summary__startswith="Removed need").exists()


def _content(**overrides):
    content = {
        "child": {"date_of_birth": "2015-03-27"},
        "needs": [
            {"id": 1, "section": "B", "description": "Speech"},
            {"id": 2, "section": "C", "description": "Asthma"},
            {"id": 3, "section": "D", "description": "Short breaks"},
        ],
        "outcomes": [
            {"id": 10, "description": "Talks", "need_ids": [1, 2, 3]},
        ],
        "provision": [
            {
                "id": 20,
                "section": "F",
                "description": "SALT",
                "provided_by": "SALT",
                "frequency": "weekly",
                "duration": "1 hour",
                "outcome_ids": [10],
            }
        ],
    }
    content.update(overrides)
    return content


def _codes(content, nc_year=5):
    return {w.code for w in plan_warnings(content, nc_year=nc_year)}


def test_quality_checks_each_warning():
    assert _codes(_content()) == set()
    assert _codes(_content(needs=[])) >= {
        "no_special_educational_needs",
        "no_health_needs",
        "no_social_care_needs",
    }
    unlinked = _content(outcomes=[{"id": 10, "description": "Talks", "need_ids": [1, 2]}])
    assert _codes(unlinked) >= {"need_without_outcome", "outcome_without_provision"} - {
        "outcome_without_provision"
    }
    assert "need_without_outcome" in _codes(unlinked)
    no_provision = _content(provision=[])
    assert "outcome_without_provision" in _codes(no_provision)
    orphan = _content(
        outcomes=[
            {"id": 10, "description": "Talks", "need_ids": [1, 2, 3]},
            {"id": 11, "description": "Swims", "need_ids": []},
        ]
    )
    assert "outcome_without_need" in _codes(orphan)
    vague = _content(
        provision=[
            {
                "id": 20,
                "section": "F",
                "description": "Some support",
                "provided_by": "",
                "frequency": "",
                "duration": "",
                "outcome_ids": [10],
            }
        ]
    )
    [warning] = [w for w in plan_warnings(vague, nc_year=5) if w.code == "provision_not_quantified"]
    assert "who provides it, how often or how long" in warning.message
    assert "no_preparing_for_adulthood" not in _codes(_content(), nc_year=8)
    assert "no_preparing_for_adulthood" in _codes(_content(), nc_year=9)
    pfa = _content(
        outcomes=[
            {
                "id": 10,
                "description": "Travels to college",
                "need_ids": [1, 2, 3],
                "preparing_for_adulthood_area": "independent_living",
            }
        ]
    )
    assert "no_preparing_for_adulthood" not in _codes(pfa, nc_year=10)
    blocking = {w.code for w in plan_warnings(_content(needs=[], outcomes=[])) if w.blocks}
    assert blocking == {"no_special_educational_needs"}


def test_year_9_child_is_warned_about_preparing_for_adulthood(world):
    cw = world.users["caseworker"]
    world.caseload_child.date_of_birth = dt.date(2012, 10, 10)  # Year 9 in 2026/27
    world.caseload_child.save()
    plan = write_plan(cw, services.plan_draft_start(actor=cw, case=drafting_case(world)))
    codes = {w.code for w in plan_warnings_for(plan, on=TODAY)}
    assert "no_preparing_for_adulthood" in codes
    messages = [w.message for w in plan_warnings_for(plan, on=TODAY)]
    assert any("Year 9" in m for m in messages)


def test_issuing_is_refused_while_a_need_has_no_outcome(world):
    cw = world.users["caseworker"]
    case = drafting_case(world)
    plan = write_plan(cw, services.plan_draft_start(actor=cw, case=case))
    services.need_add(
        actor=cw, plan=plan, section="B", area="semh", description="Anxious in crowds"
    )
    bare = services.outcome_add(actor=cw, plan=plan, description="Eats lunch in the hall")
    with pytest.raises(ValidationError) as exc:
        services.draft_issue(actor=cw, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    message = " ".join(exc.value.messages)
    assert "No outcome answers the need “Anxious in crowds”" in message
    assert "No provision is linked to the outcome “Eats lunch in the hall”" in message
    case.refresh_from_db()
    plan.refresh_from_db()
    assert case.stage == Stage.DRAFTING and plan.draft_issued_on is None
    assert not OutboxMessage.objects.filter(template="draft_plan_issued").exists()
    services.outcome_remove(actor=cw, outcome=bare)


def test_dates_out_of_order_are_refused_and_change_nothing(world):
    cw = world.users["caseworker"]
    case = drafting_case(world)
    plan = write_plan(cw, services.plan_draft_start(actor=cw, case=case))
    with pytest.raises(ValidationError, match="future"):
        services.draft_issue(actor=cw, plan=plan, issued_on=TODAY + dt.timedelta(1), today=TODAY)
    with pytest.raises(ValidationError, match="before the decision to issue"):
        services.draft_issue(actor=cw, plan=plan, issued_on=dt.date(2026, 8, 1), today=TODAY)
    plan.refresh_from_db()
    assert plan.draft_issued_on is None
    services.draft_issue(actor=cw, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    school = SettingFactory()
    services.representation_record(
        actor=cw, plan=plan, made_on=DRAFT_ON, made_by="Mum", comments="Fine", today=TODAY
    )
    with pytest.raises(ValidationError, match="before the draft"):
        services.final_issue(
            actor=cw, plan=plan, issued_on=dt.date(2026, 8, 31), named_setting=school, today=TODAY
        )
    with pytest.raises(ValidationError, match="Choose the school"):
        services.final_issue(
            actor=cw, plan=plan, issued_on=FINAL_ON, named_setting=None, today=TODAY
        )
    with pytest.raises(ValidationError, match="before the draft was issued"):
        services.representation_record(
            actor=cw,
            plan=plan,
            made_on=dt.date(2026, 8, 30),
            made_by="Mum",
            comments="x",
            today=TODAY,
        )
    consultation = services.consultation_send(
        actor=cw, plan=plan, setting=school, sent_on=dt.date(2026, 9, 5), today=TODAY
    )
    with pytest.raises(ValidationError, match="before we asked"):
        services.consultation_response_record(
            actor=cw,
            consultation=consultation,
            responded_on=dt.date(2026, 9, 4),
            can_meet_needs="yes",
            today=TODAY,
        )
    plan.refresh_from_db()
    case.refresh_from_db()
    consultation.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.version == 0 and plan.named_setting is None
    assert case.stage == Stage.DRAFT_ISSUED and case.final_issued_on is None
    assert consultation.responded_on is None
    assert not PlanVersion.objects.filter(is_draft=False).exists()


def test_final_waits_for_the_family_window_unless_they_confirm_they_are_done(world):
    """Reg 13(1)(a): at least 15 days to comment. A comment alone does not end them; the
    family's written confirmation that they have nothing more to say does."""
    cw = world.users["caseworker"]
    plan = write_plan(cw, services.plan_draft_start(actor=cw, case=drafting_case(world)))
    services.draft_issue(actor=cw, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    school = SettingFactory()
    ready_to_issue(cw, plan, school)
    early = dt.date(2026, 9, 10)
    with pytest.raises(ValidationError, match="has until Tuesday 15 September 2026"):
        services.final_issue(
            actor=cw, plan=plan, issued_on=early, named_setting=school, today=TODAY
        )
    services.representation_record(
        actor=cw,
        plan=plan,
        made_on=dt.date(2026, 9, 3),
        made_by="Mum",
        comments="Add swimming",
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="has until Tuesday 15 September 2026"):
        services.final_issue(
            actor=cw, plan=plan, issued_on=early, named_setting=school, today=TODAY
        )
    done = services.representation_record(
        actor=cw,
        plan=plan,
        made_on=dt.date(2026, 9, 4),
        made_by="Mum",
        comments="",
        nothing_more_to_say=True,
        today=TODAY,
    )
    assert done.nothing_more_to_say and not done.needs_answer
    ready_to_issue(cw, plan, school)  # answers "Add swimming"
    services.final_issue(actor=cw, plan=plan, issued_on=early, named_setting=school, today=TODAY)
    plan.refresh_from_db()
    assert plan.issued_on == early


def test_after_the_window_the_final_plan_may_be_issued_without_comments(world):
    cw = world.users["caseworker"]
    plan = write_plan(cw, services.plan_draft_start(actor=cw, case=drafting_case(world)))
    services.draft_issue(actor=cw, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    school = SettingFactory()
    ready_to_issue(cw, plan, school)
    services.final_issue(
        actor=cw, plan=plan, issued_on=dt.date(2026, 9, 16), named_setting=school, today=TODAY
    )


def test_parent_comments_on_their_own_childs_draft_only_in_the_window(world):
    admin, parent = world.users["admin"], world.users["parent"]
    case = drafting_case(world, child=world.parents_child, actor=admin)
    plan = write_plan(admin, services.plan_draft_start(actor=admin, case=case))
    with pytest.raises(ValidationError, match="not been issued"):
        services.representation_record(
            actor=parent, plan=plan, made_on=TODAY, made_by="Mum", comments="x", today=TODAY
        )
    services.draft_issue(actor=admin, plan=plan, issued_on=dt.date(2026, 11, 16), today=TODAY)
    school = SettingFactory()
    services.representation_record(
        actor=parent,
        plan=plan,
        made_on=TODAY,
        made_by="Mum",
        comments="More speech therapy please",
        preferred_setting=school,
        today=TODAY,
    )
    plan.refresh_from_db()
    assert plan.preferred_setting == school
    late = dt.date(2026, 12, 1)
    with pytest.raises(ValidationError, match="ended on"):
        services.representation_record(
            actor=parent, plan=plan, made_on=late, made_by="Mum", comments="x", today=late
        )
    other = write_plan(admin, services.plan_draft_start(actor=admin, case=drafting_case(world)))
    services.draft_issue(actor=admin, plan=other, issued_on=dt.date(2026, 11, 16), today=TODAY)
    with pytest.raises(PermissionDenied):
        services.representation_record(
            actor=parent, plan=other, made_on=TODAY, made_by="Mum", comments="x", today=TODAY
        )
    with pytest.raises(PermissionDenied):
        services.need_add(actor=parent, plan=plan, section="B", area="semh", description="x")


def test_pdf_and_version_comparison(world):
    cw = world.users["caseworker"]
    plan = write_plan(cw, services.plan_draft_start(actor=cw, case=drafting_case(world)))
    body = plan_pdf(plan)
    assert body.startswith(b"%PDF")
    assert plan_pdf(plan, large_print=True).startswith(b"%PDF")
    before = plan_content(plan)
    services.need_add(actor=cw, plan=plan, section="B", area="semh", description="Anxiety")
    changes = {c.code: c for c in content_compare(before, plan_content(plan))}
    assert changes["B"].changed and "Social, emotional and mental health: Anxiety" in (
        changes["B"].after
    )
    assert not changes["F"].changed and not changes["A"].changed


def test_a_ceased_plan_cannot_be_consulted_on(world):
    from opensend.plans.models import EHCPlan, PlanStatus

    cw = world.users["caseworker"]
    plan = EHCPlan.objects.create(
        child=world.caseload_child, status=PlanStatus.CEASED, version=1, issued_on=DRAFT_ON
    )
    with pytest.raises(ValidationError, match="has ceased"):
        services.consultation_send(
            actor=cw, plan=plan, setting=SettingFactory(), sent_on=TODAY, today=TODAY
        )
    assert not plan.consultations.exists()
