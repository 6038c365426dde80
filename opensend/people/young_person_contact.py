"""How a young person wants to hear from us (issue 14, item 3; docs/family-portal.md).

A young person signed in to their own account chooses, on their "Your details" page, whether we
email them (at their sign-in address), text them or write to them (at the address on their
record), their language, whether they need an interpreter, and large print or easy read. Only
the young person changes it: a parent has their own details, not the young person's. Staff see
the current choice on the child's record. Each change is a new `YoungPersonContact` row and the
one before is closed, so the history stays; every change is audited.
`notify.services.recipient_for_young_person` reads the current choice for every message.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.accounts.permissions import access_for
from opensend.audit.models import Action
from opensend.audit.services import audit_record, field_changes, snapshot
from opensend.core.types import Actor
from opensend.people.codes import Channel
from opensend.people.models import Child, YoungPersonContact

REPLACED = "Replaced by newer details"
FIELDS = ["preferred_channel", "phone", "language", "needs_interpreter", "accessible_format"]
PHONE_REQUIRED = "Enter a mobile phone number so we can text you, or choose email or letter"
NO_ADDRESS = (
    "We do not have your postal address. Choose email or text, or ask us to correct your "
    "details to add your address"
)
LANGUAGE_REQUIRED = "Enter the language you want us to use"


def current_contact(child: Child) -> YoungPersonContact | None:
    """The young person's details in force (None if they have not chosen: we email them)."""
    return YoungPersonContact.objects.filter(child=child, closed_at__isnull=True).first()


def _check(child: Child, contact: YoungPersonContact) -> None:
    errors: dict[str, list[str]] = {}
    try:
        contact.full_clean(exclude=["child", "chosen_by"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if contact.preferred_channel == Channel.SMS and not contact.phone:
        errors.setdefault("phone", []).append(PHONE_REQUIRED)
    if contact.preferred_channel == Channel.LETTER and not child.address.strip():
        errors.setdefault("preferred_channel", []).append(NO_ADDRESS)
    if not contact.language:
        errors["language"] = [LANGUAGE_REQUIRED]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def young_person_contact_set(*, actor: Actor, **fields: Any) -> YoungPersonContact:
    """The signed-in young person changes how we contact them. Nobody else may."""
    child_id = access_for(actor).young_person_child_id
    if child_id is None:
        raise PermissionDenied
    child = Child.objects.select_for_update().get(pk=child_id)
    before = current_contact(child)
    values = {name: getattr(before, name) for name in FIELDS} if before else {}
    values.update({name: fields[name] for name in FIELDS if name in fields})
    values["phone"] = str(values.get("phone", "")).strip()
    values["language"] = str(values.get("language", "English")).strip()
    contact = YoungPersonContact(child=child, chosen_by=actor, **values)
    _check(child, contact)
    if before is not None:
        if all(getattr(before, name) == getattr(contact, name) for name in FIELDS):
            return before
        before.closed_at = timezone.now()
        before.closed_reason = REPLACED
        before.closed_by = actor
        before.save(update_fields=["closed_at", "closed_reason", "closed_by", "updated_at"])
    contact.save()
    changes = field_changes(contact, snapshot(before, FIELDS) if before else {}, FIELDS)
    audit_record(
        actor=actor,
        action=Action.CREATE if before is None else Action.UPDATE,
        obj=contact,
        child_id=child.pk,
        changes=changes,
        summary="Changed how we contact them",
    )
    return contact
