"""Helpers the disputes tests share: a record read again after a service changed it, its clocks
by rule, and the family's first steps in mediation."""

from typing import Any

from opensend.disputes import services

__all__ = ["by_rule", "choose_mediation", "fresh"]


def fresh(obj: Any) -> Any:
    """The record as it is saved now."""
    obj.refresh_from_db()
    return obj


def by_rule(clocks: Any) -> dict[str, Any]:
    """Clocks by their rule id."""
    return {c.rule_id: c for c in clocks}


def choose_mediation(actor, case, *, contacted_on, wants_mediation, on, today):
    """The family contacts the mediation adviser on `contacted_on`, then tells us on `on` whether
    they want mediation (`case` is a MediationCase)."""
    services.mediation_adviser_contact_record(
        actor=actor, case=case, contacted_on=contacted_on, today=today
    )
    return services.mediation_choice_record(
        actor=actor, case=case, wants_mediation=wants_mediation, on=on, today=today
    )
