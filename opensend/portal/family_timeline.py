"""The family's timeline of a child's EHC journey: every step done and every step ahead, each
in one plain sentence with its date, who does it and a link to more help (issue 14, item 2).

Every date comes from the journey apps' clocks (`casework.clocks.clocks_for`,
`reviews.annual_clocks.review_clocks`, `reviews.amendments.clocks.amendment_clocks`), which ask
`opensend.statutory`; nothing is counted here. Only the day's position on the 20-week bar is
worked out here, with `statutory.days_until`.

A young person reading about themselves is "you"; anyone else reading is told the child's or
young person's first name, so a young person aged 16 or over is never "your child".
"""

from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings
from django.urls import reverse

from opensend import statutory
from opensend.accounts.permissions import access_for
from opensend.casework.clocks import clocks_for
from opensend.casework.models import OPEN_STAGES, AssessmentRequest, Stage
from opensend.core.clocks import Clock
from opensend.core.types import Actor
from opensend.people.models import Child
from opensend.people.sharing import EVERYTHING, ParentView, parent_view_of
from opensend.plans.models import EHCPlan, PlanStatus
from opensend.plans.selectors import plan_list_for_user
from opensend.reviews import heard
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.annual_clocks import review_clocks
from opensend.reviews.models import OPEN_REVIEW_STAGES, Amendment, AnnualReview, ReviewStage

JOURNEY_WEEKS = 20
US = "The SEND team"
YOU = "You"


@dataclass(frozen=True)
class Reader:
    """How the page speaks about the child: `name` ("Amir" or "you"), `their` ("Amir's" or
    "your")."""

    name: str
    their: str
    is_young_person: bool


def reader_for(user: Actor, child: Child) -> Reader:
    if access_for(user).young_person_child_id == child.pk:
        return Reader("you", "your", True)
    first = child.preferred_name or child.given_name
    return Reader(first, f"{first}'s", False)


@dataclass(frozen=True)
class FamilyStep:
    on: date
    done: bool
    sentence: str
    who: str
    help_id: str
    overdue: bool = False
    family_step: bool = False
    exception: str = ""
    url: str = ""
    link_text: str = ""


# rule id -> (the sentence for a step ahead, the sentence once it is done). {name} and {their}
# come from the Reader; {date} is the due date written out; {who} names an adviser.
SENTENCES: dict[str, tuple[str, str]] = {
    "decide_whether_to_assess": (
        "We will tell you by {date} whether we will carry out an EHC needs assessment for {name}.",
        "We decided to carry out an EHC needs assessment for {name}.",
    ),
    "provide_advice": (
        "{who} will send us their advice about {name} by {date}.",
        "{who} sent us their advice about {name}.",
    ),
    "notify_decision_not_to_issue": (
        "If we decide not to write an EHC plan for {name}, we will tell you by {date}.",
        "We decided to write an EHC plan for {name}.",
    ),
    "draft_plan_representations": (
        "You can tell us what you think of the draft plan, and which school or college you "
        "would like, until {date}.",
        "You had 15 days to tell us what you think of the draft plan.",
    ),
    "issue_final_plan": (
        "We will send you {their} final EHC plan by {date}.",
        "We sent you {their} final EHC plan.",
    ),
    "first_annual_review": (
        "{their_cap} plan must be reviewed at a meeting by {date}.",
        "{their_cap} plan was reviewed at a meeting.",
    ),
    "next_annual_review": (
        "{their_cap} plan must be reviewed at a meeting by {date}.",
        "{their_cap} plan was reviewed at a meeting.",
    ),
    "early_years_review": (
        "{their_cap} plan should be reviewed at a meeting by {date}.",
        "{their_cap} plan was reviewed at a meeting.",
    ),
    "review_invitations": (
        "Everyone will be invited to the review meeting, and sent the advice, by {date}.",
        "Everyone was invited to the review meeting.",
    ),
    "review_report": (
        "You will get the report of the review meeting by {date}.",
        "We sent you the report of the review meeting.",
    ),
    "review_decision": (
        "We will tell you by {date} whether we will keep, change or end the plan.",
        "We told you whether we will keep, change or end the plan.",
    ),
    "amendment_representations": (
        "You can tell us what you think of the changes we want to make to the plan until {date}.",
        "You told us what you think of the changes we want to make to the plan.",
    ),
    "issue_amended_plan": (
        "We will send you the changed plan by {date}.",
        "We sent you the changed plan.",
    ),
    "amended_plan_outer_limit": (
        "The changed plan must be ready by {date}, at the latest.",
        "The changed plan was ready.",
    ),
}
FAMILY_RULES = frozenset({"draft_plan_representations", "amendment_representations"})
HELP_IDS = {
    "first_annual_review": "annual_review",
    "next_annual_review": "annual_review",
    "early_years_review": "annual_review",
    "review_invitations": "annual_review",
    "review_report": "annual_review",
    "review_decision": "annual_review",
    "issue_amended_plan": "amendments",
    "amended_plan_outer_limit": "amendments",
    "amendment_representations": "amendments",
}


