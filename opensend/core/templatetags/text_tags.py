"""Long free text shortened with "Show more" (a GOV.UK details element: works without
JavaScript, keeps every word on the page for screen readers and search)."""

from django import template

register = template.Library()

SHORT = 400  # characters shown before "Show more"


def split_long(text: str, limit: int = SHORT) -> tuple[str, str]:
    """`text` as (what is shown, the rest), broken at a space near `limit`; the rest is empty
    when the text is short enough (or would leave only a few words behind)."""
    text = (text or "").strip()
    if len(text) <= limit * 1.25:
        return text, ""
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut].rstrip(), text[cut:].lstrip()


@register.inclusion_tag("includes/long_text.html")
def long_text(text: str, about: str = "", limit: int = SHORT) -> dict[str, str]:
    """{% long_text case.needs_summary "the child's needs" %}"""
    shown, rest = split_long(text, limit)
    return {"shown": shown, "rest": rest, "about": about}
