"""Kept so `from opensend.notify.templates import ...` still works: the message templates live in
`opensend.notify.messages` (the registry in `messages/registry.py`, the messages by journey)."""

from opensend.notify.messages import *  # noqa: F403 - the same public names
from opensend.notify.messages import __all__ as __all__
