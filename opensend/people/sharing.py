"""What a young person lets their parents see (issue 14, item 1; docs/family-portal.md).

Over compulsory school age (the end of the school year in which they turn 16) "the right to make
requests and decisions under the Children and Families Act 2014 applies to them directly, rather
than to their parents" (SEND Code of Practice 2015, 8.13; CFA 2014 s.83(2), via
`statutory.is_young_person`). Parents "can continue to support young people in making decisions,
or act on their behalf, provided that the young person is happy for them to do so" (8.14), so the
young person chooses what their parent sees on the family pages, in two parts:

- **progress**: where things are and what happens next (the steps and their dates);
- **plan**: the EHC plan, its drafts and changes, reviews, advice, and the papers about them.

Until they choose, their parents keep seeing what they saw (8.14: "it is likely that parents will
remain involved in the large majority of cases"); the young person's home page asks them to
choose. The law keeps one thing for the parent: where the young person lacks the mental capacity
to make a decision (Mental Capacity Act 2005), the Act reads as if it referred to their
representative (deputy or attorney) or, where they have none, their parent (CFA 2014 s.80; SEND
Regulations 2014, reg 64 and Schedule 3), so staff may record that and the parent then sees
everything.

The rule is applied where records are read: `people.querysets.child_visibility` keeps every
record about the young person (plans, requests, advice, reviews, downloads) from a parent when
the plan part is kept back, and `parent_view_of` tells the family's page whether to show the
steps. Each choice is a new `ParentSharing` row; the one before is closed; every change is
audited.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from opensend import statutory
from opensend.accounts.permissions import Capability, access_for, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.people.models import Child, ParentSharing
from opensend.people.querysets import ChildQuerySet, hidden_from_parents
from opensend.people.selectors import NOT_FOUND, child_get_for_user

REPLACED = "Replaced by a newer choice"
NOT_YET = (
    "You can choose this from the end of the school year in which you turn 16. "
    "Until then, your parents or carers make these decisions with us."
)
DECIDED_FOR_YOU = (
    "Your caseworker has written down that your parent or carer helps you decide this. "
    "Talk to your caseworker if you want to change it."
)
STAFF_NOTES_REQUIRED = "Enter how the young person's capacity to decide was assessed"

# The two parts, in the young person's words and in the parent's.
PARTS = {
    "progress": ("where things are and what happens next", "where things are"),
    "plan": ("your EHC plan and the papers about you", "their EHC plan and the papers about them"),
}


def holds_own_rights(child: Child, *, on: date) -> bool:
    """Whether the child is a young person (over compulsory school age, under 25) on `on`."""
    return statutory.is_young_person(child.date_of_birth, on)


def current_choice(child: Child) -> ParentSharing | None:
    """The choice in force (None if the young person has not chosen)."""
    return (
        ParentSharing.objects.filter(child=child, closed_at__isnull=True)
        .select_related("decided_by")
        .first()
    )


def choice_history(child: Child) -> QuerySet[ParentSharing]:
    """Every choice, newest first, for the staff record."""
    return ParentSharing.objects.filter(child=child).select_related("decided_by")


@dataclass(frozen=True)
class ParentView:
    """What a parent sees of a young person: each part shown or not, and why."""

    progress: bool = True
    plan: bool = True
    chosen_on: date | None = None

    @property
    def hides_anything(self) -> bool:
        return not (self.progress and self.plan)


EVERYTHING = ParentView()


def parent_view_of(user: Actor, child: Child) -> ParentView:
    """What this reader may see on the family's page for `child`. The young person themselves
    and staff see everything; a parent sees what the young person's current choice allows (or
    everything where the young person lacks capacity, or has not chosen)."""
    if access_for(user).young_person_child_id == child.pk:
        return EVERYTHING
    choice = current_choice(child)
    if choice is None or choice.lacks_capacity:
        return EVERYTHING
    return ParentView(choice.parent_sees_progress, choice.parent_sees_plan, choice.decided_on)


def young_people_hiding_from(user: Actor) -> ChildQuerySet:
    """The young people this parent has parental responsibility for who keep their plan and
    papers from them: listed on the parent's home page by name, with nothing else."""
    member_id = access_for(user).family_member_id
    if member_id is None:
        return Child.objects.none()  # type: ignore[return-value]
    return Child.objects.filter(  # type: ignore[return-value]
        Exists(hidden_from_parents(OuterRef("pk"))),
        relationships__family_member_id=member_id,
        relationships__has_parental_responsibility=True,
    )


