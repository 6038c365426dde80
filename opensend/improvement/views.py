"""The improvement pages: thin, calling selectors and services. Board members, analysts and
managers read (view_improvement); team managers and administrators change (manage_improvement)."""

import csv
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, primary_role
from opensend.accounts.roles import Role
from opensend.core.views_helpers import form_data, form_submitted
from opensend.improvement import measures, selectors, services
from opensend.improvement.forms import (
    AgendaItemForm,
    AreaForm,
    AttendeeForm,
    MeasureForm,
    MeetingForm,
    OutcomeForm,
    PlanForm,
    RecommendationForm,
    RiskForm,
    SignOffForm,
    SourceForm,
    TrackerFilterForm,
    UpdateForm,
    WorkstreamForm,
)
from opensend.improvement.models import Recommendation, Risk
from opensend.improvement.pack import plan_summaries

VIEW = Capability.VIEW_IMPROVEMENT
MANAGE = Capability.MANAGE_IMPROVEMENT
FORM_TEMPLATE = "improvement/form.html"


def _form_page(
    request: HttpRequest,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    success: str | Callable[[Any], str],
    done: Callable[[Any], HttpResponse],
    context: dict[str, Any],
) -> HttpResponse:
    """A form page: on a valid POST run the service and go on; else the form (400 if wrong)."""
    saved, result = form_submitted(request, form, action, success)
    if saved:
        return done(result)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, FORM_TEMPLATE, {"form": form, **context}, status=status)


@require_capability(VIEW)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    risks = list(selectors.risk_list())
    return render(
        request,
        "improvement/home.html",
        {
            "sources": selectors.source_list(),
            "plans": selectors.plan_list(),
            "meetings": selectors.meeting_list(),
            "status_counts": selectors.recommendation_status_counts(),
            "high_risks": [r for r in risks if selectors.band(r.residual_score) == "High"],
            "risk_count": len(risks),
        },
    )


