"""The timeliness report page and its CSV download. Thin: `insights.timeliness` does the work.

Team managers, administrators and performance analysts only (`timeliness.can_view_timeliness`):
the report shows figures for the whole area and never a child.
"""

import csv
from datetime import date
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from opensend import statutory
from opensend.core.forms import GovukDateField, GovukForm
from opensend.insights import timeliness

PERIOD_KEYS = ("start_0", "start_1", "start_2", "end_0", "end_1", "end_2")


class PeriodForm(GovukForm):
    start = GovukDateField(label="From", hint="For example, 1 4 2025")
    end = GovukDateField(label="To", hint="For example, 31 3 2026")

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end of the period must be on or after its start")
            elif start > self.today:
                self.add_error("start", "The start of the period must be today or in the past")
            elif timeliness.period_too_long(start, end):
                months = timeliness.LONGEST_PERIOD_MONTHS
                self.add_error("end", f"The period can be at most {months // 12} years long")
        return data


def _can_view(view: Any) -> Any:
    """Signed in, and a team manager, administrator or analyst; else 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not timeliness.can_view_timeliness(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)  # type: ignore[no-any-return]

    return wrapped


def _period(request: HttpRequest) -> tuple[PeriodForm, date, date]:
    today = timezone.localdate()
    start, end = timeliness.default_period(today)
    if any(key in request.GET for key in PERIOD_KEYS):
        form = PeriodForm(request.GET, today=today)
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        form = PeriodForm(initial={"start": start, "end": end}, today=today)
    return form, start, end


@_can_view
@require_GET
def timeliness_report(request: HttpRequest) -> HttpResponse:
    form, start, end = _period(request)
    if form.is_bound and form.errors:
        return render(
            request, "insights/timeliness.html", {"form": form, "report": None}, status=400
        )
    report = timeliness.timeliness_report(start=start, end=end)
    return render(
        request,
        "insights/timeliness.html",
        {
            "form": form,
            "report": report,
            "start_long": statutory.long_date(start),
            "end_long": statutory.long_date(end),
            "csv_query": request.GET.urlencode(),
        },
    )


@_can_view
@require_GET
def timeliness_report_csv(request: HttpRequest) -> HttpResponse:
    form, start, end = _period(request)
    if form.is_bound and form.errors:
        messages = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(messages, status=400, content_type="text/plain; charset=utf-8")
    report = timeliness.timeliness_report(start=start, end=end)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="timeliness-{start.isoformat()}-to-{end.isoformat()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerows(timeliness.timeliness_csv_rows(report))
    return response
