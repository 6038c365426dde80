"""The plan as an accessible PDF, rendered by WeasyPrint from `plans/plan_pdf.html`.

The same approach as `notify.letters`: tagged PDF/UA-1 (`pdf_variant="pdf/ua-1"`), a language
and a title, Liberation Sans (metric-compatible with Arial). Sections A–K in order; provision in
tables with who, how often, how long and where; each need with the outcomes that answer it. The
large-print version sets the text at 18pt.
"""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from opensend import statutory
from opensend.plans import selectors
from opensend.plans.content import SECTION_A_FIELDS, SECTION_TITLES
from opensend.plans.models import EHCPlan

PDF_VARIANT = "pdf/ua-1"


def plan_html(plan: EHCPlan, *, large_print: bool = False, on: date | None = None) -> str:
    on = on or timezone.localdate()
    outcomes = list(plan.outcomes.all())
    number = {o.pk: i for i, o in enumerate(outcomes, start=1)}
    sections = selectors.plan_sections(plan)
    # "Outcomes 1, 3": the golden thread written out, for each need and each provision.
    for group in sections["needs"]:
        for need in group.rows:
            need.outcome_numbers = _numbers(number[o.pk] for o in outcomes if need in o.needs.all())
    for group in sections["provision"]:
        for provision in group.rows:
            provision.outcome_numbers = _numbers(number[o.pk] for o in provision.outcomes.all())
    return render_to_string(
        "plans/plan_pdf.html",
        {
            "plan": plan,
            "council_name": settings.OPENSEND_COUNCIL_NAME,
            "printed_on": statutory.long_date(on),
            "issued_on": statutory.long_date(plan.issued_on) if plan.issued_on else "",
            "draft_issued_on": (
                statutory.long_date(plan.draft_issued_on) if plan.draft_issued_on else ""
            ),
            "date_of_birth": statutory.long_date(plan.child.date_of_birth),
            "section_a": [(label, getattr(plan, name)) for name, label in SECTION_A_FIELDS],
            "sections": sections,
            "titles": SECTION_TITLES,
            "outcomes": outcomes,
            "advice": selectors.plan_advice(plan),
            "large_print": large_print,
        },
    )


def _numbers(numbers: Iterable[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


def plan_pdf(plan: EHCPlan, *, large_print: bool = False, on: date | None = None) -> bytes:
    """The plan as PDF bytes (tagged, PDF/UA-1)."""
    from weasyprint import CSS, HTML  # imported here: WeasyPrint is slow to import

    html = plan_html(plan, large_print=large_print, on=on)
    css = CSS(string=render_to_string("plans/plan_pdf.css", {"large_print": large_print}))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[css], pdf_variant=PDF_VARIANT
    )
