"""The pages for a plan's actions: add and change them, change their status (with a reason),
update their milestones and attach evidence. Readers see them; managers change them."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.core.downloads import document_response
from opensend.core.views_helpers import form_data
from opensend.improvement import action_services, selectors
from opensend.improvement.action_forms import (
    ActionChangeForm,
    ActionForm,
    EvidenceForm,
    MilestoneAddForm,
    MilestoneForm,
    StatusForm,
)
from opensend.improvement.models import PlanAction
from opensend.improvement.rag import action_rag, is_overdue, tag_class
from opensend.improvement.views import MANAGE, VIEW, _form_page


def _files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _to_action(action: PlanAction) -> HttpResponse:
    return redirect("improvement:action_detail", action_id=action.pk)


def _context(action: PlanAction, heading: str) -> dict[str, Any]:
    return {
        "heading": heading,
        "caption": f"{action.workstream}",
        "quote": f"{action.number}: {action.title}",
        "action": action,
    }


@require_capability(VIEW)
@require_GET
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors.action_get(action_id=action_id)
    today = timezone.localdate()
    rating = action_rag(action, today=today)
    return render(
        request,
        "improvement/action_detail.html",
        {
            "action": action,
            "rag": rating,
            "rag_class": tag_class(rating),
            "overdue": is_overdue(action, today=today),
            "today": today,
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, workstream_id: int) -> HttpResponse:
    workstream = selectors.workstream_get(workstream_id=workstream_id)
    return _form_page(
        request,
        ActionForm(form_data(request), others=selectors.plan_action_choices(workstream.plan)),
        lambda data: action_services.action_create(
            actor=request.user, workstream=workstream, **data
        ),
        success=lambda a: f"Action {a.number} added",
        done=_to_action,
        context={"heading": "Add an action", "caption": str(workstream), "plan": workstream.plan},
    )


CHANGE_FIELDS = ("title", "owner", "organisation", "starts_on", "due_on")


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def action_change(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors.action_get(action_id=action_id)
    initial = {name: getattr(action, name) for name in CHANGE_FIELDS}
    initial["depends_on"] = list(action.depends_on.all())
    others = selectors.plan_action_choices(action.workstream.plan, leaving_out=action)
    return _form_page(
        request,
        ActionChangeForm(form_data(request), initial=initial, others=others),
        lambda data: action_services.action_change(actor=request.user, action=action, **data),
        success=f"Action {action.number} changed",
        done=_to_action,
        context=_context(action, f"Change action {action.number}"),
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def action_status(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors.action_get(action_id=action_id)
    initial = {"status": action.status, "changed_on": timezone.localdate()}
    return _form_page(
        request,
        StatusForm(form_data(request), _files(request), initial=initial),
        lambda data: action_services.action_status_change(
            actor=request.user, action=action, **data
        ),
        success=f"Status of action {action.number} changed",
        done=lambda _: _to_action(action),
        context={
            **_context(action, f"Change the status of action {action.number}"),
            "intro": "To mark it complete, attach the evidence here or first on the action's page.",
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors.action_get(action_id=action_id)
    return _form_page(
        request,
        EvidenceForm(form_data(request), _files(request), milestones=action.milestones.all()),
        lambda data: action_services.evidence_add(actor=request.user, action=action, **data),
        success="Evidence added",
        done=lambda _: _to_action(action),
        context=_context(action, f"Add evidence to action {action.number}"),
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def milestone_update(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = selectors.milestone_get(milestone_id=milestone_id)
    initial = {name: getattr(milestone, name) for name in ("due_on", "status", "evidence")}
    action = milestone.action
    return _form_page(
        request,
        MilestoneForm(form_data(request), initial=initial),
        lambda data: action_services.milestone_update(
            actor=request.user, milestone=milestone, **data
        ),
        success=f"{milestone} updated",
        done=lambda _: _to_action(action),
        context={
            **_context(action, f"Update the {milestone} of action {action.number}"),
            "quote": milestone.description,
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def milestone_add(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors.action_get(action_id=action_id)
    return _form_page(
        request,
        MilestoneAddForm(form_data(request)),
        lambda data: action_services.milestone_add(actor=request.user, action=action, **data),
        success=lambda m: f"{m} added",
        done=lambda _: _to_action(action),
        context=_context(action, f"Add a milestone to action {action.number}"),
    )


@require_capability(VIEW)
@require_GET
def evidence_document(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """A document attached as evidence (no child's details are held here: every reader may
    open it)."""
    evidence = selectors.evidence_get(evidence_id=evidence_id)
    # A FileResponse streams the file.
    return document_response(  # type: ignore[return-value]
        evidence.document, filename=evidence.document_name, content_type=evidence.document_type
    )
