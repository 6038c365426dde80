"""Every change to children, families and settings: validated, atomic and audited."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.accounts.permissions import Capability, access_for, check_capability
from opensend.accounts.roles import Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record, field_changes, snapshot
from opensend.core.types import Actor
from opensend.people import merging
from opensend.people.identifiers import normalise_postcode, postcode_problem
from opensend.people.models import (
    CHILD_FIELDS,
    SETTING_FIELDS,
    Child,
    ChildMerge,
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


@transaction.atomic
def child_merge(
    *,
    actor: Actor,
    kept: Child,
    merged: Child,
    take_from_merged: Iterable[str] = (),
    today: date | None = None,
) -> ChildMerge:
    """Make two records for one child one: everything that points at `merged` (requests, plans,
    reviews, disputes, letters, family, settings...) is re-pointed to `kept`, the details named in
    `take_from_merged` are copied onto `kept`, and `merged` is closed, pointing at `kept`.

    Rows that `kept` already has the same of (a parent linked to both) stay on the merged-away
    record. What moved is kept in a ChildMerge and the audit trail, so it can be reversed."""
    check_capability(actor, Capability.MERGE_CHILDREN)
    take = set(take_from_merged)
    unknown = take - set(CHILD_FIELDS)
    if unknown:
        raise ValidationError(
            f"These are not details of a child's record: {', '.join(sorted(unknown))}"
        )
    locked = Child.objects.select_for_update().in_bulk([kept.pk, merged.pk])
    kept, merged = locked.get(kept.pk, kept), locked.get(merged.pk, merged)
    problems = merging.merge_problems(kept=kept, merged=merged)
    if problems:
        raise ValidationError(problems)
    if Child.objects.visible_to(actor).filter(pk__in=[kept.pk, merged.pk]).count() != 2:
        raise PermissionDenied

    overwritten: dict[str, list[Any]] = {}
    for name in sorted(take):
        attname = merging.child_field(name).attname
        before, after = getattr(kept, attname), getattr(merged, attname)
        if before != after:
            overwritten[attname] = [merging.to_json(before), merging.to_json(after)]
            setattr(kept, attname, after)
    moved_user_id = None
    if merged.user_id and not kept.user_id:  # the young person's own sign-in comes too
        moved_user_id = merged.user_id
        Child.objects.filter(pk=merged.pk).update(user=None)
        merged.user_id = None
        kept.user_id = moved_user_id
    _clean_child(kept, today=today or timezone.localdate())
    kept.save()

    moved, left_behind, row_changes = _repoint(kept=kept, merged=merged)
    merged.closed_at = timezone.now()
    merged.closed_reason = f"Merged into record {kept.pk} ({kept.full_name})"
    merged.closed_by = actor
    merged.merged_into = kept
    merged.save()
    record = ChildMerge.objects.create(
        kept=kept,
        merged=merged,
        merged_by=actor if getattr(actor, "is_authenticated", False) else None,
        moved=moved,
        left_behind=left_behind,
        overwritten=overwritten,
        row_changes=row_changes,
        moved_user_id=moved_user_id,
    )
    _audit_merge(actor, record)
    return record


def _repoint(*, kept: Child, merged: Child) -> tuple[dict, dict, dict]:
    """Re-point every row of `merged` to `kept`, one at a time so each sees those moved before."""
    moved: dict[str, list[Any]] = {}
    left_behind: dict[str, list[Any]] = {}
    row_changes: dict[str, dict[str, dict[str, Any]]] = {}
    has_main_contact = FamilyRelationship.objects.filter(child=kept, is_main_contact=True).exists()
    for link in merging.child_links():
        for row in link.rows(merged):
            setattr(row, link.field, kept)
            if merging.would_clash(row):
                left_behind.setdefault(link.label, []).append(row.pk)
                continue
            changes: dict[str, Any] = {link.field: kept}
            if isinstance(row, FamilyRelationship) and row.is_main_contact and has_main_contact:
                # The kept record's main contact stays the one main contact.
                row_changes.setdefault(link.label.rpartition(".")[0], {})[str(row.pk)] = {
                    "is_main_contact": True
                }
                changes["is_main_contact"] = False
            link.model._base_manager.filter(pk=row.pk).update(**changes)
            moved.setdefault(link.label, []).append(row.pk)
    return moved, left_behind, row_changes


def _moved_words(
    rows: dict[str, list[Any]], was: str, now: str, prefix: str = ""
) -> dict[str, list[Any]]:
    """The audit lines for rows a merge moved: what they are, their ids and where each table's
    foreign key is ("Assessment requests 3, 4 (casework.assessmentrequest.child)"), from, to."""
    words = {}
    for label, pks in rows.items():
        name = merging.link_for(label).name
        words[f"{prefix}{name} {', '.join(map(str, pks))} ({label})"] = [was, now]
    return words


def _field_words(values: dict[str, list[Any]]) -> dict[str, list[str]]:
    """The audit lines for details a merge overwrote: {field name: [before, after]}."""
    return {
        merging.child_field(attname).name: ["" if v is None else str(v) for v in pair]
        for attname, pair in values.items()
    }


def _audit_both(
    actor: Actor,
    merge: ChildMerge,
    on_merge: tuple[Action, str, dict[str, Any]],
    on_merged_record: tuple[Action, str],
) -> None:
    """Two audit lines: on the merge (under the kept child) and on the merged-away record."""
    action, summary, changes = on_merge
    audit_record(
        actor=actor,
        action=action,
        obj=merge,
        child_id=merge.kept_id,
        changes=changes,
        summary=summary,
    )
    action, summary = on_merged_record
    audit_record(
        actor=actor, action=action, obj=merge.merged, child_id=merge.merged_id, summary=summary
    )


def _audit_merge(actor: Actor, record: ChildMerge) -> None:
    kept, merged = record.kept, record.merged
    was, now = f"record {merged.pk}", f"record {kept.pk}"
    changes: dict[str, list[Any]] = {"merged record": [was, now]}
    changes.update(_moved_words(record.moved, was, now))
    changes.update(
        _moved_words(record.left_behind, was, f"{was}, because {now} already had the same", "left ")
    )
    changes.update(_field_words(record.overwritten))
    if record.moved_user_id:
        changes["young person's own sign-in"] = [was, now]
    _audit_both(
        actor,
        record,
        (Action.CREATE, f"Record {merged.pk} merged into record {kept.pk}", changes),
        (Action.CLOSE, merged.closed_reason),
    )
    if record.overwritten:
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=kept,
            child_id=kept.pk,
            changes=_field_words(record.overwritten),
            summary=f"Details taken from record {merged.pk} when it was merged in",
        )


@transaction.atomic
def child_merge_reverse(*, actor: Actor, merge: ChildMerge) -> ChildMerge:
    """Undo a merge: the rows it moved go back, the details it overwrote are restored (where no
    one has changed them since) and the merged-away record is reopened."""
    check_capability(actor, Capability.REVERSE_MERGES)
    merge = ChildMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.is_reversed:
        raise ValidationError(
            "This merge has already been reversed, on "
            f"{timezone.localtime(merge.reversed_at):%-d %B %Y}"
        )
    locked = Child.objects.select_for_update().in_bulk([merge.kept_id, merge.merged_id])
    kept, merged = locked[merge.kept_id], locked[merge.merged_id]
    if kept.merged_into_id:
        raise ValidationError(
            f"Record {kept.pk} has since been merged into record {kept.merged_into_id}. "
            "Reverse that merge first, then this one"
        )
    if merged.merged_into_id != kept.pk:
        raise ValidationError(f"Record {merged.pk} is no longer merged into record {kept.pk}")

    moved_back: dict[str, list[Any]] = {}
    for label, pks in merge.moved.items():
        link = merging.link_for(label)
        rows = link.model._base_manager.filter(pk__in=pks, **{link.field: kept})
        moved_back[label] = sorted(rows.values_list("pk", flat=True))
        rows.update(**{link.field: merged})
    for model_label, rows_before in merge.row_changes.items():
        model = merging.link_for(f"{model_label}.child").model
        for pk, values in rows_before.items():
            model._base_manager.filter(pk=pk).update(**values)

    restored: dict[str, list[Any]] = {}
    changed_since: list[str] = []
    for attname, (before, after) in merge.overwritten.items():
        field = merging.child_field(attname)
        if merging.to_json(getattr(kept, attname)) != after:
            changed_since.append(str(field.verbose_name))
            continue
        setattr(kept, attname, None if before is None else field.to_python(before))
        restored[attname] = [after, before]
    if merge.moved_user_id and kept.user_id == merge.moved_user_id:
        kept.user_id = None
        Child.objects.filter(pk=kept.pk).update(user=None)
        merged.user_id = merge.moved_user_id
    kept.save()
    merged.closed_at = None
    merged.closed_reason = ""
    merged.closed_by = None
    merged.merged_into = None
    merged.save()

    merge.reversed_at = timezone.now()
    merge.reversed_by = actor if getattr(actor, "is_authenticated", False) else None
    if changed_since:
        merge.reversal_notes = (
            "Not restored, because they were changed after the merge: " + ", ".join(changed_since)
        )
    merge.save()
    changes = _moved_words(moved_back, f"record {kept.pk}", f"record {merged.pk}")
    changes.update(_field_words(restored))
    _audit_both(
        actor,
        merge,
        (
            Action.UPDATE,
            f"Merge reversed: record {merged.pk} reopened, apart from record {kept.pk}",
            changes,
        ),
        (Action.UPDATE, f"Record reopened: its merge into record {kept.pk} was reversed"),
    )
    return merge
