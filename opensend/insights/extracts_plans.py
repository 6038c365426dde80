"""Pseudonymised extracts of plans and of annual reviews (beside `extracts`, which has the
requests): the same rules. No name, date of birth, address, postcode, UPN, ULN, NHS number or
OpenSEND record number; the age in whole years on the day that matters instead of the date of
birth; the type of setting, never its name; pseudonyms stable within one extract (a child with a
review every year has one pseudonym on every row of a reviews extract) and new in every extract
(`extracts.pseudonymiser`)."""

from datetime import date

from django.db.models import Q

from opensend import statutory
from opensend.insights.extracts import CHILD_HEADER, _day, child_cells, pseudonymiser
from opensend.plans.models import EHCPlan, PlanStatus
from opensend.reviews.codes import CessationStatus, ReviewStage
from opensend.reviews.models import AnnualReview

PLAN_HEADER = [
    "Pseudonym",
    "Age when the plan was issued",
    *CHILD_HEADER,
    "Plan issued",
    "Type of placement",
    "Type of setting named",
    "Status at the end of the period",
    "Ceased on",
    "Cease reason (SEN2 code)",
]

REVIEW_HEADER = [
    "Pseudonym",
    "Age at the review",
    *CHILD_HEADER,
    "Kind of review",
    "Due by",
    "Meeting held",
    "Held by the due date",
    "Decision",
    "Decided on",
    "Weeks from meeting to decision",
]


def plans_in(start: date, end: date) -> list[EHCPlan]:
    """Every plan in force at some time in the period: issued by its end, not ceased before it."""
    ceased_before = Q(cessations__status=CessationStatus.CEASED, cessations__ceased_on__lt=start)
    return list(
        EHCPlan.objects.filter(
            status__in=[PlanStatus.FINAL, PlanStatus.CEASED],
            issued_on__lte=end,
            child__merged_into__isnull=True,
        )
        .exclude(ceased_before)
        .select_related("child__locality", "child__senar_team", "named_setting")
        .prefetch_related("cessations")
        .order_by("issued_on", "pk")
    )


def _ceased(plan: EHCPlan, end: date) -> tuple[date, str] | None:
    for cessation in plan.cessations.all():
        on = cessation.ceased_on
        if cessation.status == CessationStatus.CEASED and on is not None and on <= end:
            return on, cessation.reason
    return None


def plan_rows(plans: list[EHCPlan], *, end: date) -> list[list[str]]:
    pseudonym = pseudonymiser()
    rows = []
    for plan in plans:
        child, ceased = plan.child, _ceased(plan, end)
        assert plan.issued_on is not None  # noqa: S101 - plans_in keeps issued plans only
        rows.append(
            [
                pseudonym(child.pk),
                str(statutory.age_on(child.date_of_birth, plan.issued_on)),
                *child_cells(child),
                plan.issued_on.isoformat(),
                plan.get_placement_type_display() if plan.placement_type else "",
                plan.named_setting.get_kind_display() if plan.named_setting else "",
                "Ceased" if ceased else "In force",
                _day(ceased[0]) if ceased else "",
                ceased[1] if ceased else "",
            ]
        )
    return rows


def reviews_in(start: date, end: date) -> list[AnnualReview]:
    """Every review held or due in the period (cancelled ones left out)."""
    return list(
        AnnualReview.objects.exclude(stage=ReviewStage.CANCELLED)
        .filter(
            Q(held_on__range=(start, end)) | Q(held_on__isnull=True, due_by__range=(start, end))
        )
        .filter(child__merged_into__isnull=True)
        .select_related("child__locality", "child__senar_team")
        .order_by("due_by", "pk")
    )


def review_rows(reviews: list[AnnualReview]) -> list[list[str]]:
    pseudonym = pseudonymiser()
    rows = []
    for review in reviews:
        child, held = review.child, review.held_on
        weeks = ""
        if review.meeting_on and review.decided_on:
            weeks = f"{(review.decided_on - review.meeting_on).days / 7:.1f}"
        rows.append(
            [
                pseudonym(child.pk),
                str(statutory.age_on(child.date_of_birth, held or review.due_by)),
                *child_cells(child),
                review.get_kind_display(),
                review.due_by.isoformat(),
                _day(held),
                ("yes" if held <= review.due_by else "no") if held else "",
                review.get_decision_display() if review.decision else "",
                _day(review.decided_on),
                weeks,
            ]
        )
    return rows
