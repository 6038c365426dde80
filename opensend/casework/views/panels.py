"""The SEND panel: set one up, its members and attendance, the cases listed, and a decision
whether to assess for each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.audit.services import audit_record_list
from opensend.casework import selectors
from opensend.casework.forms import (
    DecisionForm,
    PanelCaseForm,
    PanelForm,
    PanelMemberForm,
    PanelOwnDecisionForm,
)
from opensend.casework.models import PanelCase
from opensend.casework.services import decisions, panels
from opensend.core.forms import GovukForm
from opensend.core.views_helpers import apply_service_errors


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
        panel = panels.panel_create(actor=request.user, **form.cleaned_data)
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
                panels.panel_member_add(actor=request.user, panel=panel, **member_form.cleaned_data)
                messages.success(request, "Member added")
                return redirect("casework:panel_detail", panel_id=panel.pk)
            if "add_case" in request.POST and case_form.is_valid():
                panels.panel_list_case(
                    actor=request.user,
                    panel=panel,
                    case=case_form.cleaned_data["request"],
                    question=case_form.cleaned_data["question"],
                    details=case_form.cleaned_data["details"],
                )
                messages.success(request, "Case listed")
                return redirect("casework:panel_detail", panel_id=panel.pk)
            if "attendance" in request.POST:
                ids = {int(i) for i in request.POST.getlist("attended") if i.isdigit()}
                panels.panel_attendance_record(actor=request.user, panel=panel, attended_ids=ids)
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


# The statutory questions go through the decision services that keep their clocks.
STATUTORY = {
    PanelCase.Question.ASSESS: (
        "Did the panel decide to carry out an assessment?",
        lambda actor, case, listing, yes, d: decisions.assessment_decision_record(
            actor=actor, case=case, assess=yes, panel_case=listing, **d
        ),
    ),
    PanelCase.Question.ISSUE: (
        "Did the panel decide to issue an EHC plan?",
        lambda actor, case, listing, yes, d: decisions.issue_decision_record(
            actor=actor, case=case, issue=yes, panel_case=listing, **d
        ),
    ),
}


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def panel_decide(request: HttpRequest, panel_id: int, listing_id: int) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    listing = next((c for c in panel.cases.all() if c.pk == listing_id), None)
    if listing is None:
        raise Http404("No such case on this panel")
    case = selectors.request_get_for_user(user=request.user, request_id=listing.request_id)
    statutory_question = STATUTORY.get(PanelCase.Question(listing.question))
    initial = {"decided_on": panel.held_on}
    form: GovukForm
    if statutory_question:
        form = DecisionForm(request.POST or None, question=statutory_question[0], initial=initial)
    else:
        form = PanelOwnDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if statutory_question:
                when = {"decided_on": d["decided_on"], "reasons": d["reasons"]}
                statutory_question[1](request.user, case, listing, d["decision"] == "yes", when)
            else:
                panels.panel_decision_record(actor=request.user, listing=listing, **d)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Decision recorded for {case.child.full_name}")
            return redirect("casework:panel_detail", panel_id=panel.pk)
    status = 400 if form.is_bound and form.errors else 200
    heading = f"Panel decision: {listing.get_question_display().lower()}"
    return render(
        request,
        "casework/step_form.html",
        {"form": form, "case": case, "heading": heading, "intro": listing.details},
        status=status,
    )


@require_capability(Capability.MANAGE_CASES)
@require_GET
def panel_papers(request: HttpRequest, panel_id: int) -> HttpResponse:
    """Everything the panel needs to decide, for each case listed, on one printable page."""
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    listings = selectors.panel_papers_for_user(user=request.user, panel=panel)
    return render(request, "casework/panel_papers.html", {"panel": panel, "listings": listings})