def _advice_name(advice: object) -> str:
    kind = getattr(advice, "get_kind_display", lambda: "")().split(" (")[0].lower()
    organisation = getattr(advice, "organisation", "")
    if kind and not kind.endswith("advice"):
        kind = f"{kind} advice"  # "health advice", but "educational advice" once
    return f"{organisation} ({kind})" if kind else str(organisation)


def _exception_words(exception: object) -> str:
    """Why a time limit does not apply, in the rules engine's plain words."""
    try:
        return statutory.StatutoryException(getattr(exception, "ground", None)).label
    except ValueError:
        return ""


def _who(clock: Clock, adviser: str) -> str:
    if clock.rule_id == "provide_advice":
        return adviser
    if clock.family_step or clock.rule_id in FAMILY_RULES:
        return YOU
    if clock.rule_id in ("review_invitations", "review_report"):
        return "Whoever runs the review: the school, college or the SEND team"
    return US


def _sentence(clock: Clock, reader: Reader, *, done: bool, adviser: str = "") -> str:
    ahead, past = SENTENCES.get(clock.rule_id, (clock.explanation, clock.title))
    template = past if done else ahead
    their_cap = reader.their[0].upper() + reader.their[1:]
    text = template.format(
        name=reader.name,
        their=reader.their,
        their_cap=their_cap,
        date=statutory.long_date(clock.due_on),
        who=adviser,
    )
    return text[0].upper() + text[1:]


def _step_from_clock(
    clock: Clock, reader: Reader, today: date, *, url: str = "", link_text: str = ""
) -> FamilyStep:
    adviser = _advice_name(clock.about) if clock.about is not None else ""
    done = clock.done_on is not None
    family = clock.family_step or clock.rule_id in FAMILY_RULES
    overdue = not done and clock.due_on < today
    return FamilyStep(
        on=clock.done_on if clock.done_on is not None else clock.due_on,
        done=done,
        sentence=_sentence(clock, reader, done=done, adviser=adviser),
        who=_who(clock, adviser),
        help_id=HELP_IDS.get(clock.rule_id, clock.rule_id),
        overdue=overdue and not family,
        family_step=family,
        exception=_exception_words(clock.exception) if overdue else "",
        url=url,
        link_text=link_text,
    )


def _plan_link(plan: EHCPlan | None, reader: Reader) -> tuple[str, str]:
    if plan is None:
        return "", ""
    what = "draft plan" if plan.is_draft else "plan"
    return reverse("plans:plan_detail", args=[plan.pk]), f"Read {reader.their} {what}"


def _done_by_us(
    on: date, sentence: str, help_id: str, *, url: str = "", link_text: str = ""
) -> FamilyStep:
    return FamilyStep(
        on=on, done=True, sentence=sentence, who=US, help_id=help_id, url=url, link_text=link_text
    )


