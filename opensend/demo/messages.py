"""Messages between families and the SEND team in the demo area (opensend.messaging).

The demo parent has a conversation about their first child: a question answered by the
caseworker (read on both sides), then a new question waiting for a reply. The demo young person
has asked their caseworker a question, waiting in their SENAR team's "Messages from families"
(with seed 1, the demo caseworker's team). Only people who can sign in write messages, so the
rest of the area has none. Every word is made up."""

from datetime import date, datetime, time

from django.utils import timezone

from opensend import statutory
from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.demo.logins import LOGIN_BY_ROLE
from opensend.messaging.models import MessageThread, ThreadMessage
from opensend.messaging.services import reply_due
from opensend.people.models import Child

QUESTIONS = (
    "Can we talk about the speech and language therapy in the plan?",
    "Who should I send the new letter from the hospital to?",
    "When will we hear about the school we asked for?",
    "Could the review meeting be after school, please?",
    "Is there anything I need to do before the meeting?",
)
ANSWERS = (
    "Thank you for asking. I will phone you on Monday morning to talk it through.",
    "You can send it to me here, or by post. I will add it to the advice for the plan.",
    "We have asked the school and will tell you as soon as they reply.",
)
YOUNG_PERSON = "Can I visit the college before my review? I want to see the workshops."


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 15)))


def build_demo_messages(*, seed: int, today: date) -> int:
    """Threads and messages; returns how many messages were made."""
    threads: list[MessageThread] = []
    pending: list[tuple[MessageThread, list[ThreadMessage]]] = []
    parent = User.objects.filter(email=LOGIN_BY_ROLE[Role.PARENT].email).first()
    demo_child = (
        Child.objects.filter(relationships__family_member__user=parent, caseworker__isnull=False)
        .select_related("caseworker")
        .order_by("pk")
        .first()
        if parent
        else None
    )
    if demo_child is not None and parent is not None:
        asked = statutory.add_working_days(today, -8)
        answered = statutory.add_working_days(asked, 2)
        thread = MessageThread(child=demo_child)
        cw = demo_child.caseworker
        yesterday = statutory.add_working_days(today, -1)
        conversation = [
            _message(thread, parent, True, QUESTIONS[0], _at(asked, 19), answered, cw),
            _message(thread, cw, False, ANSWERS[0], _at(answered, 10), answered, parent),
            _message(thread, parent, True, QUESTIONS[1], _at(yesterday, 20), None, None),
        ]
        pending.append((thread, conversation))
    young_person = (
        Child.objects.filter(user__email=LOGIN_BY_ROLE[Role.YOUNG_PERSON].email)
        .select_related("user")
        .first()
    )
    if young_person is not None and young_person.user is not None:
        thread = MessageThread(child=young_person)
        asked = statutory.add_working_days(today, -3)
        pending.append(
            (
                thread,
                [
                    _message(
                        thread, young_person.user, True, YOUNG_PERSON, _at(asked, 16), None, None
                    )
                ],
            )
        )
    for thread, messages in pending:
        last = messages[-1]
        thread.last_message_at = last.sent_at
        if last.from_family:
            thread.waiting_since = last.sent_at
            thread.reply_due_on = reply_due(timezone.localdate(last.sent_at))
        threads.append(thread)
    MessageThread.objects.bulk_create(threads)
    rows = []
    for thread, messages in pending:
        for m in messages:
            m.thread = thread
            rows.append(m)
    ThreadMessage.objects.bulk_create(rows)
    return len(rows)


def _message(thread, author, from_family, body, sent_at, read_on, reader):  # type: ignore[no-untyped-def]
    return ThreadMessage(
        thread=thread,
        author=author,
        from_family=from_family,
        body=body,
        sent_at=sent_at,
        read_at=_at(read_on, 11) if read_on else None,
        read_by=reader,
    )
