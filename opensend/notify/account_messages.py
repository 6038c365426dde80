"""Emails about a user's own account: the template, and the receiver that sends it when the
accounts app announces a change (`accounts.signals.second_factor_changed`)."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from opensend.accounts.signals import second_factor_changed
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


def register_messages() -> None:
    if SECOND_FACTOR_CHANGED.key not in REGISTRY:
        register(SECOND_FACTOR_CHANGED)


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
