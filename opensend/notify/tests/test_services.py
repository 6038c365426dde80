import pytest
from django.db import transaction
from django.template.loader import render_to_string

from opensend.audit.models import Action, AuditEvent
from opensend.notify.letters import letter_html
from opensend.notify.messages import MissingPersonalisationError
from opensend.notify.models import MessageChannel, MessageStatus, OutboxMessage, Provider
from opensend.notify.services import (
    NO_CONTACT_DETAILS,
    Recipient,
    notification_send,
    notification_send_to_address,
    recipient_for_family_member,
)
from opensend.people.models import FamilyMember
from testsupport.factories.people import (
    BY_LETTER,
    FamilyMemberFactory,
    FamilyRelationshipFactory,
    family_member_of,
)
from testsupport.notify import pdf_inflated

pytestmark = pytest.mark.django_db

DUE = {"decision_due": "Monday 12 January 2026"}


def send_request_received(child, actor=None, **recipients):
    """The "request received" message (decision due DUE) for `child`'s family, or `recipients`."""
    return notification_send(
        actor=actor,
        template="request_received",
        child=child,
        personalisation=DUE,
        **recipients,
    )


def _parent(world) -> FamilyMember:
    return world.parents_child.relationships.get().family_member


def test_the_outbox_stores_each_message_as_sent(world, django_capture_on_commit_callbacks):
    parent = _parent(world)
    with django_capture_on_commit_callbacks(execute=True):
        [message] = send_request_received(world.parents_child, actor=world.users["caseworker"])
    message.refresh_from_db()
    assert message.channel == MessageChannel.EMAIL
    assert message.to_address == parent.email
    assert message.recipient_name == str(parent)
    assert message.family_member == parent
    assert message.status == MessageStatus.SENT
    assert message.provider == Provider.OUTBOX
    assert message.sent_at is not None
    assert f"Dear {parent}," in message.body
    assert world.parents_child.full_name in message.subject
    assert "by Monday 12 January 2026" in message.body
    assert message.personalisation["decision_due"] == "Monday 12 January 2026"
    assert message.created_by == world.users["caseworker"]
    audit = AuditEvent.objects.get(object_type="notify.outboxmessage", object_id=str(message.pk))
    assert audit.action == Action.CREATE
    assert audit.child_id == world.parents_child.pk
    assert audit.actor == world.users["caseworker"]


