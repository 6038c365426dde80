"""Helpers the disputes tests share: who may use the dispute pages, a GOV.UK date posted as a
form, and a record read again after a service changed it."""

from datetime import date
from typing import Any

from testsupport.roles import ROLES

__all__ = ["FAMILY", "ROLES", "SENAR", "by_rule", "date_fields", "fresh"]

# The roles that manage disputes (SEN assessment and review), and the family's own.
SENAR = {"caseworker", "team_manager", "admin"}
FAMILY = {"parent", "young_person"}


def date_fields(name: str, on: date) -> dict[str, str]:
    """A GOV.UK date input's three fields (day, month, year), as a form posts them."""
    return {f"{name}_0": str(on.day), f"{name}_1": str(on.month), f"{name}_2": str(on.year)}


def fresh(obj: Any) -> Any:
    """The record as it is saved now."""
    obj.refresh_from_db()
    return obj


def by_rule(clocks: Any) -> dict[str, Any]:
    """Clocks by their rule id."""
    return {c.rule_id: c for c in clocks}
