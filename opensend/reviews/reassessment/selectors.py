"""Reads on re-assessments: one record, and the open ones for a plan. Visibility follows the
child (`Child.objects.visible_to`); missing and not-yours are the same 404. Audited."""

from typing import Any

from django.http import Http404

from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.people.querysets import child_visibility
from opensend.reviews.models import OPEN_REASSESSMENT_STATUSES, Reassessment

_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError)


def reassessment_get_for_user(*, user: Actor, reassessment_id: Any) -> Reassessment:
    if not user_can(user, Capability.VIEW_REVIEWS):
        raise Http404("No re-assessment found")
    try:
        reassessment = (
            Reassessment.objects.filter(child_visibility(user, via="child"))
            .select_related("plan", "child", "caseworker")
            .get(pk=reassessment_id)
        )
    except (Reassessment.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404("No re-assessment found") from exc
    audit_record(actor=user, action=Action.VIEW, obj=reassessment, child_id=reassessment.child_id)
    return reassessment


def open_reassessment_for_plan(*, plan: Any) -> Reassessment | None:
    return Reassessment.objects.filter(plan=plan, status__in=OPEN_REASSESSMENT_STATUSES).first()
