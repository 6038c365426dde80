"""Emails about a user's own account: the templates, and the receivers that send them when the
accounts app announces a change (`accounts.signals.second_factor_changed`) or an invitation
(`accounts.signals.invitation_sent`)."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from opensend.accounts.signals import invitation_sent, second_factor_changed
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


def register_messages() -> None:
    for template in (SECOND_FACTOR_CHANGED, INVITATION):
        if template.key not in REGISTRY:
            register(template)


@receiver(invitation_sent)
def invitation_send(*, actor: Actor, user: Actor, link: str, expires_at: Any, **_: Any) -> None:
    """Email the invitation with its link to set a password."""
    from opensend.notify.services import notification_send_to_address

    expires = timezone.localtime(expires_at)
    notification_send_to_address(
        actor=actor,
        template=INVITATION.key,
        to_address=user.email,
        recipient_name=user.get_full_name() or user.email,
        personalisation={
            "invitation_link": link,
            "expires": f"{expires:%-d %B %Y} at {expires:%H:%M}",
            "invited_by": actor.get_full_name() or actor.email,
        },
    )


@receiver(second_factor_changed)
def second_factor_changed_tell(*, actor: Actor, user: Actor, what: str, **_: Any) -> None:
    """Email the user that how they sign in changed (a change they did not make is a warning)."""
    from opensend.notify.services import notification_send_to_address

    if not user.email:
        return
    when = timezone.localtime()
    notification_send_to_address(
        actor=actor,
        template=SECOND_FACTOR_CHANGED.key,
        to_address=user.email,
        recipient_name=user.get_full_name() or user.email,
        personalisation={
            "what_happened": what,
            "when": f"{when:%-d %B %Y} at {when:%H:%M}",
        },
    )
