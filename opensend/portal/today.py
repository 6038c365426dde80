"""What needs doing today, at the top of a caseworker's caseload (issue 12, item 6): overdue
work, what falls due this week, new requests to acknowledge, and what has come in (advice,
families' comments, consultation replies), each a count with a link to where it is done.

Counted in SQL from the stored next dates and the inbox; the dates come from the rules engine
(`statutory.add_days` for "this week"), never from arithmetic here.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.casework.models import Stage
from opensend.casework.selectors import (
    advice_list_for_user,
    caseload_for_user,
    team_load_for_user,
    unassigned_for_user,
)
from opensend.core.types import Actor
from opensend.notify.models import Alert, AlertKind
from opensend.plans.models import Consultation, PlanStatus
from opensend.portal.worklist import WorkSection


@dataclass(frozen=True)
class TodayItem:
    label: str
    count: int
    url: str
    urgent: bool = False


def today_for(
    *, user: Actor, on: date, sections: list[WorkSection], cases: Any = None
) -> list[TodayItem]:
    """The counts worth acting on today (only those above zero, most urgent first)."""
    cases = cases if cases is not None else caseload_for_user(user=user)
    week = statutory.add_days(on, 7)
    counts = cases.aggregate(
        overdue=_count(Q(next_due_on__lt=on)),
        this_week=_count(Q(next_due_on__gte=on, next_due_on__lte=week)),
        new=_count(Q(stage=Stage.REQUESTED, acknowledged_on__isnull=True)),
    )
    unread = {
        kind: Alert.objects.filter(user=user, read_at__isnull=True, kind=kind).count()
        for kind in (AlertKind.ADVICE_IN, AlertKind.FAMILY_COMMENTS)
    }
    replies = Consultation.objects.filter(
        plan__request__in=cases.values("pk"),
        plan__status=PlanStatus.DRAFT,
        responded_on__gte=statutory.add_days(on, -7),
    ).count()
    caseload = reverse("portal:caseload")
    inbox = reverse("notify:inbox") + "?show=unread"
    other_overdue = sum(s.overdue for s in sections)
    items = [
        TodayItem(
            "Overdue across your work", counts["overdue"] + other_overdue, f"{caseload}#work", True
        ),
        TodayItem("Due in the next 7 days", counts["this_week"], f"{caseload}#assessments"),
        TodayItem("New requests to acknowledge", counts["new"], f"{caseload}#assessments"),
        TodayItem("Advice in, not yet read", unread[AlertKind.ADVICE_IN], inbox),
        TodayItem("Families' comments, not yet read", unread[AlertKind.FAMILY_COMMENTS], inbox),
        TodayItem("Consultation replies this week", replies, f"{caseload}#assessments"),
    ]
    return [item for item in items if item.count]


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition)


def home_today_for(*, user: Actor, on: date) -> list[TodayItem]:
    """What needs doing today on the home page of staff other than caseworkers (whose home is
    their caseload): advice their organisation owes, a manager's unallocated and overdue team
    work, and their unread alerts."""
    items: list[TodayItem] = []
    if user_can(user, Capability.ADVICE_WORKSPACE):
        waiting = advice_list_for_user(user=user, outstanding_only=True)
        # Advice is due 6 weeks after it was asked for (reg 8(1)): asked before this, it is late.
        late_if_asked_before = statutory.add_weeks(on, -6)
        advice = reverse("casework:advice_list")
        items += [
            TodayItem(
                "Advice requests overdue",
                waiting.filter(requested_on__lt=late_if_asked_before).count(),
                advice,
                True,
            ),
            TodayItem("Advice requests waiting for your organisation", waiting.count(), advice),
            TodayItem(
                "Drafts saved, not yet sent",
                waiting.filter(draft_saved_at__isnull=False).count(),
                advice,
            ),
        ]
    if user_can(user, Capability.VIEW_TEAM):
        team = reverse("portal:team")
        loads = team_load_for_user(user=user, on=on)
        items += [
            TodayItem("Overdue in your team", sum(row.overdue for row in loads), team, True),
            TodayItem("Cases with no caseworker", unassigned_for_user(user=user).count(), team),
        ]
    unread = Alert.objects.filter(user=user, read_at__isnull=True).count()
    items.append(
        TodayItem("Unread in your inbox", unread, reverse("notify:inbox") + "?show=unread")
    )
    return [item for item in items if item.count]
