"""Reminding the people who keep an entry to check it before it goes stale.

An entry is stale when it was last checked more than 12 months ago (the Local Offer KPI "entries
reviewed within 12 months", DESIGN §2). From a month before that, and again each month while it
is stale, the Local Offer editors of the organisation that keeps it get an email through notify
(GOV.UK Notify or the outbox) with a link straight to the entry, where "It is all correct" marks
it checked. Run daily: `manage.py directory_reminders`. Not statutory: the dates are the
council's own standard, counted in days here.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from opensend.accounts.models import Membership
from opensend.accounts.roles import Role
from opensend.directory.models import Service
from opensend.directory.querysets import a_year_after, a_year_before
from opensend.notify.messages import MessageTemplate, register
from opensend.notify.services import absolute_link, notification_send_to_address
from opensend.statutory import long_date

REMIND_DAYS_BEFORE = 30
TEMPLATE = "local_offer_check_due"

register(
    MessageTemplate(
        key=TEMPLATE,
        subject="Please check your Local Offer entry: ((service_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "Your Local Offer entry ((service_name)) was last checked on ((last_checked)). "
            "Families rely on it being right.\n\n"
            "Please check it by ((check_by)). After that date it is shown as not checked in the "
            "last year.\n\n"
            "Check it and make any changes here: ((entry_link))\n\n"
            "((council_name)) Local Offer team"
        ),
        description="To a provider's Local Offer editors, a month before an entry goes stale.",
        audience="professional",
    )
)


def _days_after(day: date, days: int) -> date:
    return date.fromordinal(day.toordinal() + days)


def entries_to_remind(today: date) -> list[Service]:
    """Entries that go stale within a month (or are stale), kept by an organisation, whose
    keepers have not been reminded in the last month."""
    due_cutoff = _days_after(a_year_before(today), REMIND_DAYS_BEFORE)
    last_reminder = _days_after(today, -REMIND_DAYS_BEFORE)
    return list(
        Service.objects.public()
        .filter(organization__owner__isnull=False)
        .filter(Q(assured_date__isnull=True) | Q(assured_date__lt=due_cutoff))
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lte=last_reminder))
        .select_related("organization")
        .order_by("name", "pk")
    )


@transaction.atomic
def review_reminders_send(*, today: date) -> int:
    """Send the reminders due today; returns how many messages were sent."""
    sent = 0
    for service in entries_to_remind(today):
        owner_id = service.organization.owner_id
        if owner_id is None:  # filtered out by entries_to_remind; for the type checker
            continue
        keepers = (
            Membership.objects.current()
            .filter(organisation_id=owner_id, role=Role.LOCAL_OFFER_EDITOR)
            .select_related("user")
        )
        last = service.assured_date
        check_by = today if last is None else max(a_year_after(last), today)
        for membership in keepers:
            user = membership.user
            notification_send_to_address(
                actor=None,
                template=TEMPLATE,
                to_address=user.email,
                recipient_name=user.get_full_name() or user.email,
                personalisation={
                    "service_name": service.name,
                    "last_checked": long_date(last) if last else "never",
                    "check_by": long_date(check_by),
                    "entry_link": absolute_link(
                        reverse("directory:service_edit", args=[service.id])
                    ),
                },
            )
            sent += 1
        service.reminded_on = today
        service.save(update_fields=["reminded_on"])
    return sent
