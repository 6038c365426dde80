"""The family's comments on the draft plan (reg 13(1)) and the setting they ask for (s38);
`check_comments` is shared with comments on proposed amendments."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import apply_changes, audit_record
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import DATE_IN_FUTURE
from opensend.notify.alerts import alert_send, desk_of
from opensend.notify.models import AlertKind
from opensend.people.models import Setting
from opensend.plans.clocks import representations_due
from opensend.plans.models import CommentAnswer, EHCPlan, Representation
from opensend.plans.selectors import is_family_of
from opensend.plans.services._shared import DRAFT_NOT_ISSUED, check_draft, locked

COMMENT_REQUIRED = "Write your comments, or choose a school or college"
MADE_BY_REQUIRED = "Enter who made the comments"
COMMENT_BEFORE_DRAFT = "Comments cannot be dated before the draft was issued ({draft})"
WINDOW_CLOSED = (
    "The time to comment on the draft plan ended on {due}. Please contact the SEND team: "
    "they can still add your comments"
)


def check_comments(
    *,
    comments: str,
    preferred_setting: Setting | None,
    made_by: str,
    made_on: date,
    today: date,
    since: date,
    too_early: str,
    finished: bool = False,
) -> None:
    """The family's comments (on a draft or on proposed changes): something said, by someone,
    on a day between the document being sent (`since`) and today."""
    errors: dict[str, list[str]] = {}
    if not comments.strip() and preferred_setting is None and not finished:
        errors["comments"] = [COMMENT_REQUIRED]
    if not made_by.strip():
        errors["made_by"] = [MADE_BY_REQUIRED]
    if made_on > today:
        errors["made_on"] = [DATE_IN_FUTURE]
    elif made_on < since:
        errors["made_on"] = [too_early]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def representation_record(
    *,
    actor: Actor,
    plan: EHCPlan,
    made_on: date,
    made_by: str,
    comments: str,
    preferred_setting: Setting | None = None,
    nothing_more_to_say: bool = False,
    today: date | None = None,
) -> Representation:
    """The family's comments on the draft, and the setting they ask for (reg 13(1), s38). With
    `nothing_more_to_say` the family has confirmed in writing that they have finished: only then
    can the final plan be issued before their 15 days are up (`plans.readiness`)."""
    staff = user_can(actor, Capability.MANAGE_CASES)
    if not staff and not is_family_of(actor, plan.child):
        raise PermissionDenied
    today = today_or_local(today)
    plan = locked(plan)
    check_draft(plan)
    if plan.draft_issued_on is None:
        raise ValidationError(DRAFT_NOT_ISSUED)
    check_comments(
        comments=comments,
        preferred_setting=preferred_setting,
        made_by=made_by,
        made_on=made_on,
        today=today,
        since=plan.draft_issued_on,
        too_early=COMMENT_BEFORE_DRAFT.format(draft=statutory.long_date(plan.draft_issued_on)),
        finished=nothing_more_to_say,
    )
    window_end = representations_due(plan)
    if not staff and window_end is not None and today > window_end:
        raise ValidationError(WINDOW_CLOSED.format(due=statutory.long_date(window_end)))
    representation = Representation.objects.create(
        plan=plan,
        made_on=made_on,
        made_by=made_by.strip(),
        comments=comments.strip(),
        preferred_setting=preferred_setting,
        nothing_more_to_say=nothing_more_to_say,
        recorded_by=actor,
    )
    if preferred_setting is not None:
        plan.preferred_setting = preferred_setting
        plan.save(update_fields=["preferred_setting", "updated_at"])
    audit_record(actor=actor, action=Action.CREATE, obj=representation, child_id=plan.child_id)
    if not staff:
        alert_send(
            actor=actor,
            users=desk_of(plan.child, plan.request.caseworker if plan.request else None),
            kind=AlertKind.FAMILY_COMMENTS,
            text=f"{representation.made_by} commented on the draft plan for {plan.child.full_name}",
            url=reverse("plans:representations", args=[plan.pk]),
            child=plan.child,
        )
    return representation


ANSWER_REQUIRED = "Choose whether the comments were accepted"
REASONS_REQUIRED = "Give the reasons, so the family knows why"
ANSWER_BEFORE_COMMENTS = "The answer cannot be before the comments were made ({on})"


@transaction.atomic
def representation_answer(
    *,
    actor: Actor,
    representation: Representation,
    answer: str,
    reasons: str,
    answered_on: date | None = None,
    today: date | None = None,
) -> Representation:
    """The council's answer to one of the family's comments (accepted, partly, not), with
    reasons the family reads on their plan page. Every comment is answered before the final
    plan is issued (`plans.readiness`). An answer can be changed until then."""
    check_capability(actor, Capability.MANAGE_CASES)
    today = today_or_local(today)
    plan = locked(representation.plan)
    check_draft(plan)
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    answered_on = answered_on or today
    errors: dict[str, list[str]] = {}
    if answer not in CommentAnswer.values:
        errors["answer"] = [ANSWER_REQUIRED]
    if not reasons.strip() and answer != CommentAnswer.ACCEPTED:
        errors["reasons"] = [REASONS_REQUIRED]
    if answered_on > today:
        errors["answered_on"] = [DATE_IN_FUTURE]
    elif answered_on < representation.made_on:
        errors["answered_on"] = [
            ANSWER_BEFORE_COMMENTS.format(on=statutory.long_date(representation.made_on))
        ]
    if errors:
        raise ValidationError(errors)
    changes = apply_changes(
        representation,
        {
            "answer": answer,
            "answer_reasons": reasons.strip(),
            "answered_on": answered_on,
            "answered_by": actor,
        },
    )
    representation.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=representation,
        child_id=plan.child_id,
        summary=f"Answered comments from {representation.made_by}",
        changes=changes,
    )
    return representation
