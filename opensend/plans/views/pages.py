"""The plan's own pages: the list, starting the draft from the case, the PDF, the versions
issued and the comparison between them; and what every plan page shares (`plan_for`,
`plan_form_page`, `plan_page_context`, which `reviews.plan_pages` also uses).
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list
from opensend.casework.selectors import request_get_for_user
from opensend.core.types import Actor
from opensend.core.views_helpers import form_submitted
from opensend.plans import selectors
from opensend.plans.content import (
    SECTION_A_FIELDS,
    content_compare,
    plan_advice_listed,
    plan_content,
)
from opensend.plans.models import EHCPlan
from opensend.plans.pdf import plan_pdf
from opensend.plans.services.draft import plan_draft_start
from opensend.plans.steps import PLAN


def plan_redirect(plan: EHCPlan) -> HttpResponseRedirect:
    return redirect("plans:plan_detail", plan_id=plan.pk)


def plan_form_page(
    request: HttpRequest,
    *,
    plan: EHCPlan,
    form: BaseForm,
    heading: str,
    action: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
    template: str = "plans/step_form.html",
    context: dict[str, Any] | None = None,
    done: Callable[[], HttpResponse] | None = None,
    next_url: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """A form on the plan (`plans/step_form.html` or `template`): on a valid POST `action` calls
    the service; its ValidationError shows next to the fields (400, nothing saved). Done, back
    to the plan, or to `next_url(result)`, or `done()`."""
    submitted, result = form_submitted(request, form, action, success)
    if submitted:
        if next_url is not None:
            return redirect(next_url(result))
        return done() if done else plan_redirect(plan)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        template,
        {"form": form, "plan": plan, "heading": heading, **(context or {})},
        status=status,
    )


def plan_for(request: HttpRequest, plan_id: int) -> EHCPlan:
    return selectors.plan_get_for_user(user=request.user, plan_id=plan_id)


@require_capability(Capability.VIEW_CHILDREN)
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(selectors.plan_list_for_user(user=request.user)[:200])
    audit_record_list(actor=request.user, objects=plans, child_id_attr="child_id", summary="Plans")
    family = not user_can(request.user, Capability.SEARCH_CHILDREN)
    return render(request, "plans/plan_list.html", {"plans": plans, "family": family})


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["POST"])
def plan_start(request: HttpRequest, request_id: int) -> HttpResponse:
    case = request_get_for_user(user=request.user, request_id=request_id)
    try:
        plan = plan_draft_start(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("casework:case_detail", request_id=case.pk)
    messages.success(request, "Draft plan started. Section A has the family's views.")
    return plan_redirect(plan)


def plan_page_context(plan: EHCPlan, *, user: Actor) -> dict[str, Any]:
    """What the plan page needs. Professionals who may see the child read the advice from the
    plan: beside the sections it speaks to while the plan is being written, and in section K."""
    today = timezone.localdate()
    advice = list(selectors.plan_advice(plan))
    section_k = plan_advice_listed(plan)
    professional = user_can(user, Capability.SEARCH_CHILDREN)
    steps = PLAN.buttons(plan, user)
    return {
        "plan": plan,
        "today": today,
        "dates": selectors.plan_dates(plan, on=today),
        "sections": selectors.plan_sections(
            plan, advice=advice if professional and "section_a" in steps else None
        ),
        "section_a": [(label, getattr(plan, name)) for name, label in SECTION_A_FIELDS],
        "thread": selectors.golden_thread(plan),
        "advice": advice,
        "section_k": section_k,
        "section_k_advice": [item.advice for item in section_k],
        "advice_links": professional,
        "consultations": selectors.consultation_rows(plan),
        "steps": steps,
    }


@require_capability(Capability.VIEW_CHILDREN)
def pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    if selectors.plan_for_family(request.user, plan) and selectors.plan_in_force_while_amending(
        plan
    ):
        # The PDF is drawn from the live plan: a family must not get unsent working changes.
        raise Http404(selectors.NOT_FOUND)
    large_print = request.GET.get("large_print") == "1"
    body = plan_pdf(plan, large_print=large_print)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        obj=plan,
        child_id=plan.child_id,
        summary="Plan PDF (large print)" if large_print else "Plan PDF",
    )
    response = HttpResponse(body, content_type="application/pdf")
    name = f"ehc-plan-{plan.pk}{'-large-print' if large_print else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_capability(Capability.VIEW_CHILDREN)
def versions(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    rows = list(plan.versions.select_related("issued_by"))
    return render(
        request,
        "plans/versions.html",
        {
            "plan": plan,
            "versions": [
                (v, rows[i + 1] if i + 1 < len(rows) else None) for i, v in enumerate(rows)
            ],
            "choices": [(str(v.version), v.label) for v in rows]
            + [("current", "The plan as it is now")],
            "family": selectors.plan_for_family(request.user, plan),
        },
    )


def _version_content(plan: EHCPlan, value: str) -> tuple[str, dict[str, Any], Any]:
    if value == "current":
        return "The plan as it is now", plan_content(plan), None
    try:
        number = int(value)
    except ValueError as exc:
        raise Http404(selectors.NOT_FOUND) from exc
    version = selectors.version_get(plan, number)
    label = f"{version.label} ({statutory.long_date(version.issued_on)})"
    return label, version.snapshot, version


@require_capability(Capability.VIEW_CHILDREN)
def version_compare(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    before_label, before, first = _version_content(plan, request.GET.get("from", ""))
    after_label, after, second = _version_content(plan, request.GET.get("to", "current"))
    if first is not None and second is not None and first.version > second.version:
        before_label, before, first, after_label, after, second = (
            after_label,
            after,
            second,
            before_label,
            before,
            first,
        )
    family = selectors.plan_for_family(request.user, plan)
    return render(
        request,
        "plans/compare.html",
        {
            "plan": plan,
            "before_label": before_label,
            "after_label": after_label,
            "before_version": first,
            "after_version": second,
            "changes": content_compare(before, after),
            "history": []
            if family
            else selectors.plan_changes_between(plan, start=first, end=second),
        },
    )
