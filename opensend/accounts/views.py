"""Sign in, sign out, the second factor (authenticator app and recovery codes), session time."""

from base64 import b32encode
from io import BytesIO
from typing import Any
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from opensend.accounts import one_login, second_factor, sessions
from opensend.accounts.forms import (
    PasswordConfirmForm,
    RecoveryCodeForm,
    SignInForm,
    TokenForm,
)

WRONG_CODE = "The security code is not right. Check your app and try again"


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["signed_out_because"] = sessions.pop_signed_out_reason(self.request)
        context["idle_minutes"] = sessions.idle_seconds() // 60
        context["max_hours"] = sessions.max_seconds() // 3600
        context["one_login"] = one_login.enabled()
        return context

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignOutView(auth_views.LogoutView):
    """Sign out here; after a GOV.UK One Login sign-in, sign out of One Login too (its end-session
    address, which sends the person back to our sign-in page)."""

    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = request.session.get(one_login.ID_TOKEN_SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        if isinstance(id_token, str) and id_token and one_login.enabled():
            back = request.build_absolute_uri(reverse("accounts:login"))
            end_session = one_login.end_session_url(id_token, back)
            if end_session:
                return redirect(end_session)
        return response


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?next={quote(next_url, safe='/')}"


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


def _qr_svg(config_url: str) -> str:
    image = qrcode.make(config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: show the QR code and key, then confirm one code.

    Replacing an authenticator needs a verified session and the password again, so a
    password-only session never sees a new key (the middleware sends it to the code page).
    """
    replacing = second_factor.has_authenticator(request.user)
    if replacing:
        if not second_factor.is_verified(request.user):
            return redirect(_with_next("accounts:mfa_verify", _safe_next(request)))
        if not second_factor.password_recently_confirmed(request):
            here = _with_next("accounts:mfa_setup", _safe_next(request))
            return redirect(_with_next("accounts:confirm_password", here))
    device = second_factor.pending_authenticator(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.authenticator_confirm(request, device, form.cleaned_data["token"])
        if codes is not None:
            request.session[second_factor.NEW_CODES_SESSION_KEY] = codes
            messages.success(request, "Your authenticator app is set up.")
            return redirect(_with_next("accounts:recovery_codes_new", _safe_next(request)))
        form.add_error("token", WRONG_CODE)
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "replacing": replacing,
            "qr_svg": mark_safe(_qr_svg(device.config_url)),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _safe_next(request),
        },
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    if not second_factor.has_authenticator(request.user):
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify_authenticator_code(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", WRONG_CODE)
    return render(
        request,
        "accounts/mfa_verify.html",
        {
            "form": form,
            "next": _safe_next(request),
            "recovery_url": _with_next("accounts:mfa_recovery", _safe_next(request)),
        },
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def mfa_recovery(request: HttpRequest) -> HttpResponse:
    """Sign in with a recovery code instead of the app (a lost or broken phone)."""
    if not second_factor.has_authenticator(request.user):
        return redirect(_safe_next(request))
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.recovery_code_use(request, form.cleaned_data["code"]):
            left = second_factor.recovery_codes_left(request.user)
            messages.info(
                request,
                f"You signed in with a recovery code. You have {left} left. If you have lost "
                "your phone, set up your authenticator app again in Your sign-in security.",
            )
            return redirect(_safe_next(request))
        form.add_error("code", "The recovery code is not right, or it has been used already")
    return render(
        request,
        "accounts/mfa_recovery.html",
        {"form": form, "next": _safe_next(request)},
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def confirm_password(request: HttpRequest) -> HttpResponse:
    """Enter the password again before changing how you sign in."""
    form = PasswordConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        second_factor.mark_password_confirmed(request)
        return redirect(_safe_next(request))
    return render(
        request,
        "accounts/confirm_password.html",
        {"form": form, "next": _safe_next(request)},
        status=_status(form),
    )


@login_required
@require_GET
def security(request: HttpRequest) -> HttpResponse:
    """Your sign-in security: the authenticator app and recovery codes."""
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "has_authenticator": second_factor.has_authenticator(user),
            "codes_left": second_factor.recovery_codes_left(user),
        },
    )


@login_required
@require_POST
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    if not (
        second_factor.has_authenticator(request.user) and second_factor.is_verified(request.user)
    ):
        raise Http404
    codes = second_factor.recovery_codes_regenerate(request)
    request.session[second_factor.NEW_CODES_SESSION_KEY] = codes
    return redirect(_with_next("accounts:recovery_codes_new", reverse("accounts:security")))


@login_required
@require_GET
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once: the session forgets them as this page is made."""
    codes = request.session.pop(second_factor.NEW_CODES_SESSION_KEY, None)
    if not codes:
        messages.info(request, "Recovery codes are shown only once. You can make new ones here.")
        return redirect("accounts:security")
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": _safe_next(request)}
    )


# Session time: the timeout warning's endpoints.


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long this session has left. Reading it does not count as activity."""
    return _session_json(request)


def _session_json(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "seconds_left": 0, "can_extend": False})
    return JsonResponse(
        {
            "signed_in": True,
            "seconds_left": sessions.seconds_left(request),
            "can_extend": sessions.can_extend(request),
        }
    )


@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """'Stay signed in': any request counts as activity; this one just answers."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return _session_json(request)
    return redirect(_safe_next(request))


@require_GET
def session_ended(request: HttpRequest) -> HttpResponse:
    """Where the timeout warning goes when time runs out: sign-in, with a way back."""
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        if sessions.seconds_left(request) > 0:
            return redirect(next_url)  # another tab kept the session going
        sessions.end(request, sessions.IDLE)
    return redirect(_with_next("accounts:login", next_url))
