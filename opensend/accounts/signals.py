"""Start the session clocks when someone signs in."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from opensend.accounts import sessions
from opensend.core.types import Actor


@receiver(user_logged_in)
def _start_session_clocks(sender: Any, request: Any, user: Actor, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.start(request)
