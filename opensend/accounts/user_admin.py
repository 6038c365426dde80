"""Administrators' pages: the user list, a user's page, invitations, roles, deactivating and
reactivating, resetting a second factor; and the invitation link that sets a password."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.accounts import one_login, second_factor, services
from opensend.accounts.decorators import require_capability
from opensend.accounts.forms import (
    InvitationForm,
    InvitationPasswordForm,
    MembershipForm,
    ReasonForm,
    SecondFactorResetForm,
    UserSearchForm,
)
from opensend.accounts.models import Invitation, Membership, OneLoginIdentity, User
from opensend.accounts.one_login_accounts import one_login_unlink
from opensend.accounts.permissions import Capability
from opensend.accounts.roles import FAMILY_ROLES
from opensend.accounts.views import _status
from opensend.core.views_helpers import form_data

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
            "one_login": OneLoginIdentity.objects.filter(user=target).first(),
            "one_login_enabled": one_login.enabled(),
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
            "one_login": OneLoginIdentity.objects.filter(user=target).first(),
            "one_login_enabled": one_login.enabled(),
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


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_one_login_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    """Unlink a family member's GOV.UK One Login, e.g. when they have made a new one: their next
    One Login sign-in links again by their verified email address (accounts.one_login_accounts)."""
    target = _managed_user(pk)
    if not OneLoginIdentity.objects.filter(user=target).exists():
        raise Http404
    return _confirm_page(
        request,
        target,
        heading="Unlink their GOV.UK One Login",
        intro=f"{target} will no longer sign in with the GOV.UK One Login linked to this account. "
        f"The next time they sign in with GOV.UK One Login, it links again if its verified "
        f"email address is {target.email}.",
        button="Unlink GOV.UK One Login",
        reason_label="Why are you unlinking it?",
        reason_hint="For example: they made a new GOV.UK One Login. This goes in the audit trail.",
        reason_required="Enter why you are unlinking it",
        act=lambda reason: one_login_unlink(actor=request.user, user=target, reason=reason),
        done=f"{target}'s GOV.UK One Login is unlinked",
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
