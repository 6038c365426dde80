""" "All about me" (issue 14, item 3: "say it once"): the family write section A of the EHC plan
(views, interests and aspirations) once for the child, as text and files (documents, photos,
recordings through `core.uploads`), and it flows into every advice request and the plan.

- **Who writes.** A parent or carer with parental responsibility writes the family's version;
  the young person (their own account) writes their own, in simple words. Each writes only their
  own version; nobody writes for another family. Staff record views themselves in
  `FamilyViews` (per request) and read this.
- **Who reads.** The one visibility rule (`Child.objects.visible_to`) for the family and staff
  (so a young person who keeps their papers from a parent keeps this too), and every adviser
  whose organisation was asked for advice about the child (on their advice request page), for
  as long as the request was not withdrawn.
- **Where it goes.** The advice request page, the child's record and the draft plan: section A
  starts from it (`section_a_words`), and a draft being written gets the family's words in the
  parts still empty, never over what the caseworker wrote (`plans.services.draft`).
- Missing and forbidden give the same 404. Every read, change and download is audited.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from opensend.accounts.permissions import access_for
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.models import (
    AboutMeVersion,
    AdviceRequest,
    AllAboutMe,
    AllAboutMeFile,
)
from opensend.core.types import Actor
from opensend.core.uploads import CheckedUpload, attach_document, delete_stored
from opensend.people import sharing
from opensend.people.models import Child, FamilyMember

FIELDS = ("about_me", "what_matters", "aspirations", "communication")
MAX_LENGTH = 5000
MAX_FILES = 20
NOT_FOUND = "No such page"
NOTHING_WRITTEN = "Write something in at least one box, or add a file"
TOO_LONG = f"This must be {MAX_LENGTH:,} characters or fewer"
TOO_MANY_FILES = f"You can keep up to {MAX_FILES} files. Take one away before you add another"


def version_for(user: Actor, child: Child) -> str | None:
    """Which version this person writes: the young person's own, the family's (a parent or
    carer with parental responsibility), or None."""
    user_id = getattr(user, "pk", None)
    if user_id is None or access_for(user).is_staff_member:
        return None
    if child.user_id == user_id:
        return AboutMeVersion.YOUNG_PERSON
    if FamilyMember.objects.filter(
        user_id=user_id,
        relationships__child=child,
        relationships__has_parental_responsibility=True,
    ).exists():
        return AboutMeVersion.FAMILY
    return None


def child_for_writer(*, user: Actor, child_id: Any) -> tuple[Child, str]:
    """The child and the version this person writes, or 404 (not their child, or not family)."""
    try:
        child = Child.objects.visible_to(user).get(pk=int(child_id))
    except (Child.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
    version = version_for(user, child)
    if version is None:
        raise Http404(NOT_FOUND)
    return child, version


def own_version(*, user: Actor, child: Child, version: str) -> AllAboutMe | None:
    """What this person's side has written so far (audited as a read when there is any)."""
    about = (
        AllAboutMe.objects.filter(child=child, version=version).prefetch_related("files").first()
    )
    if about is not None:
        audit_record(actor=user, action=Action.VIEW, obj=about, child_id=child.pk)
    return about


def current_files(about: AllAboutMe | None) -> list[AllAboutMeFile]:
    if about is None:
        return []
    return [f for f in about.files.all() if f.removed_at is None]


@transaction.atomic
def about_me_save(
    *,
    actor: Actor,
    child: Child,
    files: list[CheckedUpload] | tuple[CheckedUpload, ...] = (),
    **words: str,
) -> AllAboutMe:
    """Write (or change) this person's version, with any new files. Refused unless the actor
    is the young person or a parent or carer with parental responsibility."""
    version = version_for(actor, child)
    if version is None:
        raise PermissionDenied("Only the family write all about me")
    values = {name: (words.get(name) or "").strip() for name in FIELDS}
    errors = {name: [TOO_LONG] for name, text in values.items() if len(text) > MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    about = AllAboutMe.objects.select_for_update().filter(child=child, version=version).first()
    kept = len(current_files(about))
    if not any(values.values()) and not files and not kept:
        raise ValidationError({"about_me": [NOTHING_WRITTEN]})
    if kept + len(files) > MAX_FILES:
        raise ValidationError({"files": [TOO_MANY_FILES]})
    created = about is None
    before = {} if about is None else {name: getattr(about, name) for name in FIELDS}
    if about is None:
        about = AllAboutMe(child=child, version=version, updated_by=actor, **values)
    else:
        for name, text in values.items():
            setattr(about, name, text)
        about.updated_by = actor
    about.save()
    changed = {
        name: {"from": before.get(name, ""), "to": text}
        for name, text in values.items()
        if before.get(name, "") != text
    }
    if created or changed:
        audit_record(
            actor=actor,
            action=Action.CREATE if created else Action.UPDATE,
            obj=about,
            child_id=child.pk,
            changes=changed,
            summary="All about me written by the family",
        )
    for checked in files:
        _add_file(actor, about, checked)
    return about


def _add_file(actor: Actor, about: AllAboutMe, checked: CheckedUpload) -> AllAboutMeFile:
    added = AllAboutMeFile(about=about, uploaded_by=actor)
    attach_document(added, checked)
    try:
        added.save()
    except Exception:
        delete_stored(added.document)
        raise
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=added,
        child_id=about.child_id,
        summary=f"File added to all about me: {added.document_name}",
    )
    return added


