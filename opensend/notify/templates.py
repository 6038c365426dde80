"""Kept so `from opensend.notify.templates import ...` still works: the message templates live in
`opensend.notify.messages` (the registry in `messages/registry.py`, the messages by journey)."""

from opensend.notify.messages import (
    PLACEHOLDER,
    REGISTRY,
    MessageTemplate,
    MissingPersonalisationError,
    RenderedMessage,
    UnknownTemplateError,
    fill,
    get_template,
    register,
    render,
)

__all__ = [
    "PLACEHOLDER",
    "REGISTRY",
    "MessageTemplate",
    "MissingPersonalisationError",
    "RenderedMessage",
    "UnknownTemplateError",
    "fill",
    "get_template",
    "register",
    "render",
]
