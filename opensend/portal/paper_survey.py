"""The survey after a stage on paper (issue 14, item 7): for families without the internet.

The child's SENAR team print it (the page, or the same as a PDF made with WeasyPrint as the
other documents are) and post it with the letter; what comes back is typed in with "Record an
answer given by phone or on paper" (`feedback_pages.feedback_record`). The questions and their
answers are the online survey's own (`feedback.forms.SurveyForm`), so the two never differ.
Opening it is a read of the child's record (it carries their name), audited.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.views.decorators.http import require_GET

from opensend import statutory
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.downloads import bytes_response
from opensend.feedback.forms import SurveyForm
from opensend.feedback.models import SurveyStage
from opensend.people.models import Child
from opensend.plans.pdf import FONT_STACK, PDF_VARIANT
from opensend.portal.feedback_pages import _team_child, stages_done


def _questions() -> list[dict[str, Any]]:
    """Each question of the online survey with its answers (none for the free text)."""
    form = SurveyForm()
    return [
        {
            "label": field.label,
            "choices": [label for value, label in getattr(field, "choices", []) if value != ""],
        }
        for field in form.fields.values()
    ]


def _context(request: HttpRequest, child_id: int, stage: str) -> dict[str, Any]:
    child: Child = _team_child(request, child_id)
    done = stages_done(child)
    if stage not in done:
        raise Http404("No such page")
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        obj=child,
        child_id=child.pk,
        summary=f"Paper survey printed: {SurveyStage(stage).label}",
    )
    return {
        "child": child,
        "stage": SurveyStage(stage),
        "done_on": statutory.long_date(done[stage]),
        "questions": _questions(),
        "council_name": settings.OPENSEND_COUNCIL_NAME,
        "contact_details": getattr(settings, "OPENSEND_NOTIFY_CONTACT_DETAILS", ""),
        "caseworker": child.caseworker,
    }


@login_required
@require_GET
def paper_survey(request: HttpRequest, child_id: int, stage: str) -> HttpResponse:
    """The paper survey as a page to print (the site's header and footer are not printed)."""
    return render(request, "portal/paper_survey.html", _context(request, child_id, stage))


@login_required
@require_GET
def paper_survey_pdf(request: HttpRequest, child_id: int, stage: str) -> HttpResponse:
    """The same survey as an A4 PDF."""
    from weasyprint import CSS, HTML  # imported here: WeasyPrint is slow to import

    context = _context(request, child_id, stage)
    html = render_to_string("portal/paper_survey_pdf.html", context)
    css = CSS(
        string=(
            "@page { size: A4; margin: 20mm 18mm; }"
            f" body {{ font-family: {FONT_STACK}; font-size: 12pt; line-height: 1.4; }}"
            " .box { display: inline-block; width: 12pt; height: 12pt; border: 1.5pt solid #0b0c0c;"
            " margin-right: 6pt; vertical-align: middle; }"
            " li { list-style: none; margin: 6pt 0; }"
            " .write { border: 1.5pt solid #0b0c0c; height: 60mm; }"
        )
    )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[css], pdf_variant=PDF_VARIANT
    )
    child = context["child"]
    return bytes_response(
        pdf,
        filename=f"Survey {context['stage'].label} {child.full_name}.pdf",
        content_type="application/pdf",
    )


urlpatterns = [
    path(
        "feedback/child/<int:child_id>/paper/<slug:stage>/",
        paper_survey,
        name="feedback_paper",
    ),
    path(
        "feedback/child/<int:child_id>/paper/<slug:stage>/pdf/",
        paper_survey_pdf,
        name="feedback_paper_pdf",
    ),
]
