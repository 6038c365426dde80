"""Helpers the disputes tests share: a record read again after a service changed it, and its
clocks by rule."""

from typing import Any

__all__ = ["by_rule", "fresh"]


def fresh(obj: Any) -> Any:
    """The record as it is saved now."""
    obj.refresh_from_db()
    return obj


def by_rule(clocks: Any) -> dict[str, Any]:
    """Clocks by their rule id."""
    return {c.rule_id: c for c in clocks}
