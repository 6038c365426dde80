"""The board pack for a meeting (HTML and PDF) and an impact measure's page with its trajectory."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import primary_role
from opensend.accounts.roles import Role
from opensend.core.downloads import bytes_response
from opensend.core.views_helpers import form_data
from opensend.improvement import action_services, charts, closing_services, measures, selectors
from opensend.improvement.action_forms import FigureForm
from opensend.improvement.pack import board_pack as build_pack
from opensend.improvement.views import MANAGE, VIEW, _form_page
from opensend.insights.kpis import KPIS, Measure
from opensend.plans.pdf import FONT_STACK, PDF_VARIANT


@require_capability(VIEW)
@require_GET
def measure_detail(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = selectors.measure_get(measure_id=measure_id)
    today = timezone.localdate()
    suppress = primary_role(request.user) == Role.BOARD_MEMBER
    points = measures.path(measure, today=today, suppress=suppress)
    percent = not measure.is_live or KPIS[measure.kpi_key].measure != Measure.MEAN_WEEKS
    return render(
        request,
        "improvement/measure_detail.html",
        {
            "measure": measure,
            "closed": closing_services.is_closed(measure),
            "closed_parent": closing_services.is_closed(measure.workstream),
            "reading": measures.reading(measure, today=today, suppress=suppress),
            "points": points,
            "chart": charts.trajectory_chart(points, percent=percent and measure.is_live),
            "expected_now": measures.expected(measure, today),
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def figure_add(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = selectors.measure_get(measure_id=measure_id)
    initial = {"on": timezone.localdate(), "source": measure.entered_source}
    return _form_page(
        request,
        FigureForm(form_data(request), initial=initial),
        lambda data: action_services.measure_figure_add(
            actor=request.user, measure=measure, **data
        ),
        success="Figure added",
        done=lambda _: redirect("improvement:measure_detail", measure_id=measure.pk),
        context={
            "heading": f"Add a figure for {measure.name}",
            "caption": str(measure.workstream),
            "plan": measure.workstream.plan,
        },
    )


@require_capability(VIEW)
@require_GET
def board_pack(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(meeting_id=meeting_id)
    pack = build_pack(meeting, today=timezone.localdate())
    return render(request, "improvement/board_pack.html", {"pack": pack, "meeting": meeting})


PACK_CSS = (
    "@page { size: A4; margin: 20mm 15mm;"
    f" @bottom-right {{ content: 'Page ' counter(page) ' of ' counter(pages);"
    f" font-family: {FONT_STACK}; font-size: 9pt; }} }}"
    f" body {{ font-family: {FONT_STACK}; font-size: 10.5pt; line-height: 1.4; }}"
    " table { border-collapse: collapse; width: 100%; margin-bottom: 10pt; }"
    " th, td { border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top;"
    " padding: 3pt; }"
    " caption { text-align: left; font-weight: bold; padding-bottom: 4pt; }"
    " svg { width: 100%; height: auto; max-height: 70mm; }"
    " .govuk-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; }"
    " h2 { break-after: avoid; } figure { break-inside: avoid; margin: 0; }"
)


@require_capability(VIEW)
@require_GET
def board_pack_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    from weasyprint import CSS, HTML  # imported here: WeasyPrint is slow to import

    meeting = selectors.meeting_get(meeting_id=meeting_id)
    pack = build_pack(meeting, today=timezone.localdate())
    html = render_to_string(
        "improvement/board_pack_pdf.html",
        {"pack": pack, "meeting": meeting, "council_name": settings.OPENSEND_COUNCIL_NAME},
        request=request,
    )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(string=PACK_CSS)], pdf_variant=PDF_VARIANT
    )
    return bytes_response(
        pdf,
        filename=f"board-pack-{meeting.held_on.isoformat()}.pdf",
        content_type="application/pdf",
    )
