"""Response headers that keep personal data out of browser and proxy caches."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

NO_STORE = "no-store, private"
_PERSONAL_PREFIXES = ("/api/", "/account/")
_DOWNLOAD_TYPES = ("application/pdf", "application/octet-stream", "text/csv")


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on everything that may hold personal data.

    That is every response to a signed-in user, every API response, the account pages and every
    PDF or file download, whoever asked. Static files never reach this middleware (WhiteNoise,
    above it, answers them first), so they stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A session cookie is read before the view runs: signing out (which ends the session)
        # must not make its own response cacheable.
        had_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        response = self.get_response(request)
        if (
            had_session
            or _signed_in(request)
            or request.path.startswith(_PERSONAL_PREFIXES)
            or _is_download(response)
        ):
            response["Cache-Control"] = NO_STORE
            response.headers.pop("Expires", None)
        return response


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and bool(user.is_authenticated)


def _is_download(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    disposition = response.get("Content-Disposition", "").lower()
    return content_type in _DOWNLOAD_TYPES or disposition.startswith("attachment")
