"""Every change to children, families and settings: validated, atomic and audited."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.accounts.permissions import Capability, access_for, check_capability
from opensend.accounts.roles import Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record, field_changes, snapshot
from opensend.core.types import Actor
from opensend.people.identifiers import normalise_postcode, postcode_problem
from opensend.people.models import (
    CHILD_FIELDS,
    SETTING_FIELDS,
    Child,
    FamilyMember,
    FamilyRelationship,
    NeedType,
    Setting,
)
from opensend.people.validators import validate_date_of_birth

ALREADY_CLOSED = "This record is already closed"
REASON_REQUIRED = "Enter the reason for closing the record"


def _full_clean(record: Child | FamilyMember | Setting) -> None:
    """The model's own checks plus a real UK postcode (tidied to "B1 1AA") where one is given."""
    errors: dict[str, list[str]] = {}
    try:
        record.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if record.postcode:
        problem = postcode_problem(record.postcode)
        if problem:
            errors["postcode"] = [problem]
        else:
            record.postcode = normalise_postcode(record.postcode)
    if errors:
        raise ValidationError(errors)


def _clean_child(child: Child, *, today: date) -> None:
    errors: dict[str, list[str]] = {}
    try:
        _full_clean(child)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if child.date_of_birth and "date_of_birth" not in errors:
        try:
            validate_date_of_birth(child.date_of_birth, today=today)
        except ValidationError as exc:
            errors["date_of_birth"] = exc.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def child_create(*, actor: Actor, today: date | None = None, **fields: Any) -> Child:
    check_capability(actor, Capability.CREATE_CHILDREN)
    child = Child(**{k: v for k, v in fields.items() if k in CHILD_FIELDS})
    # Whoever creates the record takes it on, so they can still see it afterwards.
    unallocated = child.caseworker_id is None and child.senar_team_id is None
    if unallocated and access_for(actor).has(Role.CASEWORKER, Role.TEAM_MANAGER):
        child.caseworker = actor
    if child.upn:
        child.upn = child.upn.upper()
    _clean_child(child, today=today or timezone.localdate())
    child.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=child,
        child_id=child.pk,
        changes={k: ["", str(getattr(child, k) or "")] for k in CHILD_FIELDS},
        summary="Child record created",
    )
    return child


@transaction.atomic
def child_update(*, actor: Actor, child: Child, today: date | None = None, **fields: Any) -> Child:
    check_capability(actor, Capability.EDIT_CHILDREN)
    child = Child.objects.select_for_update().get(pk=child.pk)
    if child.is_closed:
        raise ValidationError(ALREADY_CLOSED)
    before = snapshot(child, CHILD_FIELDS)
    for name, value in fields.items():
        if name in CHILD_FIELDS:
            setattr(child, name, value)
    if child.upn:
        child.upn = child.upn.upper()
    _clean_child(child, today=today or timezone.localdate())
    changes = field_changes(child, before, CHILD_FIELDS)
    if changes:
        child.save()
        audit_record(
            actor=actor, action=Action.UPDATE, obj=child, child_id=child.pk, changes=changes
        )
    return child


@transaction.atomic
def child_close(*, actor: Actor, child: Child, reason: str) -> Child:
    check_capability(actor, Capability.CLOSE_CHILDREN)
    child = Child.objects.select_for_update().get(pk=child.pk)
    if child.is_closed:
        raise ValidationError(ALREADY_CLOSED)
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    child.closed_at = timezone.now()
    child.closed_reason = reason.strip()
    child.closed_by = actor
    child.save(update_fields=["closed_at", "closed_reason", "closed_by", "updated_at"])
    audit_record(
        actor=actor, action=Action.CLOSE, obj=child, child_id=child.pk, summary=reason[:300]
    )
    return child


@transaction.atomic
def family_member_add(
    *,
    actor: Actor,
    child: Child,
    relationship: str,
    has_parental_responsibility: bool = True,
    lives_with_child: bool = True,
    is_main_contact: bool = False,
    existing: FamilyMember | None = None,
    **member_fields: Any,
) -> FamilyRelationship:
    """Link a parent or carer to a child, reusing their record if they are already known."""
    check_capability(actor, Capability.EDIT_CHILDREN)
    member = existing or FamilyMember(**member_fields)
    if existing is None:
        _full_clean(member)
        member.save()
        audit_record(actor=actor, action=Action.CREATE, obj=member, child_id=child.pk)
    link = FamilyRelationship(
        child=child,
        family_member=member,
        relationship=relationship,
        has_parental_responsibility=has_parental_responsibility,
        lives_with_child=lives_with_child,
        is_main_contact=is_main_contact,
    )
    link.full_clean()
    if is_main_contact:
        FamilyRelationship.objects.filter(child=child).update(is_main_contact=False)
    link.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=link,
        child_id=child.pk,
        summary=f"{member} added as {link.get_relationship_display().lower()}",
    )
    return link


@transaction.atomic
def setting_create(*, actor: Actor, need_types: list[str] | None = None, **fields: Any) -> Setting:
    check_capability(actor, Capability.EDIT_SETTINGS)
    setting = Setting(**{k: v for k, v in fields.items() if k in SETTING_FIELDS})
    _full_clean(setting)
    setting.save()
    if need_types is not None:
        setting.need_types.set(NeedType.objects.filter(code__in=need_types))
    audit_record(actor=actor, action=Action.CREATE, obj=setting)
    return setting


@transaction.atomic
def setting_update(
    *, actor: Actor, setting: Setting, need_types: list[str] | None = None, **fields: Any
) -> Setting:
    check_capability(actor, Capability.EDIT_SETTINGS)
    setting = Setting.objects.select_for_update().get(pk=setting.pk)
    before = snapshot(setting, SETTING_FIELDS)
    before_needs = sorted(setting.need_types.values_list("code", flat=True))
    for name, value in fields.items():
        if name in SETTING_FIELDS:
            setattr(setting, name, value)
    _full_clean(setting)
    setting.save()
    changes: dict[str, list[str]] = field_changes(setting, before, SETTING_FIELDS)
    if need_types is not None and sorted(need_types) != before_needs:
        setting.need_types.set(NeedType.objects.filter(code__in=need_types))
        changes["need_types"] = [", ".join(before_needs), ", ".join(sorted(need_types))]
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=setting, changes=changes)
    return setting
