"""Re-assessment pages: record a request from the plan, the record with its clocks, each step."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, user_can
from opensend.core.views_helpers import clock_rows, form_data, object_step, step_view
from opensend.reviews.ceasing.selectors import plan_get_for_user
from opensend.reviews.models import ReassessmentStatus
from opensend.reviews.reassessment import selectors, services
from opensend.reviews.reassessment.forms import (
    ReassessmentDecideForm,
    ReassessmentIssuedForm,
    ReassessmentRequestForm,
)


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def reassessment_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, plan_id=plan_id)
    return step_view(
        request,
        form=ReassessmentRequestForm(form_data(request)),
        heading="Record a request for a re-assessment",
        caption=plan.child.full_name,
        back=reverse("plans:plan_detail", args=[plan.pk]),
        action=lambda d: services.reassessment_request(actor=request.user, plan=plan, **d),
        success="Recorded. Decide within 15 days and tell the family.",
        intro=statutory.explain("decide_whether_to_reassess"),
        next_url=lambda r: reverse("reviews:reassessment_detail", args=[r.pk]),
    )


@require_capability(Capability.VIEW_REVIEWS)
def reassessment_detail(request: HttpRequest, reassessment_id: int) -> HttpResponse:
    reassessment = selectors.reassessment_get_for_user(
        user=request.user, reassessment_id=reassessment_id
    )
    today = timezone.localdate()
    manage = user_can(request.user, Capability.MANAGE_REVIEWS)
    return render(
        request,
        "reviews/reassessment/detail.html",
        {
            "reassessment": reassessment,
            "child": reassessment.child,
            "plan": reassessment.plan,
            "clocks": clock_rows(services.reassessment_clocks(reassessment), today),
            "can_decide": manage and reassessment.status == ReassessmentStatus.REQUESTED,
            "can_issue": manage and reassessment.status == ReassessmentStatus.REASSESSING,
        },
    )


def _step(request: HttpRequest, reassessment_id: int, **options):  # type: ignore[no-untyped-def]
    reassessment = selectors.reassessment_get_for_user(
        user=request.user, reassessment_id=reassessment_id
    )
    return object_step(
        request,
        reassessment,
        caption=reassessment.child.full_name,
        back=reverse("reviews:reassessment_detail", args=[reassessment.pk]),
        **options,
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def reassessment_decide(request: HttpRequest, reassessment_id: int) -> HttpResponse:
    return _step(
        request,
        reassessment_id,
        form=lambda data, _r: ReassessmentDecideForm(data),
        action=lambda r, d: services.reassessment_decide(actor=request.user, reassessment=r, **d),
        heading="Decide whether to re-assess",
        success="Decision recorded and the family has been told.",
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def reassessment_issued(request: HttpRequest, reassessment_id: int) -> HttpResponse:
    return _step(
        request,
        reassessment_id,
        form=lambda data, _r: ReassessmentIssuedForm(data),
        action=lambda r, d: services.reassessment_plan_issued(
            actor=request.user, reassessment=r, **d
        ),
        heading="The plan after the re-assessment",
        success="Recorded. The re-assessment is complete.",
    )
