"""Correcting and withdrawing what was added: areas and recommendations are changed or
withdrawn, risks closed, each with why. Nothing is deleted (improvement.services)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.core.views_helpers import form_data
from opensend.improvement import closing_services, selectors, services
from opensend.improvement.forms import (
    AreaChangeForm,
    MeasureChangeForm,
    PlanChangeForm,
    RecommendationChangeForm,
    WithdrawForm,
    WorkstreamChangeForm,
)
from opensend.improvement.views import MANAGE, _form_page


def _today() -> dict[str, Any]:
    return {"on": timezone.localdate()}


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def area_change(request: HttpRequest, area_id: int) -> HttpResponse:
    area = selectors.area_get(area_id=area_id)
    return _form_page(
        request,
        AreaChangeForm(form_data(request), initial={"text": area.text, "owner": area.owner}),
        lambda data: services.area_change(actor=request.user, area=area, **data),
        success=f"Area {area.number} changed",
        done=lambda _: redirect("improvement:source_detail", source_id=area.source_id),
        context={
            "heading": f"Change area {area.number}",
            "caption": area.source.title,
            "source": area.source,
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def area_withdraw(request: HttpRequest, area_id: int) -> HttpResponse:
    area = selectors.area_get(area_id=area_id)
    return _form_page(
        request,
        WithdrawForm(form_data(request), initial=_today()),
        lambda data: services.withdraw(actor=request.user, record=area, **data),
        success=f"Area {area.number} withdrawn",
        done=lambda _: redirect("improvement:source_detail", source_id=area.source_id),
        context={
            "heading": f"Withdraw area {area.number}",
            "caption": area.source.title,
            "source": area.source,
            "quote": area.text,
            "intro": "It stays on the inspection's page, marked withdrawn with why.",
        },
    )


def _recommendation_context(recommendation: Any, heading: str) -> dict[str, Any]:
    return {
        "heading": heading,
        "caption": recommendation.source.title,
        "quote": recommendation.text,
        "recommendation": recommendation,
    }


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def recommendation_change(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(recommendation_id=recommendation_id)
    initial = {n: getattr(recommendation, n) for n in ("text", "paragraph", "owner")}
    return _form_page(
        request,
        RecommendationChangeForm(form_data(request), initial=initial),
        lambda data: services.recommendation_change(
            actor=request.user, recommendation=recommendation, **data
        ),
        success=f"Recommendation {recommendation.number} changed",
        done=lambda _: redirect(
            "improvement:recommendation_detail", recommendation_id=recommendation.pk
        ),
        context=_recommendation_context(
            recommendation, f"Change recommendation {recommendation.number}"
        ),
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def recommendation_withdraw(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(recommendation_id=recommendation_id)
    return _form_page(
        request,
        WithdrawForm(form_data(request), initial=_today()),
        lambda data: services.withdraw(actor=request.user, record=recommendation, **data),
        success=f"Recommendation {recommendation.number} withdrawn",
        done=lambda _: redirect(
            "improvement:recommendation_detail", recommendation_id=recommendation.pk
        ),
        context={
            **_recommendation_context(
                recommendation, f"Withdraw recommendation {recommendation.number}"
            ),
            "intro": "It leaves the tracker and the board pack; its page and updates stay.",
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def risk_close(request: HttpRequest, risk_id: int) -> HttpResponse:
    risk = selectors.risk_get(risk_id=risk_id)
    return _form_page(
        request,
        WithdrawForm(form_data(request), initial=_today()),
        lambda data: services.risk_close(actor=request.user, risk=risk, **data),
        success=f"Risk {risk.reference} closed",
        done=lambda _: redirect("improvement:risk_detail", risk_id=risk.pk),
        context={
            "heading": f"Close risk {risk.reference}",
            "caption": "Risk register",
            "back": "improvement:risk_register",
            "quote": risk.title,
            "intro": "It leaves the heat maps and the board pack and is listed as closed.",
        },
    )


MEASURE_FIELDS = ("name", "voice_of_families", "baseline", "baseline_on", "target", "target_on")


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_change(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = selectors.measure_get(measure_id=measure_id)
    initial = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    return _form_page(
        request,
        MeasureChangeForm(form_data(request), initial=initial),
        lambda data: closing_services.measure_change(actor=request.user, measure=measure, **data),
        success=f"{measure.name} changed",
        done=lambda _: redirect("improvement:measure_detail", measure_id=measure.pk),
        context={
            "heading": f"Change {measure.name}",
            "caption": str(measure.workstream),
            "plan": measure.workstream.plan,
        },
    )


PLAN_FIELDS = ("kind", "title", "source", "approved_on")


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def plan_change(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(plan_id=plan_id)
    return _form_page(
        request,
        PlanChangeForm(form_data(request), initial={n: getattr(plan, n) for n in PLAN_FIELDS}),
        lambda data: closing_services.plan_change(actor=request.user, plan=plan, **data),
        success=f"{plan.title} changed",
        done=lambda _: redirect("improvement:plan_detail", plan_id=plan.pk),
        context={"heading": f"Change {plan.title}", "caption": "Plans", "plan": plan},
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def workstream_change(request: HttpRequest, workstream_id: int) -> HttpResponse:
    workstream = selectors.workstream_get(workstream_id=workstream_id)
    initial = {n: getattr(workstream, n) for n in ("number", "title", "lead")}
    return _form_page(
        request,
        WorkstreamChangeForm(form_data(request), initial=initial),
        lambda data: closing_services.workstream_change(
            actor=request.user, workstream=workstream, **data
        ),
        success=f"{workstream} changed",
        done=lambda _: redirect("improvement:plan_detail", plan_id=workstream.plan_id),
        context={
            "heading": f"Change {workstream}",
            "caption": workstream.plan.title,
            "plan": workstream.plan,
        },
    )


CLOSE_INTRO = (
    "From the date you give it leaves the RAG, the overview and the board pack. It stays on "
    "its page, marked closed with the date and why, and can be reopened later with why."
)


def _close_page(request: HttpRequest, record: Any, *, plan: Any, done: Any) -> HttpResponse:
    return _form_page(
        request,
        WithdrawForm(form_data(request), initial=_today()),
        lambda data: closing_services.close(actor=request.user, record=record, **data),
        success=f"{record} closed",
        done=lambda _: done,
        context={
            "heading": f"Close {record}",
            "caption": plan.title,
            "plan": plan,
            "quote": str(record),
            "intro": CLOSE_INTRO,
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def plan_close(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(plan_id=plan_id)
    done = redirect("improvement:plan_detail", plan_id=plan.pk)
    return _close_page(request, plan, plan=plan, done=done)


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def workstream_close(request: HttpRequest, workstream_id: int) -> HttpResponse:
    workstream = selectors.workstream_get(workstream_id=workstream_id)
    done = redirect("improvement:plan_detail", plan_id=workstream.plan_id)
    return _close_page(request, workstream, plan=workstream.plan, done=done)


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_close(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = selectors.measure_get(measure_id=measure_id)
    done = redirect("improvement:measure_detail", measure_id=measure.pk)
    return _close_page(request, measure, plan=measure.workstream.plan, done=done)