def child_for_family_page(*, user: Actor, child_id: int) -> Child:
    """The child for the family's page: one the user may see (`child_get_for_user`), or a young
    person who keeps their record from this parent, whose page then says only that. The same
    404 otherwise. Audited as a read either way."""
    try:
        return child_get_for_user(user=user, child_id=child_id)
    except Http404:
        child = young_people_hiding_from(user).filter(pk=child_id).first()
        if child is None:
            raise Http404(NOT_FOUND) from None
    audit_record(actor=user, action=Action.VIEW, obj=child, child_id=child.pk)
    return child


def _replace(child: Child, choice: ParentSharing, *, actor: Actor) -> ParentSharing:
    """Close the choice in force (if any) and save `choice` as the new one, audited."""
    before = current_choice(child)
    if before is not None:
        before.closed_at = timezone.now()
        before.closed_reason = REPLACED
        before.closed_by = actor
        before.save(update_fields=["closed_at", "closed_reason", "closed_by", "updated_at"])
    choice.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if before is None else Action.UPDATE,
        obj=choice,
        child_id=child.pk,
        changes={
            "parent_sees_progress": choice.parent_sees_progress,
            "parent_sees_plan": choice.parent_sees_plan,
            "lacks_capacity": choice.lacks_capacity,
        },
        summary="What the young person's parents see",
    )
    return choice


@transaction.atomic
def parent_sharing_choose(
    *,
    actor: Actor,
    child: Child,
    parent_sees_progress: bool,
    parent_sees_plan: bool,
    today: date | None = None,
) -> ParentSharing:
    """The young person chooses what their parents see. Only the young person themselves, and
    only once they hold their own rights (over compulsory school age)."""
    if access_for(actor).young_person_child_id != child.pk:
        raise PermissionDenied
    today = today or timezone.localdate()
    if not holds_own_rights(child, on=today):
        raise ValidationError(NOT_YET)
    before = current_choice(child)
    if before is not None and before.lacks_capacity:
        raise ValidationError(DECIDED_FOR_YOU)
    choice = ParentSharing(
        child=child,
        parent_sees_progress=parent_sees_progress,
        parent_sees_plan=parent_sees_plan,
        decided_by=actor,
        decided_on=today,
    )
    return _replace(child, choice, actor=actor)


@transaction.atomic
def parent_sharing_record_capacity(
    *, actor: Actor, child: Child, lacks_capacity: bool, notes: str, today: date | None = None
) -> ParentSharing:
    """Staff record that the young person lacks (or has regained) the capacity to decide what
    their parents see (Mental Capacity Act 2005). While they lack it, their parent acts for
    them (reg 64) and sees everything; the young person's last choice is kept for when they
    regain it."""
    check_capability(actor, Capability.EDIT_CHILDREN)
    if not Child.objects.visible_to(actor).filter(pk=child.pk).exists():
        raise PermissionDenied
    today = today or timezone.localdate()
    if not holds_own_rights(child, on=today):
        raise ValidationError("This is for young people over compulsory school age.")
    if not notes.strip():
        raise ValidationError({"notes": [STAFF_NOTES_REQUIRED]})
    before = current_choice(child)
    choice = ParentSharing(
        child=child,
        parent_sees_progress=before.parent_sees_progress if before else True,
        parent_sees_plan=before.parent_sees_plan if before else True,
        lacks_capacity=lacks_capacity,
        decided_by=actor,
        decided_on=today,
        notes=notes.strip(),
    )
    return _replace(child, choice, actor=actor)
