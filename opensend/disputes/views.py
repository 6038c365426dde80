"""Pages for complaints, mediation and Tribunal appeals. Thin: selectors and services."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.services import audit_record_list
from opensend.core.views_helpers import (
    apply_service_errors,
    clock_rows,
    querystring_without_page,
    step_view,
)
from opensend.disputes import selectors, services
from opensend.disputes.clocks import appeal_clocks, complaint_clocks, mediation_clocks
from opensend.disputes.forms import (
    AgreementTermsForm,
    AppealLodgeForm,
    AppealOutcomeForm,
    CloseForm,
    ComplaintCloseForm,
    ComplaintEscalateForm,
    ComplaintRespondForm,
    DateForm,
    FamilyComplaintForm,
    HearingForm,
    MediationChoiceForm,
    MediationCreateForm,
    MediationEndForm,
    MediationHealthForm,
    NotOpposedForm,
    OrderExceptionForm,
    OrderForm,
    OrderStepForm,
    StaffComplaintForm,
)
from opensend.disputes.models import NEXT_STAGE, OUTCOMES_WITH_ORDER, Appeal, MediationCase
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
            "can_skip": purpose == "complaint"
            and user_can(request.user, Capability.MANAGE_DISPUTES),
        },
    )


# ---------------------------------------------------------------------------- complaints


@require_capability(Capability.COMPLAIN)
def complaint_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    staff = user_can(request.user, Capability.MANAGE_DISPUTES)
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
    staff = user_can(request.user, Capability.MANAGE_DISPUTES)
    if child is None and not staff:
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
    today = timezone.localdate()
    clocks = complaint_clocks(complaint)
    stages = list(complaint.stages.all())
    current = next((s for s in stages if s.stage == complaint.stage), None)
    can_manage = user_can(request.user, Capability.MANAGE_DISPUTES) and complaint.is_open
    return render(
        request,
        "disputes/complaint_detail.html",
        {
            "complaint": complaint,
            "stages": stages,
            "clocks": clock_rows(clocks, today),
            "timeline": selectors.timeline_for(complaint, clocks),
            "can_manage": can_manage,
            "can_respond": can_manage and current is not None and current.responded_on is None,
            "can_escalate": can_manage
            and current is not None
            and current.responded_on is not None
            and complaint.stage in NEXT_STAGE,
            "staff": user_can(request.user, Capability.MANAGE_DISPUTES),
            "today": today,
        },
    )


def _complaint_step(
    request: HttpRequest,
    complaint_id: int,
    *,
    form_class: type[BaseForm],
    heading: str,
    service: Callable[..., Any],
    success: str,
) -> HttpResponse:
    complaint = selectors.complaint_get_for_user(user=request.user, complaint_id=complaint_id)
    return step_view(
        request,
        form=form_class(request.POST or None),
        heading=heading,
        caption=str(complaint),
        back=reverse("disputes:complaint_detail", args=[complaint.pk]),
        action=lambda d: service(actor=request.user, complaint=complaint, **d),
        success=success,
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def complaint_respond(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_step(
        request,
        complaint_id,
        form_class=ComplaintRespondForm,
        heading="Record our reply",
        service=services.complaint_respond,
        success="Reply recorded. The complainant has been told.",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def complaint_escalate(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_step(
        request,
        complaint_id,
        form_class=ComplaintEscalateForm,
        heading="Escalate to the next stage",
        service=services.complaint_escalate,
        success="Complaint escalated. The next stage's charter clock has started.",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def complaint_close(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_step(
        request,
        complaint_id,
        form_class=ComplaintCloseForm,
        heading="Close the complaint",
        service=services.complaint_close,
        success="Complaint closed",
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
    child = _child_from_query(request)
    if child is None:
        return redirect("disputes:choose_child", purpose="mediation")
    return step_view(
        request,
        form=MediationCreateForm(request.POST or None, child=child),
        heading="Open a mediation case",
        caption=child.full_name,
        back=reverse("disputes:mediation_list"),
        action=lambda d: services.mediation_create(actor=request.user, child=child, **d),
        success="Mediation case opened",
        next_url=lambda record: reverse("disputes:mediation_detail", args=[record.pk]),
    )


@require_capability(Capability.MANAGE_DISPUTES)
def mediation_detail(request: HttpRequest, mediation_id: int) -> HttpResponse:
    case = selectors.mediation_get_for_user(user=request.user, mediation_id=mediation_id)
    today = timezone.localdate()
    clocks = mediation_clocks(case)
    return render(
        request,
        "disputes/mediation_detail.html",
        {
            "case": case,
            "clocks": clock_rows(clocks, today),
            "timeline": selectors.timeline_for(case, clocks),
            "can_manage": case.is_open,
            "today": today,
        },
    )


def _mediation_step(
    request: HttpRequest,
    mediation_id: int,
    *,
    form: Callable[[Any], BaseForm],
    heading: str,
    action: Callable[[MediationCase, dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    case = selectors.mediation_get_for_user(user=request.user, mediation_id=mediation_id)
    return step_view(
        request,
        form=form(request.POST or None),
        heading=heading,
        caption=str(case),
        back=reverse("disputes:mediation_detail", args=[case.pk]),
        action=lambda d: action(case, d),
        success=success,
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_contact(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=lambda data: DateForm(data, label="Date the family contacted the mediation adviser"),
        heading="Family contacted the mediation adviser",
        action=lambda case, d: services.mediation_adviser_contact_record(
            actor=request.user, case=case, contacted_on=d["on"]
        ),
        success="Contact recorded",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_choice(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=MediationChoiceForm,
        heading="Does the family want mediation?",
        action=lambda case, d: services.mediation_choice_record(
            actor=request.user,
            case=case,
            wants_mediation=d["wants_mediation"] == "yes",
            on=d["on"],
        ),
        success="The family's choice is recorded",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_held(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=lambda data: DateForm(data, label="Date the mediation was held"),
        heading="Mediation held",
        action=lambda case, d: services.mediation_held_record(
            actor=request.user, case=case, held_on=d["on"]
        ),
        success="Mediation recorded as held",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_end(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=MediationEndForm,
        heading="How the mediation ended",
        action=lambda case, d: services.mediation_end_record(actor=request.user, case=case, **d),
        success="Recorded. The certificate is due within 3 working days.",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_health(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=MediationHealthForm,
        heading="Mediation about health care",
        action=lambda case, d: services.mediation_health_record(actor=request.user, case=case, **d),
        success="Recorded. The health commissioning body's time limits are on the case.",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_agreement_terms(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=AgreementTermsForm,
        heading="What the mediation agreement requires",
        action=lambda case, d: services.mediation_agreement_terms_record(
            actor=request.user, case=case, **d
        ),
        success="Recorded. The agreement's time limits are on the case.",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_certificate(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=lambda data: DateForm(data, label="Date the certificate was issued"),
        heading="Mediation certificate issued",
        action=lambda case, d: services.mediation_certificate_issue(
            actor=request.user, case=case, issued_on=d["on"]
        ),
        success="Certificate recorded. The family has been told the last day to appeal.",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_agreement(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=lambda data: DateForm(data, label="Date we acted on the agreement"),
        heading="Mediation agreement acted on",
        action=lambda case, d: services.mediation_agreement_actioned(
            actor=request.user, case=case, on=d["on"]
        ),
        success="Recorded",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def mediation_close(request: HttpRequest, mediation_id: int) -> HttpResponse:
    return _mediation_step(
        request,
        mediation_id,
        form=CloseForm,
        heading="Close the mediation case",
        action=lambda case, d: services.mediation_close(actor=request.user, case=case, **d),
        success="Mediation case closed",
    )


# ---------------------------------------------------------------------------- appeals


@require_capability(Capability.MANAGE_DISPUTES)
def appeal_list(request: HttpRequest) -> HttpResponse:
    appeals = list(selectors.appeal_list_for_user(user=request.user).select_related("child")[:200])
    _audit(request, appeals, "Appeals")
    return render(request, "disputes/appeal_list.html", {"appeals": appeals})


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_create(request: HttpRequest) -> HttpResponse:
    child = _child_from_query(request)
    if child is None:
        return redirect("disputes:choose_child", purpose="appeal")
    return step_view(
        request,
        form=AppealLodgeForm(request.POST or None, child=child),
        heading="Record an appeal to the SEND Tribunal",
        caption=child.full_name,
        back=reverse("disputes:appeal_list"),
        action=lambda d: services.appeal_lodge(actor=request.user, child=child, **d),
        success="Appeal recorded",
        next_url=lambda record: reverse("disputes:appeal_detail", args=[record.pk]),
    )


@require_capability(Capability.MANAGE_DISPUTES)
def appeal_detail(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
    today = timezone.localdate()
    clocks = appeal_clocks(appeal)
    return render(
        request,
        "disputes/appeal_detail.html",
        {
            "appeal": appeal,
            "clocks": clock_rows(clocks, today),
            "timeline": selectors.timeline_for(appeal, clocks),
            "can_order": appeal.outcome in OUTCOMES_WITH_ORDER and not appeal.order_type,
            "plan_to_amend": selectors.plan_to_amend_for(appeal),
            "amendments": list(appeal.amendments.all()),
            "open_order_steps": [
                c for c in clocks if c.is_open and c.rule_id in appeal.compliance_rules
            ],
            "exceptions": [
                (
                    exc,
                    statutory.get_rule(exc.rule_id).title,
                    statutory.StatutoryException(exc.ground),
                )
                for exc in appeal.order_exceptions.all()
            ],
            "today": today,
        },
    )


def _appeal_step(
    request: HttpRequest,
    appeal_id: int,
    *,
    form: Callable[[Any], BaseForm],
    heading: str,
    action: Callable[[Appeal, dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
    return step_view(
        request,
        form=form(request.POST or None),
        heading=heading,
        caption=str(appeal),
        back=reverse("disputes:appeal_detail", args=[appeal.pk]),
        action=lambda d: action(appeal, d),
        success=success,
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_hearing(request: HttpRequest, appeal_id: int) -> HttpResponse:
    return _appeal_step(
        request,
        appeal_id,
        form=HearingForm,
        heading="Hearing date",
        action=lambda appeal, d: services.appeal_hearing_record(
            actor=request.user, appeal=appeal, **d
        ),
        success="Hearing date saved",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_outcome(request: HttpRequest, appeal_id: int) -> HttpResponse:
    return _appeal_step(
        request,
        appeal_id,
        form=AppealOutcomeForm,
        heading="Outcome of the appeal",
        action=lambda appeal, d: services.appeal_outcome_record(
            actor=request.user, appeal=appeal, **d
        ),
        success="Outcome recorded",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_order(request: HttpRequest, appeal_id: int) -> HttpResponse:
    return _appeal_step(
        request,
        appeal_id,
        form=OrderForm,
        heading="The Tribunal's order",
        action=lambda appeal, d: services.appeal_order_record(
            actor=request.user, appeal=appeal, **d
        ),
        success="Order recorded. Its compliance clocks have started and the family has been told.",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_not_opposed(request: HttpRequest, appeal_id: int) -> HttpResponse:
    return _appeal_step(
        request,
        appeal_id,
        form=NotOpposedForm,
        heading="We will not oppose the appeal",
        action=lambda appeal, d: services.appeal_not_opposed_record(
            actor=request.user, appeal=appeal, **d
        ),
        success=(
            "Recorded. The time limits in regulation 45 have started and the family has been told."
        ),
    )


def _order_rule_step(
    request: HttpRequest,
    appeal_id: int,
    rule_id: str,
    *,
    form: Callable[[Any], BaseForm],
    heading: str,
    service: Callable[..., Any],
    success: str,
) -> HttpResponse:
    """A step on one of the order's rules (done, or an exception); 404 for an unknown rule."""
    try:
        title = statutory.get_rule(rule_id).title
    except statutory.UnknownRule as exc:
        raise Http404("No such step") from exc
    return _appeal_step(
        request,
        appeal_id,
        form=form,
        heading=f"{heading}{title}",
        action=lambda appeal, d: service(actor=request.user, appeal=appeal, rule_id=rule_id, **d),
        success=success,
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_order_step(request: HttpRequest, appeal_id: int, rule_id: str) -> HttpResponse:
    return _order_rule_step(
        request,
        appeal_id,
        rule_id,
        form=OrderStepForm,
        heading="Done: ",
        service=services.order_step_done,
        success="Step recorded",
    )


@require_capability(Capability.MANAGE_DISPUTES)
@require_http_methods(["GET", "POST"])
def appeal_order_exception(request: HttpRequest, appeal_id: int, rule_id: str) -> HttpResponse:
    """Record a reg 44(3) exception on one step of the order."""
    return _order_rule_step(
        request,
        appeal_id,
        rule_id,
        form=OrderExceptionForm,
        heading="Exception to the time limit: ",
        service=services.order_exception_record,
        success="Exception recorded. The appeal shows the time limit lifted, and why.",
    )
