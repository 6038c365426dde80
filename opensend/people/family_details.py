"""A family's own details and how they hear from us, and their requests to correct a child's
details (issue 14, item 3: "Families correct their details and choose how they hear from us").

A parent or carer changes their own contact details and preferences (channel, language,
interpreter, accessible format) themselves; `notify.services.recipient_for_family_member` reads
them for every message. A child's or young person's record is never changed by the family: they
ask for a correction, which goes to the caseworker (`DetailsCorrection`), who changes the record
through the staff pages and then closes the request with what they did. Everything is audited.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from opensend.accounts.permissions import Capability, access_for, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record, field_changes, snapshot
from opensend.core.types import Actor
from opensend.people.models import (
    FAMILY_MEMBER_OWN_FIELDS,
    Child,
    DetailsCorrection,
    FamilyMember,
)
from opensend.people.services import _full_clean

WHAT_REQUIRED = "Tell us what is wrong and what it should say"
REPLY_REQUIRED = "Enter what you changed, or why nothing needed changing"


def own_family_member(user: Actor) -> FamilyMember | None:
    """The signed-in parent's or carer's own record (None for anyone else)."""
    member_id = access_for(user).family_member_id
    if member_id is None:
        return None
    return FamilyMember.objects.filter(pk=member_id, closed_at__isnull=True).first()


@transaction.atomic
def family_member_update_own(*, actor: Actor, **fields: Any) -> FamilyMember:
    """A parent or carer changes their own contact details and how we contact them."""
    member = own_family_member(actor)
    if member is None:
        raise PermissionDenied
    member = FamilyMember.objects.select_for_update().get(pk=member.pk)
    before = snapshot(member, FAMILY_MEMBER_OWN_FIELDS)
    for name in FAMILY_MEMBER_OWN_FIELDS:
        if name in fields:
            setattr(member, name, fields[name])
    _full_clean(member)
    changes = field_changes(member, before, FAMILY_MEMBER_OWN_FIELDS)
    if changes:
        member.save()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=member,
            changes=changes,
            summary="Changed their own details and how we contact them",
        )
    return member


@transaction.atomic
def details_correction_ask(*, actor: Actor, child: Child, what: str) -> DetailsCorrection:
    """A family asks us to correct a child's details. `child` must be one the family may see
    (the caller read it with `child_get_for_user`); the record itself is not changed."""
    if not Child.objects.visible_to(actor).filter(pk=child.pk).exists():
        raise PermissionDenied
    if not what.strip():
        raise ValidationError({"what": [WHAT_REQUIRED]})
    correction = DetailsCorrection(child=child, asked_by=actor, what=what.strip())
    correction.full_clean()
    correction.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=correction,
        child_id=child.pk,
        summary="The family asked us to correct details",
    )
    return correction


def corrections_open(child: Child) -> QuerySet[DetailsCorrection]:
    """The corrections asked for and not yet dealt with, for the staff record."""
    return DetailsCorrection.objects.filter(child=child, closed_at__isnull=True).select_related(
        "asked_by"
    )


def correction_get_for_user(*, user: Actor, correction_id: int) -> DetailsCorrection:
    """A correction, for staff who may change the child's record (the same 404 otherwise)."""
    if not access_for(user).is_staff_member:
        raise Http404("No correction found")
    try:
        return DetailsCorrection.objects.select_related("child", "asked_by").get(
            pk=correction_id, child__in=Child.objects.visible_to(user)
        )
    except (DetailsCorrection.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No correction found") from exc


@transaction.atomic
def details_correction_close(
    *, actor: Actor, correction: DetailsCorrection, reply: str
) -> DetailsCorrection:
    """The caseworker has dealt with a correction: what they changed, or why nothing."""
    check_capability(actor, Capability.EDIT_CHILDREN)
    correction = DetailsCorrection.objects.select_for_update().get(pk=correction.pk)
    if correction.is_closed:
        raise ValidationError("This request has already been dealt with")
    if not reply.strip():
        raise ValidationError({"reply": [REPLY_REQUIRED]})
    correction.closed_at = timezone.now()
    correction.closed_reason = reply.strip()
    correction.closed_by = actor
    correction.save(update_fields=["closed_at", "closed_reason", "closed_by", "updated_at"])
    audit_record(
        actor=actor,
        action=Action.CLOSE,
        obj=correction,
        child_id=correction.child_id,
        summary=reply.strip()[:300],
    )
    return correction
