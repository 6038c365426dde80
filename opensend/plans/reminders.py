"""Remind the family, 5 days before their 15 days on the draft plan end, if we have not heard from
them (issue 14, item 4). Run daily by `manage.py family_reminders` (reviews), which also reminds
families about proposed amendments. Idempotent: each draft gets at most one reminder, recorded in
`EHCPlan.comments_reminder_sent_on`."""

from datetime import date

from django.db import transaction
from django.urls import reverse

from opensend.notify.window_reminders import window_reminders_send
from opensend.plans.clocks import representations_due
from opensend.plans.models import EHCPlan, PlanStatus


@transaction.atomic
def draft_comment_reminders_send(*, today: date) -> int:
    """Remind the family of each served draft whose window closes within 5 days and who have
    not commented or said they have nothing more to add (`notify.window_reminders`: the day from
    `statutory.family_reminder_due`, each person's channel, never a parent the young person keeps
    things from). Returns how many drafts were reminded."""
    drafts = EHCPlan.objects.filter(status=PlanStatus.DRAFT, draft_issued_on__lte=today)
    return window_reminders_send(
        windows=drafts,
        last_day=representations_due,
        page_link=lambda plan: reverse("plans:family", args=[plan.pk]),
        template="draft_plan_comments_reminder",
        today=today,
    )
