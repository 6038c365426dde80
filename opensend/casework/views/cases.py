"""The case page, the request form, reusing advice already held, and the decision letter.

The case's steps (acknowledge, decide, ask for advice, withdraw…) are declared once in
`casework.steps` and served by `Workflow.view`; the page shows the buttons they allow.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.accounts.roles import Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework import selectors
from opensend.casework.clocks import clocks_for
from opensend.casework.models import RequestSource, Stage
from opensend.casework.request_forms import (
    FamilyRequestForm,
    SettingRequestForm,
    StaffRequestForm,
)
from opensend.casework.services import advice as advice_services
from opensend.casework.services import requests as request_services
from opensend.casework.steps import CASE
from opensend.core.downloads import document_response
from opensend.core.types import Actor
from opensend.core.views_helpers import apply_service_errors, clock_rows, form_data
from opensend.notify.letters import letter_pdf
from opensend.notify.services import postal_address
from opensend.people.models import Child
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
            "steps": CASE.buttons(case, request.user),
            "reusable": selectors.reusable_advice_for(case, on=today)
            if case.stage == Stage.ASSESSING
            else [],
            "Stage": Stage,
        },
    )


HAS_PLAN = (
    "{child} already has an EHC plan. Ask for a re-assessment or an early review instead, or "
    "confirm that this is a new request for an assessment"
)
HAS_PLAN_FAMILY = (
    "{child} already has an EHC plan. Tick the box if you are asking for a new assessment, or "
    "ask us to review the plan early"
)
TEMPLATES = {
    "staff": "casework/request_form.html",
    "setting": "casework/request_setting_form.html",
    "family": "casework/request_family_form.html",
}


def _who_asks(user: Actor) -> str:
    """Which form this person fills in: SENAR staff record any request; a SENCO asks for their
    setting; a parent or young person asks for themselves (casework.request_forms)."""
    if user_can(user, Capability.MANAGE_CASES):
        return "staff"
    return "setting" if access_for(user).has(Role.SENCO) else "family"


def _young_person(user: Actor) -> bool:
    access = access_for(user)
    return access.has(Role.YOUNG_PERSON) and not access.has(Role.PARENT)


def _request_form(who: str, request: HttpRequest, child: Child) -> Any:
    data = form_data(request)
    files = request.FILES if data is not None else None
    if who == "staff":
        return StaffRequestForm(data, files)
    if who == "setting":
        return SettingRequestForm(data, files, setting_ids=access_for(request.user).setting_ids)
    return FamilyRequestForm(data, files, child=child, young_person=_young_person(request.user))


def _request_fields(who: str, user: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """The service's arguments from the form: the family's and the setting's requests arrive
    today, from them (the service checks this again)."""
    today = timezone.localdate()
    if who == "staff":
        return data
    if who == "setting":
        return {
            **{k: v for k, v in data.items() if k != "family_agrees"},
            "source": RequestSource.SETTING,
            "received_on": today,
            "requester_name": user.get_full_name() or user.email,
            "agreed": data["family_agrees"],
        }
    return {
        **{k: v for k, v in data.items() if k != "agree"},
        "source": RequestSource.YOUNG_PERSON if _young_person(user) else RequestSource.PARENT,
        "received_on": today,
        "requester_name": user.get_full_name() or user.email,
        "agreed": data["agree"],
    }


@require_capability(Capability.REQUEST_ASSESSMENT)
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, child_id: int) -> HttpResponse:
    child = child_get_for_user(user=request.user, child_id=child_id)
    who = _who_asks(request.user)
    form = _request_form(who, request, child)
    # A child with a plan in force needs a review or a re-assessment, not a new assessment
    # (CFA s44; SEND Regulations 2014, regs 24-27): say so, and ask to confirm before recording.
    plan = child.ehc_plans.filter(status="final").order_by("-issued_on").first()
    open_request = child.assessment_requests.open().first()
    confirmed = request.POST.get("has_plan_confirmed") == "yes"
    if request.method == "POST" and form.is_valid() and (plan is None or confirmed):
        try:
            case = request_services.request_create(
                actor=request.user,
                child=child,
                **_request_fields(who, request.user, form.cleaned_data),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _request_made(request, case)
    status = 400 if form.is_bound and form.errors else 200
    if request.method == "POST" and plan is not None and not confirmed and not form.errors:
        words = HAS_PLAN_FAMILY if who == "family" else HAS_PLAN
        form.add_error(
            None, words.format(child=child.given_name if who == "family" else child.full_name)
        )
        status = 400
    today = timezone.localdate()
    return render(
        request,
        TEMPLATES[who],
        {
            "form": form,
            "child": child,
            "plan_in_force": plan,
            "open_request": open_request,
            "young_person": _young_person(request.user),
            "decision_due": statutory.due("decide_whether_to_assess", today),
        },
        status=status,
    )


def _request_made(request: HttpRequest, case: Any) -> HttpResponse:
    if user_can(request.user, Capability.VIEW_CASELOAD):
        messages.success(request, "Request recorded. The clocks start from the date received.")
        return redirect("casework:case_detail", request_id=case.pk)
    due = statutory.long_date(statutory.due("decide_whether_to_assess", case.received_on))
    if case.source == RequestSource.SETTING:
        told = f"Request sent. The council will decide by {due} whether to carry out the "
        told += "assessment, and will tell the family and you."
    else:
        told = f"We have your request for an EHC needs assessment. We will tell you by {due} "
        told += "whether we will carry out the assessment."
    messages.success(request, told)
    return redirect("people:child_detail", child_id=case.child_id)


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["POST"])
def advice_reuse(request: HttpRequest, request_id: int, advice_id: int) -> HttpResponse:
    case = selectors.request_get_for_user(user=request.user, request_id=request_id)
    previous = (
        selectors.reusable_advice_for(case, on=timezone.localdate()).filter(pk=advice_id).first()
    )
    if previous is None:
        messages.error(request, "That advice cannot be reused")
    else:
        try:
            advice_services.advice_reuse(actor=request.user, case=case, previous=previous)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Existing advice added to this assessment")
    return redirect("casework:case_detail", request_id=case.pk)


@login_required
@require_GET
def request_document(request: HttpRequest, document_id: int) -> HttpResponseBase:
    """Evidence sent with a request (casework.selectors.request_document_for_user decides)."""
    held = selectors.request_document_for_user(user=request.user, document_id=document_id)
    return document_response(
        held.document, filename=held.document_name, content_type=held.document_type
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