def _case_steps(
    case: AssessmentRequest, reader: Reader, today: date, plan: EHCPlan | None
) -> list[FamilyStep]:
    steps = [
        _done_by_us(
            case.received_on,
            f"We got the request for an EHC needs assessment for {reader.name}.",
            "request",
        )
    ]
    if case.stage == Stage.NOT_ASSESSING and case.assess_decision_on:
        steps.append(
            _done_by_us(
                case.assess_decision_on,
                f"We decided not to carry out an EHC needs assessment for {reader.name}.",
                "decide_whether_to_assess",
            )
        )
    if plan is not None and plan.draft_issued_on:
        url, text = _plan_link(plan, reader)
        steps.append(
            _done_by_us(
                plan.draft_issued_on,
                f"We sent you {reader.their} draft EHC plan.",
                "draft_plan_representations",
                url=url,
                link_text=text,
            )
        )
    for clock in clocks_for(case):
        if case.stage == Stage.NOT_ASSESSING and clock.rule_id == "decide_whether_to_assess":
            continue
        url, text = ("", "")
        if clock.rule_id in ("draft_plan_representations", "issue_final_plan"):
            url, text = _plan_link(plan, reader)
        step = _step_from_clock(clock, reader, today, url=url, link_text=text)
        if clock.rule_id == "notify_decision_not_to_issue" and case.stage == Stage.NOT_ISSUING:
            step = replace(step, sentence=f"We decided not to write an EHC plan for {reader.name}.")
        steps.append(step)
        if clock.rule_id == "issue_final_plan" and case.stage == Stage.DRAFTING:
            steps += _draft_coming(clock, reader, today)
    return steps


def _draft_coming(final: Clock, reader: Reader, today: date) -> list[FamilyStep]:
    """While we write the draft: when it comes, so the family's 15 days end before the final
    plan is due (`statutory.draft_plan_latest`). No date when that time limit does not apply."""
    if final.exception is not None:
        return []
    by = statutory.draft_plan_latest(final.due_on)
    return [
        FamilyStep(
            on=by,
            done=False,
            sentence=f"We are writing {reader.their} draft EHC plan. We will send it to you by "
            f"{statutory.long_date(by)}. You will then have 15 days to tell us what you think.",
            who=US,
            help_id="draft_plan_representations",
            overdue=by < today,
        )
    ]


def _plan_steps(plan: EHCPlan, reader: Reader, today: date) -> list[FamilyStep]:
    steps: list[FamilyStep] = []
    url, text = _plan_link(plan, reader)
    review = (
        AnnualReview.objects.filter(plan=plan, stage__in=OPEN_REVIEW_STAGES)
        .order_by("due_by")
        .first()
    )
    # The last review held, with what was done and when (its clocks are the done ones).
    last = (
        AnnualReview.objects.filter(plan=plan, stage=ReviewStage.DECIDED)
        .order_by("-held_on", "-pk")
        .first()
    )
    for r in (last, review):
        if r is not None:
            steps += [
                _step_from_clock(c, reader, today, url=url, link_text=text)
                for c in review_clocks(r)
            ]
    if review is not None and review.stage in heard.BEFORE_MEETING:
        steps += _views_step(review, reader, today)
    for amendment in Amendment.objects.filter(plan=plan, status__in=Amendment.OPEN_STATUSES):
        steps += [
            _step_from_clock(c, reader, today, url=url, link_text=text)
            for c in amendment_clocks(amendment)
            if c.rule_id != "review_decision" or (review is None and last is None)
        ]
    return steps


def _views_step(review: AnnualReview, reader: Reader, today: date) -> list[FamilyStep]:
    """The family's views before the review meeting, by 2 weeks before it (reg 20(4)), once
    the meeting has a date: done when the family (or staff for them) sent views."""
    due = heard.views_by(review)
    if due is None:
        return []
    sent = (
        review.contributions.filter(kind__in=heard.FAMILY_KINDS)
        .order_by("received_on")
        .values_list("received_on", flat=True)
        .first()
    )
    page = heard.views_page_url(review)
    if sent is not None:
        sentence = "You sent us your views for the review meeting."
    else:
        sentence = (
            f"Tell us your views before the review meeting. Please send them by "
            f"{statutory.long_date(due)}."
        )
    return [
        FamilyStep(
            on=sent or due,
            done=sent is not None,
            sentence=sentence,
            who=YOU,
            help_id="annual_review",
            family_step=True,
            url=page,
            link_text="Send your views" if sent is None else "Send more views",
        )
    ]


@dataclass(frozen=True)
class Milestone:
    week: int
    title: str
    on: date  # when it was done, or when it is due
    done: bool


