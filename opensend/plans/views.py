"""Plan pages for SENAR staff (write and issue), schools and professionals (read), and families
(read, and comment on the draft). Thin: selectors and services do the work.
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
from opensend.core.views_helpers import apply_service_errors
from opensend.plans import selectors, services
from opensend.plans.content import SECTION_A_FIELDS, content_compare, plan_content
from opensend.plans.forms import (
    ConsultationForm,
    ConsultationResponseForm,
    IssueDraftForm,
    NeedForm,
    OutcomeForm,
    PlacementForm,
    ProvisionForm,
    RepresentationForm,
    SectionAForm,
)
from opensend.plans.models import EHCPlan
from opensend.plans.pdf import plan_pdf


def _detail(plan: EHCPlan) -> HttpResponseRedirect:
    return redirect("plans:plan_detail", plan_id=plan.pk)


def plan_form_page(
    request: HttpRequest,
    *,
    plan: EHCPlan,
    form: BaseForm,
    heading: str,
    action: Callable[[dict[str, Any]], Any],
    success: str,
    template: str = "plans/step_form.html",
    context: dict[str, Any] | None = None,
    done: Callable[[], HttpResponse] | None = None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, success)
            return done() if done else _detail(plan)
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
        plan = services.plan_draft_start(actor=request.user, request=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("casework:case_detail", request_id=case.pk)
    messages.success(request, "Draft plan started. Section A has the family's views.")
    return _detail(plan)


def plan_page_context(plan: EHCPlan, *, user: Actor) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "plan": plan,
        "today": today,
        "dates": selectors.plan_dates(plan, on=today),
        "sections": selectors.plan_sections(plan),
        "section_a": [(label, getattr(plan, name)) for name, label in SECTION_A_FIELDS],
        "thread": selectors.golden_thread(plan),
        "advice": selectors.plan_advice(plan),
        "consultations": selectors.consultation_rows(plan),
    }


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def section_a(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    initial = {name: getattr(plan, name) for name, _ in SECTION_A_FIELDS}
    return plan_form_page(
        request,
        plan=plan,
        form=SectionAForm(request.POST or None, initial=initial),
        heading="Section A: views, interests and aspirations",
        action=lambda d: services.plan_section_a_update(actor=request.user, plan=plan, **d),
        success="Section A saved",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def placement(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    initial = {
        "placement_type": plan.placement_type,
        "personal_budget_amount": plan.personal_budget_amount,
        "personal_budget_description": plan.personal_budget_description,
    }
    return plan_form_page(
        request,
        plan=plan,
        form=PlacementForm(request.POST or None, initial=initial),
        heading="Placement and personal budget",
        action=lambda d: services.plan_details_update(actor=request.user, plan=plan, **d),
        success="Sections I and J saved",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def need_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    return plan_form_page(
        request,
        plan=plan,
        form=NeedForm(request.POST or None, initial={"section": request.GET.get("section")}),
        heading="Add a need",
        action=lambda d: services.need_add(actor=request.user, plan=plan, **d),
        success="Need added. Now link an outcome to it.",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, plan_id: int, need_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    need = selectors.need_get(plan, need_id)
    initial = {"section": need.section, "area": need.area, "description": need.description}
    return plan_form_page(
        request,
        plan=plan,
        form=NeedForm(request.POST or None, initial=initial),
        heading="Change a need",
        action=lambda d: services.need_update(actor=request.user, need=need, **d),
        success="Need changed",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def outcome_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    return plan_form_page(
        request,
        plan=plan,
        form=OutcomeForm(request.POST or None, plan=plan),
        heading="Add an outcome",
        action=lambda d: services.outcome_add(actor=request.user, plan=plan, **d),
        success="Outcome added. Now link provision to it.",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, plan_id: int, outcome_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    outcome = selectors.outcome_get(plan, outcome_id)
    initial = {
        "description": outcome.description,
        "by_when": outcome.by_when,
        "preparing_for_adulthood_area": outcome.preparing_for_adulthood_area,
        "need_ids": [n.pk for n in outcome.needs.all()],
    }
    return plan_form_page(
        request,
        plan=plan,
        form=OutcomeForm(request.POST or None, plan=plan, initial=initial),
        heading="Change an outcome",
        action=lambda d: services.outcome_update(actor=request.user, outcome=outcome, **d),
        success="Outcome changed",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def provision_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    return plan_form_page(
        request,
        plan=plan,
        form=ProvisionForm(
            request.POST or None, plan=plan, initial={"section": request.GET.get("section")}
        ),
        heading="Add provision",
        action=lambda d: services.provision_add(actor=request.user, plan=plan, **d),
        success="Provision added",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def provision_edit(request: HttpRequest, plan_id: int, provision_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    provision = selectors.provision_get(plan, provision_id)
    initial = {
        "section": provision.section,
        "description": provision.description,
        "provided_by": provision.provided_by,
        "frequency": provision.frequency,
        "duration": provision.duration,
        "group_size": provision.group_size,
        "location": provision.location,
        "outcome_ids": [o.pk for o in provision.outcomes.all()],
    }
    return plan_form_page(
        request,
        plan=plan,
        form=ProvisionForm(request.POST or None, plan=plan, initial=initial),
        heading="Change provision",
        action=lambda d: services.provision_update(actor=request.user, provision=provision, **d),
        success="Provision changed",
    )


_REMOVERS: dict[str, tuple[Callable[[EHCPlan, int], Any], Callable[..., None], str]] = {
    "need": (selectors.need_get, services.need_remove, "Need removed"),
    "outcome": (selectors.outcome_get, services.outcome_remove, "Outcome removed"),
    "provision": (selectors.provision_get, services.provision_remove, "Provision removed"),
}


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["POST"])
def row_remove(request: HttpRequest, plan_id: int, kind: str, row_id: int) -> HttpResponse:
    """Take a need, an outcome or provision out of the draft."""
    plan = plan_for(request, plan_id)
    if kind not in _REMOVERS:
        raise Http404(selectors.NOT_FOUND)
    get, remove, success = _REMOVERS[kind]
    row = get(plan, row_id)
    try:
        remove(actor=request.user, **{kind: row})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return _detail(plan)


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def draft_issue(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    return plan_form_page(
        request,
        plan=plan,
        form=IssueDraftForm(request.POST or None),
        heading="Issue the draft plan",
        action=lambda d: services.draft_issue(actor=request.user, plan=plan, **d),
        success="Draft plan issued. The family has been told the date their 15 days end.",
        template="plans/issue_draft.html",
        context={"warnings": selectors.plan_warnings_for(plan, on=timezone.localdate())},
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def representations(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    today = timezone.localdate()
    return plan_form_page(
        request,
        plan=plan,
        form=RepresentationForm(request.POST or None),
        heading="The family's comments on the draft",
        action=lambda d: services.representation_record(actor=request.user, plan=plan, **d),
        success="Comments recorded",
        template="plans/representations.html",
        context={"dates": selectors.plan_dates(plan, on=today)},
        done=lambda: redirect("plans:representations", plan_id=plan.pk),
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def consultations(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    return plan_form_page(
        request,
        plan=plan,
        form=ConsultationForm(request.POST or None),
        heading="Consult a school or college",
        action=lambda d: services.consultation_send(actor=request.user, plan=plan, **d),
        success="Consultation recorded. The setting should reply within 15 days.",
        template="plans/consultations.html",
        context={"consultations": selectors.consultation_rows(plan)},
        done=lambda: redirect("plans:consultations", plan_id=plan.pk),
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
        action=lambda d: services.consultation_response_record(
            actor=request.user, consultation=consultation, **d
        ),
        success="Reply recorded",
        done=lambda: redirect("plans:consultations", plan_id=plan.pk),
    )


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
            "choices": [(str(v.version), f"Version {v.version}") for v in rows]
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
    label = f"Version {version.version} ({statutory.long_date(version.issued_on)})"
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
