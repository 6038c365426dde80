"""Which family account a GOV.UK One Login signs in (accounts.one_login), and the audit of it.

One Login proves who someone is; it never makes an account here, and never links anyone to a
child: staff invite a family member and verify their link to the child first (portal and people
apps). So a One Login signs in:
- the family account already linked to its `sub` (One Login's stable identifier for the person),
  if that account may still sign in as a family's (active, a parent or carer or young person,
  and no staff role); or, the first time,
- the one active family account whose email address is exactly the One Login's email address,
  if One Login says that address is verified and no other One Login is linked to the account.
  Its `sub` is then kept, and from then on only the `sub` counts.

Anyone else (an unknown person, staff, a deactivated account, an unverified email address, an
account already linked to another One Login) gets the same page, which says nothing about
whether an account exists. Staff keep their password and second factor.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from opensend.accounts.models import OneLoginIdentity, User
from opensend.accounts.one_login import Person
from opensend.accounts.sign_in_links import may_sign_in_by_link
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor

LOGGER = logging.getLogger(__name__)


def _refuse(person: Person, why: str, user: User | None = None) -> None:
    LOGGER.warning("GOV.UK One Login sign-in refused (%s)", why)
    if user is not None:
        # On the account's own trail, so whoever looks after it can see the attempt.
        audit_record(
            actor=None,
            action=Action.VIEW,
            obj=user,
            summary=f"GOV.UK One Login sign-in refused: {why}",
        )


def _linked(person: Person) -> OneLoginIdentity | None:
    return (
        OneLoginIdentity.objects.select_for_update()
        .select_related("user")
        .filter(sub=person.sub)
        .first()
    )


def _first_use(person: Person) -> OneLoginIdentity | None:
    if not person.email or not person.email_verified:
        _refuse(person, "no verified email address")
        return None
    matches = list(User.objects.filter(email__iexact=person.email, is_active=True)[:2])
    if len(matches) != 1:
        _refuse(person, "no single active account with that email address")
        return None
    [user] = matches
    if not may_sign_in_by_link(user):
        _refuse(person, "not a family account (staff sign in with a password)", user)
        return None
    if OneLoginIdentity.objects.filter(user=user).exists():
        _refuse(person, "the account is linked to another GOV.UK One Login", user)
        return None
    try:
        with transaction.atomic():
            identity = OneLoginIdentity.objects.create(
                user=user, sub=person.sub, linked_at=timezone.now()
            )
    except IntegrityError:  # linked by a request racing this one
        _refuse(person, "the account was linked at the same moment", user)
        return None
    audit_record(
        actor=user,
        action=Action.CREATE,
        obj=identity,
        summary=f"GOV.UK One Login linked to {user.email} (its verified email address matched)",
    )
    return identity


@transaction.atomic
def one_login_sign_in(person: Person) -> User | None:
    """The family account this One Login signs in (recorded and audited), or None."""
    identity = _linked(person)
    if identity is None:
        identity = _first_use(person)
        if identity is None:
            return None
    elif not may_sign_in_by_link(identity.user):
        _refuse(person, "the linked account may not sign in as a family's", identity.user)
        return None
    identity.last_signed_in_at = timezone.now()
    identity.save(update_fields=["last_signed_in_at"])
    audit_record(
        actor=identity.user,
        action=Action.UPDATE,
        obj=identity,
        summary=f"{identity.user.email} signed in with GOV.UK One Login",
        changes={"last_signed_in_at": ["", identity.last_signed_in_at.isoformat()]},
    )
    return identity.user


@transaction.atomic
def one_login_unlink(*, actor: Actor, user: User, reason: str) -> None:
    """Forget the One Login linked to `user` (an administrator's action, audited with why)."""
    identity = OneLoginIdentity.objects.select_for_update().filter(user=user).first()
    if identity is None:
        return
    audit_record(
        actor=actor,
        action=Action.CLOSE,
        obj=identity,
        summary=f"GOV.UK One Login unlinked from {user.email}: {reason}",
        changes={"sub": [identity.sub, ""]},
    )
    identity.delete()
