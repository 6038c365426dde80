"""Writing the audit trail. Call these inside the same transaction as the change."""

from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import Any

from django.db import models

from opensend.audit.context import current_source
from opensend.audit.models import Action, AuditEvent
from opensend.core.types import Actor


def _actor_fields(actor: Actor) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_email": "system"}
    return {"actor": actor, "actor_email": actor.email}


def _source_fields(source: str | None) -> dict[str, Any]:
    ctx = current_source()
    return {
        "source": (source or (ctx.source if ctx else "System task"))[:300],
        "ip_address": ctx.ip_address if ctx else None,
    }


def audit_record(
    *,
    actor: Actor,
    action: Action,
    obj: models.Model,
    child_id: int | None = None,
    changes: Mapping[str, Any] | None = None,
    summary: str = "",
    source: str | None = None,
) -> AuditEvent:
    """Record one read or change of `obj` (and, when it belongs to a child, which child)."""
    return AuditEvent.objects.create(
        **_actor_fields(actor),
        **_source_fields(source),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:200],
        child_id=child_id,
        changes=dict(changes or {}),
        summary=summary[:300],
    )


def audit_step(actor: Actor, obj: models.Model, step: Any, *, child_id: int | None) -> AuditEvent:
    """The audit line for a step on a record's timeline (a `core.models.RecordedStep`): the
    record changed, by what kind of step, on which day."""
    return audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=obj,
        child_id=child_id,
        summary=f"{step.get_kind_display()} ({step.occurred_on.isoformat()})",
    )


def audit_record_list(
    *,
    actor: Actor,
    objects: Iterable[models.Model],
    child_id_attr: str = "pk",
    summary: str = "",
    action: Action = Action.LIST,
) -> int:
    """Record that each of these records was shown in a list (one row each, in one insert), or
    with `action=Action.EXPORT` that each went into a download. `child_id_attr` may be dotted
    ("request.child_id") for records that reach their child through another."""
    actor_fields = _actor_fields(actor)
    child_id_of = attrgetter(child_id_attr)
    source_fields = _source_fields(None)
    rows = [
        AuditEvent(
            **actor_fields,
            **source_fields,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_label=str(obj)[:200],
            child_id=child_id_of(obj),
            summary=summary[:300],
        )
        for obj in objects
    ]
    AuditEvent.objects.bulk_create(rows)
    return len(rows)


def field_changes(
    instance: models.Model, before: Mapping[str, Any], fields: Iterable[str]
) -> dict[str, list[str]]:
    """What changed between `before` (a snapshot) and the instance now: {field: [old, new]}."""
    diff: dict[str, list[str]] = {}
    for name in fields:
        old, new = before.get(name), getattr(instance, name)
        if old != new:
            diff[name] = [_plain(old), _plain(new)]
    return diff


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def apply_changes(instance: models.Model, values: Mapping[str, Any]) -> dict[str, list[str]]:
    """Set each of `values` on the instance and say what that changed ({field: [old, new]}), so
    a service's audit line carries the change without each service keeping its own snapshot."""
    before = snapshot(instance, values)
    for name, value in values.items():
        setattr(instance, name, value)
    return field_changes(instance, before, values)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    return str(value)
