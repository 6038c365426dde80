"""Remind the family, 5 days before their 15 days on the draft plan end, if we have not heard from
them (issue 14, item 4). Run daily by `manage.py family_reminders` (reviews), which also reminds
families about proposed amendments. Idempotent: each draft gets at most one reminder, recorded in
`EHCPlan.comments_reminder_sent_on`."""

from datetime import date

from django.db import transaction
from django.urls import reverse

from opensend import statutory
from opensend.notify.services import notification_send
from opensend.plans.clocks import representations_due
from opensend.plans.models import EHCPlan, PlanStatus


@transaction.atomic
def draft_comment_reminders_send(*, today: date) -> int:
    """Remind the family of each served draft whose window closes within 5 days (the day from
    `statutory.family_reminder_due`) and who have not commented or said they have nothing more
    to add. `notification_send` picks the channel and leaves out a parent the young person keeps
    things from. Returns how many drafts were reminded."""
    drafts = (
        EHCPlan.objects.select_for_update(of=("self",))
        .filter(
            status=PlanStatus.DRAFT,
            draft_issued_on__isnull=False,
            draft_issued_on__lte=today,
            comments_reminder_sent_on__isnull=True,
            representations__isnull=True,
        )
        .select_related("child")
    )
    reminded = 0
    for plan in drafts:
        last_day = representations_due(plan)
        if last_day is None or not statutory.family_reminder_due(last_day, today):
            continue
        notification_send(
            actor=None,
            template="draft_plan_comments_reminder",
            child=plan.child,
            personalisation={
                "comments_due": last_day,
                "page_link": reverse("plans:family", args=[plan.pk]),
            },
        )
        plan.comments_reminder_sent_on = today
        plan.save(update_fields=["comments_reminder_sent_on", "updated_at"])
        reminded += 1
    return reminded
