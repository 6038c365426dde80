"""Advice: a professional's workspace (the advice asked of their organisation, the form to
write, save and submit it, corrections as new versions) and the page where the caseworker,
their team and the child's other professionals read it, with its documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.services import audit_record_list
from opensend.casework import about_me, selectors
from opensend.casework.forms import AdviceCorrectForm, AdviceSubmitForm, AdviceWithdrawForm
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


@login_required
@require_http_methods(["GET", "POST"])
def advice_detail(request: HttpRequest, advice_id: int) -> HttpResponse:
    """One piece of advice. Its authors write it here (save a draft, submit); everyone else
    who may see the child reads it, with every earlier version."""
    advice = selectors.advice_get_for_user(user=request.user, advice_id=advice_id)
    ours = selectors.advice_is_ours(request.user, advice)
    writing = ours and advice.is_outstanding
    form = AdviceSubmitForm(
        request.POST or None,
        request.FILES or None,
        initial=AdviceSubmitForm.initial_from(advice) if writing else None,
    )
    if request.method == "POST":
        if not writing:
            return redirect("casework:advice_detail", advice_id=advice.pk)
        if form.is_valid():
            draft = request.POST.get("action") == "draft"
            service = advice_services.advice_draft_save if draft else advice_services.advice_submit
            try:
                service(actor=request.user, advice=advice, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                if draft:
                    messages.success(
                        request, "Draft saved. Only your organisation can see it until you submit."
                    )
                    return redirect("casework:advice_detail", advice_id=advice.pk)
                messages.success(request, "Advice submitted. Thank you.")
                return redirect("casework:advice_list")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "casework/advice_detail.html",
        {
            "advice": advice,
            "ours": ours,
            "writing": writing,
            "form": form,
            "versions": list(advice.versions.all()),
            "all_about_me": about_me.about_me_for_readers(
                user=request.user, child=advice.request.child
            )
            if about_me.may_read(request.user, advice.request.child_id)
            and not (ours and advice.withdrawn_on)
            else None,
            "child_link": not ours
            or selectors.may_see_child(request.user, advice.request.child_id),
            "may_withdraw": advice.is_outstanding
            and user_can(request.user, Capability.MANAGE_CASES),
            "today": timezone.localdate(),
        },
        status=status,
    )


@require_capability(Capability.ADVICE_WORKSPACE)
@require_http_methods(["GET", "POST"])
def advice_correct(request: HttpRequest, advice_id: int) -> HttpResponse:
    """The adviser corrects advice already sent: kept as a new version, with the reason."""
    advice = selectors.advice_get_for_user(user=request.user, advice_id=advice_id)
    if not selectors.advice_is_ours(request.user, advice) or advice.received_on is None:
        raise Http404("No advice to correct")
    form = AdviceCorrectForm(
        request.POST or None, request.FILES or None, initial=AdviceCorrectForm.initial_from(advice)
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = advice_services.advice_correct(
                actor=request.user, advice=advice, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Advice corrected. This is now version {version.number}.")
            return redirect("casework:advice_detail", advice_id=advice.pk)
    return render(
        request,
        "casework/advice_correct.html",
        {"advice": advice, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def advice_withdraw(request: HttpRequest, advice_id: int) -> HttpResponse:
    """The caseworker withdraws an advice request that is no longer needed, with a reason."""
    advice = selectors.advice_get_for_user(user=request.user, advice_id=advice_id)
    form = AdviceWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            advice_services.advice_withdraw(
                actor=request.user, advice=advice, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Request withdrawn. We have told {advice.organisation}.")
            return redirect("casework:case_detail", request_id=advice.request_id)
    return render(
        request,
        "casework/advice_withdraw.html",
        {"advice": advice, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def advice_document(
    request: HttpRequest, advice_id: int, version: int | None = None
) -> HttpResponseBase:
    """The advice's uploaded document (or an earlier version's), for those who may read it."""
    held = selectors.advice_document_for_user(
        user=request.user, advice_id=advice_id, version=version
    )
    return document_response(
        held.document, filename=held.document_name, content_type=held.document_type
    )
