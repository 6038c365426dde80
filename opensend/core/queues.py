"""Counting work against its stored next date, the same way in every queue."""

from datetime import date

from django.db.models import Count, Q

from opensend import statutory


def due_counts(on: date, field: str = "next_due_on") -> dict[str, Count]:
    """Aggregates for `.aggregate()` / `.annotate()`: open, overdue, and at risk (due within the
    rules engine's at-risk window, 2 weeks)."""
    soon = statutory.add_days(on, statutory.DEFAULT_AT_RISK_DAYS)
    return {
        "open": Count("pk"),
        "overdue": Count("pk", filter=Q(**{f"{field}__lt": on})),
        "at_risk": Count("pk", filter=Q(**{f"{field}__gte": on, f"{field}__lte": soon})),
    }
