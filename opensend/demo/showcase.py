"""The demo parent's two children at telling stages (issue 14, item 10), the same for every seed.

parent@demo.opensend.test sees:

- the younger child being assessed: we decided to assess about 10 weeks ago; the school's and the
  educational psychologist's advice is in, the health advice is late and the social care advice
  (asked later, when a social worker became involved) is due in a few days; we have decided to
  write a plan and the draft is being written, so their page says when it will come;
- the older child with a plan: its annual review was held three weeks ago, we decided to amend the
  plan and sent the proposed changes six days ago, so the family's 15 days to comment are open.

The random stages (`demo.cases`, `demo.plans`) leave these two children alone, so reviews,
transfers and disputes never touch them; this stage runs after those and before the messages
and feedback, which are about these records. Rows are written directly, like the other demo
stages (no messages are sent, no audit rows: see docs/demo-area.md); every date is from
`opensend.statutory`."""

from datetime import date

from opensend import statutory
from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.casework.clocks import clocks_for
from opensend.casework.models import (
    AdviceKind,
    AdviceRequest,
    AssessmentRequest,
    CaseStep,
    RequestSource,
    Stage,
    StepKind,
)
from opensend.core.clocks import next_open_clock
from opensend.demo.cases import _advice_text
from opensend.demo.logins import demo_parent_children
from opensend.demo.plans import _golden_threads, _placement
from opensend.people.models import Child, Enrolment, Setting
from opensend.plans.models import EHCPlan, PlanStatus
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.annual_clocks import review_clocks, review_lead_for, soonest_open
from opensend.reviews.models import (
    Amendment,
    AmendmentSource,
    AmendmentStatus,
    AnnualReview,
    ReviewDecision,
    ReviewStage,
)

# Days before today; see the module docstring for the story they tell.
DECIDED_TO_ASSESS = 70
RECEIVED = DECIDED_TO_ASSESS + 33
ADVICE_ASKED = DECIDED_TO_ASSESS - 2
SOCIAL_CARE_ASKED = 37  # its 6 weeks end 5 days from today
DECIDED_TO_ISSUE = 4
REVIEW_HELD = 24
AMENDMENTS_SENT = 6  # the family's 15 days end 8 days from today
PLAN_AGE_MONTHS = 11


def _ago(today: date, days: int) -> date:
    return statutory.add_days(today, -days)


def build_demo_showcase(*, seed: int, today: date) -> int:
    """The demo parent's children's assessment and plan; returns how many children (2)."""
    del seed  # the same story for every seed
    ids = demo_parent_children()
    if len(ids) != 2:
        return 0
    older, younger = Child.objects.in_bulk(ids).values()
    if older.date_of_birth > younger.date_of_birth:
        older, younger = younger, older
    schools = dict(
        Enrolment.objects.filter(child_id__in=ids, ended_on__isnull=True, is_main=True).values_list(
            "child_id", "setting_id"
        )
    )
    _assessment(younger, schools.get(younger.pk), today)
    _plan_being_amended(older, schools.get(older.pk), today)
    return 2