@require_capability(VIEW)
@require_GET
def source_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    source = selectors.source_get(source_id=source_id)
    return render(
        request,
        "improvement/source_detail.html",
        {
            "source": source,
            "areas": selectors.source_areas(source),
            "recommendations": selectors.recommendation_list().filter(source=source),
            "withdrawn": selectors.withdrawn_recommendations(source),
            "priority_plans": selectors.priority_action_plans(source),
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def source_create(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        SourceForm(form_data(request)),
        lambda data: services.source_create(actor=request.user, **data),
        success=lambda s: f"{s.title} added",
        done=lambda s: redirect("improvement:source_detail", source_id=s.pk),
        context={"heading": "Add an inspection, review or report", "back": "improvement:home"},
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def area_create(request: HttpRequest, source_id: int) -> HttpResponse:
    source = selectors.source_get(source_id=source_id)
    return _form_page(
        request,
        AreaForm(form_data(request)),
        lambda data: services.area_create(actor=request.user, source=source, **data),
        success=lambda a: f"Area {a.number} added",
        done=lambda a: redirect("improvement:source_detail", source_id=source.pk),
        context={"heading": "Add an area", "caption": source.title, "source": source},
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def area_sign_off(request: HttpRequest, area_id: int) -> HttpResponse:
    area = selectors.area_get(area_id=area_id)
    return _form_page(
        request,
        SignOffForm(form_data(request), initial={"sign_off": area.sign_off}),
        lambda data: services.area_sign_off(actor=request.user, area=area, **data),
        success=f"Sign-off of area {area.number} recorded",
        done=lambda _: redirect("improvement:source_detail", source_id=area.source_id),
        context={
            "heading": f"Sign-off of area {area.number}",
            "caption": area.source.title,
            "source": area.source,
            "quote": area.text,
            "history": area.sign_off_changes.select_related("recorded_by"),
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def recommendation_create(request: HttpRequest, source_id: int) -> HttpResponse:
    source = selectors.source_get(source_id=source_id)
    earlier = selectors.recommendation_choices().filter(
        source__published_on__lt=source.published_on
    )
    return _form_page(
        request,
        RecommendationForm(form_data(request), earlier=earlier),
        lambda data: services.recommendation_create(actor=request.user, source=source, **data),
        success=lambda r: f"Recommendation {r.number} added",
        done=lambda r: redirect("improvement:recommendation_detail", recommendation_id=r.pk),
        context={"heading": "Add a recommendation", "caption": source.title, "source": source},
    )


CSV_HEADER = [
    "Number",
    "Recommendation",
    "Source",
    "Paragraph",
    "Restates",
    "Owner",
    "Latest update",
    "Update dated",
    "Status",
    "Evidence",
    "Next review date",
    "Next review meeting",
]


def _csv_row(r: Recommendation) -> list[str]:
    latest = r.update_list[0] if r.update_list else None  # type: ignore[attr-defined]
    return [
        r.number,
        r.text,
        r.source.title,
        r.paragraph,
        "; ".join(f"{e.source.title} {e.number}" for e in r.restates.all()),
        r.owner,
        latest.text if latest else "",
        latest.written_on.isoformat() if latest else "",
        r.get_status_display(),
        latest.evidence if latest else "",
        r.next_review_on.isoformat() if r.next_review_on else "",
        r.next_review_at,
    ]


@require_capability(VIEW)
@require_GET
def tracker(request: HttpRequest) -> HttpResponse:
    form = TrackerFilterForm(request.GET or None, owners=selectors.recommendation_owners())
    if form.is_bound and not form.is_valid():
        context = {"form": form, "recommendations": [], "filtered": True}
        return render(request, "improvement/tracker.html", context, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    recommendations = list(
        selectors.recommendation_list(
            status=filters.get("status", ""), owner=filters.get("owner", "")
        )
    )
    if request.GET.get("download") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="recommendations-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_HEADER)
        writer.writerows(_csv_row(r) for r in recommendations)
        return response
    query = request.GET.copy()
    query["download"] = "csv"
    return render(
        request,
        "improvement/tracker.html",
        {
            "form": form,
            "recommendations": recommendations,
            "filtered": bool(filters.get("status") or filters.get("owner")),
            "csv_query": query.urlencode(),
        },
    )


@require_capability(VIEW)
@require_GET
def recommendation_detail(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(recommendation_id=recommendation_id)
    return render(
        request, "improvement/recommendation_detail.html", {"recommendation": recommendation}
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def recommendation_update(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(recommendation_id=recommendation_id)
    initial = {
        "status": recommendation.status,
        "written_on": timezone.localdate(),
        "next_review_on": recommendation.next_review_on,
        "next_review_at": recommendation.next_review_at,
    }
    return _form_page(
        request,
        UpdateForm(form_data(request), initial=initial),
        lambda data: services.recommendation_update_add(
            actor=request.user, recommendation=recommendation, **data
        ),
        success="Update added",
        done=lambda _: redirect(
            "improvement:recommendation_detail", recommendation_id=recommendation.pk
        ),
        context={
            "heading": f"Add an update to recommendation {recommendation.number}",
            "caption": recommendation.source.title,
            "quote": recommendation.text,
            "recommendation": recommendation,
        },
    )


@require_capability(VIEW)
@require_GET
def risk_register(request: HttpRequest) -> HttpResponse:
    risks = list(selectors.risk_list())
    return render(
        request,
        "improvement/risk_register.html",
        {
            "risks": risks,
            "residual_map": selectors.heat_map(risks, residual=True),
            "inherent_map": selectors.heat_map(risks, residual=False),
            "impacts": selectors.IMPACT,
            "closed": selectors.closed_risks(),
        },
    )


@require_capability(VIEW)
@require_GET
def risk_detail(request: HttpRequest, risk_id: int) -> HttpResponse:
    risk = selectors.risk_get(risk_id=risk_id)
    return render(request, "improvement/risk_detail.html", {"risk": risk, "band": selectors.band})


RISK_FIELDS = list(RiskForm.base_fields)


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def risk_create(request: HttpRequest) -> HttpResponse:
    return _risk_form(request, risk=None)


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, risk_id: int) -> HttpResponse:
    return _risk_form(request, risk=selectors.risk_get(risk_id=risk_id))


def _risk_form(request: HttpRequest, *, risk: Risk | None) -> HttpResponse:
    initial = {name: getattr(risk, name) for name in RISK_FIELDS} if risk else None

    def save(data: dict[str, Any]) -> Risk:
        if risk is None:
            return services.risk_create(actor=request.user, **data)
        return services.risk_change(actor=request.user, risk=risk, **data)

    return _form_page(
        request,
        RiskForm(form_data(request), initial=initial),
        save,
        success=lambda r: f"Risk {r.reference} saved",
        done=lambda r: redirect("improvement:risk_detail", risk_id=r.pk),
        context={
            "heading": f"Change risk {risk.reference}" if risk else "Add a risk",
            "caption": "Risk register",
            "back": "improvement:risk_register",
        },
    )


@require_capability(VIEW)
@require_GET
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(plan_id=plan_id)
    today = timezone.localdate()
    # Board members see the board's small-number rule (improvement.measures).
    suppress = primary_role(request.user) == Role.BOARD_MEMBER
    workstreams = plan_summaries(plan, today=today, suppress=suppress)
    closed = [ws for ws in plan.workstreams.all() if plan.closed_on or ws.closed_on]
    return render(
        request,
        "improvement/plan_detail.html",
        {"plan": plan, "workstreams": workstreams, "closed_workstreams": closed},
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        PlanForm(form_data(request)),
        lambda data: services.plan_create(actor=request.user, **data),
        success=lambda p: f"{p.title} added",
        done=lambda p: redirect("improvement:plan_detail", plan_id=p.pk),
        context={"heading": "Add a plan", "back": "improvement:home"},
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def workstream_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(plan_id=plan_id)
    return _form_page(
        request,
        WorkstreamForm(form_data(request)),
        lambda data: services.workstream_create(actor=request.user, plan=plan, **data),
        success=lambda w: f"{w} added",
        done=lambda w: redirect("improvement:plan_detail", plan_id=plan.pk),
        context={"heading": "Add a workstream", "caption": plan.title, "plan": plan},
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, workstream_id: int) -> HttpResponse:
    workstream = selectors.workstream_get(workstream_id=workstream_id)
    return _form_page(
        request,
        MeasureForm(form_data(request), kpis=measures.kpi_choices()),
        lambda data: services.measure_create(actor=request.user, workstream=workstream, **data),
        success=lambda m: f"Impact measure {m.name} added",
        done=lambda m: redirect("improvement:plan_detail", plan_id=workstream.plan_id),
        context={
            "heading": "Add an impact measure",
            "caption": str(workstream),
            "plan": workstream.plan,
        },
    )


@require_capability(VIEW)
@require_GET
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(meeting_id=meeting_id)
    return render(request, "improvement/meeting_detail.html", {"meeting": meeting})


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        MeetingForm(form_data(request)),
        lambda data: services.meeting_create(actor=request.user, **data),
        success=lambda m: f"{m.title} added",
        done=lambda m: redirect("improvement:meeting_detail", meeting_id=m.pk),
        context={"heading": "Add a board meeting", "back": "improvement:home"},
    )


def _meeting_form(
    request: HttpRequest, meeting_id: int, form_class: Any, save: Any, heading: str
) -> HttpResponse:
    meeting = selectors.meeting_get(meeting_id=meeting_id)
    extra = {"items": meeting.items.all()} if form_class is OutcomeForm else {}
    return _form_page(
        request,
        form_class(form_data(request), **extra),
        lambda data: save(actor=request.user, meeting=meeting, **data),
        success="Saved",
        done=lambda _: redirect("improvement:meeting_detail", meeting_id=meeting.pk),
        context={"heading": heading, "caption": str(meeting), "meeting": meeting},
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def agenda_item_create(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_form(
        request, meeting_id, AgendaItemForm, services.agenda_item_create, "Add an agenda item"
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def attendee_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_form(
        request, meeting_id, AttendeeForm, services.attendee_add, "Record attendance"
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def outcome_record(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_form(
        request, meeting_id, OutcomeForm, services.outcome_record, "Record a decision or action"
    )