def test_nothing_is_sent_before_the_change_commits(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        [message] = send_request_received(world.parents_child)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert len(callbacks) == 1


def test_a_rolled_back_change_sends_nothing(world, django_capture_on_commit_callbacks):
    def change_that_fails() -> None:
        with transaction.atomic():
            send_request_received(world.parents_child, actor=world.users["caseworker"])
            raise RuntimeError("the casework change failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            change_that_fails()
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert not AuditEvent.objects.filter(object_type="notify.outboxmessage").exists()


def test_a_missing_placeholder_stores_nothing(world):
    with pytest.raises(MissingPersonalisationError, match="decision_due"):
        notification_send(
            actor=None, template="request_received", child=world.parents_child, personalisation={}
        )
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("preferred", "details", "expected"),
    [
        ("email", {"email": "a@b.test", "phone": "07700900123"}, "email"),
        ("sms", {"email": "a@b.test", "phone": "07700900123"}, "sms"),
        ("letter", {"email": "a@b.test", "address": "1 High St\nAnytown"}, "letter"),
        ("sms", {"email": "a@b.test", "address": "1 High St"}, "letter"),  # no phone
        ("sms", {"email": "a@b.test"}, "email"),  # no phone, no address
        ("email", {"phone": "07700900123"}, "sms"),  # nothing else
        ("letter", {"email": "a@b.test"}, "email"),  # no address
        ("phone", {"email": "a@b.test", "address": "1 High St"}, "letter"),  # can't "send" a call
        ("email", {}, "letter"),  # nothing at all: a letter with no address (fails)
    ],
)
def test_channel_follows_the_preference_with_fallbacks(preferred, details, expected):
    member = FamilyMember(
        given_name="Sam",
        family_name="Jones",
        preferred_channel=preferred,
        email=details.get("email", ""),
        phone=details.get("phone", ""),
        address=details.get("address", ""),
    )
    recipient = recipient_for_family_member(member)
    assert recipient.channel == expected
    if details:
        assert recipient.address
    else:
        assert recipient.address == ""


def test_postcode_is_added_to_the_postal_address():
    member = FamilyMember(
        given_name="Sam",
        family_name="Jones",
        preferred_channel="letter",
        address="1 High Street\nAnytown",
        postcode="an1 1aa",
    )
    assert recipient_for_family_member(member).address == "1 High Street\nAnytown\nAN1 1AA"


def test_a_letter_is_a_real_tagged_pdf(world, django_capture_on_commit_callbacks):
    family_member_of(world.caseload_child, **BY_LETTER, accessible_format="large_print")
    with django_capture_on_commit_callbacks(execute=True):
        [message] = send_request_received(world.caseload_child, actor=world.users["caseworker"])
    message.refresh_from_db()
    assert message.channel == MessageChannel.LETTER
    assert message.large_print
    assert message.status == MessageStatus.SENT
    assert message.pdf.name.startswith("letters/")
    with message.pdf.open("rb") as f:
        pdf = f.read()
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 5_000
    inside = pdf_inflated(pdf)
    assert b"/StructTreeRoot" in inside  # tagged
    assert b"pdfuaid" in inside  # PDF/UA-1 identification
    assert b"/Lang" in inside
    assert message.subject.encode() in inside  # the title in the XMP metadata


def test_the_letter_carries_the_text_and_large_print_is_18pt():
    html = letter_html(
        recipient_name="Sam Jones",
        address="1 High Street\nAnytown",
        heading="We have your request",
        body="Dear Sam,\n\nWe will tell you by Monday 12 January 2026.\n\n* one thing\n* another",
    )
    assert '<html lang="en">' in html
    assert "<title>We have your request</title>" in html
    assert "We will tell you by Monday 12 January 2026." in html
    assert "<li>one thing</li>" in html
    assert "1 High Street<br>Anytown" in html
    assert "18pt" in render_to_string("notify/letter.css", {"large_print": True})
    assert "18pt" not in render_to_string("notify/letter.css", {"large_print": False})


def test_a_young_person_with_their_own_sign_in_is_told_too(
    world, django_capture_on_commit_callbacks
):
    world.young_person.refresh_from_db()  # the fixture set date_of_birth as a string
    with django_capture_on_commit_callbacks(execute=True):
        messages = send_request_received(world.young_person)
    assert [(m.channel, m.to_address) for m in messages] == [
        ("email", "young.person@test.opensend.test")
    ]


def test_only_people_with_parental_responsibility_are_told(world):
    parent = _parent(world)
    FamilyRelationshipFactory(
        child=world.parents_child, relationship="other", has_parental_responsibility=False
    )
    messages = send_request_received(world.parents_child)
    assert [m.family_member for m in messages] == [parent]


def test_no_contact_details_records_a_failed_message(world, django_capture_on_commit_callbacks):
    member = FamilyMemberFactory(email="", phone="", address="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [message] = send_request_received(world.team_child, recipients=[member])
    assert callbacks == []
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.error == NO_CONTACT_DETAILS


def test_explicit_recipients(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [message] = send_request_received(
            world.team_child,
            recipients=[Recipient(name="Pat Smith", channel="sms", address="07700900123")],
        )
    message.refresh_from_db()
    assert (message.channel, message.to_address, message.status) == ("sms", "07700900123", "sent")


def test_a_professional_is_sent_an_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = notification_send_to_address(
            actor=world.users["caseworker"],
            template="advice_requested",
            to_address="ep.service@test.opensend.test",
            recipient_name="EP Service",
            child=world.caseload_child,
            personalisation={
                "advice_type": "educational psychology",
                "advice_due": "Monday 12 January 2026",
                "advice_link": "https://opensend.example/advice/1/",
            },
        )
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.family_member is None
    assert world.caseload_child.full_name in message.subject
    assert AuditEvent.objects.filter(
        object_type="notify.outboxmessage", child_id=world.caseload_child.pk
    ).exists()


class ExplodingBackend:
    def send(self, message):
        raise ConnectionError("the provider is down")


def test_a_broken_backend_marks_the_message_failed_without_raising(
    world, settings, django_capture_on_commit_callbacks
):
    settings.OPENSEND_NOTIFY_BACKEND = f"{__name__}.ExplodingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        [message] = send_request_received(world.parents_child)
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "the provider is down" in message.error


def test_messages_are_never_deleted(world):
    [message] = send_request_received(world.parents_child)
    with pytest.raises(RuntimeError):
        message.delete()
    with pytest.raises(RuntimeError):
        OutboxMessage.objects.all().delete()
    assert OutboxMessage.objects.count() == 1
