"""Writing the audit trail. Call these inside the same transaction as the change."""

from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import Any

from django.db import connection, models, transaction

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
    child_id_of = attrgetter(child_id_attr)
    rows = [
        (obj._meta.label_lower, str(obj.pk), str(obj)[:200], child_id_of(obj)) for obj in objects
    ]
    shared = {**_actor_fields(actor), **_source_fields(None), "action": action}
    _insert_many({**shared, "summary": summary[:300]}, rows)
    return len(rows)


_PER_ROW = ("object_type", "object_id", "object_label", "child_id")


def _insert_many(shared: Mapping[str, Any], rows: list[tuple[Any, ...]]) -> None:
    """Insert one event per row (the `_PER_ROW` values), every other column the same.

    `bulk_create` prepares each of every row's thirteen values through Django's compiler: at the
    SEN2 download's 28,000 children, about 6 s of Python (issue 15). Here the shared values are
    prepared once, by the fields themselves (the time `auto_now_add` gives, the JSON of `changes`),
    and the rows go to the database in one `executemany`, in one transaction.
    """
    if not rows:
        return
    template = AuditEvent(**shared, **dict.fromkeys(_PER_ROW, ""))
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    prepared = {
        f.attname: f.get_db_prep_save(f.pre_save(template, add=True), connection)
        for f in fields
        if f.attname not in _PER_ROW
    }
    place = {name: i for i, name in enumerate(_PER_ROW)}
    quote = connection.ops.quote_name
    # Only the model's own table and column names go into the text; the values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(AuditEvent._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = [
        [row[place[f.attname]] if f.attname in place else prepared[f.attname] for f in fields]
        for row in rows
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, params)


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
