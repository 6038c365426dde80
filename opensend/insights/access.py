"""Who sees which figures on the dashboards, and the small-number rule for the board.

| role | figures cover | cases behind a figure | small numbers |
|---|---|---|---|
| administrator | the whole area | yes (every child) | shown |
| performance analyst | the whole area | no (no personal data) | shown |
| Improvement Board member | the whole area | no | suppressed |
| SENAR team manager | their teams' children | yes (those they may open) | shown |
| SENAR caseworker | their own cases | yes (their own) | shown |

A person with several roles gets the widest view in that order. Everyone else gets 403.
Analysts and administrators may also download pseudonymised person-level extracts (`extracts`),
and analysts, managers and administrators prepare the SEN2 return (`sen2_views`).

Small-number suppression (board members only; `suppress`): a count from 1 to 5 is shown as
"[c]" (confidential, the Government Statistical Service's symbol); a percentage or average is
shown as "[c]" when it is worked out from fewer than 10 records, or when the records counted or
not counted number 1 to 5, because either could then be worked back to a handful of children.
Zero is shown: it names nobody. Area-wide figures about the Local Offer (`Kpi.area_wide`) count
entries, feedback and searches, never children, so they are not suppressed. Families' answers
(`Kpi.personal`, the satisfaction KPIs) are suppressed like any figure about children, and nobody
may open the answers behind them (404), not even those who may drill into other figures.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q

from opensend.accounts.permissions import access_for
from opensend.accounts.roles import Role
from opensend.insights.kpis import Kpi

SUPPRESSED = "[c]"
SMALLEST_SHOWN = 6  # counts 1 to 5 are suppressed
SMALLEST_BASE = 10  # rates and averages need at least 10 records


class Audience(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    BOARD = "board"
    MANAGER = "manager"
    CASEWORKER = "caseworker"


AUDIENCE_ROLES: tuple[tuple[Role, Audience], ...] = (
    (Role.ADMIN, Audience.ADMIN),
    (Role.ANALYST, Audience.ANALYST),
    (Role.BOARD_MEMBER, Audience.BOARD),
    (Role.TEAM_MANAGER, Audience.MANAGER),
    (Role.CASEWORKER, Audience.CASEWORKER),
)

DESCRIPTIONS = {
    Audience.ADMIN: "Figures for the whole area.",
    Audience.ANALYST: "Figures for the whole area. No child is named.",
    Audience.BOARD: (
        "Figures for the whole area. No child is named, and numbers from 1 to 5 are shown as "
        "[c] so that nobody can be recognised."
    ),
    Audience.MANAGER: "Figures for the children of your team.",
    Audience.CASEWORKER: "Figures for your own cases.",
}


@dataclass(frozen=True)
class Viewer:
    user: object
    audience: Audience
    team_ids: frozenset[int]
    user_id: int | None

    @property
    def drill_down(self) -> bool:
        return self.audience in (Audience.ADMIN, Audience.MANAGER, Audience.CASEWORKER)

    @property
    def suppressed(self) -> bool:
        return self.audience == Audience.BOARD

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self.audience]

    def suppresses(self, item: Kpi) -> bool:
        """Small numbers hidden: the board's, for figures about children (not area-wide ones)."""
        return self.suppressed and not item.area_wide

    def drills_into(self, item: Kpi) -> bool:
        """May open the children behind this figure (area-wide figures have none; personal
        ones, families' answers, are never listed)."""
        return self.drill_down and not item.area_wide and not item.personal

    def scope(self, item: Kpi) -> Q:
        """The records this viewer's figures cover (an area-wide figure: the whole area)."""
        if item.area_wide:
            return Q()
        if self.audience == Audience.MANAGER:
            return Q(**{f"{item.child}__senar_team_id__in": self.team_ids})
        if self.audience == Audience.CASEWORKER:
            return Q(**{f"{item.owner}_id": self.user_id})
        return Q()


def viewer_for(user: object) -> Viewer | None:
    """The viewer's audience, or None when the dashboards are not for them."""
    access = access_for(user)
    for role, audience in AUDIENCE_ROLES:
        if access.has(role):
            return Viewer(
                user=user, audience=audience, team_ids=access.team_ids, user_id=access.user_id
            )
    return None


def show_count(n: int, *, suppressed: bool) -> str:
    if suppressed and 0 < n < SMALLEST_SHOWN:
        return SUPPRESSED
    return f"{n:,}"


def rate_hidden(hits: int, total: int) -> bool:
    """True when a rate over `total` records with `hits` counted could point to a few children."""
    if total < SMALLEST_BASE:
        return True
    return 0 < hits < SMALLEST_SHOWN or 0 < total - hits < SMALLEST_SHOWN


def show_value(
    value: float | None, *, hits: int, total: int, suppressed: bool, unit: str = "%"
) -> str:
    if value is None:
        return "No cases"
    if suppressed and rate_hidden(hits, total):
        return SUPPRESSED
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"
