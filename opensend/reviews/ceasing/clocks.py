"""The clock on a cease decision, from `opensend.statutory`: once the notice is sent, the
family's time to appeal (the plan is kept until then, CFA s45(3))."""

from opensend.core.clocks import Clock, rule_clock
from opensend.reviews.models import Cessation


def cessation_clocks(cessation: Cessation) -> list[Clock]:
    """The family's time to appeal once the notice is sent (the plan is kept until then)."""
    if cessation.decided_on is None:
        return []
    appealed_on = cessation.appeal.lodged_on if cessation.appeal else None
    return [rule_clock("appeal_to_tribunal", cessation.decided_on, appealed_on, family=True)]
