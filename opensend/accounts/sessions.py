"""How long a signed-in session lasts: an idle limit inside an absolute limit.

`OPENSEND_SESSION_IDLE_MINUTES` (default 30) ends a session nobody has used for that long;
`OPENSEND_SESSION_MAX_HOURS` (default 12) ends any session that long after sign-in, however
busy. `OPENSEND_SESSION_WARNING_SECONDS` (default 120) is when the timeout warning opens.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest

STARTED_KEY = "opensend_session_started"
SEEN_KEY = "opensend_session_seen"
SIGNED_OUT_KEY = "opensend_signed_out_because"
IDLE = "idle"
TOO_LONG = "too-long"
# Writing the session on every request costs a database write; a few seconds' slack is harmless.
_TOUCH_EVERY_SECONDS = 10


def idle_seconds() -> int:
    return int(settings.OPENSEND_SESSION_IDLE_MINUTES * 60)


def max_seconds() -> int:
    return int(settings.OPENSEND_SESSION_MAX_HOURS * 3600)


def warning_seconds() -> int:
    return int(settings.OPENSEND_SESSION_WARNING_SECONDS)


def start(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[STARTED_KEY] = now
    request.session[SEEN_KEY] = now


def _times(request: HttpRequest) -> tuple[float, float]:
    started = request.session.get(STARTED_KEY)
    seen = request.session.get(SEEN_KEY)
    if not isinstance(started, int | float) or not isinstance(seen, int | float):
        # A session from before these limits, or made without the sign-in form: start now.
        start(request)
        now = time.time()
        return now, now
    return started, seen


def expired_because(request: HttpRequest) -> str | None:
    """IDLE or TOO_LONG if the signed-in session has run out, else None."""
    started, seen = _times(request)
    now = time.time()
    if now - started >= max_seconds():
        return TOO_LONG
    if now - seen >= idle_seconds():
        return IDLE
    return None


def seconds_left(request: HttpRequest) -> int:
    started, seen = _times(request)
    now = time.time()
    return max(0, int(min(seen + idle_seconds(), started + max_seconds()) - now))


def can_extend(request: HttpRequest) -> bool:
    """Whether staying active would give more time (not once the absolute limit is near)."""
    started, _ = _times(request)
    return started + max_seconds() - time.time() > warning_seconds()


def touch(request: HttpRequest) -> None:
    _, seen = _times(request)
    now = int(time.time())
    if now - seen >= _TOUCH_EVERY_SECONDS:
        request.session[SEEN_KEY] = now


def end(request: HttpRequest, reason: str) -> None:
    """Sign out, and remember why for the sign-in page."""
    logout(request)
    request.session[SIGNED_OUT_KEY] = reason


def pop_signed_out_reason(request: HttpRequest) -> str | None:
    reason = request.session.pop(SIGNED_OUT_KEY, None)
    return reason if reason in (IDLE, TOO_LONG) else None
