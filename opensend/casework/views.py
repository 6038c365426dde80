"""Caseworker, manager and professional pages for the EHC journey. Thin: selectors and services."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list
from opensend.casework import selectors, services
from opensend.casework.clocks import clocks_for
from opensend.casework.forms import (
    AcknowledgeForm,
    AdviceRequestForm,
    AdviceSubmitForm,
    AssignForm,
    DecisionForm,
    ExceptionForm,
    FamilyViewsForm,
    PanelCaseForm,
    PanelForm,
    PanelMemberForm,
    RequestForm,
    WithdrawForm,
)
from opensend.casework.models import AssessmentRequest, Stage
from opensend.core.downloads import document_response
from opensend.core.views_helpers import (
    apply_service_errors,
    clock_rows,
    step_view,
)
from opensend.notify.letters import letter_pdf
from opensend.notify.services import postal_address
from opensend.people.selectors import child_get_for_user


@require_capability(Capability.VIEW_CASELOAD)
def case_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    case = selectors.request_get_for_user(user=request.user, request_id=request_id)
    today = timezone.localdate()
    return render(
        request,
        "casework/case_detail.html",
        {
            "case": case,
            "today": today,
            "clocks": clock_rows(clocks_for(case), today),
            "timeline": selectors.timeline_for(case),
            "can_manage": user_can(request.user, Capability.MANAGE_CASES) and case.is_open,
            "reusable": selectors.reusable_advice_for(case, on=today)
            if case.stage == Stage.ASSESSING
            else [],
            "Stage": Stage,
        },
    )


def _step_view(
    request: HttpRequest,
    *,
    case: AssessmentRequest,
    form: BaseForm,
    heading: str,
    action: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    """A step on the case: back to the case page when done or cancelled."""
    return step_view(
        request,
        form=form,
        heading=heading,
        caption=case.child.full_name,
        back=reverse("casework:case_detail", args=[case.pk]),
        action=action,
        success=success,
    )


@require_capability(Capability.REQUEST_ASSESSMENT)
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, child_id: int) -> HttpResponse:
    child = child_get_for_user(user=request.user, child_id=child_id)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.request_create(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Request recorded. The clocks start from the date received.")
            if user_can(request.user, Capability.VIEW_CASELOAD):
                return redirect("casework:case_detail", request_id=case.pk)
            return redirect("people:child_detail", child_id=child.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "casework/request_form.html", {"form": form, "child": child}, status=status
    )


def _case_for_change(request: HttpRequest, request_id: int) -> AssessmentRequest:
    return selectors.request_get_for_user(user=request.user, request_id=request_id)


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def decide_assessment(request: HttpRequest, request_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    form = DecisionForm(request.POST or None, question="Will we carry out an EHC needs assessment?")
    return _step_view(
        request,
        case=case,
        form=form,
        heading="Decide whether to assess",
        action=lambda d: services.assessment_decision_record(
            actor=request.user,
            request=case,
            assess=d["decision"] == "yes",
            decided_on=d["decided_on"],
            reasons=d["reasons"],
        ),
        success="Decision recorded",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def decide_issue(request: HttpRequest, request_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    form = DecisionForm(request.POST or None, question="Will we issue an EHC plan?")
    return _step_view(
        request,
        case=case,
        form=form,
        heading="Decide whether to issue a plan",
        action=lambda d: services.issue_decision_record(
            actor=request.user,
            request=case,
            issue=d["decision"] == "yes",
            decided_on=d["decided_on"],
            reasons=d["reasons"],
        ),
        success="Decision recorded",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def advice_request_create(request: HttpRequest, request_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    form = AdviceRequestForm(request.POST or None)
    return _step_view(
        request,
        case=case,
        form=form,
        heading="Ask for advice",
        action=lambda d: services.advice_request_send(actor=request.user, request=case, **d),
        success="Advice requested. They have 6 weeks to reply.",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["POST"])
def advice_reuse(request: HttpRequest, request_id: int, advice_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    previous = (
        selectors.reusable_advice_for(case, on=timezone.localdate()).filter(pk=advice_id).first()
    )
    if previous is None:
        messages.error(request, "That advice cannot be reused")
    else:
        try:
            services.advice_reuse(actor=request.user, request=case, previous=previous)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Existing advice added to this assessment")
    return redirect("casework:case_detail", request_id=case.pk)


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def exception_create(request: HttpRequest, request_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    form = ExceptionForm(request.POST or None)
    return _step_view(
        request,
        case=case,
        form=form,
        heading="Record an exception to a time limit",
        action=lambda d: services.clock_exception_record(actor=request.user, request=case, **d),
        success="Exception recorded. The case shows which limit it lifts.",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def family_views(request: HttpRequest, request_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    existing = getattr(case, "family_views", None)
    initial = {f: getattr(existing, f) for f in FamilyViewsForm.base_fields} if existing else None
    form = FamilyViewsForm(request.POST or None, initial=initial)
    return _step_view(
        request,
        case=case,
        form=form,
        heading="The family's views (section A)",
        action=lambda d: services.family_views_record(actor=request.user, request=case, **d),
        success="Views saved. Every adviser will see them, so nobody needs to ask again.",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    form = WithdrawForm(request.POST or None)
    return _step_view(
        request,
        case=case,
        form=form,
        heading="Withdraw the request",
        action=lambda d: services.request_withdraw(actor=request.user, request=case, **d),
        success="Request withdrawn",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def acknowledge(request: HttpRequest, request_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    form = AcknowledgeForm(request.POST or None)
    return _step_view(
        request,
        case=case,
        form=form,
        heading="Acknowledge the request",
        action=lambda d: services.request_acknowledge(actor=request.user, request=case, **d),
        success="Request acknowledged",
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, request_id: int) -> HttpResponse:
    case = _case_for_change(request, request_id)
    form = AssignForm(request.POST or None, initial={"caseworker": case.caseworker_id})
    return _step_view(
        request,
        case=case,
        form=form,
        heading="Assign a caseworker",
        action=lambda d: services.request_assign(actor=request.user, request=case, **d),
        success="Caseworker assigned",
    )


@require_capability(Capability.ADVICE_WORKSPACE)
def advice_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    outstanding = selectors.advice_list_for_user(user=request.user, outstanding_only=True)
    done = selectors.advice_list_for_user(user=request.user).filter(received_on__isnull=False)
    shown = {
        "outstanding": list(outstanding[:200]),
        "done": list(done.order_by("-received_on")[:50]),
    }
    audit_record_list(
        actor=request.user,
        objects=shown["outstanding"] + shown["done"],
        child_id_attr="request.child_id",
        summary="Advice requests",
    )
    return render(request, "casework/advice_list.html", {**shown, "today": today})


@require_capability(Capability.ADVICE_WORKSPACE)
@require_http_methods(["GET", "POST"])
def advice_detail(request: HttpRequest, advice_id: int) -> HttpResponse:
    advice = selectors.advice_get_for_user(user=request.user, advice_id=advice_id)
    form = AdviceSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and advice.received_on is None and form.is_valid():
        try:
            services.advice_submit(actor=request.user, advice=advice, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Advice submitted. Thank you.")
            return redirect("casework:advice_list")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "casework/advice_detail.html",
        {"advice": advice, "form": form, "today": timezone.localdate()},
        status=status,
    )


@login_required
def advice_document(request: HttpRequest, advice_id: int) -> HttpResponseBase:
    """The advice's uploaded document, for staff who may see the child and its author."""
    advice = selectors.advice_document_for_user(user=request.user, advice_id=advice_id)
    return document_response(
        advice.document, filename=advice.document_name, content_type=advice.document_type
    )


