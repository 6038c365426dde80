"""Reading feedback: the child a page is about, a child's answers (the team only, audited),
what a family member has already answered, and the "You said, we did" entries. The same 404
for a child that does not exist and one the user may not see."""

from typing import Any

from django.http import Http404

from opensend.audit.models import Action
from opensend.audit.services import audit_record_list
from opensend.core.types import Actor
from opensend.feedback.access import children_rule
from opensend.feedback.models import SurveyAnswer, YouSaidWeDid
from opensend.people.models import Child, FamilyMember

NOT_FOUND = "No such child"


def child_for_feedback(*, user: Actor, child_id: Any) -> Child:
    """The child, if this user is their family or their SENAR team; 404 otherwise."""
    try:
        return (
            Child.objects.filter(children_rule(user))
            .select_related("caseworker")
            .get(pk=int(child_id))
        )
    except (Child.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404(NOT_FOUND) from exc


def stages_answered(*, child: Child, family_member: FamilyMember | None) -> set[str]:
    """The stages this person (a family member, or the young person when None) has answered."""
    answers = SurveyAnswer.objects.filter(child=child)
    if family_member is None:
        answers = answers.filter(by_young_person=True)
    else:
        answers = answers.filter(family_member=family_member)
    return set(answers.values_list("stage", flat=True))


def answers_for_child(*, user: Actor, child: Child) -> list[SurveyAnswer]:
    """Every answer about the child, newest first, with their words: for the child's SENAR team
    (the caller checked, child_for_feedback and access.writes_as_team). Audited, one row each."""
    answers = list(
        SurveyAnswer.objects.filter(child=child).select_related("family_member", "recorded_by")
    )
    audit_record_list(
        actor=user,
        objects=answers,
        child_id_attr="child_id",
        summary="Feedback from the family",
        action=Action.VIEW,
    )
    return answers


def you_said_entries() -> list[YouSaidWeDid]:
    """The "You said, we did" page, newest first (no child's details: anyone signed in)."""
    return list(YouSaidWeDid.objects.all())


def you_said_get(pk: Any) -> YouSaidWeDid:
    try:
        return YouSaidWeDid.objects.get(pk=int(pk))
    except (YouSaidWeDid.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("No such entry") from exc
