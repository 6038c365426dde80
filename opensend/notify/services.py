"""Sending messages to families and professionals: rendered, stored, audited, sent on commit.

Callers (casework, reviews, the clock sweep) check their own permissions; these functions
record who asked (`actor`, or None for a system task) and never raise because a provider
failed. Nothing is sent until the caller's transaction commits, so a rolled-back change
sends nothing.
"""

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Protocol

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.notify.backends import get_backend
from opensend.notify.letters import letter_pdf
from opensend.notify.messages import MessageTemplate, get_template, render
from opensend.notify.models import MessageChannel, MessageStatus, OutboxMessage
from opensend.people import sharing, young_person_contact
from opensend.people.codes import AccessibleFormat
from opensend.people.models import Child, FamilyMember

logger = logging.getLogger(__name__)

YOUNG_PERSON_AGE = 16
FALLBACK_ORDER = [MessageChannel.LETTER, MessageChannel.EMAIL, MessageChannel.SMS]
NO_CONTACT_DETAILS = "No email address, phone number or postal address is recorded"


@dataclass(frozen=True)
class Recipient:
    """Who a message goes to, and how. `address` is an email, a phone number or a postal address."""

    name: str
    channel: str
    address: str
    family_member: FamilyMember | None = None
    large_print: bool = False


def postal_address(address: str, postcode: str) -> str:
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    if postcode.strip() and postcode.strip().upper() not in (line.upper() for line in lines):
        lines.append(postcode.strip().upper())
    return "\n".join(lines)


def recipient_for_family_member(member: FamilyMember) -> Recipient:
    """Their preferred channel if we can use it, else a letter, else email, else a text.

    Email needs an email address, a text needs a phone number and a letter needs a postal
    address. A preference we cannot send to (e.g. "phone call") falls back the same way. With
    no contact details at all the recipient has an empty address and the message will fail.
    """
    usable: dict[str, str] = {
        MessageChannel.EMAIL: member.email.strip(),
        MessageChannel.SMS: member.phone.strip(),
        MessageChannel.LETTER: postal_address(member.address, member.postcode),
    }
    order = [
        member.preferred_channel,
        MessageChannel.LETTER,
        MessageChannel.EMAIL,
        MessageChannel.SMS,
    ]
    channel = next((c for c in order if usable.get(c)), MessageChannel.LETTER)
    return Recipient(
        name=str(member),
        channel=channel,
        address=usable.get(channel, ""),
        family_member=member,
        large_print=member.accessible_format == AccessibleFormat.LARGE_PRINT,
    )


def family_recipients(child: Child, *, today: date | None = None) -> list[Recipient]:
    """Everyone with parental responsibility, and the young person themselves from 16. Parents
    of a young person who keeps anything from them (people.sharing) are not sent messages about
    the young person: the messages say where things are and link to the plan."""
    links = child.relationships.filter(
        has_parental_responsibility=True, family_member__closed_at__isnull=True
    ).select_related("family_member")
    recipients = []
    if not sharing.parent_view_of(None, child).hides_anything:
        recipients = [recipient_for_family_member(link.family_member) for link in links]
    user = child.user
    if user is not None and child.age_on(today or timezone.localdate()) >= YOUNG_PERSON_AGE:
        recipient = recipient_for_young_person(child)
        if recipient.address:
            recipients.append(recipient)
    return recipients


def recipient_for_young_person(child: Child) -> Recipient:
    """The young person by their own choice (people.young_person_contact): an email to their
    sign-in address, a text to their phone or a letter to the address on their record. A choice
    we cannot send to falls back to email, then a letter. With no choice, email."""
    contact = young_person_contact.current_contact(child)
    usable: dict[str, str] = {
        MessageChannel.EMAIL: (child.user.email if child.user else "").strip(),
        MessageChannel.SMS: contact.phone.strip() if contact else "",
        MessageChannel.LETTER: postal_address(child.address, child.postcode),
    }
    order: list[str] = [MessageChannel.EMAIL, MessageChannel.LETTER]
    if contact is not None:
        order.insert(0, contact.preferred_channel)
    channel = next((c for c in order if usable.get(c)), MessageChannel.EMAIL)
    return Recipient(
        name=child.full_name,
        channel=channel,
        address=usable.get(channel, ""),
        large_print=contact is not None
        and contact.accessible_format == AccessibleFormat.LARGE_PRINT,
    )


# Family messages about a record the family sees in a list of its own, not on the child's page.
PAGE_FOR_TEMPLATE = {
    "complaint_received": "disputes:complaint_list",
    "complaint_response_sent": "disputes:complaint_list",
    "complaint_escalated": "disputes:complaint_list",
}


def absolute_link(path: str) -> str:
    """A link to this site for a message (`OPENSEND_SITE_URL` and the path)."""
    if not path.startswith("/"):
        return path
    return settings.OPENSEND_SITE_URL.rstrip("/") + path


def page_link_for(template_key: str, child: Child | None) -> str:
    """The page a family message is about: its own page (PAGE_FOR_TEMPLATE), else the child's
    page (the family's timeline, portal.child_page), else the home page. Callers may pass a
    more exact `page_link` (e.g. the plan's page) in the personalisation."""
    if template_key in PAGE_FOR_TEMPLATE:
        return absolute_link(reverse(PAGE_FOR_TEMPLATE[template_key]))
    if child is not None:
        return absolute_link(reverse("people:child_detail", args=[child.pk]))
    return absolute_link("/")


def _standard_values(recipient: Recipient, child: Child | None) -> dict[str, str]:
    values = {
        "recipient_name": recipient.name,
        "council_name": settings.OPENSEND_COUNCIL_NAME,
        "contact_details": getattr(settings, "OPENSEND_NOTIFY_CONTACT_DETAILS", "")
        or f"the SEND team at {settings.OPENSEND_COUNCIL_NAME}",
    }
    if child is not None:
        values["child_name"] = child.full_name
    return values


