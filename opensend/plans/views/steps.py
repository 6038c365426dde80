"""The plan's steps that show the plan's own page beside the form: serving the draft (with the
checks), the family's comments (with those recorded) and the consultations (with the replies);
and recording a setting's reply. The steps themselves are declared in `plans.steps`.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.plans import selectors
from opensend.plans.forms import ConsultationResponseForm, RepresentationAnswerForm
from opensend.plans.models import EHCPlan
from opensend.plans.services.consultations import consultation_response_record
from opensend.plans.services.representations import (
    representation_answer as representation_answer_record,
)
from opensend.plans.steps import PLAN
from opensend.plans.views.pages import plan_for, plan_form_page


def plan_step_page(
    name: str, *, template: str, context: Callable[[EHCPlan], dict[str, Any]]
) -> Callable[..., HttpResponse]:
    """The page for one of `PLAN`'s steps, in the plan's own `template` with `context(plan)`
    beside the form: the step's form, service, heading, success and `allowed` (403 otherwise)."""
    step = PLAN.step(name)

    @require_capability(Capability.MANAGE_CASES)
    @require_http_methods(["GET", "POST"])
    def page(request: HttpRequest, plan_id: int) -> HttpResponse:
        plan = plan_for(request, plan_id)
        if not PLAN.permits(step, plan, request.user):
            raise PermissionDenied
        return plan_form_page(
            request,
            plan=plan,
            form=step.form(request.POST or None, plan),
            heading=step.heading,
            action=lambda d: step.service(request.user, plan, d),
            success=step.success,
            template=template,
            context=context(plan),
            next_url=step.next_url,
        )

    page.__name__ = page.__qualname__ = name
    page.__doc__ = step.heading
    return page


draft_issue = plan_step_page(
    "draft_issue",
    template="plans/issue_draft.html",
    context=lambda plan: {"warnings": selectors.plan_warnings_for(plan, on=timezone.localdate())},
)
representations = plan_step_page(
    "representations",
    template="plans/representations.html",
    context=lambda plan: {"dates": selectors.plan_dates(plan, on=timezone.localdate())},
)
consultations = plan_step_page(
    "consultations",
    template="plans/consultations.html",
    context=lambda plan: {"consultations": selectors.consultation_rows(plan)},
)


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def consultation_response(request: HttpRequest, plan_id: int, consultation_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    consultation = selectors.consultation_get(plan, consultation_id)
    return plan_form_page(
        request,
        plan=plan,
        form=ConsultationResponseForm(request.POST or None),
        heading=f"Reply from {consultation.setting}",
        action=lambda d: consultation_response_record(
            actor=request.user, consultation=consultation, **d
        ),
        success="Reply recorded",
        done=lambda: redirect("plans:consultations", plan_id=plan.pk),
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def representation_answer(
    request: HttpRequest, plan_id: int, representation_id: int
) -> HttpResponse:
    """The council's answer to one of the family's comments, which the family then reads."""
    plan = plan_for(request, plan_id)
    representation = selectors.representation_get(plan, representation_id)
    initial = {"answer": representation.answer, "reasons": representation.answer_reasons}
    return plan_form_page(
        request,
        plan=plan,
        form=RepresentationAnswerForm(request.POST or None, initial=initial),
        heading=f"Answer the comments from {representation.made_by}",
        action=lambda d: representation_answer_record(
            actor=request.user, representation=representation, **d
        ),
        success="Answer recorded. The family can read it on their plan page.",
        template="plans/representation_answer.html",
        context={"representation": representation},
        done=lambda: redirect("plans:representations", plan_id=plan.pk),
    )
