"""A professional's advice workspace: the advice asked of their organisation, the form to
submit it, and the uploaded document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.audit.services import audit_record_list
from opensend.casework import selectors
from opensend.casework.forms import AdviceSubmitForm
from opensend.casework.services import advice as advice_services
from opensend.core.downloads import document_response
from opensend.core.views_helpers import apply_service_errors


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
            advice_services.advice_submit(actor=request.user, advice=advice, **form.cleaned_data)
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
