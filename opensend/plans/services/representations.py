"""The family's comments on the draft plan (reg 13(1)) and the setting they ask for (s38);
`check_comments` is shared with comments on proposed amendments."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import DATE_IN_FUTURE
from opensend.people.models import Setting
from opensend.plans.clocks import representations_due
from opensend.plans.models import EHCPlan, Representation
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
) -> None:
    """The family's comments (on a draft or on proposed changes): something said, by someone,
    on a day between the document being sent (`since`) and today."""
    errors: dict[str, list[str]] = {}
    if not comments.strip() and preferred_setting is None:
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
    today: date | None = None,
) -> Representation:
    """The family's comments on the draft, and the setting they ask for (reg 13(1), s38)."""
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
        recorded_by=actor,
    )
    if preferred_setting is not None:
        plan.preferred_setting = preferred_setting
        plan.save(update_fields=["preferred_setting", "updated_at"])
    audit_record(actor=actor, action=Action.CREATE, obj=representation, child_id=plan.child_id)
    return representation
