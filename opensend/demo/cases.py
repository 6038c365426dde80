"""Synthetic EHC cases in every state, with realistic durations, for the demo area.

Dates are drawn around the statutory limits (from `opensend.statutory`) so that queues look like a
real service: most decisions in time, some late, a few with recorded exceptions, and (as in the
seeds) only about a quarter of final plans within 20 weeks. Rows are bulk-inserted; the queue's
"next statutory date" is then computed by the same clock code the service uses.
"""

import random
from datetime import date

from opensend import statutory
from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.casework.clocks import clocks_for
from opensend.casework.models import (
    NO_NEEDS_SECTION,
    AdviceKind,
    AdviceRequest,
    AssessmentRequest,
    CaseStep,
    ClockException,
    RequestSource,
    Stage,
    StepKind,
)
from opensend.core.clocks import next_open_clock
from opensend.demo.logins import demo_parent_children
from opensend.demo.vocabulary import ADVICE_TEXT
from opensend.people.models import Child, Enrolment

# Share of children (0–25) with a case in each state; the rest have none in the demo.
STATE_WEIGHTS = [
    (Stage.REQUESTED, 0.020),
    (Stage.NOT_ASSESSING, 0.010),
    (Stage.ASSESSING, 0.030),
    (Stage.NOT_ISSUING, 0.004),
    (Stage.DRAFTING, 0.012),
    (Stage.FINAL_ISSUED, 0.020),
    (Stage.WITHDRAWN, 0.004),
]
BATCH = 2000


def _days(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low, high)


