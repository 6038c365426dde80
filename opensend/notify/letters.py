"""Letters as accessible PDFs, rendered by WeasyPrint from `notify/letter.html`.

The PDF is tagged for PDF/UA-1 (WeasyPrint's `pdf_variant="pdf/ua-1"` turns on `pdf_tags`),
has a language and a title, and uses Liberation Sans (metric-compatible with Arial). Families
who asked for large print get the same letter at 18pt. The address sits where a window
envelope and GOV.UK Notify's precompiled letter checks expect it (see docs/notifications.md).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from opensend import statutory

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class LetterBlock:
    """A paragraph, or a bulleted list when `items` is set."""

    text: str = ""
    items: tuple[str, ...] = ()


def body_blocks(body: str) -> list[LetterBlock]:
    """Split rendered template text into paragraphs and bullet lists (lines starting "* ")."""
    blocks: list[LetterBlock] = []
    for chunk in body.split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("* ") for line in lines):
            blocks.append(LetterBlock(items=tuple(line[2:] for line in lines)))
        else:
            blocks.append(LetterBlock(text=" ".join(lines)))
    return blocks


def letter_html(
    *,
    recipient_name: str,
    address: str,
    heading: str,
    body: str,
    large_print: bool = False,
    on: date | None = None,
) -> str:
    address_lines = [line.strip() for line in address.splitlines() if line.strip()]
    return render_to_string(
        "notify/letter.html",
        {
            "council_name": settings.OPENSEND_COUNCIL_NAME,
            "date": statutory.long_date(on or timezone.localdate()),
            "recipient_name": recipient_name,
            "address_lines": address_lines,
            "heading": heading,
            "blocks": body_blocks(body),
            "large_print": large_print,
        },
    )


def letter_pdf(
    *,
    recipient_name: str,
    address: str,
    heading: str,
    body: str,
    large_print: bool = False,
    on: date | None = None,
) -> bytes:
    """The letter as PDF bytes (tagged, PDF/UA-1)."""
    from weasyprint import CSS, HTML  # imported here: WeasyPrint is slow to import

    html = letter_html(
        recipient_name=recipient_name,
        address=address,
        heading=heading,
        body=body,
        large_print=large_print,
        on=on,
    )
    css = CSS(string=render_to_string("notify/letter.css", {"large_print": large_print}))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[css], pdf_variant=PDF_VARIANT
    )
