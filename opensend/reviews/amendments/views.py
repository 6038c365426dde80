"""Amendment pages: start one from the plan, the amendment with its clocks, and the family's
comments from their plan page. Thin: selectors read, services write. Each step of an amendment
is served by its step table (`amendments.steps.AMENDMENT_STEPS`, in the urls), and the
amendment's page shows the buttons that table permits.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.core.views_helpers import apply_service_errors, clock_rows, step_view
from opensend.disputes.selectors import appeal_get_for_user
from opensend.plans import selectors as plan_selectors
from opensend.plans.selectors import plan_get_for_user
from opensend.reviews.access import reviews_home
from opensend.reviews.amendments import selectors, services
from opensend.reviews.amendments.clocks import amendment_clocks, late_against, representations_end
from opensend.reviews.amendments.forms import AmendmentStartForm, FamilyAmendmentCommentForm
from opensend.reviews.amendments.steps import AMENDMENT_STEPS
from opensend.reviews.codes import AmendmentSource, AmendmentStatus


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def amendment_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Start an amendment; `?appeal=<id>` starts one to comply with a Tribunal order."""
    plan = plan_get_for_user(user=request.user, plan_id=plan_id)
    appeal = _order_appeal(request)
    initial = {"source": AmendmentSource.TRIBUNAL} if appeal is not None else None
    return step_view(
        request,
        form=AmendmentStartForm(request.POST or None, initial=initial),
        heading="Amend the plan",
        caption=f"EHC plan for {plan.child.full_name}",
        back=reverse("plans:plan_detail", args=[plan.pk]),
        action=lambda d: services.amendment_start(
            actor=request.user, plan=plan, appeal=appeal, **d
        ),
        success="Amendment started. Change the plan, then send the proposals.",
        next_url=lambda amendment: reverse("reviews:amendment_detail", args=[amendment.pk]),
    )


def _order_appeal(request: HttpRequest) -> Any:
    """The appeal named in the query string, if the user may see it (the same 404 otherwise)."""
    appeal_id = request.GET.get("appeal", "")
    if not appeal_id:
        return None
    return appeal_get_for_user(user=request.user, appeal_id=appeal_id)  # type: ignore[arg-type]


@require_capability(Capability.VIEW_REVIEWS)
def amendment_detail(request: HttpRequest, amendment_id: int) -> HttpResponse:
    amendment = selectors.amendment_get_for_user(user=request.user, amendment_id=amendment_id)
    today = timezone.localdate()
    clocks = amendment_clocks(amendment)
    return render(
        request,
        "reviews/amendments/detail.html",
        {
            "amendment": amendment,
            "today": today,
            "clocks": clock_rows(clocks, today),
            "timeline": selectors.amendment_timeline(amendment),
            "steps": AMENDMENT_STEPS.buttons(amendment, request.user),
            "back": reviews_home(request.user),
            "comments_due": representations_end(amendment.proposed_on),
            "late": late_against(clocks, today) if amendment.is_open else [],
        },
    )


@require_capability(Capability.MANAGE_REVIEWS)
def amendment_close(request: HttpRequest, amendment_id: int, how: str) -> HttpResponse:
    """`amendments/<id>/not-amended/` and `.../withdraw/` are steps (see urls); any other way of
    closing an amendment is not found."""
    selectors.amendment_get_for_user(user=request.user, amendment_id=amendment_id)
    raise Http404(selectors.AMENDMENT_NOT_FOUND)


@require_capability(Capability.VIEW_CHILDREN)
@require_http_methods(["GET", "POST"])
def family_comment(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The family comments on proposed changes from their plan page, within the 15 days."""
    plan = plan_get_for_user(user=request.user, plan_id=plan_id)
    if not plan_selectors.is_family_of(request.user, plan.child):
        raise Http404(plan_selectors.NOT_FOUND)
    amendment = selectors.open_amendment_for_family(plan=plan)
    if amendment is None or amendment.status != AmendmentStatus.PROPOSED:
        raise Http404(plan_selectors.NOT_FOUND)
    today = timezone.localdate()
    window_end = representations_end(amendment.proposed_on)
    window_open = window_end is not None and today <= window_end
    form = FamilyAmendmentCommentForm(request.POST or None) if window_open else None
    back = reverse("plans:family", args=[plan.pk])
    if request.method == "POST":
        if form is None:
            messages.error(
                request,
                services.WINDOW_CLOSED.format(due=statutory.long_date(window_end))
                if window_end
                else selectors.AMENDMENT_NOT_FOUND,
            )
            return redirect(back)
        if form.is_valid():
            try:
                services.amendment_representation_record(
                    actor=request.user,
                    amendment=amendment,
                    made_on=today,
                    made_by=plan_selectors.family_name_for(request.user, plan.child),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "Thank you. We have your comments on the changes.")
                return redirect(back)
    return render(
        request,
        "reviews/amendments/family_comment.html",
        {
            "plan": plan,
            "amendment": amendment,
            "form": form,
            "window_end": window_end,
            "back": back,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )
