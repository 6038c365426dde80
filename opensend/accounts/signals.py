"""Start the session clocks when someone signs in; announce changes to how someone signs in.

`second_factor_changed` (actor, user, what) is sent inside the change's transaction; the notify
app emails the user (accounts sits below notify in the dependency order, so it announces rather
than sends). `invitation_sent` (actor, user, link, expires_at) likewise: the notify app emails
the invitation with its link to set a password. `sign_in_link_sent` (user, link, expires_at):
the notify app emails a family their one-time sign-in link (`accounts.sign_in_links`)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver

from opensend.accounts import sessions
from opensend.core.types import Actor

second_factor_changed = Signal()
invitation_sent = Signal()
sign_in_link_sent = Signal()


@receiver(user_logged_in)
def _start_session_clocks(sender: Any, request: Any, user: Actor, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.start(request)
