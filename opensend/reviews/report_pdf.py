"""The annual review report as a document: what the meeting found about each outcome in the
plan, the views gathered (the child's, the family's and every contribution), preparing for
adulthood where it applies, and what the meeting recommends (SEND Regulations 2014, reg 20: the
report of the meeting goes to everyone invited within 2 weeks; Code of Practice 9.166)."""

from django.conf import settings
from django.template.loader import render_to_string

from opensend import statutory
from opensend.plans.pdf import FONT_STACK, PDF_VARIANT
from opensend.reviews.models import AnnualReview


def review_report_pdf(review: AnnualReview, *, pfa: bool) -> bytes:
    from weasyprint import CSS, HTML  # imported here: WeasyPrint is slow to import

    html = render_to_string(
        "reviews/report_pdf.html",
        {
            "review": review,
            "pfa": pfa,
            "council_name": settings.OPENSEND_COUNCIL_NAME,
            "sent_on": statutory.long_date(review.report_sent_on) if review.report_sent_on else "",
        },
    )
    css = CSS(
        string=(
            "@page { size: A4; margin: 22mm 15mm 20mm 15mm;"
            " @top-left { content: string(child-name);"
            f" font-family: {FONT_STACK}; font-size: 9pt; }}"
            f" @bottom-right {{ content: 'Page ' counter(page) ' of ' counter(pages);"
            f" font-family: {FONT_STACK}; font-size: 9pt; }} }}"
            f" body {{ font-family: {FONT_STACK}; font-size: 11pt; line-height: 1.4; }}"
            " .child { string-set: child-name content(); }"
            " table { border-collapse: collapse; width: 100%; }"
            " th, td { border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top;"
            " padding: 4pt; }"
            " caption { text-align: left; font-weight: bold; padding-bottom: 4pt; }"
        )
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[css], pdf_variant=PDF_VARIANT
    )
