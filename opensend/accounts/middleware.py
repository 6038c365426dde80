"""Staff must prove a second factor (TOTP) before anything else when MFA is required."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from opensend.accounts.permissions import access_for

_EXEMPT_PREFIXES = ("/account/", "/static/", "/healthz/", "/accessibility/", "/privacy/")


class StaffMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.OPENSEND_REQUIRE_STAFF_MFA and self._needs_second_factor(request):
            target = "accounts:mfa_verify"
            if not request.user.totpdevice_set.filter(confirmed=True).exists():  # type: ignore[union-attr]
                target = "accounts:mfa_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined,union-attr]
            return False
        if request.path.startswith(_EXEMPT_PREFIXES):
            return False
        return access_for(user).is_staff_member
