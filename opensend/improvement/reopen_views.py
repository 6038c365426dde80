"""Reopening what was closed (a plan, a workstream, an impact measure, a risk) and switching a
measure between a live KPI and an entered figure, each with the date and why
(improvement.closing_services, improvement.services). Managers only."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.core.views_helpers import form_data
from opensend.improvement import closing_services, measures, selectors, services
from opensend.improvement.action_forms import SwitchToEnteredForm, SwitchToLiveForm
from opensend.improvement.forms import WithdrawForm
from opensend.improvement.views import MANAGE, _form_page

REOPEN_INTRO = (
    "From the date you give it is back in the RAG and the board pack. A pack for a meeting "
    "while it was closed still leaves it out. Its history keeps the closing and the reopening."
)


def _reopen_page(
    request: HttpRequest, record: Any, *, reopen: Any, caption: str, done: Any, **context: Any
) -> HttpResponse:
    return _form_page(
        request,
        WithdrawForm(form_data(request), initial={"on": timezone.localdate()}),
        lambda data: reopen(actor=request.user, record=record, **data),
        success=f"{record} reopened",
        done=lambda _: done,
        context={
            "heading": f"Reopen {record}",
            "caption": caption,
            "quote": f"Closed on {record.closed_on:%d %B %Y}: {record.closed_reason}"
            if record.closed_on
            else str(record),
            "intro": REOPEN_INTRO,
            **context,
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def plan_reopen(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(plan_id=plan_id)
    done = redirect("improvement:plan_detail", plan_id=plan.pk)
    return _reopen_page(
        request, plan, reopen=closing_services.reopen, caption="Plans", done=done, plan=plan
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def workstream_reopen(request: HttpRequest, workstream_id: int) -> HttpResponse:
    workstream = selectors.workstream_get(workstream_id=workstream_id)
    done = redirect("improvement:plan_detail", plan_id=workstream.plan_id)
    plan = workstream.plan
    return _reopen_page(
        request,
        workstream,
        reopen=closing_services.reopen,
        caption=plan.title,
        done=done,
        plan=plan,
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_reopen(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = selectors.measure_get(measure_id=measure_id)
    done = redirect("improvement:measure_detail", measure_id=measure.pk)
    plan = measure.workstream.plan
    return _reopen_page(
        request, measure, reopen=closing_services.reopen, caption=plan.title, done=done, plan=plan
    )


def _risk_reopen(*, actor: Any, record: Any, **data: Any) -> Any:
    return services.risk_reopen(actor=actor, risk=record, **data)


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def risk_reopen(request: HttpRequest, risk_id: int) -> HttpResponse:
    risk = selectors.risk_get(risk_id=risk_id)
    done = redirect("improvement:risk_detail", risk_id=risk.pk)
    return _reopen_page(
        request,
        risk,
        reopen=_risk_reopen,
        caption="Risk register",
        done=done,
        back="improvement:risk_register",
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_switch(request: HttpRequest, measure_id: int) -> HttpResponse:
    """An entered measure is bound to a live KPI; a live one takes an entered figure."""
    measure = selectors.measure_get(measure_id=measure_id)
    today = {"on": timezone.localdate()}
    form: Any
    if measure.is_live:
        form = SwitchToEnteredForm(form_data(request), initial={**today, "entered_on": today["on"]})
        heading = f"Enter {measure.name}'s figure instead of reading it live"
        intro = (
            "From the date you give, the figure is the one you enter here, with its source, and "
            "the live KPI is no longer read for this measure. The two are never mixed."
        )
    else:
        form = SwitchToLiveForm(form_data(request), initial=today, kpis=measures.kpi_choices())
        heading = f"Bind {measure.name} to a live KPI"
        intro = (
            "From the date you give, the figure is read live from the records. The figures "
            "entered so far are kept on the measure's page, marked as before the switch, and "
            "are no longer used for its figure, its RAG or its chart."
        )
    return _form_page(
        request,
        form,
        lambda data: closing_services.measure_switch(actor=request.user, measure=measure, **data),
        success=f"{measure.name}: where its figure comes from changed",
        done=lambda _: redirect("improvement:measure_detail", measure_id=measure.pk),
        context={
            "heading": heading,
            "caption": str(measure.workstream),
            "plan": measure.workstream.plan,
            "quote": measures.reading(measure, today=today["on"]).where_from,
            "intro": intro,
        },
    )
