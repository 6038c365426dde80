"""Sessions run out when idle or too old; a second factor, where one is due, comes first."""

from collections.abc import Callable
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from opensend.accounts import one_login, second_factor, sessions

# Reachable by anyone, whatever their second factor: no personal data here.
_PUBLIC_PREFIXES = ("/static/", "/healthz/", "/accessibility/", "/privacy/")
# What a user who must still prove their second factor may open (URL names in `accounts`).
_ALLOWED_WHILE = {
    second_factor.VERIFY: ("mfa_verify", "mfa_recovery"),
    second_factor.SET_UP: ("mfa_setup",),
}
_ALWAYS = ("logout", "session_status", "session_extend", "session_ended")


def _NOT_ACTIVITY() -> set[str]:  # noqa: N802
    """Requests the timeout warning makes by itself: they must not keep a session alive."""
    return {reverse("accounts:session_status"), reverse("accounts:session_ended")}


class SessionTimeoutMiddleware:
    """End a signed-in session after `OPENSEND_SESSION_IDLE_MINUTES` idle or
    `OPENSEND_SESSION_MAX_HOURS` in all. The request then goes on signed out, so a page that
    needs sign-in sends the user to the sign-in page with `?next=` back to it, and the sign-in
    page says why. The session status endpoint reads the clock without resetting it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = sessions.expired_because(request)
            if reason is not None:
                sessions.end(request, reason)
            elif request.path not in _NOT_ACTIVITY():
                sessions.touch(request)
        return self.get_response(request)


class StaffMFAMiddleware:
    """A signed-in user with a second factor still to prove reaches only the code pages.

    Pages redirect there (keeping `?next=`); the API and anything under /api/ answers 403.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(_PUBLIC_PREFIXES):
            return self.get_response(request)
        step = second_factor.pending_step(request.user)
        if step is None:
            return self.get_response(request)
        allowed = {reverse(f"accounts:{name}") for name in (*_ALLOWED_WHILE[step], *_ALWAYS)}
        if request.path in allowed:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "type": "about:blank",
                    "title": "You cannot do this",
                    "status": 403,
                    "detail": "Enter the security code from your authenticator app first.",
                },
                status=403,
                content_type="application/problem+json",
            )
        target = "accounts:mfa_verify" if step == second_factor.VERIFY else "accounts:mfa_setup"
        return redirect(f"{reverse(target)}?next={quote(request.get_full_path(), safe='/')}")


class OneLoginSignOutCSPMiddleware:
    """For someone signed in with GOV.UK One Login, let the sign-out form's redirect reach One
    Login's sign-out address: the CSP's `form-action` otherwise stops a form's redirect to
    another site. Listed after django-csp's middleware, which reads `_csp_update`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.get(one_login.ID_TOKEN_SESSION_KEY):
            return response
        if not one_login.enabled():
            return response
        origin = one_login.end_session_origin()
        if origin:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), origin]
            response._csp_update = update  # type: ignore[attr-defined]
        return response
