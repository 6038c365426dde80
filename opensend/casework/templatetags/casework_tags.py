"""Template helpers that ask the rules engine, so no template does date arithmetic."""

from datetime import date

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from opensend import statutory
from opensend.casework.models import AdviceRequest

register = template.Library()

_COLOURS = {
    statutory.ClockStatus.OVERDUE: "govuk-tag--red",
    statutory.ClockStatus.AT_RISK: "govuk-tag--yellow",
    statutory.ClockStatus.ON_TRACK: "govuk-tag--green",
}


@register.simple_tag
def clock_tag(due_on: date | None, today: date) -> SafeString | str:
    if due_on is None:
        return ""
    status = statutory.clock_status(due_on, today)
    return format_html(
        '<strong class="govuk-tag app-clock-tag {}">{}</strong>', _COLOURS[status], status.label
    )


@register.simple_tag
def advice_due(advice: AdviceRequest) -> date:
    return statutory.due("provide_advice", advice.requested_on)