class _CaseMaker:
    def __init__(self, *, seed: int, today: date) -> None:
        self.rng = random.Random(seed * 7919 + 17)
        self.today = today
        orgs = {
            o.kind: o
            for o in Organisation.objects.filter(
                kind__in=[
                    OrganisationKind.NHS,
                    OrganisationKind.SOCIAL_CARE,
                    OrganisationKind.EP_SERVICE,
                ]
            ).order_by("pk")
        }
        self.advisers = [
            (AdviceKind.EDUCATIONAL_PSYCHOLOGY, orgs.get(OrganisationKind.EP_SERVICE)),
            (AdviceKind.HEALTH, orgs.get(OrganisationKind.NHS)),
            (AdviceKind.SOCIAL_CARE, orgs.get(OrganisationKind.SOCIAL_CARE)),
        ]
        self.setting_orgs = dict(
            Organisation.objects.filter(kind=OrganisationKind.SETTING).values_list(
                "setting_id", "pk"
            )
        )
        self.requests: list[AssessmentRequest] = []
        self.steps: list[tuple[int, StepKind, date, str]] = []
        self.advice: list[tuple[int, AdviceKind, int, date, date | None]] = []
        self.exceptions: list[tuple[int, str, date, str]] = []

    def _received(self, stage: Stage) -> date:
        weeks_ago = {
            Stage.REQUESTED: (0, 8),
            Stage.NOT_ASSESSING: (6, 40),
            Stage.ASSESSING: (6, 19),
            Stage.NOT_ISSUING: (16, 40),
            Stage.DRAFTING: (14, 26),
            Stage.FINAL_ISSUED: (20, 100),
            Stage.WITHDRAWN: (2, 30),
        }[stage]
        return statutory.add_days(
            self.today, -7 * self.rng.randint(*weeks_ago) - self.rng.randint(0, 6)
        )

    def _capped(self, d: date) -> date:
        return min(d, self.today)

    def plan(self, child: Child, stage: Stage, setting_id: int | None) -> None:
        rng = self.rng
        received = self._received(stage)
        source = rng.choices(
            [RequestSource.SETTING, RequestSource.PARENT, RequestSource.OTHER], [0.6, 0.35, 0.05]
        )[0]
        req = AssessmentRequest(
            child=child,
            received_on=received,
            source=source,
            stage=stage,
            requested_by_setting_id=setting_id if source == RequestSource.SETTING else None,
            caseworker_id=child.caseworker_id,
            needs_summary="Needs described by the requester (synthetic demo text).",
            support_tried="SEN support over two or more terms (synthetic demo text).",
            acknowledged_on=self._capped(statutory.add_days(received, rng.randint(1, 7))),
        )
        idx = len(self.requests)
        self.requests.append(req)
        self.steps.append((idx, StepKind.RECEIVED, received, "Request received"))
        if stage == Stage.REQUESTED:
            return
        if stage == Stage.WITHDRAWN:
            req.closed_on = self._capped(statutory.add_days(received, rng.randint(7, 60)))
            req.closed_reason = rng.choice(
                ["The family moved out of the area", "Parent withdrew the request"]
            )
            self.steps.append((idx, StepKind.WITHDRAWN, req.closed_on, req.closed_reason))
            return
        # Decision whether to assess: mostly within 6 weeks, about 1 in 6 late.
        limit = statutory.due("decide_whether_to_assess", received)
        late = rng.random() < 0.17
        decided = (
            statutory.add_days(limit, rng.randint(1, 21))
            if late
            else statutory.add_days(limit, -rng.randint(0, 20))
        )
        req.assess_decision_on = self._capped(max(decided, received))
        if late and rng.random() < 0.25:
            self.exceptions.append(
                (
                    idx,
                    "personal_circumstances",
                    statutory.add_days(received, 14),
                    "Family bereavement; parents asked for more time (synthetic)",
                )
            )
        if stage == Stage.NOT_ASSESSING:
            self.steps.append(
                (
                    idx,
                    StepKind.DECIDED_NOT_TO_ASSESS,
                    req.assess_decision_on,
                    "Needs can be met through SEN support",
                )
            )
            return
        self.steps.append(
            (idx, StepKind.DECIDED_TO_ASSESS, req.assess_decision_on, "Panel agreed to assess")
        )
        self._advice(idx, req, setting_id)
        if stage == Stage.ASSESSING:
            return
        self._issue(idx, req, stage)

    def _advice(self, idx: int, req: AssessmentRequest, setting_id: int | None) -> None:
        rng = self.rng
        decided = req.assess_decision_on or req.received_on
        for kind, org in [(AdviceKind.EDUCATION, None), *self.advisers]:
            org_id = (
                self.setting_orgs.get(setting_id)
                if kind == AdviceKind.EDUCATION
                else (org.pk if org else None)
            )
            if org_id is None:
                continue
            asked = self._capped(statutory.add_days(decided, rng.randint(0, 5)))
            due = statutory.due("provide_advice", asked)
            answered: date | None = statutory.add_days(due, rng.randint(-20, 35))
            if kind == AdviceKind.HEALTH and rng.random() < 0.3:
                answered = statutory.add_days(
                    due, rng.randint(20, 60)
                )  # health advice is often late
            if answered is not None and answered > self.today:
                answered = None
            self.advice.append((idx, kind, org_id, asked, answered))
            self.steps.append((idx, StepKind.ADVICE_REQUESTED, asked, f"{kind.label}"))
            if answered:
                self.steps.append((idx, StepKind.ADVICE_RECEIVED, answered, f"{kind.label}"))

    def _issue(self, idx: int, req: AssessmentRequest, stage: Stage) -> None:
        rng, received = self.rng, req.received_on
        limit16 = statutory.due("notify_decision_not_to_issue", received)
        req.issue_decision_on = self._capped(statutory.add_days(limit16, rng.randint(-21, 10)))
        if stage == Stage.NOT_ISSUING:
            self.steps.append(
                (
                    idx,
                    StepKind.DECIDED_NOT_TO_ISSUE,
                    req.issue_decision_on,
                    "Needs can be met from the setting's resources",
                )
            )
            return
        self.steps.append(
            (idx, StepKind.DECIDED_TO_ISSUE, req.issue_decision_on, "A plan is needed")
        )
        if stage == Stage.FINAL_ISSUED:
            # About a quarter within 20 weeks, as in the 2024 figures.
            limit20 = statutory.due("issue_final_plan", received)
            offset = -rng.randint(0, 14) if rng.random() < 0.27 else rng.randint(1, 120)
            final = self._capped(max(statutory.add_days(limit20, offset), req.issue_decision_on))
            draft = max(req.issue_decision_on, statutory.add_days(final, -rng.randint(15, 40)))
            req.draft_issued_on, req.final_issued_on = draft, final
            self.steps.append((idx, StepKind.DRAFT_ISSUED, draft, "Draft plan sent to the family"))
            self.steps.append((idx, StepKind.FINAL_ISSUED, final, "Final plan issued"))

    def save(self) -> int:
        AssessmentRequest.objects.bulk_create(self.requests, batch_size=BATCH)
        CaseStep.objects.bulk_create(
            [
                CaseStep(request=self.requests[i], kind=k, occurred_on=d, summary=s)
                for i, k, d, s in self.steps
            ],
            batch_size=BATCH,
        )
        AdviceRequest.objects.bulk_create(
            [
                AdviceRequest(
                    request=self.requests[i],
                    kind=k,
                    organisation_id=o,
                    requested_on=a,
                    received_on=r,
                    **_advice_text(k, no_needs=bool(r) and k in NO_NEEDS_SECTION and i % 3 == 0)
                    if r
                    else {},
                )
                for i, k, o, a, r in self.advice
            ],
            batch_size=BATCH,
        )
        ClockException.objects.bulk_create(
            [
                ClockException(request=self.requests[i], ground=g, starts_on=d, evidence=e)
                for i, g, d, e in self.exceptions
            ],
            batch_size=BATCH,
        )
        self._refresh_next_dates()
        return len(self.requests)

    def _refresh_next_dates(self) -> None:
        ids = [
            r.pk
            for r in self.requests
            if r.stage in (Stage.REQUESTED, Stage.ASSESSING, Stage.DRAFTING)
        ]
        changed = []
        for start in range(0, len(ids), BATCH):
            batch = AssessmentRequest.objects.filter(
                pk__in=ids[start : start + BATCH]
            ).prefetch_related("clock_exceptions", "advice_requests__organisation")
            for req in batch:
                upcoming = next_open_clock(clocks_for(req))
                req.next_due_on = upcoming.due_on if upcoming else None
                req.next_due_rule = upcoming.rule_id if upcoming else ""
                changed.append(req)
        AssessmentRequest.objects.bulk_update(
            changed, ["next_due_on", "next_due_rule"], batch_size=BATCH
        )


