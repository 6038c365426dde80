"""Journey builders shared by the tests of several apps, each through the real services with
fixed dates: a case at "drafting" and a complete plan (plans), a final plan and a review walked to
a given step (reviews)."""

import datetime as dt

from opensend.casework import services as casework
from opensend.casework.models import Stage
from opensend.plans import services as plan_services
from opensend.reviews import services as review_services
from opensend.reviews.models import AnnualReview

TODAY = dt.date(2026, 11, 20)
RECEIVED = dt.date(2026, 6, 1)
DECIDED_TO_ISSUE = dt.date(2026, 8, 20)
DRAFT_ON = dt.date(2026, 9, 1)
FINAL_ON = dt.date(2026, 9, 20)
ASSESS_ON = dt.date(2026, 7, 1)
ADVICE_ASKED_ON = dt.date(2026, 7, 2)


def new_request(world, **overrides):
    """A request from the caseload child's setting, received on RECEIVED (casework services)."""
    args = {
        "actor": world.users["caseworker"],
        "child": world.caseload_child,
        "received_on": RECEIVED,
        "source": "setting",
        "requested_by_setting": world.setting,
        "needs_summary": "Speech and language needs",
        "support_tried": "Small-group SALT programme",
        "today": TODAY,
    }
    args.update(overrides)
    return casework.request_create(**args)


def parent_request(world, *, child=None, actor=None, received_on=RECEIVED):
    """A request from the family for the caseload child (or `child`), received on RECEIVED."""
    return casework.request_create(
        actor=actor or world.users["caseworker"],
        child=child or world.caseload_child,
        received_on=received_on,
        source="parent",
        today=TODAY,
    )


def decide_whether_to_assess(world, case, *, assess, actor=None, decided_on=ASSESS_ON, reasons="x"):
    """Record the decision whether to assess `case` (casework services)."""
    return casework.assessment_decision_record(
        actor=actor or world.users["caseworker"],
        case=case,
        assess=assess,
        decided_on=decided_on,
        reasons=reasons,
        today=TODAY,
    )


def decide_to_assess(world, case, **decision):
    """Record the decision to assess `case`: on ASSESS_ON for reasons "x" unless told."""
    return decide_whether_to_assess(world, case, assess=True, **decision)


def decide_to_issue(world, case, *, actor=None, decided_on=DECIDED_TO_ISSUE, reasons="Plan needed"):
    """Record the decision to issue a plan for `case` (casework services)."""
    return casework.issue_decision_record(
        actor=actor or world.users["caseworker"],
        case=case,
        issue=True,
        decided_on=decided_on,
        reasons=reasons,
        today=TODAY,
    )


def ask_health(world, case, *, requested_on=ADVICE_ASKED_ON):
    """Ask the health organisation for advice on `case`: the AdviceRequest."""
    return casework.advice_request_send(
        actor=world.users["caseworker"],
        case=case,
        kind="health",
        organisation=world.health_org,
        requested_on=requested_on,
        today=TODAY,
    )


def assessing_case(world):
    """A family's request, decided to assess on ASSESS_ON, with health asked for advice:
    (case, advice)."""
    case = parent_request(world)
    decide_to_assess(world, case)
    return case, ask_health(world, case)


def drafting_case(world, *, child=None, actor=None):
    """A case at "drafting", built through the casework services with fixed dates."""
    actor = actor or world.users["caseworker"]
    case = parent_request(world, child=child, actor=actor)
    decide_to_assess(
        world,
        case,
        actor=actor,
        decided_on=dt.date(2026, 7, 6),
        reasons="Needs beyond SEN support",
    )
    casework.family_views_record(
        actor=actor,
        case=case,
        about_me="I love trains and drawing",
        aspirations="To work with animals",
        given_by="Ava, with her dad",
    )
    decide_to_issue(world, case, actor=actor)
    case.refresh_from_db()
    assert case.stage == Stage.DRAFTING
    return case