@transaction.atomic
def about_me_file_remove(*, actor: Actor, child: Child, file_id: Any) -> AllAboutMeFile:
    """Take a file away from this person's version (kept, never shown again). 404 for a file
    of another version or child."""
    version = version_for(actor, child)
    try:
        removed = AllAboutMeFile.objects.select_for_update().get(
            pk=int(file_id), about__child=child, about__version=version, removed_at__isnull=True
        )
    except (AllAboutMeFile.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
    removed.removed_at = timezone.now()
    removed.save(update_fields=["removed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=Action.CLOSE,
        obj=removed,
        child_id=child.pk,
        summary=f"File taken away from all about me: {removed.document_name}",
    )
    return removed


# --- reading ---------------------------------------------------------------------------------


def _asked_for_advice(user: Actor, child_id: int) -> bool:
    """The user's organisation was asked for advice about the child (not withdrawn)."""
    organisations = access_for(user).organisation_ids
    return bool(organisations) and (
        AdviceRequest.objects.filter(
            request__child_id=child_id,
            organisation_id__in=organisations,
            withdrawn_on__isnull=True,
        ).exists()
    )


def may_read(user: Actor, child_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if _asked_for_advice(user, child_id):
        return True
    if not Child.objects.visible_to(user).filter(pk=child_id).exists():
        return False
    return (
        access_for(user).is_staff_member
        or version_for(user, Child.objects.get(pk=child_id)) is not None
    )


def family_may_read_version(user: Actor, child: Child, version: str) -> bool:
    """Within the family: each side reads its own version; the young person reads what their
    parent or carer wrote about them; a parent reads the young person's own version only where
    the young person lets them see their plan and papers (`people.sharing`: the plan part; until
    the young person chooses, or where they lack capacity, their parent sees everything)."""
    own = version_for(user, child)
    if own is None:
        return False
    if own == version or own == AboutMeVersion.YOUNG_PERSON:
        return True
    return sharing.parent_view_of(user, child).plan


def other_side(*, user: Actor, child: Child, version: str) -> AllAboutMe | None:
    """The other side's version for a family member, where they may read it (with its current
    files), else None. Audited as a read."""
    other = (
        AboutMeVersion.FAMILY
        if version == AboutMeVersion.YOUNG_PERSON
        else AboutMeVersion.YOUNG_PERSON
    )
    if not family_may_read_version(user, child, other):
        return None
    about = AllAboutMe.objects.filter(child=child, version=other).prefetch_related("files").first()
    if about is None:
        return None
    about.current_files = current_files(about)  # type: ignore[attr-defined]
    audit_record(
        actor=user, action=Action.VIEW, obj=about, child_id=child.pk, summary="All about me read"
    )
    return about


def about_me_for_readers(*, user: Actor, child: Child) -> list[AllAboutMe]:
    """Both versions, the young person's first, with the files still there, for staff and the
    child's advisers (the caller checked `may_read`). Audited, one row each."""
    versions = sorted(
        AllAboutMe.objects.filter(child=child).prefetch_related("files"),
        key=lambda a: a.version != AboutMeVersion.YOUNG_PERSON,
    )
    for about in versions:
        about.current_files = current_files(about)  # type: ignore[attr-defined]
        audit_record(
            actor=user,
            action=Action.VIEW,
            obj=about,
            child_id=child.pk,
            summary="All about me read",
        )
    return versions


def about_me_file_for_user(*, user: Actor, file_id: Any) -> AllAboutMeFile:
    """A file from all about me, for the side that wrote it, staff who may see the child and
    the child's advisers; 404 otherwise (and for a file taken away). Audited."""
    try:
        found = AllAboutMeFile.objects.select_related("about").get(
            pk=int(file_id), removed_at__isnull=True
        )
    except (AllAboutMeFile.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
    child_id = found.about.child_id
    if not may_read(user, child_id):
        raise Http404(NOT_FOUND)
    # A family member reads their own side's files, and the other side's where they may.
    family = not access_for(user).is_staff_member and not _asked_for_advice(user, child_id)
    if family and not family_may_read_version(
        user, Child.objects.get(pk=child_id), found.about.version
    ):
        raise Http404(NOT_FOUND)
    audit_record(
        actor=user,
        action=Action.EXPORT,
        obj=found,
        child_id=child_id,
        summary=f"All about me file downloaded: {found.document_name}",
    )
    return found


def section_a_words(child: Child) -> dict[str, str]:
    """Section A from all about me: the young person's own words, then the family's, for each
    part (either alone when only one wrote it)."""
    versions = {a.version: a for a in AllAboutMe.objects.filter(child=child)}
    own = versions.get(AboutMeVersion.YOUNG_PERSON)
    family = versions.get(AboutMeVersion.FAMILY)
    words: dict[str, str] = {}
    for name in FIELDS:
        mine = getattr(own, name, "") if own else ""
        theirs = getattr(family, name, "") if family else ""
        if mine and theirs:
            words[name] = f"{mine}\n\nFrom the family: {theirs}"
        else:
            words[name] = mine or theirs
    return words