def build_demo_cases(*, seed: int, today: date) -> int:
    """Give a share of children a case in each state; returns how many cases were made."""
    maker = _CaseMaker(seed=seed, today=today)
    children = list(
        Child.objects.filter(
            caseworker__isnull=False, date_of_birth__lte=statutory.add_months(today, -24)
        )
        .order_by("pk")
        .values_list("pk", "caseworker_id", "date_of_birth")
    )
    main_setting = dict(
        Enrolment.objects.filter(ended_on__isnull=True, is_main=True).values_list(
            "child_id", "setting_id"
        )
    )
    states = [s for s, _ in STATE_WEIGHTS]
    weights = [w for _, w in STATE_WEIGHTS]
    none_weight = 1 - sum(weights)
    showcase = set(demo_parent_children())  # built by demo.showcase, after the random stages
    for pk, caseworker_id, dob in children:
        stage = maker.rng.choices([*states, None], [*weights, none_weight])[0]
        if stage is None or pk in showcase:
            continue
        child = Child(pk=pk, caseworker_id=caseworker_id, date_of_birth=dob)
        maker.plan(child, stage, main_setting.get(pk))
    return maker.save()


def _advice_text(kind: str, *, no_needs: bool) -> dict[str, object]:
    """What a piece of synthetic advice says: its kind's text, or "no needs in my area"."""
    if no_needs:
        return {"no_needs": True}
    needs, outcomes, provision = ADVICE_TEXT[kind]
    return {"needs": needs, "outcomes": outcomes, "provision": provision}
