"""Where the current request came from, so every audit row can say which screen or API call."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestSource:
    source: str
    ip_address: str | None


_current: ContextVar[RequestSource | None] = ContextVar("opensend_audit_source", default=None)


def current_source() -> RequestSource | None:
    return _current.get()


def set_source(value: RequestSource | None) -> object:
    return _current.set(value)


def reset_source(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
