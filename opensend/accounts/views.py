"""Sign in, sign out, the second factor (authenticator app and recovery codes), session time."""

from base64 import b32encode
from collections.abc import Callable
from io import BytesIO
from typing import Any
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.accounts import second_factor, services, sessions
from opensend.accounts.decorators import require_capability
from opensend.accounts.forms import (
    InvitationForm,
    InvitationPasswordForm,
    MembershipForm,
    PasswordConfirmForm,
    ReasonForm,
    RecoveryCodeForm,
    SecondFactorResetForm,
    SignInForm,
    TokenForm,
    UserSearchForm,
)
from opensend.accounts.models import Invitation, Membership, User
from opensend.accounts.permissions import Capability
from opensend.accounts.roles import FAMILY_ROLES
from opensend.core.views_helpers import form_data

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
        return context

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


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


# Administrators: reset someone's second factor.


@require_capability(Capability.MANAGE_USERS)
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserSearchForm(request.GET or None)
    current_roles = Prefetch(
        "memberships",
        queryset=Membership.objects.current().select_related("organisation"),
        to_attr="current_roles",
    )
    users = (
        User.objects.annotate(
            has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .prefetch_related(current_roles)
        .order_by("email")
    )
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
    if query:
        users = users.filter(
            Q(email__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    waiting = (
        Invitation.objects.open()
        .filter(user__is_active=True)
        .select_related("user", "invited_by")
        .order_by("expires_at")
    )
    return render(
        request,
        "accounts/user_list.html",
        {
            "form": form,
            "users": users[:50],
            "query": query,
            "waiting": waiting[:50],
            "now": timezone.now(),
        },
    )


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    if target.pk == request.user.pk:
        raise Http404
    form = SecondFactorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        second_factor.second_factor_reset(
            actor=request.user, user=target, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            f"The second factor for {target.email} is reset. They will set up a new "
            "authenticator app when they next sign in.",
        )
        return redirect("accounts:user_detail", pk=target.pk)
    return render(
        request,
        "accounts/user_second_factor_reset.html",
        {
            "form": form,
            "target": target,
            "has_authenticator": second_factor.has_authenticator(target),
        },
        status=_status(form),
    )


# Administrators: a user's page, invitations, roles, deactivating and reactivating.


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _managed_user(pk: int) -> User:
    return get_object_or_404(User, pk=pk)


def _apply_errors(form: Any, error: ValidationError) -> None:
    """Put a service's refusal on the form: against its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_capability(Capability.MANAGE_USERS)
@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One user: their account, invitation, roles, and what an administrator may do."""
    target = _managed_user(pk)
    memberships = target.memberships.select_related("organisation", "team", "closed_by").order_by(
        "closed_at", "organisation__name"
    )
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "is_self": target.pk == request.user.pk,
            "current": [m for m in memberships if not m.is_closed],
            "ended": [m for m in memberships if m.is_closed],
            "invitation": services.invitation_status(target),
            "has_authenticator": second_factor.has_authenticator(target),
        },
    )


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.user_invite(
                actor=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                organisation=data["organisation"],
                team=data["team"],
                job_title=data["job_title"],
                site_url=_site_url(request),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            target = invitation.user
            messages.success(request, f"Invitation sent to {target.email}")
            if data["role"] in FAMILY_ROLES:
                return redirect("portal:user_link_child", pk=target.pk)
            return redirect("accounts:user_detail", pk=target.pk)
    return render(request, "accounts/user_invite.html", {"form": form}, status=_status(form))


@require_capability(Capability.MANAGE_USERS)
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(pk)
    try:
        services.invitation_resend(actor=request.user, user=target, site_url=_site_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:user_detail", pk=target.pk)
    messages.success(
        request,
        f"A new invitation is on its way to {target.email}. The old link has stopped working.",
    )
    return redirect("accounts:user_detail", pk=target.pk)


def _confirm_page(
    request: HttpRequest,
    target: User,
    *,
    heading: str,
    intro: str,
    button: str,
    reason_label: str,
    reason_hint: str,
    reason_required: str,
    act: Callable[[str], Any],
    done: str,
    warning: str = "",
) -> HttpResponse:
    """A confirmation page with one question, why; on a good answer, do it and go back."""
    form = ReasonForm(
        form_data(request), label=reason_label, hint=reason_hint, required=reason_required
    )
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data["reason"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("accounts:user_detail", pk=target.pk)
    return render(
        request,
        "accounts/user_confirm.html",
        {
            "form": form,
            "target": target,
            "heading": heading,
            "intro": intro,
            "warning": warning,
            "button": button,
        },
        status=_status(form),
    )


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(pk)
    if not target.invitations.open().exists():  # type: ignore[attr-defined]
        raise Http404
    return _confirm_page(
        request,
        target,
        heading="Cancel their invitation",
        intro=f"The link in the invitation to {target.email} will stop working. Their account "
        "stays, with no password. You can send a new invitation later.",
        button="Cancel invitation",
        reason_label="Why are you cancelling it?",
        reason_hint="For example: sent to the wrong address. This goes in the audit trail.",
        reason_required="Enter why you are cancelling the invitation",
        act=lambda reason: services.invitation_cancel(
            actor=request.user, user=target, reason=reason
        ),
        done=f"The invitation to {target.email} is cancelled",
    )


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(pk)
    form = MembershipForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(
                actor=request.user, user=target, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{target} now has the role {membership.get_role_display()} at "
                f"{membership.organisation}",
            )
            return redirect("accounts:user_detail", pk=target.pk)
    return render(
        request,
        "accounts/membership_add.html",
        {"form": form, "target": target},
        status=_status(form),
    )


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    target = _managed_user(pk)
    membership = get_object_or_404(
        target.memberships.current().select_related("organisation"),  # type: ignore[attr-defined]
        pk=membership_pk,
    )
    role = f"{membership.get_role_display()} at {membership.organisation}"
    return _confirm_page(
        request,
        target,
        heading=f"End their role: {role}",
        intro=f"{target} will no longer have the role {role}, or see what it lets them see. "
        "The record of the role stays, marked as ended.",
        button="End role",
        reason_label="Why is this role ending?",
        reason_hint="For example: left the school in July. This goes in the audit trail.",
        reason_required="Enter why the role is ending",
        act=lambda reason: services.membership_end(
            actor=request.user, membership=membership, reason=reason
        ),
        done=f"{target}'s role {role} has ended",
    )


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(pk)
    if target.pk == request.user.pk or not target.is_active:
        raise Http404
    return _confirm_page(
        request,
        target,
        heading="Deactivate their account",
        intro=f"{target} ({target.email}) will not be able to sign in. If they are signed in "
        "now, they will be signed out. Their roles and everything they did stay on record. "
        "You can reactivate the account later.",
        warning="Do this when someone leaves, or if you think someone else knows their password.",
        button="Deactivate account",
        reason_label="Why are you deactivating it?",
        reason_hint="For example: left the council on 31 March. This goes in the audit trail.",
        reason_required="Enter why you are deactivating the account",
        act=lambda reason: services.user_deactivate(actor=request.user, user=target, reason=reason),
        done=f"{target}'s account is deactivated. They cannot sign in.",
    )


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(pk)
    if target.is_active:
        raise Http404
    return _confirm_page(
        request,
        target,
        heading="Reactivate their account",
        intro=f"{target} ({target.email}) will be able to sign in again with their password, "
        "with the roles listed on their page. Check their roles are still right.",
        button="Reactivate account",
        reason_label="Why are you reactivating it?",
        reason_hint="For example: back from leave. This goes in the audit trail.",
        reason_required="Enter why you are reactivating the account",
        act=lambda reason: services.user_reactivate(actor=request.user, user=target, reason=reason),
        done=f"{target}'s account is active again",
    )


# The invitation link: set your password (no sign-in needed).


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=410)
    form = InvitationPasswordForm(invitation.user, form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            form.add_error("new_password1", error)
        else:
            messages.success(
                request,
                "Your password is set. Sign in with your email address and your new password.",
            )
            return redirect("accounts:login")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "email": invitation.user.email},
        status=_status(form),
    )
