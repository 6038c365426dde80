"""Administrators' work on accounts: invitations, roles (memberships), deactivating and
reactivating. Every write is atomic, checks that the actor may manage users, and is audited with
a plain-English summary.

An invitation's link carries a signed token (`django.core.signing`), never stored: it names the
invitation and when it was sent. It works once, for `INVITATION_DAYS`, and only while that
invitation is the person's open one, so sending a new invitation or cancelling it ends the old
link. The email goes out through the notify app, which listens for `invitation_sent` (accounts
sits below notify in the dependency order)."""

import datetime as dt
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opensend.accounts.models import Invitation, Membership, Organisation, Team, User
from opensend.accounts.permissions import Capability, check_capability
from opensend.accounts.roles import FAMILY_ROLES, SENAR_ROLES, Role
from opensend.accounts.signals import invitation_sent
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor

INVITATION_DAYS = 7
_INVITATION_SECONDS = INVITATION_DAYS * 24 * 60 * 60
_TOKEN_SALT = "opensend.accounts.invitation"  # noqa: S105 (a signing salt, not a secret)


def name_of(user: Actor) -> str:
    return (user.get_full_name() or user.email) if user is not None else "the system"


# Invitations


@transaction.atomic
def user_invite(
    *,
    actor: Actor,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    organisation: Organisation | None = None,
    team: Team | None = None,
    job_title: str = "",
    site_url: str,
) -> Invitation:
    """Make an account with no password, give it the role (staff only: parents and young people
    are linked to a child instead), and email a link to set a password."""
    check_capability(actor, Capability.MANAGE_USERS)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": "Someone already has an account with this email address. Find them in "
                "the list of users"
            }
        )
    is_family = Role(role) in FAMILY_ROLES
    if not is_family:
        _check_membership(organisation=organisation, role=role, team=team)
    user = User.objects.create_user(
        email, password=None, first_name=first_name.strip(), last_name=last_name.strip()
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=user,
        summary=f"Account made for {email} and an invitation sent",
    )
    if organisation is not None and not is_family:
        _membership_create(
            actor=actor,
            user=user,
            organisation=organisation,
            role=role,
            team=team,
            job_title=job_title,
        )
    return _invitation_send(actor=actor, user=user, site_url=site_url)


@transaction.atomic
def invitation_resend(*, actor: Actor, user: User, site_url: str) -> Invitation:
    """A new invitation with a new link; any earlier link stops working."""
    check_capability(actor, Capability.MANAGE_USERS)
    if user.has_usable_password():
        raise ValidationError("They have already set a password, so they can sign in")
    if not user.is_active:
        raise ValidationError("Their account is deactivated. Reactivate it first")
    _invitations_close(user=user, because="Replaced by a new invitation")
    return _invitation_send(actor=actor, user=user, site_url=site_url)


@transaction.atomic
def invitation_cancel(*, actor: Actor, user: User, reason: str = "") -> Invitation:
    """The open invitation's link stops working. The account stays, with no password."""
    check_capability(actor, Capability.MANAGE_USERS)
    invitation = user.invitations.open().first()  # type: ignore[attr-defined]
    if invitation is None:
        raise ValidationError("They have no invitation waiting to be used")
    _invitations_close(user=user, because=f"Cancelled by {name_of(actor)}")
    audit_record(
        actor=actor,
        action=Action.CLOSE,
        obj=invitation,
        summary=f"Invitation to {user.email} cancelled" + (f": {reason.strip()}" if reason else ""),
    )
    invitation.refresh_from_db()
    return invitation


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(
        [invitation.pk, int(invitation.sent_at.timestamp())], salt=_TOKEN_SALT, compress=False
    )


