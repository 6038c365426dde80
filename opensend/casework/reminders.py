"""The clock sweep: reminders before advice is due, and escalation when it is late.

Run daily (`manage.py clock_sweep`, from cron or a systemd timer). It is idempotent: each advice
request gets at most one reminder and one escalation, recorded on the request.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from opensend import statutory
from opensend.casework.models import AdviceRequest, CaseStep, StepKind
from opensend.notify.services import notification_send_to_address

REMIND_DAYS_BEFORE = 7


@dataclass(frozen=True)
class SweepResult:
    reminders: int
    escalations: int


def _personalisation(advice: AdviceRequest, due: date) -> dict[str, object]:
    return {
        "advice_type": advice.get_kind_display(),
        "advice_due": due,
        "advice_link": f"/casework/advice/{advice.pk}/",
    }


@transaction.atomic
def advice_sweep(*, today: date) -> SweepResult:
    reminders = escalations = 0
    outstanding = (
        AdviceRequest.objects.select_for_update(of=("self",))
        .filter(received_on__isnull=True, withdrawn_on__isnull=True)
        .select_related("organisation", "request__child")
    )
    for advice in outstanding:
        due = statutory.due("provide_advice", advice.requested_on)
        days_left = statutory.days_until(due, today)
        org = advice.organisation
        if 0 <= days_left <= REMIND_DAYS_BEFORE and advice.reminder_sent_on is None and org.email:
            notification_send_to_address(
                actor=None,
                template="advice_due_reminder",
                to_address=org.email,
                recipient_name=org.name,
                child=advice.request.child,
                personalisation=_personalisation(advice, due),
            )
            advice.reminder_sent_on = today
            advice.save(update_fields=["reminder_sent_on", "updated_at"])
            reminders += 1
        elif days_left < 0 and advice.escalated_on is None:
            contact = org.lead_email or org.email or "no email held"
            for address in dict.fromkeys(a for a in (org.email, org.lead_email) if a):
                notification_send_to_address(
                    actor=None,
                    template="advice_overdue_reminder",
                    to_address=address,
                    recipient_name=org.name,
                    child=advice.request.child,
                    personalisation=_personalisation(advice, due),
                )
            advice.escalated_on = today
            advice.save(update_fields=["escalated_on", "updated_at"])
            CaseStep.objects.create(
                request=advice.request,
                kind=StepKind.ADVICE_ESCALATED,
                occurred_on=today,
                summary=f"Late advice escalated to {org} ({contact})",
            )
            escalations += 1
    return SweepResult(reminders=reminders, escalations=escalations)
