"""The inbox: alerts to people inside OpenSEND, read and unread (issue 12, item 6: "work comes
to the worker"). Journey services call `alert_send` when something lands on someone's desk;
each alert links to the page it is about. Nobody is alerted about their own action."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from opensend.accounts.models import Membership
from opensend.accounts.roles import Role
from opensend.core.types import Actor
from opensend.notify.models import Alert

NOT_FOUND = "No such alert"


def alert_send(
    *,
    actor: Actor | None,
    users: Iterable[object],
    kind: str,
    text: str,
    url: str,
    child: object = None,
) -> list[Alert]:
    """One alert to each user (once each; never to the actor, never to nobody)."""
    seen: set[int] = set()
    chosen = []
    for user in users:
        pk = getattr(user, "pk", None)
        if pk is None or pk in seen or pk == getattr(actor, "pk", None):
            continue
        if not getattr(user, "is_active", True):
            continue
        seen.add(pk)
        chosen.append(user)
    return Alert.objects.bulk_create(
        Alert(user=user, kind=kind, text=text[:300], url=url[:300], child=child)  # type: ignore[misc]
        for user in chosen
    )


def desk_of(child: Any, caseworker: Any = None) -> list[Any]:
    """Whose desk the child's work lands on: the caseworker, else the child's caseworker, else
    the managers of the child's SENAR team (who allocate it)."""
    chosen = caseworker or getattr(child, "caseworker", None)
    if chosen is not None:
        return [chosen]
    if getattr(child, "senar_team_id", None) is None:
        return []
    managers = Membership.objects.current().filter(
        team_id=child.senar_team_id, role=Role.TEAM_MANAGER
    )
    return [m.user for m in managers.select_related("user")]


def alerts_for(user: Actor, *, unread_only: bool = False) -> QuerySet[Alert]:
    alerts = Alert.objects.filter(user=user)
    return alerts.filter(read_at__isnull=True) if unread_only else alerts


def unread_count(user: Actor) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Alert.objects.filter(user=user, read_at__isnull=True).count()


def alert_get_for_user(*, user: Actor, alert_id: int) -> Alert:
    """One of the user's own alerts; anyone else's is not found."""
    try:
        return Alert.objects.get(pk=alert_id, user=user)
    except (Alert.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc


@transaction.atomic
def alert_mark(*, user: Actor, alert: Alert, read: bool) -> Alert:
    alert = Alert.objects.select_for_update().get(pk=alert.pk, user=user)
    alert.read_at = timezone.now() if read else None
    alert.save(update_fields=["read_at"])
    return alert


def alerts_mark_all_read(*, user: Actor) -> int:
    return Alert.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
