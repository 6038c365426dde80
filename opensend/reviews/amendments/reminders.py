"""Remind the family, 5 days before their 15 days on proposed amendments end, if we have not
heard from them (issue 14, item 4; reg 22(2)(c)). Run daily by `manage.py family_reminders`.
Idempotent: each amendment gets at most one reminder, recorded in
`Amendment.comments_reminder_sent_on`."""

from datetime import date

from django.db import transaction
from django.urls import reverse

from opensend.notify.window_reminders import window_reminders_send
from opensend.reviews.amendments.clocks import representations_end
from opensend.reviews.codes import AmendmentStatus
from opensend.reviews.models import Amendment


@transaction.atomic
def amendment_comment_reminders_send(*, today: date) -> int:
    """Remind the family of each proposed amendment whose window closes within 5 days
    (`statutory.family_reminder_due`) and who have not commented or said they have nothing
    more to add. Returns how many amendments were reminded."""
    proposed = Amendment.objects.filter(status=AmendmentStatus.PROPOSED, proposed_on__lte=today)
    return window_reminders_send(
        windows=proposed,
        last_day=lambda amendment: representations_end(amendment.proposed_on),
        page_link=lambda amendment: reverse(
            "reviews:amendment_family_comment", args=[amendment.plan_id]
        ),
        template="amendment_comments_reminder",
        today=today,
    )
