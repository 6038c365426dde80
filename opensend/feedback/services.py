"""Writing feedback: a survey answer (online, or recorded by staff from a phone call or a paper
form) and the "You said, we did" entries. Keyword-only, atomic, audited."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.core.validation import check_date
from opensend.feedback.access import may_keep_you_said, writes_as_family, writes_as_team
from opensend.feedback.models import (
    MAX_COMMENTS_LENGTH,
    AnswerRoute,
    SurveyAnswer,
    SurveyStage,
    YouSaidWeDid,
)
from opensend.people.models import Child, FamilyMember

ALREADY_ANSWERED = "You have already told us about this. Thank you. You can only answer once."
ALREADY_RECORDED = "This person has already given their answer about this stage"
NOTHING_ANSWERED = "Answer at least one question, or go back if you do not want to"
NOT_DONE_YET = "You can tell us about this once it has happened"
TOO_LONG = f"What you tell us must be {MAX_COMMENTS_LENGTH:,} characters or fewer"
NOT_THEIR_CHILD = "Choose someone from this child's family"


@transaction.atomic
def survey_answer_record(
    *,
    actor: Actor,
    child: Child,
    stage: str,
    stage_done_on: date | None,
    family_member: FamilyMember | None,
    clear: str = "",
    listened_to: str = "",
    satisfaction: int | None = None,
    comments: str = "",
    route: str = AnswerRoute.ONLINE,
    answered_on: date | None = None,
    today: date | None = None,
) -> SurveyAnswer:
    """Keep one person's answer about one stage of the child's journey. `family_member` is the
    parent or carer answering, or None for the young person themselves. Online, the family
    answers for themselves (the caller found who they are, access.respondent_for); by phone or
    on paper, the child's SENAR team records it with the day it was given. `stage_done_on` is the
    day the stage was done (the caller reads it from the journey apps); None refuses. The caller
    has checked that `actor` may see the child."""
    today = today or timezone.localdate()
    if stage not in SurveyStage.values:
        raise ValidationError({"stage": "Choose a stage"})
    if stage_done_on is None:
        raise ValidationError({"stage": NOT_DONE_YET})
    answered_on = _answered_on(actor, route, answered_on, stage_done_on, today)
    if (
        family_member is not None
        and not family_member.relationships.filter(
            child=child, has_parental_responsibility=True
        ).exists()
    ):
        raise ValidationError({"family_member": NOT_THEIR_CHILD})
    comments = (comments or "").strip()
    if len(comments) > MAX_COMMENTS_LENGTH:
        raise ValidationError({"comments": TOO_LONG})
    if not (clear or listened_to or satisfaction or comments):
        raise ValidationError(NOTHING_ANSWERED)
    answer = SurveyAnswer(
        child=child,
        stage=stage,
        family_member=family_member,
        by_young_person=family_member is None,
        clear=clear,
        listened_to=listened_to,
        satisfaction=satisfaction,
        comments=comments,
        route=route,
        answered_on=answered_on,
        recorded_by=actor,
    )
    answer.full_clean(exclude=["child", "family_member", "recorded_by"], validate_unique=False)
    refused = ALREADY_ANSWERED if route == AnswerRoute.ONLINE else ALREADY_RECORDED
    if _already_answered(child, stage, family_member):
        raise ValidationError(refused)
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError as exc:  # two answers sent at the same moment
        raise ValidationError(refused) from exc
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=answer,
        child_id=child.pk,
        summary=f"Feedback on {answer.get_stage_display().lower()} ({answer.get_route_display()})",
    )
    return answer


def _answered_on(
    actor: Actor, route: str, answered_on: date | None, stage_done_on: date, today: date
) -> date:
    """The day of the answer: today online (the family themselves); the day given by phone or
    on paper (the team), not in the future nor before the stage was done."""
    if route == AnswerRoute.ONLINE:
        if not writes_as_family(actor):
            raise PermissionDenied("Only the family answers online")
        return today
    if route not in (AnswerRoute.PHONE, AnswerRoute.PAPER):
        raise ValidationError({"route": "Choose how they gave their answer"})
    if not writes_as_team(actor):
        raise PermissionDenied("Only the child's SEND team records answers")
    if answered_on is None:
        raise ValidationError({"answered_on": "Enter the day they gave their answer"})
    check_date(
        answered_on,
        today=today,
        field="answered_on",
        after=stage_done_on,
        what="the stage was done",
    )
    return answered_on


def _already_answered(child: Child, stage: str, family_member: FamilyMember | None) -> bool:
    answers = SurveyAnswer.objects.filter(child=child, stage=stage)
    if family_member is None:
        return answers.filter(by_young_person=True).exists()
    return answers.filter(family_member=family_member).exists()


def _check_entry(you_said: str, we_did: str, done_on: date, today: date | None) -> None:
    errors = {}
    if not you_said.strip():
        errors["you_said"] = "Enter what families told us"
    if not we_did.strip():
        errors["we_did"] = "Enter what we did"
    if errors:
        raise ValidationError(errors)
    check_date(done_on, today=today or timezone.localdate(), field="done_on")


@transaction.atomic
def you_said_create(
    *, actor: Actor, you_said: str, we_did: str, done_on: date, today: date | None = None
) -> YouSaidWeDid:
    """Add an entry to the "You said, we did" page (team managers and administrators)."""
    if not may_keep_you_said(actor):
        raise PermissionDenied("Only team managers and administrators keep this page")
    _check_entry(you_said, we_did, done_on, today)
    entry = YouSaidWeDid.objects.create(
        you_said=you_said.strip(), we_did=we_did.strip(), done_on=done_on, updated_by=actor
    )
    audit_record(actor=actor, action=Action.CREATE, obj=entry, summary="You said, we did")
    return entry


@transaction.atomic
def you_said_update(
    *,
    actor: Actor,
    entry: YouSaidWeDid,
    you_said: str,
    we_did: str,
    done_on: date,
    today: date | None = None,
) -> YouSaidWeDid:
    """Change an entry; the audit trail keeps what it said before."""
    if not may_keep_you_said(actor):
        raise PermissionDenied("Only team managers and administrators keep this page")
    _check_entry(you_said, we_did, done_on, today)
    before = {"you_said": entry.you_said, "we_did": entry.we_did, "done_on": str(entry.done_on)}
    entry.you_said, entry.we_did, entry.done_on = you_said.strip(), we_did.strip(), done_on
    entry.updated_by = actor  # type: ignore[assignment]
    entry.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=entry,
        changes={"before": before},
        summary="You said, we did",
    )
    return entry