def invitation_from_token(token: str) -> Invitation | None:
    """The open, unexpired invitation this link is for, or None (a bad, expired, used, cancelled
    or replaced link: the page says the same for each, so it tells nobody anything)."""
    try:
        pk, sent = signing.loads(token, salt=_TOKEN_SALT, max_age=_INVITATION_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    invitation = (
        Invitation.objects.open().select_related("user").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if invitation is None or int(invitation.sent_at.timestamp()) != sent:
        return None
    if invitation.expires_at <= timezone.now():
        return None
    user = invitation.user
    if not user.is_active or user.has_usable_password():
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Set the person's password from their invitation link (the link then stops working)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.cancelled_at:
        raise PermissionDenied
    user = invitation.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user,
        action=Action.UPDATE,
        obj=user,
        summary="Password set from the invitation email",
        changes={"password": ["not set", "set"]},
    )
    return user


def _invitation_send(*, actor: Actor, user: User, site_url: str) -> Invitation:
    now = timezone.now()
    invitation = Invitation.objects.create(
        user=user,
        invited_by=actor,
        sent_at=now,
        expires_at=dt.datetime.fromtimestamp(now.timestamp() + _INVITATION_SECONDS, tz=dt.UTC),
    )
    link = site_url.rstrip("/") + reverse(
        "accounts:invitation_accept", args=[invitation_token(invitation)]
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=invitation,
        summary=f"Invitation emailed to {user.email}",
    )
    invitation_sent.send(
        sender=_invitation_send,
        actor=actor,
        user=user,
        link=link,
        expires_at=invitation.expires_at,
    )
    return invitation


def _invitations_close(*, user: User, because: str) -> None:
    for invitation in user.invitations.open():  # type: ignore[attr-defined]
        invitation.cancelled_at = timezone.now()
        invitation.cancelled_because = because[:200]
        invitation.save(update_fields=["cancelled_at", "cancelled_because"])


def invitation_status(user: User) -> dict[str, Any]:
    """What the user's page says about their invitation."""
    latest = user.invitations.select_related("invited_by").first()  # type: ignore[attr-defined]
    if user.has_usable_password():
        return {"state": "accepted" if latest else "", "invitation": latest}
    if latest is None:
        return {"state": "none", "invitation": None}
    if latest.accepted_at:
        return {"state": "accepted", "invitation": latest}
    if latest.cancelled_at:
        return {"state": "cancelled", "invitation": latest}
    if latest.expires_at <= timezone.now():
        return {"state": "expired", "invitation": latest}
    return {"state": "open", "invitation": latest}


# Roles: memberships of an organisation


def _check_membership(*, organisation: Organisation | None, role: str, team: Team | None) -> None:
    errors: dict[str, str] = {}
    if Role(role) in FAMILY_ROLES:
        errors["role"] = (
            "Parents, carers and young people do not hold a role at an organisation. Link "
            "their account to the child instead"
        )
    if organisation is None:
        errors["organisation"] = "Select the organisation"
    elif organisation.is_closed:
        errors["organisation"] = "This organisation is closed. Select another"
    if Role(role) in SENAR_ROLES and team is None:
        errors["team"] = "Select the SEN team they work in"
    if team is not None and organisation is not None and team.organisation_id != organisation.pk:
        errors["team"] = f"This team is not part of {organisation}. Select one of its teams"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def membership_add(
    *,
    actor: Actor,
    user: User,
    organisation: Organisation,
    role: str,
    team: Team | None = None,
    job_title: str = "",
) -> Membership:
    """Give someone a role at an organisation (and, for SEN staff, a team)."""
    check_capability(actor, Capability.MANAGE_USERS)
    _check_membership(organisation=organisation, role=role, team=team)
    return _membership_create(
        actor=actor,
        user=user,
        organisation=organisation,
        role=role,
        team=team,
        job_title=job_title,
    )


def _membership_create(
    *,
    actor: Actor,
    user: User,
    organisation: Organisation,
    role: str,
    team: Team | None,
    job_title: str,
) -> Membership:
    if user.memberships.current().filter(organisation=organisation, role=role).exists():  # type: ignore[attr-defined]
        raise ValidationError({"role": "They already have this role at this organisation"})
    membership = Membership.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        team=team if Role(role) in SENAR_ROLES else None,
        job_title=job_title.strip(),
    )
    where = f" in {membership.team}" if membership.team else ""
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=membership,
        summary=f"{name_of(user)} given the role {membership.get_role_display()} at "
        f"{organisation}{where}",
    )
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership, reason: str) -> Membership:
    """End a role: the record stays, closed, with who ended it and why."""
    check_capability(actor, Capability.MANAGE_USERS)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.is_closed:
        raise ValidationError("This role has already ended")
    if membership.user_id == getattr(actor, "pk", None) and membership.role == Role.ADMIN:
        raise ValidationError(
            "You cannot end your own administrator role. Ask another administrator"
        )
    membership.closed_at = timezone.now()
    membership.closed_by = actor
    membership.closed_reason = reason.strip()
    membership.save(update_fields=["closed_at", "closed_by", "closed_reason"])
    audit_record(
        actor=actor,
        action=Action.CLOSE,
        obj=membership,
        summary=f"{name_of(membership.user)}'s role {membership.get_role_display()} at "
        f"{membership.organisation} ended: {reason.strip()}",
    )
    return membership


# Deactivating and reactivating an account


def user_deactivate(*, actor: Actor, user: User, reason: str) -> User:
    """They can no longer sign in (a session they have open ends on its next request)."""
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError("You cannot deactivate your own account")
    return _active_set(actor=actor, user=user, active=False, reason=reason)


def user_reactivate(*, actor: Actor, user: User, reason: str) -> User:
    """They can sign in again with their password, with the roles they hold."""
    return _active_set(actor=actor, user=user, active=True, reason=reason)


@transaction.atomic
def _active_set(*, actor: Actor, user: User, active: bool, reason: str) -> User:
    check_capability(actor, Capability.MANAGE_USERS)
    if user.is_active == active:
        raise ValidationError(f"This account is already {'active' if active else 'deactivated'}")
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        _invitations_close(user=user, because="Account deactivated")
    states = ["deactivated", "active"] if active else ["active", "deactivated"]
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=user,
        summary=f"Account {'reactivated' if active else 'deactivated'}: {reason.strip()}",
        changes={"account": states},
    )
    return user
