"""The plan's content pages: add, change and remove a need, an outcome or provision (the
golden thread). Open to SENAR staff; the services refuse a plan whose content cannot change
now (`plans.steps.may_edit_content` says when the plan page offers these links)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.plans import selectors
from opensend.plans.forms import NeedForm, OutcomeForm, ProvisionForm
from opensend.plans.models import EHCPlan
from opensend.plans.services import content
from opensend.plans.views.pages import plan_for, plan_form_page, plan_redirect


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def need_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    return plan_form_page(
        request,
        plan=plan,
        form=NeedForm(request.POST or None, initial={"section": request.GET.get("section")}),
        heading="Add a need",
        action=lambda d: content.need_add(actor=request.user, plan=plan, **d),
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
        action=lambda d: content.need_update(actor=request.user, need=need, **d),
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
        action=lambda d: content.outcome_add(actor=request.user, plan=plan, **d),
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
        action=lambda d: content.outcome_update(actor=request.user, outcome=outcome, **d),
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
        action=lambda d: content.provision_add(actor=request.user, plan=plan, **d),
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
        action=lambda d: content.provision_update(actor=request.user, provision=provision, **d),
        success="Provision changed",
    )


_REMOVERS: dict[str, tuple[Callable[[EHCPlan, int], Any], Callable[..., None], str]] = {
    "need": (selectors.need_get, content.need_remove, "Need removed"),
    "outcome": (selectors.outcome_get, content.outcome_remove, "Outcome removed"),
    "provision": (selectors.provision_get, content.provision_remove, "Provision removed"),
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
    return plan_redirect(plan)
