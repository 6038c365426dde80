"""Feedback from families in the demo area (opensend.feedback).

Some families told us how a stage went: most by phone or on paper (the demo's families have no
accounts, so the child's caseworker typed their answers in), over the last year, so the figures
page has something to count in every stage. The demo parent answered the first of their
children's done stages online and has the others still to answer, so their child's page shows
"Tell us how it went". The council has written a few "You said, we did" entries. Every word is
made up."""

import random
from datetime import date

from opensend import statutory
from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.casework.models import AssessmentRequest
from opensend.demo.logins import LOGIN_BY_ROLE
from opensend.feedback.models import AnswerRoute, SurveyAnswer, SurveyStage, YouSaidWeDid
from opensend.people.models import FamilyRelationship
from opensend.plans.models import EHCPlan
from opensend.reviews.models import AnnualReview

# Roughly how often each stage is answered, and the spread of answers.
SHARE_ANSWERED = 0.3
SATISFACTION_WEIGHTS = {5: 3, 4: 4, 3: 2, 2: 2, 1: 1}
COMMENTS = (
    "The letter was clear and the caseworker rang to explain it.",
    "We waited a long time and nobody told us why.",
    "I felt listened to at the meeting.",
    "The draft did not say enough about speech therapy.",
    "",
    "",
)
YOU_SAID_WE_DID = (
    (
        "You told us our letters were long and hard to read.",
        "We rewrote our decision letters in plain English with families from the parent carer "
        "forum.",
        -200,
    ),
    (
        "You said you did not know what happens next or who to ask.",
        "Every family now has a page showing each step, its date and who is doing it.",
        -120,
    ),
    (
        "You said you had to tell your story again and again.",
        "What you tell us about your child now goes into every request for advice.",
        -60,
    ),
    (
        "You said it was hard to reach your caseworker.",
        "You can now send your caseworker a message, and we reply within five working days.",
        -20,
    ),
)


def _done_stages(today: date, since: date) -> list[tuple[int, str, date]]:
    """(child id, stage, the day it was done) for stages done in the last year."""
    rows: list[tuple[int, str, date]] = []
    sources = (
        (AssessmentRequest.objects, "assess_decision_on", SurveyStage.REQUEST_DECISION),
        (EHCPlan.objects, "draft_issued_on", SurveyStage.DRAFT_PLAN),
        (EHCPlan.objects.filter(version__gte=1), "issued_on", SurveyStage.FINAL_PLAN),
        (AnnualReview.objects, "decided_on", SurveyStage.REVIEW_DECISION),
    )
    for records, field, stage in sources:
        done = records.filter(**{f"{field}__gte": since, f"{field}__lte": today})
        rows += [(c, stage.value, on) for c, on in done.values_list("child_id", field)]
    return sorted(set(rows))


def build_demo_feedback(*, seed: int, today: date) -> int:
    """Survey answers and "You said, we did" entries; returns how many answers were made."""
    rng = random.Random(seed * 7919 + 3)
    parent = User.objects.filter(email=LOGIN_BY_ROLE[Role.PARENT].email).first()
    manager = User.objects.filter(email=LOGIN_BY_ROLE[Role.TEAM_MANAGER].email).first()
    done = _done_stages(today, statutory.add_months(today, -12))
    members: dict[int, list[FamilyRelationship]] = {}
    for r in FamilyRelationship.objects.filter(
        child_id__in={c for c, _, _ in done}, has_parental_responsibility=True
    ).select_related("family_member", "child__caseworker"):
        members.setdefault(r.child_id, []).append(r)
    answers: list[SurveyAnswer] = []
    parent_answered = False
    for child_id, stage, on in done:
        for rel in members.get(child_id, [])[:1]:
            member = rel.family_member
            if parent is not None and member.user_id == parent.pk:
                if parent_answered:
                    continue  # left for the demo parent to answer
                parent_answered = True
                answers.append(_answer(rng, rel, stage, today, parent, AnswerRoute.ONLINE))
                continue
            cw = rel.child.caseworker
            if cw is None or rng.random() > SHARE_ANSWERED:
                continue
            answered_on = min(today, statutory.add_days(on, rng.randint(3, 30)))
            route = AnswerRoute.PHONE if rng.random() < 0.6 else AnswerRoute.PAPER
            answers.append(_answer(rng, rel, stage, answered_on, cw, route))
    SurveyAnswer.objects.bulk_create(answers)
    if manager is not None:
        YouSaidWeDid.objects.bulk_create(
            YouSaidWeDid(
                you_said=said,
                we_did=did,
                done_on=statutory.add_days(today, days),
                updated_by=manager,
            )
            for said, did, days in YOU_SAID_WE_DID
        )
    return len(answers)


def _answer(
    rng: random.Random,
    rel: FamilyRelationship,
    stage: str,
    on: date,
    recorded_by: User,
    route: str,
) -> SurveyAnswer:
    satisfaction = rng.choices(list(SATISFACTION_WEIGHTS), list(SATISFACTION_WEIGHTS.values()))[0]
    happy = satisfaction >= 4
    return SurveyAnswer(
        child_id=rel.child_id,
        stage=stage,
        family_member=rel.family_member,
        clear="yes" if happy or rng.random() < 0.4 else rng.choice(["partly", "no"]),
        listened_to="yes" if happy else rng.choice(["yes", "partly", "no"]),
        satisfaction=satisfaction,
        comments=rng.choice(COMMENTS),
        route=route,
        answered_on=on,
        recorded_by=recorded_by,
    )
