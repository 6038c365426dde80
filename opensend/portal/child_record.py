"""Where a child is, at the top of their page: the open request or the plan in force, open
reviews, amendments, transfers, cessation, re-assessment, complaints, mediation and appeals, each
with its next statutory date and a link (issue 12, item 2).

The child's page is in `people`, which comes before the journey apps; this summary needs all of
them, so it lives in `portal` (docs/architecture.md) and `portal.child_page` serves the page.
Every date shown is one the journey apps computed from `opensend.statutory` (the `next_due_on`
each keeps from its clocks, or a clock asked here); nothing is worked out in a template.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.casework.models import OPEN_STAGES
from opensend.core.types import Actor
from opensend.disputes.models import Appeal, Complaint, MediationCase
from opensend.people.models import Child
from opensend.plans.models import PlanStatus
from opensend.plans.selectors import plan_list_for_user
from opensend.reviews.models import (
    OPEN_REVIEW_STAGES,
    Amendment,
    AnnualReview,
    Cessation,
    PhaseTransfer,
    Reassessment,
)
from opensend.reviews.transfers.planner import PlannerStatus
from opensend.reviews.transfers.selectors import transfer_deadline, transfer_status


@dataclass(frozen=True)
class WhereNow:
    """One thing open (or in force) for the child: what, where it is, its next date, a link."""

    what: str
    status: str
    next_date: date | None = None
    next_what: str = ""
    url: str = ""


def _rule_title(rule_id: str) -> str:
    try:
        return statutory.get_rule(rule_id).title
    except statutory.UnknownRule:
        return ""


def child_where_now(child: Child, *, user: Actor) -> list[WhereNow]:
    """Everything open for `child` the user may know about, in journey order. Links go only to
    pages the user may open (SENAR staff: every record; others: the plan once it is served)."""
    senar = user_can(user, Capability.MANAGE_CASES)
    rows: list[WhereNow] = []
    for case in child.assessment_requests.filter(stage__in=OPEN_STAGES).order_by("received_on"):
        advice = list(case.advice_requests.all())
        outstanding = [a for a in advice if a.is_outstanding]
        received = [a for a in advice if a.received_on]
        status = f"{case.get_stage_display()}, request received {case.received_on:%-d %B %Y}"
        if advice:
            status += f"; advice: {len(received)} received, {len(outstanding)} awaited"
        rows.append(
            WhereNow(
                "EHC needs assessment",
                status,
                case.next_due_on,
                _rule_title(case.next_due_rule),
                reverse("casework:case_detail", args=[case.pk]) if senar else "",
            )
        )
    plans = plan_list_for_user(user=user).filter(child=child).exclude(status=PlanStatus.CEASED)
    for plan in plans:
        review = AnnualReview.objects.filter(plan=plan, stage__in=OPEN_REVIEW_STAGES).first()
        if plan.is_draft:
            status = "Draft" + (
                f", sent to the family {plan.draft_issued_on:%-d %B %Y}"
                if plan.draft_issued_on
                else ", being written"
            )
        else:
            status = f"In force: version {plan.version}, issued {plan.issued_on:%-d %B %Y}"
        rows.append(
            WhereNow(
                "EHC plan",
                status,
                review.due_by if review else None,
                "Annual review to be held" if review else "",
                reverse("plans:plan_detail", args=[plan.pk]),
            )
        )
        if review is not None:
            rows.append(
                WhereNow(
                    "Annual review",
                    review.get_stage_display(),
                    review.next_due_on or review.due_by,
                    "Next step due",
                    reverse("reviews:review_detail", args=[review.pk]) if senar else "",
                )
            )
    rows += _follow_ups(child, senar=senar)
    rows += _disputes(child, senar=senar)
    return rows


def _follow_ups(child: Child, *, senar: bool) -> list[WhereNow]:
    rows = []
    for model, what, url_name in (
        (Amendment, "Amendment to the plan", "reviews:amendment_detail"),
        (Reassessment, "Re-assessment request", "reviews:reassessment_detail"),
        (Cessation, "Decision whether to cease the plan", "reviews:cessation_detail"),
    ):
        for item in model.objects.filter(child=child, status__in=model.OPEN_STATUSES):
            url = reverse(url_name, args=[item.pk]) if senar else ""
            rows.append(
                WhereNow(what, item.get_status_display(), item.next_due_on, "Next step due", url)
            )
    transfers = PhaseTransfer.objects.filter(child=child, not_transferring_reason="")
    for transfer in transfers.select_related("amendment"):
        status = transfer_status(transfer)
        if status in PlannerStatus.DONE:
            continue
        rows.append(
            WhereNow(
                f"Phase transfer ({transfer.get_kind_display()})",
                f"{PlannerStatus.LABELS[status]}; moves {transfer.transfer_on:%-d %B %Y}",
                transfer_deadline(transfer),
                "Amended plan naming the new setting due",
                reverse("reviews:transfer_detail", args=[transfer.pk]) if senar else "",
            )
        )
    return rows


def _disputes(child: Child, *, senar: bool) -> list[WhereNow]:
    rows = []
    for queryset, what, url_name in (
        (Complaint.objects.filter(child=child).open(), "Complaint", "disputes:complaint_detail"),
        (
            MediationCase.objects.filter(child=child).open(),
            "Mediation",
            "disputes:mediation_detail",
        ),
        (
            Appeal.objects.filter(child=child).open(),
            "Appeal to the Tribunal",
            "disputes:appeal_detail",
        ),
    ):
        for item in queryset:
            url = reverse(url_name, args=[item.pk]) if senar else ""
            rows.append(WhereNow(what, str(item), item.next_due_on, "Next step due", url))
    return rows
