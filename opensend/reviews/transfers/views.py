"""Phase transfer pages: the planner and one child's transfer. Thin: selectors and services.
The steps on a transfer are served by its step table (`transfers.steps.TRANSFER_STEPS`, in the
urls), and the transfer's page shows the buttons that table permits."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.audit.services import audit_record_list
from opensend.core.views_helpers import (
    form_data,
    paginate,
    querystring_without_page,
    step_view,
)
from opensend.plans.models import Consultation
from opensend.reviews.ceasing.selectors import plan_get_for_user
from opensend.reviews.models import TransferKindChoice
from opensend.reviews.transfers import planner, selectors, services
from opensend.reviews.transfers.forms import (
    ConsultationResponseForm,
    TransferOpenForm,
)
from opensend.reviews.transfers.steps import TRANSFER_STEPS, may_open_transfers


def _filters(request: HttpRequest) -> dict[str, str]:
    source = request.POST if request.method == "POST" else request.GET
    return {name: source.get(name, "")[:40] for name in ("kind", "setting", "status")}


@require_capability(Capability.VIEW_REVIEWS)
def transfer_planner(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    chosen = _filters(request)
    # One scan of the cohort; the page, its filters and the progress figures come from it.
    cohort = planner.planner_cohort(planner.planner_queryset(user=request.user, on=today))
    narrowed = planner.cohort_filtered(cohort, kind=chosen["kind"], setting_id=chosen["setting"])
    page = paginate(request, planner.cohort_filtered(narrowed, status=chosen["status"]))
    rows = planner.planner_rows(list(page.object_list), on=today)
    audit_record_list(
        actor=request.user, objects=[r.child for r in rows], summary="Phase transfer planner"
    )
    deadlines = planner.cohort_deadlines(today)
    progress = planner.planner_progress(narrowed)
    return render(
        request,
        "reviews/transfers/planner.html",
        {
            "rows": rows,
            "page_obj": page,
            "querystring": querystring_without_page(request),
            "chosen": chosen,
            "kinds": [(k, TransferKindChoice(k).label) for k in deadlines],
            "statuses": planner.PlannerStatus.CHOICES,
            "settings": planner.planner_settings(cohort),
            "progress": progress,
            "transfer_on": statutory.next_september(today),
            "school_deadline": deadlines[statutory.TransferKind.PRIMARY_TO_SECONDARY.value],
            "post16_deadline": deadlines[statutory.TransferKind.SECONDARY_TO_POST16.value],
            "school_rule": statutory.get_rule("phase_transfer_review"),
            "post16_rule": statutory.get_rule("post16_phase_transfer_review"),
            "others": selectors.other_transfers_for_user(user=request.user, on=today)[:50],
            "may_open": may_open_transfers(request.user),
            "today": today,
        },
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_POST
def transfer_cohort_open(request: HttpRequest) -> HttpResponse:
    chosen = _filters(request)
    count = services.transfers_open_for_cohort(
        actor=request.user, kind=chosen["kind"], setting_id=chosen["setting"]
    )
    if count:
        messages.success(
            request,
            f"{count} transfer{'s' if count != 1 else ''} opened. "
            "Each family has been asked for their preferences.",
        )
    else:
        messages.success(request, "Every child in this list already has a transfer open.")
    query = urlencode({k: v for k, v in chosen.items() if v and k != "status"})
    return redirect(reverse("reviews:transfer_planner") + (f"?{query}" if query else ""))


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def transfer_open(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, plan_id=plan_id)
    return step_view(
        request,
        form=TransferOpenForm(form_data(request)),
        heading="Open a phase transfer",
        caption=plan.child.full_name,
        back=reverse("reviews:transfer_planner"),
        action=lambda d: services.transfer_open(actor=request.user, plan=plan, **d),
        success="Transfer opened. The family has been asked for their preferences.",
        submit_label="Open the transfer",
        next_url=lambda transfer: reverse("reviews:transfer_detail", args=[transfer.pk]),
    )


@require_capability(Capability.VIEW_REVIEWS)
def transfer_detail(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = selectors.transfer_get_for_user(user=request.user, transfer_id=transfer_id)
    today = timezone.localdate()
    clock = selectors.transfer_clock(transfer)
    deadline = clock.due_on
    consultations = selectors.transfer_consultations(transfer)
    status = selectors.transfer_status(transfer, consulted=bool(consultations))
    rule = statutory.get_rule(clock.rule_id)
    amendment = transfer.amendment
    return render(
        request,
        "reviews/transfers/detail.html",
        {
            "transfer": transfer,
            "child": transfer.child,
            "deadline": deadline,
            "rule": rule,
            "explanation": clock.explanation,
            "deadline_warning": statutory.phase_transfer_deadline(
                statutory.TransferKind(transfer.kind), transfer.transfer_on
            ).warning,
            "clock": None
            if status in planner.PlannerStatus.DONE
            else statutory.clock_status(deadline, today),
            "late": amendment is not None
            and amendment.issued_on is not None
            and amendment.issued_on > deadline,
            "status": status,
            "status_label": planner.PlannerStatus.LABELS[status],
            "preferences": planner.transfer_preferences(transfer),
            "consultations": consultations,
            "steps": TRANSFER_STEPS.buttons(transfer, request.user),
            "today": today,
        },
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def transfer_consultation_reply(
    request: HttpRequest, transfer_id: int, consultation_id: int
) -> HttpResponse:
    transfer = selectors.transfer_get_for_user(user=request.user, transfer_id=transfer_id)
    consultations = {c.pk: c for c in selectors.transfer_consultations(transfer)}
    consultation: Consultation | None = consultations.get(consultation_id)
    if consultation is None:
        raise Http404("No consultation found")
    return step_view(
        request,
        form=ConsultationResponseForm(form_data(request)),
        heading=f"Reply from {consultation.setting.name}",
        caption=transfer.child.full_name,
        back=reverse("reviews:transfer_detail", args=[transfer.pk]),
        action=lambda d: services.transfer_consultation_response_record(
            actor=request.user, transfer=transfer, consultation=consultation, **d
        ),
        success="Reply recorded",
    )
