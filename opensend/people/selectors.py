"""Every read of children, families and settings that a page or API makes.

`*_get_for_user` fetches and authorises in one step and raises the same 404 whether the
record is missing or the user may not see it. Reads of a child's record are audited.
"""

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.people.models import Child, ChildMerge, Enrolment, FamilyRelationship, Setting
from opensend.people.querysets import child_visibility

NOT_FOUND = "No child or young person found"


def child_list_for_user(
    *,
    user: object,
    name: str = "",
    date_of_birth: date | None = None,
    upn: str = "",
    include_closed: bool = False,
) -> QuerySet[Child]:
    qs = Child.objects.visible_to(user).search(name=name, date_of_birth=date_of_birth, upn=upn)
    if not include_closed:
        qs = qs.open()
    return qs.select_related("locality", "caseworker").order_by("family_name", "given_name", "pk")


def child_similar_for_user(
    *,
    user: object,
    name: str,
    date_of_birth: date | None = None,
    upn: str = "",
    include_closed: bool = False,
) -> QuerySet[Child]:
    """Children with names close to what was typed, for when nothing matched exactly."""
    qs = Child.objects.visible_to(user).similar_names(
        name=name, date_of_birth=date_of_birth, upn=upn
    )
    if not include_closed:
        qs = qs.open()
    return qs.select_related("locality", "caseworker").order_by("family_name", "given_name", "pk")


def child_get_for_user(*, user: object, child_id: int, audit: bool = True) -> Child:
    """The child, if this user may see them; recorded in the audit trail as a read."""
    try:
        child = (
            Child.objects.visible_to(user)
            .select_related("locality", "caseworker", "senar_team", "user", "merged_into")
            .prefetch_related(
                Prefetch(
                    "relationships",
                    queryset=FamilyRelationship.objects.select_related("family_member"),
                ),
                Prefetch(
                    "enrolments",
                    queryset=Enrolment.objects.select_related("setting").order_by("-started_on"),
                ),
                "involvements__organisation",
                "consents",
                "assessment_requests",
            )
            .get(pk=child_id)
        )
    except (Child.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
    if audit:
        audit_record(actor=user, action=Action.VIEW, obj=child, child_id=child.pk)
    return child


def current_enrolments(child: Child) -> list[Enrolment]:
    return [e for e in child.enrolments.all() if e.ended_on is None]


def setting_list_for_user(
    *,
    user: object,
    name: str = "",
    kind: str = "",
    phase: str = "",
    locality_id: int | None = None,
    need: str = "",
    include_closed: bool = False,
) -> QuerySet[Setting]:
    if not user_can(user, Capability.VIEW_SETTINGS):
        return Setting.objects.none()
    qs = Setting.objects.search(
        name=name, kind=kind, phase=phase, locality_id=locality_id, need=need
    )
    if not include_closed:
        qs = qs.open()
    return qs.select_related("locality", "host_setting").order_by("name", "pk")


def setting_get_for_user(*, user: object, setting_id: int) -> Setting:
    try:
        return (
            setting_list_for_user(user=user, include_closed=True)
            .prefetch_related("need_types", "resource_bases")
            .get(pk=setting_id)
        )
    except (Setting.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No setting found") from exc


def setting_get_public(*, setting_id: int) -> Setting:
    """A setting's public facts (name, type, phase, address, contact), for anyone.

    No pupil is named or counted: this is what a family sees for their child's school."""
    try:
        return (
            Setting.objects.select_related("host_setting")
            .prefetch_related("resource_bases")
            .get(pk=setting_id)
        )
    except (Setting.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No setting found") from exc


def setting_pupil_count(setting: Setting) -> int:
    return Enrolment.objects.filter(setting=setting, ended_on__isnull=True).count()


def child_likely_duplicates(
    *,
    user: object,
    given_name: str,
    family_name: str,
    date_of_birth: date | None,
    upn: str = "",
    nhs_number: str = "",
) -> tuple[list[Child], int]:
    """Open records that may be this same child: (those the user may open, how many others).

    Same UPN or NHS number, or the same date of birth with the same or a close name. Others
    are counted, never shown, so the warning leaks no one's details.
    """
    same_id = Q(pk__in=[])
    if upn:
        same_id |= Q(upn=upn.strip().upper())
    if nhs_number:
        same_id |= Q(nhs_number=nhs_number.replace(" ", ""))
    ids = set(Child.objects.open().filter(same_id).values_list("pk", flat=True))
    if date_of_birth is not None:
        name = f"{family_name}, {given_name}"
        born = Child.objects.open().filter(date_of_birth=date_of_birth)
        ids |= set(born.search(name=name).values_list("pk", flat=True))
        ids |= set(born.similar_names(name=name).values_list("pk", flat=True))
    visible = list(Child.objects.visible_to(user).filter(pk__in=ids).order_by("family_name", "pk"))
    return visible, len(ids) - len(visible)


def child_duplicates_of(*, user: object, child: Child) -> list[Child]:
    """The open records the user may open that may be this same child (the create warning's
    rule, applied to a saved record), for choosing which one to merge with."""
    found, _unseen = child_likely_duplicates(
        user=user,
        given_name=child.given_name,
        family_name=child.family_name,
        date_of_birth=child.date_of_birth,
        upn=child.upn,
        nhs_number=child.nhs_number,
    )
    return [c for c in found if c.pk != child.pk]


def child_merges(child: Child) -> dict[str, list[ChildMerge]]:
    """The merges this record took part in: records merged into it, and its own merge away."""
    merges = ChildMerge.objects.select_related("kept", "merged", "merged_by", "reversed_by")
    return {
        "into": list(merges.filter(kept=child)),
        "away": list(merges.filter(merged=child)),
    }


def merge_get_for_user(*, user: object, merge_id: int) -> ChildMerge:
    """A merge, for someone who may merge records and may see the record it kept (404 if not)."""
    if not user_can(user, Capability.MERGE_CHILDREN):
        raise Http404("No merge found")
    visible = child_visibility(user, via="kept") | child_visibility(user, via="merged")
    try:
        merge = ChildMerge.objects.select_related("kept", "merged", "merged_by", "reversed_by").get(
            visible, pk=merge_id
        )
    except (ChildMerge.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No merge found") from exc
    audit_record(actor=user, action=Action.VIEW, obj=merge, child_id=merge.kept_id)
    return merge