def _as_recipient(item: "Recipient | FamilyMember") -> Recipient:
    return recipient_for_family_member(item) if isinstance(item, FamilyMember) else item


def _create_messages(
    *,
    actor: Actor,
    tpl: MessageTemplate,
    child: Child | None,
    personalisation: Mapping[str, object],
    recipients: Sequence[Recipient],
) -> list[OutboxMessage]:
    # Render every message first: a missing placeholder fails before anything is stored.
    values = dict(personalisation)
    values["page_link"] = absolute_link(str(values.get("page_link") or "")) or page_link_for(
        tpl.key, child
    )
    rendered = [(r, render(tpl, {**_standard_values(r, child), **values})) for r in recipients]
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    messages = []
    for recipient, text in rendered:
        message = OutboxMessage.objects.create(
            created_by=actor_user,
            channel=recipient.channel,
            template=tpl.key,
            to_address=recipient.address,
            recipient_name=recipient.name,
            subject=text.subject,
            body=text.body,
            personalisation=text.personalisation,
            child=child,
            family_member=recipient.family_member,
            large_print=recipient.large_print,
            status=MessageStatus.QUEUED if recipient.address else MessageStatus.FAILED,
            error="" if recipient.address else NO_CONTACT_DETAILS,
        )
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=message,
            child_id=child.pk if child is not None else None,
            summary=f"{message.get_channel_display()} '{tpl.key}' to {recipient.name}",
        )
        messages.append(message)
    to_send = [m.pk for m in messages if m.status == MessageStatus.QUEUED]
    if to_send:
        transaction.on_commit(partial(deliver_messages, to_send))
    return messages


@transaction.atomic
def notification_send(
    *,
    actor: Actor,
    template: str,
    child: Child,
    personalisation: Mapping[str, object],
    recipients: Iterable["Recipient | FamilyMember"] | None = None,
) -> list[OutboxMessage]:
    """Tell a child's family something, by each person's preferred channel.

    By default every family member with parental responsibility gets the message (and the
    young person too, from 16, if they have their own sign-in). Pass `recipients` (Recipient
    or FamilyMember objects) to choose. `child_name`, `recipient_name`, `council_name` and
    `contact_details` are filled in for you, and `page_link` (the page the message is about:
    `page_link_for`, or a path the caller gives); give every other placeholder (dates as
    `long_date` strings or `date` objects). Raises UnknownTemplateError or
    MissingPersonalisationError before anything is stored. Returns the stored messages, one
    per recipient.
    """
    tpl = get_template(template)
    chosen = (
        [_as_recipient(r) for r in recipients]
        if recipients is not None
        else family_recipients(child)
    )
    if not chosen:
        logger.warning("No one to send %r to for child %s", template, child.pk)
    return _create_messages(
        actor=actor, tpl=tpl, child=child, personalisation=personalisation, recipients=chosen
    )


@transaction.atomic
def notification_send_to_address(
    *,
    actor: Actor,
    template: str,
    to_address: str,
    recipient_name: str,
    personalisation: Mapping[str, object],
    child: Child | None = None,
    channel: str = MessageChannel.EMAIL,
) -> OutboxMessage:
    """Send one message to a given address: a professional, a service or an organisation.

    `channel` is "email" (the default), "sms" or "letter" (then `to_address` is the postal
    address). `child` links the message to the child it is about, for the record and the
    audit trail; `child_name` is then filled in for you.
    """
    tpl = get_template(template)
    recipient = Recipient(
        name=recipient_name, channel=MessageChannel(channel), address=to_address.strip()
    )
    [message] = _create_messages(
        actor=actor, tpl=tpl, child=child, personalisation=personalisation, recipients=[recipient]
    )
    return message


class Addressee(Protocol):
    """A school, college, service or other organisation we may write to by email."""

    @property
    def name(self) -> str: ...

    @property
    def email(self) -> str: ...


def notification_send_to_organisation(
    *,
    actor: Actor,
    template: str,
    organisation: Addressee,
    child: Child,
    personalisation: Mapping[str, object],
) -> OutboxMessage | None:
    """Email an organisation about a child when we hold its address; without one nothing is
    sent (the caseworker writes another way) and None comes back."""
    if not organisation.email:
        return None
    return notification_send_to_address(
        actor=actor,
        template=template,
        to_address=organisation.email,
        recipient_name=organisation.name,
        child=child,
        personalisation=personalisation,
    )


def message_letter_render(message: OutboxMessage) -> None:
    """Make the letter's PDF (once) and store it on the message."""
    if message.pdf:
        return
    pdf = letter_pdf(
        recipient_name=message.recipient_name,
        address=message.to_address,
        heading=message.subject,
        body=message.body,
        large_print=message.large_print,
        on=timezone.localdate(message.created_at),
    )
    message.pdf.save(f"letter-{message.pk}.pdf", ContentFile(pdf), save=False)
    message.save(update_fields=["pdf"])


def deliver_messages(message_ids: Sequence[int]) -> None:
    """Render letters and hand each queued message to the backend (runs after commit).

    Each message is handled on its own: one failure marks that message failed and the rest
    still go.
    """
    backend = get_backend()
    for message in OutboxMessage.objects.filter(pk__in=message_ids, status=MessageStatus.QUEUED):
        try:
            if message.channel == MessageChannel.LETTER:
                message_letter_render(message)
            backend.send(message)
        except Exception as exc:
            logger.exception("Message %s could not be sent", message.pk)
            message.status = MessageStatus.FAILED
            message.error = f"{type(exc).__name__}: {exc}"[:2000]
            message.save(update_fields=["status", "error"])
