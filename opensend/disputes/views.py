"""Pages for complaints, mediation and Tribunal appeals. Thin: selectors and services.

The queue, the lists, starting a record and each record's page are here; the steps on a record
are declared in `disputes.steps` and served by its workflows (`Workflow.view`, see urls.py),
and a record's page shows the buttons its workflow allows (`Workflow.buttons`)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.services import audit_record_list
from opensend.core.clocks import Clock
from opensend.core.steps import Workflow
from opensend.core.views_helpers import (
    apply_service_errors,
    clock_rows,
    querystring_without_page,
    step_view,
)
from opensend.disputes import selectors, services
from opensend.disputes.clocks import appeal_clocks, complaint_clocks, mediation_clocks
from opensend.disputes.forms import (
    AppealLodgeForm,
    FamilyComplaintForm,
    MediationCreateForm,
    StaffComplaintForm,
)
from opensend.disputes.steps import (
    APPEAL,
    COMPLAINT,
    MEDIATION,
    ORDER_RULE_STEPS,
    manages_disputes,
    may_skip_choosing_child,
    open_order_steps,
)
from opensend.people.models import Child
from opensend.people.selectors import child_get_for_user

START_URLS = {
    "complaint": ("disputes:complaint_create", Capability.COMPLAIN, "Make a complaint"),
    "mediation": ("disputes:mediation_create", Capability.MANAGE_DISPUTES, "Open a mediation case"),
    "appeal": ("disputes:appeal_create", Capability.MANAGE_DISPUTES, "Record an appeal"),
}


def _audit(
    request: HttpRequest, records: Any, summary: str, child_id_attr: str = "child_id"
) -> None:
    """Every record a list page shows, in the audit trail (as the child search does)."""
    audit_record_list(
        actor=request.user, objects=records, child_id_attr=child_id_attr, summary=summary
    )


def _child_from_query(request: HttpRequest) -> Child | None:
    child_id = request.GET.get("child")
    if not child_id:
        return None
    return child_get_for_user(user=request.user, child_id=child_id)  # type: ignore[arg-type]


def _start_for_child(
    request: HttpRequest,
    purpose: str,
    *,
    form_class: Any,
    service: Callable[..., Any],
    success: str,
    workflow: Workflow,
    heading: str = "",
) -> HttpResponse:
    """Start a mediation case or an appeal about the child in the query (else choose one)."""
    child = _child_from_query(request)
    if child is None:
        return redirect("disputes:choose_child", purpose=purpose)
    return step_view(
        request,
        form=form_class(request.POST or None, child=child),
        heading=heading or START_URLS[purpose][2],
        caption=child.full_name,
        back=reverse(f"disputes:{purpose}_list"),
        action=lambda d: service(actor=request.user, child=child, **d),
        success=success,
        next_url=workflow.detail_url,
    )


def _record_page(
    request: HttpRequest, workflow: Workflow, record: Any, clocks: list[Clock], **context: Any
) -> HttpResponse:
    """A record's page: its clocks, its timeline and the buttons its workflow allows now."""
    today = timezone.localdate()
    return render(
        request,
        f"disputes/{workflow.name}_detail.html",
        {
            **context,
            "clocks": clock_rows(clocks, today),
            "timeline": selectors.timeline_for(record, clocks),
            "steps": workflow.buttons(record, request.user),
            "today": today,
        },
    )


# ---------------------------------------------------------------------------- queue


@require_capability(Capability.MANAGE_DISPUTES)
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page_obj, rows = selectors.dispute_queue_page_for_user(
        user=request.user, on=today, page=request.GET.get("page")
    )
    _audit(request, [row.record for row in rows], "Disputes queue")
    return render(
        request,
        "disputes/queue.html",
        {
            "rows": rows,
            "page_obj": page_obj,
            "querystring": querystring_without_page(request),
            "today": today,
        },
    )


@require_capability(Capability.COMPLAIN)
def choose_child(request: HttpRequest, purpose: str) -> HttpResponse:
    """Pick the child a new complaint, mediation case or appeal is about."""
    if purpose not in START_URLS:
        raise Http404("No such page")
    url_name, capability, heading = START_URLS[purpose]
    if not user_can(request.user, capability):
        raise PermissionDenied
    name = request.GET.get("name", "")[:100]
    children = list(selectors.children_to_choose_for_user(user=request.user, name=name)[:25])
    _audit(request, children, "Choose a child", child_id_attr="pk")
    return render(
        request,
        "disputes/choose_child.html",
        {
            "children": children,
            "name": name,
            "heading": heading,
            "start_url": reverse(url_name),
            "purpose": purpose,
            "skip_child": may_skip_choosing_child(request.user, purpose),
        },
    )


