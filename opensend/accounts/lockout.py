"""Sign-in lockout (django-axes) with one limit per account and address, and one per address.

Axes compares the largest failure count over `AXES_LOCKOUT_PARAMETERS` with one limit,
`AXES_FAILURE_LIMIT`. We want two: 5 wrong passwords for one account from one address locks
that account *from that address only* (so nobody can lock a colleague out by typing their email
behind the council's proxy), and `OPENSEND_ADDRESS_FAILURE_LIMIT` wrong passwords from one
address, for any accounts, locks that address (password spraying). Each count is scaled to
its own limit here, so "over its own limit" is what reaches axes' single comparison.
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum


def _limit_for(parameter: str | list[str], base: int) -> int:
    if parameter == "ip_address" or parameter == ["ip_address"]:
        return int(getattr(settings, "OPENSEND_ADDRESS_FAILURE_LIMIT", base))
    return base


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: Any, credentials: dict | None = None) -> int:
        base = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        worst = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            limit = max(1, _limit_for(parameter, base))
            # At or over its own limit counts as `base` (locked); under it, less than `base`.
            scaled = base if count >= limit else min((count * base) // limit, base - 1)
            worst = max(worst, scaled)
        return worst