def write_plan(actor, plan):
    """A complete golden thread: needs in B, C and D, each with an outcome and provision."""
    for section, area, need_text, outcome_text, provision_section in [
        (
            "B",
            "communication",
            "Finds it hard to follow spoken instructions",
            "Follows two-step instructions in class",
            "F",
        ),
        ("C", "", "Epilepsy, controlled by medication", "Stays safe and well at school", "G"),
        ("D", "", "Needs support to join clubs after school", "Goes to a weekly club", "H2"),
    ]:
        need = plan_services.need_add(
            actor=actor, plan=plan, section=section, area=area, description=need_text
        )
        outcome = plan_services.outcome_add(
            actor=actor,
            plan=plan,
            description=outcome_text,
            by_when="by the end of Key Stage 2",
            need_ids=[need.pk],
        )
        plan_services.provision_add(
            actor=actor,
            plan=plan,
            section=provision_section,
            description=f"Support for: {outcome_text}",
            provided_by="Speech and language therapist",
            frequency="3 times a week",
            duration="30 minutes",
            group_size="1:1",
            location="In class",
            outcome_ids=[outcome.pk],
        )
    return plan


MEETING = dt.date(2026, 11, 16)
INVITED = dt.date(2026, 10, 30)
REPORTED = dt.date(2026, 11, 18)
DECIDED = TODAY  # 20 November 2026


def final_plan(world, *, child=None, actor=None, setting=None):
    """A final plan issued on FINAL_ON through the plans services (its first review planned)."""
    actor = actor or world.users["caseworker"]
    case = drafting_case(world, child=child, actor=actor)
    plan = write_plan(actor, plan_services.plan_draft_start(actor=actor, case=case))
    plan_services.draft_issue(actor=actor, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    plan_services.representation_record(
        actor=actor, plan=plan, made_on=DRAFT_ON, made_by="Dad", comments="Fine", today=TODAY
    )
    ready_to_issue(actor, plan, setting or world.setting)
    review_services.final_plan_issue(
        actor=actor,
        plan=plan,
        issued_on=FINAL_ON,
        named_setting=setting or world.setting,
        today=TODAY,
    )
    plan.refresh_from_db()
    return plan


def ready_to_issue(actor, plan, setting, *, on=DRAFT_ON):
    """What the law asks before the final issue (plans.readiness): `setting` consulted and its
    reply on file, and every comment from the family answered."""
    if not plan.consultations.filter(setting=setting, responded_on__isnull=False).exists():
        consultation = plan_services.consultation_send(
            actor=actor, plan=plan, setting=setting, sent_on=on, today=TODAY
        )
        plan_services.consultation_response_record(
            actor=actor,
            consultation=consultation,
            responded_on=on,
            can_meet_needs="yes",
            today=TODAY,
        )
    for comment in plan.representations.filter(answer=""):
        plan_services.representation_answer(
            actor=actor,
            representation=comment,
            answer="accepted",
            reasons="",
            answered_on=max(comment.made_on, on),
            today=TODAY,
        )


def open_review(plan) -> AnnualReview:
    return AnnualReview.objects.get(plan=plan, stage__in=["planned", "invited", "held", "reported"])


def walk(actor, review, *, to: str, recommendation: str = "amend", **report):
    """Take a review through its steps up to `to` (meeting, invited, held, reported)."""
    review_services.review_meeting_set(actor=actor, review=review, meeting_on=MEETING, today=TODAY)
    if to == "meeting":
        return open_review(review.plan)
    review_services.review_invitations_send(
        actor=actor, review=review, sent_on=INVITED, today=TODAY
    )
    if to == "invited":
        return open_review(review.plan)
    review_services.review_meeting_held(actor=actor, review=review, held_on=MEETING, today=TODAY)
    if to == "held":
        return open_review(review.plan)
    review_services.review_report_submit(
        actor=actor,
        review=review,
        report_sent_on=REPORTED,
        recommendation=recommendation,
        child_views="I like my school",
        family_views="Going well",
        progress="Good progress on every outcome",
        today=TODAY,
        **report,
    )
    return open_review(review.plan)


def decide(actor, review, decision, **fields):
    """The review's decision (`maintain`, `amend`, `cease`...), made on DECIDED for reasons "r"
    unless `fields` say otherwise."""
    return review_services.review_decide(
        actor=actor,
        review=review,
        decision=decision,
        **{"decided_on": DECIDED, "reasons": "r", "today": TODAY, **fields},
    )