# ---------------------------------------------------------------------------- complaints


@require_capability(Capability.COMPLAIN)
def complaint_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    staff = manages_disputes(request.user)
    complaints = list(
        selectors.complaint_list_for_user(user=request.user).select_related("child")[:200]
    )
    _audit(request, complaints, "Complaints")
    return render(
        request,
        "disputes/complaint_list.html",
        {
            "complaints": complaints,
            "staff": staff,
            "figures": selectors.charter_figures_for_user(user=request.user, on=today)
            if staff
            else [],
            "today": today,
        },
    )


@require_capability(Capability.COMPLAIN)
@require_http_methods(["GET", "POST"])
def complaint_create(request: HttpRequest) -> HttpResponse:
    child = _child_from_query(request)
    staff = manages_disputes(request.user)
    if child is None and not may_skip_choosing_child(request.user, "complaint"):
        return redirect("disputes:choose_child", purpose="complaint")
    form_class = StaffComplaintForm if staff else FamilyComplaintForm
    form = form_class(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_create(
                actor=request.user, child=child, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                "Complaint recorded." if staff else "Thank you. We have your complaint.",
            )
            return redirect("disputes:complaint_detail", complaint_id=complaint.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "disputes/complaint_form.html",
        {"form": form, "child": child, "staff": staff},
        status=status,
    )


@require_capability(Capability.COMPLAIN)
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = selectors.complaint_get_for_user(user=request.user, complaint_id=complaint_id)
    return _record_page(
        request,
        COMPLAINT,
        complaint,
        complaint_clocks(complaint),
        complaint=complaint,
        stages=list(complaint.stages.all()),
        staff=manages_disputes(request.user),
    )


# ---------------------------------------------------------------------------- mediation


@require_capability(Capability.MANAGE_DISPUTES)
def mediation_list(request: HttpRequest) -> HttpResponse:
    cases = list(selectors.mediation_list_for_user(user=request.user).select_related("child")[:200])
    _audit(request, cases, "Mediation cases")
    return render(request, "disputes/mediation_list.html", {"cases": cases})


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_create(request: HttpRequest) -> HttpResponse:
    return _start_for_child(
        request,
        "mediation",
        form_class=MediationCreateForm,
        service=services.mediation_create,
        success="Mediation case opened",
        workflow=MEDIATION,
    )


@require_capability(Capability.MANAGE_DISPUTES)
def mediation_detail(request: HttpRequest, mediation_id: int) -> HttpResponse:
    case = selectors.mediation_get_for_user(user=request.user, mediation_id=mediation_id)
    return _record_page(request, MEDIATION, case, mediation_clocks(case), case=case)


# ---------------------------------------------------------------------------- appeals


@require_capability(Capability.MANAGE_DISPUTES)
def appeal_list(request: HttpRequest) -> HttpResponse:
    appeals = list(selectors.appeal_list_for_user(user=request.user).select_related("child")[:200])
    _audit(request, appeals, "Appeals")
    return render(request, "disputes/appeal_list.html", {"appeals": appeals})


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_create(request: HttpRequest) -> HttpResponse:
    return _start_for_child(
        request,
        "appeal",
        form_class=AppealLodgeForm,
        service=services.appeal_lodge,
        success="Appeal recorded",
        heading="Record an appeal to the SEND Tribunal",
        workflow=APPEAL,
    )


@require_capability(Capability.MANAGE_DISPUTES)
def appeal_detail(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
    clocks = appeal_clocks(appeal)
    return _record_page(
        request,
        APPEAL,
        appeal,
        clocks,
        appeal=appeal,
        plan_to_amend=selectors.plan_to_amend_for(appeal),
        amendments=list(appeal.amendments.all()),
        open_order_steps=open_order_steps(appeal, clocks),
        exceptions=[
            (exc, statutory.get_rule(exc.rule_id).title, statutory.StatutoryException(exc.ground))
            for exc in appeal.order_exceptions.all()
        ],
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_rule_step(request: HttpRequest, appeal_id: int, rule_id: str, step: str) -> HttpResponse:
    """A step on one of the order's rules (`steps.ORDER_RULE_STEPS`); 404 for an unknown rule."""
    declared = ORDER_RULE_STEPS[step]
    try:
        title = statutory.get_rule(rule_id).title
    except statutory.UnknownRule as exc:
        raise Http404("No such step") from exc
    appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
    return step_view(
        request,
        form=declared.form(request.POST or None, appeal),
        heading=f"{declared.heading}{title}",
        caption=str(appeal),
        back=APPEAL.detail_url(appeal),
        action=lambda d: declared.service(request.user, appeal, {**d, "rule_id": rule_id}),
        success=declared.success,
    )
