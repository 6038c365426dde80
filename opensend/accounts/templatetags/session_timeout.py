"""`{% timeout_warning %}`: the GOV.UK timeout warning dialog for a signed-in page."""

from typing import Any

from django import template

from opensend.accounts import sessions

register = template.Library()


@register.inclusion_tag("accounts/_timeout_warning.html", takes_context=True)
def timeout_warning(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "seconds_left": sessions.seconds_left(request),
        "warning_seconds": sessions.warning_seconds(),
        "idle_minutes": sessions.idle_seconds() // 60,
    }
