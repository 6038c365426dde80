"""Emails about a user's own account: the templates, and the receivers that send them when the
accounts app announces a change (`accounts.signals.second_factor_changed`) or an invitation
(`accounts.signals.invitation_sent`), or a family asks for a sign-in link
(`accounts.signals.sign_in_link_sent`)."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from opensend.accounts.signals import invitation_sent, second_factor_changed, sign_in_link_sent
from opensend.core.types import Actor
from opensend.notify.messages import REGISTRY, MessageTemplate, register

SECOND_FACTOR_CHANGED = MessageTemplate(
    key="second_factor_changed",
    subject="A change to how you sign in to OpenSEND",
    body=(
        "Dear ((recipient_name)),\n\n"
        "((what_happened)) on ((when)).\n\n"
        "If this was you, you do not need to do anything.\n\n"
        "If this was not you, contact your OpenSEND administrator straight away. Someone may "
        "know your password.\n\n"
        "((council_name))"
    ),
    description=(
        "To a staff member when their authenticator app or recovery codes change, a recovery "
        "code is used, or an administrator resets their second factor."
    ),
    audience="professional",
)


INVITATION = MessageTemplate(
    key="account_invitation",
    subject="You have been invited to use OpenSEND",
    body=(
        "Dear ((recipient_name)),\n\n"
        "((invited_by)) has made you an account on OpenSEND, ((council_name))'s system for "
        "special educational needs and disabilities (SEND).\n\n"
        "To start, set your password here: ((invitation_link))\n\n"
        "The link works once and stops working on ((expires)). If it has stopped working, ask "
        "((invited_by)) to send you a new invitation.\n\n"
        "Then sign in with this email address and your new password. Staff will be asked to "
        "set up an authenticator app on their phone.\n\n"
        "If you were not expecting this email, you do not need to do anything.\n\n"
        "((council_name))"
    ),
    description=(
        "To someone an administrator has invited: a link to set their password (it works once, "
        "for 7 days)."
    ),
    audience="professional",
)

SIGN_IN_LINK = MessageTemplate(
    key="sign_in_link",
    subject="Your link to sign in to OpenSEND",
    body=(
        "Dear ((recipient_name)),\n\n"
        "Here is your link to sign in to OpenSEND, ((council_name))'s service for children "
        "and young people with special educational needs:\n\n"
        "((sign_in_link))\n\n"
        "The link works once. It stops working on ((expires)).\n\n"
        "If you did not ask for this, you do not need to do anything. Nobody can sign in "
        "unless they can open your email.\n\n"
        "((council_name))"
    ),
    description=(
        "To a parent, carer or young person who asked to sign in by email: a link that works "
        "once, for 15 minutes (docs/family-portal.md)."
    ),
)


def register_messages() -> None:
    for template in (SECOND_FACTOR_CHANGED, INVITATION, SIGN_IN_LINK):
        if template.key not in REGISTRY:
            register(template)


def _email_user(*, actor: Actor, user: Actor, template: str, **values: str) -> None:
    """Email one user about their own account."""
    from opensend.notify.services import notification_send_to_address

    notification_send_to_address(
        actor=actor,
        template=template,
        to_address=user.email,
        recipient_name=user.get_full_name() or user.email,
        personalisation=values,
    )


def _when(moment: Any) -> str:
    local = timezone.localtime(moment)
    return f"{local:%-d %B %Y} at {local:%H:%M}"


@receiver(invitation_sent)
def invitation_send(*, actor: Actor, user: Actor, link: str, expires_at: Any, **_: Any) -> None:
    """Email the invitation with its link to set a password."""
    _email_user(
        actor=actor,
        user=user,
        template=INVITATION.key,
        invitation_link=link,
        expires=_when(expires_at),
        invited_by=actor.get_full_name() or actor.email,
    )


@receiver(second_factor_changed)
def second_factor_changed_tell(*, actor: Actor, user: Actor, what: str, **_: Any) -> None:
    """Email the user that how they sign in changed (a change they did not make is a warning)."""
    if not user.email:
        return
    _email_user(
        actor=actor,
        user=user,
        template=SECOND_FACTOR_CHANGED.key,
        what_happened=what,
        when=_when(timezone.now()),
    )


@receiver(sign_in_link_sent)
def sign_in_link_send(*, user: Actor, link: str, expires_at: Any, **_: Any) -> None:
    """Email a family their one-time sign-in link."""
    _email_user(
        actor=user,
        user=user,
        template=SIGN_IN_LINK.key,
        sign_in_link=link,
        expires=_when(expires_at),
    )
