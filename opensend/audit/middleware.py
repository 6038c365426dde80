from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from opensend.audit.context import RequestSource, reset_source, set_source


class AuditContextMiddleware:
    """Remember the screen or API call (method, path, view name) for audit rows."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_source(self._describe(request, view_name=""))
        try:
            return self.get_response(request)
        finally:
            reset_source(token)

    def process_view(self, request: HttpRequest, view_func: object, *args: object) -> None:
        match = request.resolver_match
        set_source(self._describe(request, view_name=match.view_name if match else ""))

    @staticmethod
    def _describe(request: HttpRequest, *, view_name: str) -> RequestSource:
        kind = "API" if request.path.startswith("/api/") else "Screen"
        label = f"{kind} {request.method} {request.path}"
        if view_name:
            label += f" ({view_name})"
        return RequestSource(source=label[:300], ip_address=request.META.get("REMOTE_ADDR"))
