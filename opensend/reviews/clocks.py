"""Every clock of reviews and amendments in one place, for callers outside reviews (the demo
area reads them here). Inside reviews, import them from where they live: an annual review's in
`reviews.annual_clocks`, an amendment's in `reviews.amendments.clocks`."""

from opensend.reviews.amendments.clocks import amendment_clocks, late_against, representations_end
from opensend.reviews.annual_clocks import (
    decision_due,
    held_by_clock,
    invitations_due,
    invitations_late,
    review_clocks,
    review_lead_for,
    soonest_open,
)

__all__ = [
    "amendment_clocks",
    "decision_due",
    "held_by_clock",
    "invitations_due",
    "invitations_late",
    "late_against",
    "representations_end",
    "review_clocks",
    "review_lead_for",
    "soonest_open",
]