@require_capability(Capability.MANAGE_CASES)
def panel_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "casework/panel_list.html",
        {"panels": selectors.panel_list_for_user(user=request.user)[:100]},
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def panel_create(request: HttpRequest) -> HttpResponse:
    form = PanelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        panel = services.panel_create(actor=request.user, **form.cleaned_data)
        messages.success(request, "Panel set up. Add its members and the cases to decide.")
        return redirect("casework:panel_detail", panel_id=panel.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "casework/panel_form.html", {"form": form}, status=status)


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def panel_detail(request: HttpRequest, panel_id: int) -> HttpResponse:
    """The panel: members and attendance, the cases listed, and a decision for each."""
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    candidates = selectors.panel_candidates_for_user(user=request.user, panel=panel)
    member_form = PanelMemberForm(request.POST if "add_member" in request.POST else None)
    case_form = PanelCaseForm(
        request.POST if "add_case" in request.POST else None, candidates=candidates
    )
    status = 200
    if request.method == "POST":
        try:
            if "add_member" in request.POST and member_form.is_valid():
                services.panel_member_add(
                    actor=request.user, panel=panel, **member_form.cleaned_data
                )
                messages.success(request, "Member added")
                return redirect("casework:panel_detail", panel_id=panel.pk)
            if "add_case" in request.POST and case_form.is_valid():
                services.panel_list_case(
                    actor=request.user, panel=panel, request=case_form.cleaned_data["request"]
                )
                messages.success(request, "Case listed")
                return redirect("casework:panel_detail", panel_id=panel.pk)
            if "attendance" in request.POST:
                ids = {int(i) for i in request.POST.getlist("attended") if i.isdigit()}
                services.panel_attendance_record(actor=request.user, panel=panel, attended_ids=ids)
                messages.success(request, "Attendance saved")
                return redirect("casework:panel_detail", panel_id=panel.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        status = 400
    audit_record_list(
        actor=request.user,
        objects=[listing.request for listing in panel.cases.all()],
        child_id_attr="child_id",
        summary=f"Panel: {panel}",
    )
    return render(
        request,
        "casework/panel_detail.html",
        {
            "panel": panel,
            "member_form": member_form,
            "case_form": case_form,
            "has_candidates": candidates.exists(),
        },
        status=status,
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def panel_decide(request: HttpRequest, panel_id: int, listing_id: int) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    listing = next((c for c in panel.cases.all() if c.pk == listing_id), None)
    if listing is None:
        raise Http404("No such case on this panel")
    case = selectors.request_get_for_user(user=request.user, request_id=listing.request_id)
    form = DecisionForm(
        request.POST or None,
        question="Did the panel decide to carry out an assessment?",
        initial={"decided_on": panel.held_on},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.assessment_decision_record(
                actor=request.user,
                request=case,
                assess=d["decision"] == "yes",
                decided_on=d["decided_on"],
                reasons=d["reasons"],
                panel_case=listing,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Decision recorded for {case.child.full_name}")
            return redirect("casework:panel_detail", panel_id=panel.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "casework/step_form.html",
        {"form": form, "case": case, "heading": f"Panel decision ({panel})"},
        status=status,
    )


@require_capability(Capability.MANAGE_CASES)
def decision_letter(request: HttpRequest, request_id: int) -> HttpResponse:
    """The refusal letter as a PDF: the same words the family were sent, with appeal rights."""
    case = selectors.request_get_for_user(user=request.user, request_id=request_id)
    message = selectors.refusal_message_for(case)
    if case.stage not in (Stage.NOT_ASSESSING, Stage.NOT_ISSUING) or message is None:
        raise Http404("No decision letter for this case")
    member = message.family_member
    address = postal_address(member.address, member.postcode) if member else ""
    pdf = letter_pdf(
        recipient_name=message.recipient_name,
        address=address,
        heading=message.subject,
        body=message.body,
        large_print=message.large_print,
    )
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        obj=case,
        child_id=case.child_id,
        summary="Decision letter downloaded",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="decision-letter-{case.pk}.pdf"'
    return response