def _assessment(child: Child, setting_id: int | None, today: date) -> None:
    received = _ago(today, RECEIVED)
    to_assess, to_issue = _ago(today, DECIDED_TO_ASSESS), _ago(today, DECIDED_TO_ISSUE)
    setting_org = (
        Organisation.objects.filter(kind=OrganisationKind.SETTING, setting_id=setting_id).first()
        if setting_id
        else None
    )
    case = AssessmentRequest.objects.create(
        child=child,
        received_on=received,
        source=RequestSource.PARENT,
        stage=Stage.DRAFTING,
        caseworker_id=child.caseworker_id,
        needs_summary="Finds it hard to follow spoken instructions and to play with others "
        "(synthetic demo text).",
        support_tried="SEN support at school for three terms (synthetic demo text).",
        acknowledged_on=statutory.add_days(received, 2),
        assess_decision_on=to_assess,
        issue_decision_on=to_issue,
    )
    asked = _ago(today, ADVICE_ASKED)
    kinds = [OrganisationKind.EP_SERVICE, OrganisationKind.NHS, OrganisationKind.SOCIAL_CARE]
    orgs = {o.kind: o for o in Organisation.objects.filter(kind__in=kinds).order_by("pk")}
    advice = [
        # (kind, who, asked, answered): two in, one late, one due soon.
        (AdviceKind.EDUCATION, setting_org, asked, _ago(today, 35)),
        (
            AdviceKind.EDUCATIONAL_PSYCHOLOGY,
            orgs.get(OrganisationKind.EP_SERVICE),
            asked,
            _ago(today, 30),
        ),
        (AdviceKind.HEALTH, orgs.get(OrganisationKind.NHS), asked, None),
        (
            AdviceKind.SOCIAL_CARE,
            orgs.get(OrganisationKind.SOCIAL_CARE),
            _ago(today, SOCIAL_CARE_ASKED),
            None,
        ),
    ]
    rows = [
        AdviceRequest(
            request=case,
            kind=kind,
            organisation=org,
            requested_on=on,
            received_on=answered,
            **(_advice_text(kind, no_needs=False) if answered else {}),
        )
        for kind, org, on, answered in advice
        if org is not None
    ]
    AdviceRequest.objects.bulk_create(rows)
    steps = [
        (StepKind.RECEIVED, received, "Request received"),
        (StepKind.DECIDED_TO_ASSESS, to_assess, "Panel agreed to assess"),
    ]
    for row in rows:
        steps.append((StepKind.ADVICE_REQUESTED, row.requested_on, row.get_kind_display()))
        if row.received_on:
            steps.append((StepKind.ADVICE_RECEIVED, row.received_on, row.get_kind_display()))
    steps.append((StepKind.DECIDED_TO_ISSUE, to_issue, "A plan is needed"))
    CaseStep.objects.bulk_create(
        CaseStep(request=case, kind=k, occurred_on=on, summary=s) for k, on, s in steps
    )
    upcoming = next_open_clock(clocks_for(case))
    case.next_due_on = upcoming.due_on if upcoming else None
    case.next_due_rule = upcoming.rule_id if upcoming else ""
    case.save(update_fields=["next_due_on", "next_due_rule"])
    draft = EHCPlan.objects.create(
        child=child,
        request=case,
        status=PlanStatus.DRAFT,
        about_me="I like trains and drawing. I find busy rooms too loud (synthetic demo text).",
        named_setting_id=setting_id,
    )
    _golden_threads([draft], ["communication"])


def _plan_being_amended(child: Child, setting_id: int | None, today: date) -> None:
    issued = statutory.add_months(today, -PLAN_AGE_MONTHS)
    setting = Setting.objects.filter(pk=setting_id).first() if setting_id else None
    kind = setting.kind if setting else None
    plan = EHCPlan.objects.create(
        child=child,
        status=PlanStatus.FINAL,
        version=1,
        issued_on=issued,
        named_setting_id=setting_id,
        placement_type=_placement(kind),
        about_me="I like football and being with my friends. I want to be a mechanic "
        "(synthetic demo text).",
    )
    _golden_threads([plan], ["communication"])
    held, decided = _ago(today, REVIEW_HELD), _ago(today, AMENDMENTS_SENT)
    first = statutory.review_due_choice(
        date_of_birth=child.date_of_birth, trigger=issued, first=True
    )
    common = {
        "plan": plan,
        "child": child,
        "setting_id": setting_id,
        "led_by": review_lead_for(kind),
        "caseworker_id": child.caseworker_id,
    }
    review = AnnualReview.objects.create(
        kind=first.kind,
        stage=ReviewStage.DECIDED,
        due_by=first.due_by,
        due_rule=first.rule_id,
        due_from=first.trigger,
        meeting_on=held,
        invitations_sent_on=_ago(today, REVIEW_HELD + 21),
        held_on=held,
        report_sent_on=_ago(today, REVIEW_HELD - 8),
        child_views="I want more help with talking to people (synthetic demo text).",
        family_views="Speech and language therapy once a week is not enough (synthetic).",
        progress="Good progress towards the reading outcome; slower with conversation.",
        recommendation=ReviewDecision.AMEND,
        recommended_changes="More speech and language therapy.",
        decision=ReviewDecision.AMEND,
        decided_on=decided,
        decision_reasons="The review showed the therapy in section F is not enough.",
        **common,
    )
    nxt = statutory.review_due_choice(date_of_birth=child.date_of_birth, trigger=held, first=False)
    following = AnnualReview(
        kind=nxt.kind, due_by=nxt.due_by, due_rule=nxt.rule_id, due_from=nxt.trigger, **common
    )
    following.next_due_on = soonest_open(review_clocks(following))
    following.save()
    amendment = Amendment(
        plan=plan,
        child=child,
        source=AmendmentSource.REVIEW,
        review=review,
        caseworker_id=child.caseworker_id,
        status=AmendmentStatus.PROPOSED,
        summary="Increase speech and language therapy to twice a week.",
        evidence="Speech and language therapy report for the review.",
        meeting_on=held,
        proposed_on=decided,
        base_version=1,
    )
    amendment.next_due_on = soonest_open(amendment_clocks(amendment, comments_on=[]))
    amendment.save()
