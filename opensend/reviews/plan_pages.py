"""The plan pages that show what the reviews app knows: the plan in force with its open review,
amendment, cessation and re-assessment; the final issue (which schedules the first review); and
the family's plan page with any proposed amendment.

They are served under /plans/ with the `plans:` URL names (opensend/urls.py joins them to the
plans app's own pages), but live here because the journey's order is casework -> plans ->
disputes -> reviews: an app imports only the apps before it, so a page that needs reviews lives
in reviews (docs/decisions/0002-journey-order.md).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.core.views_helpers import apply_service_errors
from opensend.plans import selectors as plan_selectors
from opensend.plans import services as plan_services
from opensend.plans.forms import DraftCommentForm, IssueFinalForm
from opensend.plans.models import PlanStatus
from opensend.plans.readiness import final_issue_blockers
from opensend.plans.steps import family_may_comment
from opensend.plans.views import plan_for, plan_form_page, plan_page_context
from opensend.reviews import scheduling
from opensend.reviews.access import may_manage_plan
from opensend.reviews.amendments.selectors import open_amendment_for_family, open_amendment_for_plan
from opensend.reviews.ceasing.selectors import plan_cessation_banner, plan_natural_end
from opensend.reviews.reassessment.selectors import open_reassessment_for_plan
from opensend.reviews.selectors import open_review_for_plan


@require_capability(Capability.VIEW_CHILDREN)
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    if plan_selectors.plan_for_family(request.user, plan):
        return redirect("plans:family", plan_id=plan.pk)
    context = plan_page_context(plan, user=request.user)
    amendment = None if plan.is_draft else open_amendment_for_plan(plan=plan)
    context.update(
        {
            "warnings": plan_selectors.plan_warnings_for(plan, on=context["today"]),
            "amendment": amendment,
            "open_review": None if plan.is_draft else open_review_for_plan(plan=plan),
            "cessation_banner": plan_cessation_banner(plan, on=context["today"]),
            "plan_end": None if plan.is_draft else plan_natural_end(plan),
            "open_reassessment": None if plan.is_draft else open_reassessment_for_plan(plan=plan),
        }
    )
    return render(request, "plans/plan_detail.html", context)


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def final_issue(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    today = timezone.localdate()
    initial = {"named_setting": plan.preferred_setting_id}
    return plan_form_page(
        request,
        plan=plan,
        form=IssueFinalForm(request.POST or None, initial=initial),
        heading="Issue the final plan",
        action=lambda d: scheduling.final_plan_issue(actor=request.user, plan=plan, **d),
        success="Final plan issued. The family has been sent it with their right of appeal.",
        template="plans/issue_final.html",
        context={
            "blockers": final_issue_blockers(
                plan, issued_on=today, named_setting=plan.preferred_setting
            )
            if plan.is_draft
            else [],
            "warnings": [
                w
                for w in plan_selectors.plan_warnings_for(plan, on=today)
                if not (w.blocks or w.blocks_final)
            ],
            "dates": plan_selectors.plan_dates(plan, on=today),
            "consultations": plan_selectors.consultation_rows(plan),
        },
    )


@require_capability(Capability.VIEW_CHILDREN)
@require_http_methods(["GET", "POST"])
def family(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan in plain English for the family, and their comments while the window is open."""
    plan = plan_for(request, plan_id)
    is_family = plan_selectors.is_family_of(request.user, plan.child)
    if not is_family and not may_manage_plan(request.user):
        raise Http404(plan_selectors.NOT_FOUND)
    context = plan_page_context(plan, user=request.user)
    may_comment = family_may_comment(plan, request.user)
    form = DraftCommentForm(request.POST or None) if may_comment else None
    if request.method == "POST":
        if form is None:
            raise Http404(plan_selectors.NOT_FOUND)
        if form.is_valid():
            try:
                plan_services.representation_record(
                    actor=request.user,
                    plan=plan,
                    made_on=timezone.localdate(),
                    made_by=plan_selectors.family_name_for(request.user, plan.child),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "Thank you. We have your comments.")
                return redirect(reverse("plans:family", args=[plan.pk]))
    context.update(
        {
            "proposals": open_amendment_for_family(plan=plan) if is_family else None,
            "in_force": plan_selectors.plan_in_force_while_amending(plan) if is_family else None,
            "form": form,
            "may_comment": may_comment,
            "is_final": plan.status == PlanStatus.FINAL,
            # Every comment on the child's draft, however it reached us, with our answer.
            "my_comments": list(plan.representations.all()) if is_family else [],
        }
    )
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "plans/family.html", context, status=status)


# Joined to plans.urls.urlpatterns under the `plans` namespace in opensend/urls.py.
plan_urlpatterns = [
    path("<int:plan_id>/", plan_detail, name="plan_detail"),
    path("<int:plan_id>/issue-final/", final_issue, name="final_issue"),
    path("<int:plan_id>/family/", family, name="family"),
]
