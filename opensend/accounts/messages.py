"""Emails about a user's own account (registered with the notify app when Django starts)."""

from opensend.notify.templates import REGISTRY, MessageTemplate, register

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
