"""API plumbing shared by every app: the base permission and RFC 9457 problem details.

Loaded by DRF's settings, so it must not import `rest_framework.views`: the helpers API views
share live in `core.api_helpers`."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, permissions
from rest_framework.request import Request
from rest_framework.response import Response


class IsStaffOrFamilyUser(permissions.BasePermission):
    """Signed in, and an active member of some organisation or a family user.

    Object-level rules live in each app's selectors: an API view fetches through them.
    """

    message = "Sign in to use the OpenSEND API."

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated)


_TITLES = {
    400: "Your request has a problem",
    401: "You need to sign in",
    403: "You cannot do this",
    404: "Not found",
    405: "Method not allowed",
    409: "This conflicts with the record as it stands",
    415: "Unsupported media type",
    429: "Too many requests",
}


def problem_details_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn every error into `application/problem+json` with a 4xx, never an HTML 500 page.

    Services raise plain Django exceptions; they are mapped to DRF's here.
    """
    # Imported here: DRF imports this module while rest_framework.views is still loading.
    from rest_framework.views import exception_handler

    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    status = response.status_code
    signed_out = isinstance(exc, exceptions.NotAuthenticated)
    body: dict[str, Any] = {
        "type": "about:blank",
        # Session-only APIs answer 403 when not signed in (no WWW-Authenticate scheme to name).
        "title": _TITLES[401] if signed_out else _TITLES.get(status, "Error"),
        "status": status,
    }
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        body["detail"] = str(data["detail"])
    elif isinstance(data, dict):
        body["detail"] = "Some of the values you sent are not valid."
        body["errors"] = data
    elif isinstance(data, list):
        body["detail"] = " ".join(str(d) for d in data)
    response.data = body
    response.content_type = "application/problem+json"
    return response
