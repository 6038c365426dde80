"""Feedback pages that need no journey app: "You said, we did" (read by anyone signed in, kept
by managers) and the satisfaction figures. The survey pages are in portal/feedback_pages.py."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend import statutory
from opensend.core.views_helpers import form_data, form_submitted
from opensend.feedback import figures, selectors, services
from opensend.feedback.access import may_keep_you_said, may_read_figures
from opensend.feedback.forms import YouSaidForm
from opensend.feedback.models import YouSaidWeDid


@login_required
@require_GET
def you_said(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "feedback/you_said.html",
        {"entries": selectors.you_said_entries(), "may_edit": may_keep_you_said(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def you_said_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not may_keep_you_said(request.user):
        raise Http404("No such page")
    entry: YouSaidWeDid | None = selectors.you_said_get(pk) if pk is not None else None
    initial = (
        {"you_said": entry.you_said, "we_did": entry.we_did, "done_on": entry.done_on}
        if entry
        else {}
    )
    form = YouSaidForm(form_data(request), initial=initial)

    def save(d: dict) -> YouSaidWeDid:
        if entry is None:
            return services.you_said_create(actor=request.user, **d)
        return services.you_said_update(actor=request.user, entry=entry, **d)

    saved, _ = form_submitted(request, form, save, "Saved")
    if saved:
        return redirect("feedback:you_said")
    return render(
        request,
        "feedback/you_said_edit.html",
        {"form": form, "entry": entry},
        status=400 if form.is_bound and form.errors else 200,
    )


def _period(request: HttpRequest, today: date) -> tuple[date, date] | None:
    """The period asked for (?from=YYYY-MM-DD&to=YYYY-MM-DD), else the last 12 months."""
    try:
        starts_on = date.fromisoformat(request.GET.get("from") or "")
        ends_on = date.fromisoformat(request.GET.get("to") or "")
    except ValueError:
        if request.GET.get("from") or request.GET.get("to"):
            return None
        return statutory.add_months(today, -12), today
    return (starts_on, ends_on) if starts_on <= ends_on else None


@login_required
@require_GET
def satisfaction(request: HttpRequest) -> HttpResponse:
    """How satisfied families are, by stage, for a period: counts only."""
    if not may_read_figures(request.user):
        raise Http404("No such page")
    period = _period(request, timezone.localdate())
    if period is None:
        return render(
            request,
            "feedback/satisfaction.html",
            {"error": "Enter a start and an end date, as YYYY-MM-DD, with the start first"},
            status=400,
        )
    starts_on, ends_on = period
    return render(
        request,
        "feedback/satisfaction.html",
        {
            "rows": figures.satisfaction_figures(starts_on=starts_on, ends_on=ends_on),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "small_number_note": figures.SMALL_NUMBER_NOTE,
        },
    )
