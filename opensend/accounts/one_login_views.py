"""The pages of signing in with GOV.UK One Login (accounts.one_login): the start, which sends
the person to One Login, and the callback One Login sends them back to. Both answer 404 while
One Login is not configured."""

import logging
import time

from django.contrib.auth import login
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from opensend.accounts import one_login
from opensend.accounts.one_login_accounts import one_login_sign_in
from opensend.accounts.sign_in_link_views import safe_next

LOGGER = logging.getLogger(__name__)
_BACKEND = "django.contrib.auth.backends.ModelBackend"
_STATES = "oidc_states"  # where mozilla-django-oidc keeps each state's nonce in the session


def _page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, f"accounts/{template}.html", status=status)


def _unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    LOGGER.warning("GOV.UK One Login unavailable: %s", exc)
    return _page(request, "one_login_unavailable", 503)


@require_GET
def one_login_start(request: HttpRequest) -> HttpResponse:
    if not one_login.enabled():
        raise Http404
    if request.user.is_authenticated:
        return redirect("portal:home")
    try:
        view = one_login.AuthorisationRequest.as_view()
        return view(request)
    except one_login.ProviderUnavailableError as exc:
        return _unavailable(request, exc)


def _take_nonce(request: HttpRequest, state: str) -> str | None:
    """The nonce kept for this state, once only and while it is fresh; None if there is none."""
    states = request.session.get(_STATES)
    if not isinstance(states, dict) or not state or state not in states:
        return None
    entry = states.pop(state)
    request.session[_STATES] = states
    request.session.save()
    if (
        not isinstance(entry, dict)
        or time.time() - entry.get("added_on", 0) > one_login.STATE_SECONDS
    ):
        return None
    nonce = entry.get("nonce")
    return nonce if isinstance(nonce, str) and nonce else None


@require_GET
def one_login_callback(request: HttpRequest) -> HttpResponse:
    """One Login sends the person back here with a code (or an error, e.g. if they stopped)."""
    if not one_login.enabled():
        raise Http404
    nonce = _take_nonce(request, request.GET.get("state", ""))
    if request.GET.get("error") or not request.GET.get("code") or nonce is None:
        return _page(request, "one_login_failed", 400)
    next_url = safe_next(request, request.session.pop("oidc_login_next", None) or "")
    try:
        person = one_login.Backend().person(request, nonce=nonce)
    except one_login.ProviderUnavailableError as exc:
        return _unavailable(request, exc)
    except SuspiciousOperation as exc:
        LOGGER.warning("GOV.UK One Login sign-in failed: %s", exc)
        return _page(request, "one_login_failed", 400)
    user = one_login_sign_in(person)
    if user is None:
        return _page(request, "one_login_refused", 403)
    login(request, user, backend=_BACKEND)
    request.session[one_login.ID_TOKEN_SESSION_KEY] = person.id_token
    return redirect(next_url or reverse("portal:home"))
