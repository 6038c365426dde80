"""Ceasing pages: the open cease decisions, starting one, and the decision's page. Thin:
selectors and services. The steps on a decision are served by its step table
(`ceasing.steps.CESSATION_STEPS`, in the urls), and its page shows the buttons that table
permits."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.core.views_helpers import clock_rows, form_data, step_view
from opensend.reviews.ceasing import selectors, services
from opensend.reviews.ceasing.clocks import cessation_clocks
from opensend.reviews.ceasing.forms import (
    CessationStartForm,
)
from opensend.reviews.ceasing.steps import CESSATION_STEPS, cease_blocker_shown, may_see_appeal


@require_capability(Capability.VIEW_REVIEWS)
def cessation_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "reviews/ceasing/list.html",
        {"rows": selectors.cessation_queue_for_user(user=request.user, on=today), "today": today},
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cessation_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, plan_id=plan_id)
    age = plan.child.age_on(timezone.localdate())
    return step_view(
        request,
        form=CessationStartForm(form_data(request)),
        heading="Consider ceasing the plan",
        caption=f"{plan.child.full_name}, aged {age}",
        back=reverse("reviews:cessation_list"),
        action=lambda d: services.cessation_start(actor=request.user, plan=plan, **d),
        success="Recorded. Next, tell and consult the family and the setting.",
        intro=(
            "We may stop a plan only if we are no longer responsible for the child or young "
            "person, or the plan is no longer necessary. Under 18, only because it is no "
            "longer necessary. From 18, also when the young person has left education or "
            "training (after a review), or started higher education or paid work "
            f"({statutory.CESSATION_CITATION})."
        ),
        submit_label="Continue",
        next_url=lambda cessation: reverse("reviews:cessation_detail", args=[cessation.pk]),
    )


@require_capability(Capability.VIEW_REVIEWS)
def cessation_detail(request: HttpRequest, cessation_id: int) -> HttpResponse:
    cessation = selectors.cessation_get_for_user(user=request.user, cessation_id=cessation_id)
    today = timezone.localdate()
    check = services.cease_check_for(cessation.child, cessation.reason, today)
    return render(
        request,
        "reviews/ceasing/detail.html",
        {
            "cessation": cessation,
            "child": cessation.child,
            "plan": cessation.plan,
            "check": check,
            "banner": selectors.plan_cessation_banner(cessation.plan, on=today),
            "clocks": clock_rows(cessation_clocks(cessation), today),
            "appeal_due": statutory.appeal_deadline_explained(cessation.decided_on)
            if cessation.decided_on
            else None,
            "steps": CESSATION_STEPS.buttons(cessation, request.user),
            "blocker": cease_blocker_shown(cessation, request.user),
            "citation": statutory.CESSATION_CITATION,
            "see_appeal": may_see_appeal(request.user),
            "today": today,
        },
    )
