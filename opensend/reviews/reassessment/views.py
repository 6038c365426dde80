"""Re-assessment pages: record a request from the plan, and the record with its clocks and the
buttons its step table (`reassessment.steps.REASSESSMENT_STEPS`, in the urls) permits."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.core.views_helpers import clock_rows, form_data, step_view
from opensend.reviews.ceasing.selectors import plan_get_for_user
from opensend.reviews.reassessment import selectors, services
from opensend.reviews.reassessment.clocks import reassessment_clocks
from opensend.reviews.reassessment.forms import ReassessmentRequestForm
from opensend.reviews.reassessment.steps import REASSESSMENT_STEPS


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
    return render(
        request,
        "reviews/reassessment/detail.html",
        {
            "reassessment": reassessment,
            "child": reassessment.child,
            "plan": reassessment.plan,
            "clocks": clock_rows(reassessment_clocks(reassessment), today),
            "steps": REASSESSMENT_STEPS.buttons(reassessment, request.user),
        },
    )