@dataclass(frozen=True)
class JourneyBar:
    """The 20 weeks from the request to the final plan, and where today is."""

    received_on: date
    final_due: date
    week: int  # today's week, 0 to 20
    over: bool  # more than 20 weeks have gone
    finished: bool
    milestones: list[Milestone]
    weeks: int = JOURNEY_WEEKS


@dataclass(frozen=True)
class FamilyTimeline:
    done: list[FamilyStep]
    ahead: list[FamilyStep]
    bar: JourneyBar | None
    plans: list[tuple[str, str]]  # (url, link text)
    # What a parent of a young person may see (people.sharing); everything for anyone else.
    view: ParentView = EVERYTHING

    @property
    def overdue(self) -> list[FamilyStep]:
        return [s for s in self.ahead if s.overdue]


def _bar(case: AssessmentRequest, today: date) -> JourneyBar:
    received = case.received_on
    elapsed = -statutory.days_until(received, today)
    milestones = [Milestone(0, "Request", received, True)]
    for week, title, rule_id, done_on in (
        (6, "Decision to assess", "decide_whether_to_assess", case.assess_decision_on),
        (16, "Decision to write a plan", "notify_decision_not_to_issue", case.issue_decision_on),
        (20, "Final plan", "issue_final_plan", case.final_issued_on),
    ):
        due_on = statutory.due(rule_id, received)
        milestones.append(Milestone(week, title, done_on or due_on, done_on is not None))
    return JourneyBar(
        received_on=received,
        final_due=statutory.due("issue_final_plan", received),
        week=max(0, min(JOURNEY_WEEKS, elapsed // 7)),
        over=elapsed // 7 > JOURNEY_WEEKS,
        finished=case.stage not in OPEN_STAGES,
        milestones=milestones,
    )


def family_timeline(child: Child, *, user: Actor, today: date) -> FamilyTimeline:
    """Every step done and ahead for `child`, as the family reads them. A parent whose young
    person keeps where things are from them gets no steps; one whose young person keeps their
    plan and papers gets no plans (`plan_list_for_user` applies that rule) and no plan steps."""
    reader = reader_for(user, child)
    view = parent_view_of(user, child)
    plans = list(
        plan_list_for_user(user=user).filter(child=child).exclude(status=PlanStatus.CEASED)
    )
    if not view.progress:
        return FamilyTimeline([], [], None, [_plan_link(p, reader) for p in plans], view)
    steps: list[FamilyStep] = []
    cases = list(
        child.assessment_requests.exclude(stage=Stage.WITHDRAWN)
        .prefetch_related("advice_requests__organisation", "clock_exceptions")
        .order_by("received_on", "pk")
    )
    for case in cases:
        plan = next((p for p in plans if p.request_id == case.pk), None)
        steps += _case_steps(case, reader, today, plan)
    case_ids = {case.pk for case in cases}
    for plan in plans:
        if plan.is_draft:
            continue
        if plan.issued_on and plan.request_id not in case_ids:
            # A plan made before OpenSEND, or moved from another area: no case here to say so.
            url, text = _plan_link(plan, reader)
            steps.append(
                _done_by_us(
                    plan.issued_on,
                    f"We sent you {reader.their} EHC plan.",
                    "issue_final_plan",
                    url=url,
                    link_text=text,
                )
            )
        steps += _plan_steps(plan, reader, today)
    latest = cases[-1] if cases else None
    done = sorted((s for s in steps if s.done), key=lambda s: s.on)
    ahead = sorted((s for s in steps if not s.done), key=lambda s: s.on)
    return FamilyTimeline(
        done=done,
        ahead=ahead,
        bar=_bar(latest, today) if latest is not None else None,
        plans=[_plan_link(p, reader) for p in plans],
        view=view,
    )


def contact_for(child: Child) -> str:
    """Who the family contacts about a late step: their caseworker, and the SEND team."""
    team = getattr(settings, "OPENSEND_NOTIFY_CONTACT_DETAILS", "") or (
        f"the SEND team at {settings.OPENSEND_COUNCIL_NAME}"
    )
    if child.caseworker is not None:
        return f"{child.caseworker.get_full_name()}, your caseworker, or {team}"
    return team
