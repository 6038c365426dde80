"""What the services, selectors and APIs of reviews share (annual reviews, amendments, phase
transfers, ceasing and re-assessment): the audit line for a change or for a page of an API list,
the row lock, creating a row once, saving the `next_due_on` cache with the fields that moved it,
and a timeline's dates ahead. Date checks and their messages are `opensend.core.validation`'s.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from opensend.audit.models import Action
from opensend.audit.services import apply_changes, audit_record, audit_record_list
from opensend.core.clocks import Clock, TimelineEntry, timeline_of
from opensend.core.types import Actor
from opensend.reviews.annual_clocks import soonest_open

Record = TypeVar("Record", bound=models.Model)


def audit_change(
    actor: Actor, obj: Any, summary: str, changes: Any = None, *, create: bool = False
) -> None:
    """One audit line for a change to a record about a child (`obj.child_id`)."""
    audit_record(
        actor=actor,
        action=Action.CREATE if create else Action.UPDATE,
        obj=obj,
        child_id=obj.child_id,
        summary=summary,
        changes=changes,
    )


def update_audited(
    actor: Actor,
    record: Any,
    summary: str,
    values: Mapping[str, Any],
    *,
    save: Callable[[Any, list[str]], None] | None = None,
) -> None:
    """Set `values` on the locked record, save just those fields (with `save` where the record
    keeps a `next_due_on` cache), and write one audit line with what each was and became: the
    last three steps of most review services."""
    changes = apply_changes(record, values)
    if save is None:
        record.save(update_fields=[*values, "updated_at"])
    else:
        save(record, list(values))
    audit_change(actor, record, summary, changes)


def locked(record: Record, *related: str) -> Record:
    """The record read again under a row lock (its own row only), with `related` joined."""
    manager = type(record)._default_manager
    return manager.select_for_update(of=("self",)).select_related(*related).get(pk=record.pk)


def create_once(model: type[Record], refusal: str, **fields: Any) -> Record:
    """Create the row, or refuse with `refusal` when a unique constraint says it is already
    there (someone else opened the same record at the same moment)."""
    try:
        with transaction.atomic():
            return model._default_manager.create(**fields)
    except IntegrityError as exc:
        raise ValidationError(refusal) from exc


def save_with_next_due(record: Any, fields: Sequence[str], clocks: Iterable[Clock]) -> None:
    """Save the changed fields and the `next_due_on` cache together (None once closed)."""
    record.next_due_on = soonest_open(clocks) if record.is_open else None
    record.save(update_fields=[*fields, "next_due_on", "updated_at"])


def timeline_with_clocks(done: list[TimelineEntry], clocks: Iterable[Clock]) -> list[TimelineEntry]:
    """The steps done, with each open clock as a date ahead, in date order."""
    return timeline_of(done, clocks)


def audit_page(request: Any, child_id_attr: str = "child_id") -> Callable[[list[Any]], int]:
    """`on_page` for an API list: every record on the page, in the audit trail."""
    return lambda page: audit_record_list(
        actor=request.user, objects=page, child_id_attr=child_id_attr, summary=request.path
    )
