"""The GOV.UK Notify backend, with the real official client talking to a stub on 127.0.0.1."""

import base64
import uuid

import jwt
import pytest

from opensend.notify.models import MessageChannel, MessageStatus, OutboxMessage, Provider
from opensend.notify.services import Recipient, notification_send
from testsupport.notify import StubNotify, fake_notify_api_key, start_stub_notify

pytestmark = pytest.mark.django_db

DUE = {"decision_due": "Monday 12 January 2026"}
EMAIL_TEMPLATE_ID = str(uuid.uuid4())
SMS_TEMPLATE_ID = str(uuid.uuid4())


@pytest.fixture
def stub():
    stub = start_stub_notify(StubNotify())
    yield stub
    assert stub.server is not None
    stub.server.shutdown()
    stub.server.server_close()


@pytest.fixture
def notify_key(settings, stub):
    key, service_id, secret = fake_notify_api_key()
    settings.OPENSEND_NOTIFY_BACKEND = "opensend.notify.backends.GovukNotifyBackend"
    settings.GOVUK_NOTIFY_API_KEY = key
    settings.GOVUK_NOTIFY_BASE_URL = stub.url
    settings.OPENSEND_NOTIFY_TEMPLATE_IDS = {
        "request_received": {"email": EMAIL_TEMPLATE_ID, "sms": SMS_TEMPLATE_ID}
    }
    return service_id, secret


def _send(world, capture, recipients=None, template="request_received", personalisation=DUE):
    with capture(execute=True):
        messages = notification_send(
            actor=world.users["caseworker"],
            template=template,
            child=world.parents_child,
            personalisation=personalisation,
            recipients=recipients,
        )
    for message in messages:
        message.refresh_from_db()
    return messages


def test_an_email_goes_through_notify(world, stub, notify_key, django_capture_on_commit_callbacks):
    service_id, secret = notify_key
    [message] = _send(world, django_capture_on_commit_callbacks)

    [request] = stub.requests
    assert request["path"] == "/v2/notifications/email"
    body = request["json"]
    assert body["template_id"] == EMAIL_TEMPLATE_ID
    assert body["email_address"] == message.to_address
    assert body["personalisation"]["decision_due"] == "Monday 12 January 2026"
    assert body["personalisation"]["child_name"] == world.parents_child.full_name
    assert body["reference"] == f"opensend-{message.pk}"

    scheme, token = request["headers"]["Authorization"].split(" ", 1)
    assert scheme == "Bearer"
    claims = jwt.decode(token, secret, algorithms=["HS256"])
    assert claims["iss"] == service_id

    assert message.status == MessageStatus.SENT
    assert message.provider == Provider.GOVUK_NOTIFY
    uuid.UUID(message.provider_reference)  # Notify's notification id
    assert message.sent_at is not None


def test_a_text_message_uses_the_sms_template(
    world, stub, notify_key, django_capture_on_commit_callbacks
):
    recipient = Recipient(name="Pat", channel=MessageChannel.SMS, address="07700900123")
    [message] = _send(world, django_capture_on_commit_callbacks, recipients=[recipient])
    [request] = stub.requests
    assert request["path"] == "/v2/notifications/sms"
    assert request["json"]["phone_number"] == "07700900123"
    assert request["json"]["template_id"] == SMS_TEMPLATE_ID
    assert message.status == MessageStatus.SENT


def test_a_letter_is_sent_as_a_precompiled_pdf(
    world, stub, notify_key, django_capture_on_commit_callbacks
):
    recipient = Recipient(name="Pat", channel=MessageChannel.LETTER, address="1 High St\nAN1 1AA")
    [message] = _send(world, django_capture_on_commit_callbacks, recipients=[recipient])
    [request] = stub.requests
    assert request["path"] == "/v2/notifications/letter"
    assert request["json"]["reference"] == f"opensend-{message.pk}"
    assert base64.b64decode(request["json"]["content"]).startswith(b"%PDF-")
    assert message.status == MessageStatus.SENT
    assert message.provider_reference


def test_a_generic_template_carries_subject_and_body(
    world, settings, stub, notify_key, django_capture_on_commit_callbacks
):
    generic = str(uuid.uuid4())
    settings.OPENSEND_NOTIFY_TEMPLATE_IDS = {"generic_email": generic}
    [message] = _send(world, django_capture_on_commit_callbacks)
    [request] = stub.requests
    assert request["json"]["template_id"] == generic
    assert request["json"]["personalisation"] == {"subject": message.subject, "body": message.body}


@pytest.mark.parametrize("status", [400, 500])
def test_a_notify_error_marks_the_message_failed_without_raising(
    world, stub, notify_key, django_capture_on_commit_callbacks, status
):
    stub.status = status
    [message] = _send(world, django_capture_on_commit_callbacks)
    assert len(stub.requests) >= 1
    assert message.status == MessageStatus.FAILED
    assert message.provider == Provider.GOVUK_NOTIFY
    assert str(status) in message.error
    assert message.sent_at is None


def test_an_unmapped_template_fails_clearly(
    world, settings, stub, notify_key, django_capture_on_commit_callbacks
):
    settings.OPENSEND_NOTIFY_TEMPLATE_IDS = {}
    [message] = _send(world, django_capture_on_commit_callbacks)
    assert stub.requests == []
    assert message.status == MessageStatus.FAILED
    assert "OPENSEND_NOTIFY_TEMPLATE_IDS" in message.error
    assert "request_received" in message.error


def test_notify_unreachable_marks_the_message_failed(
    world, settings, notify_key, django_capture_on_commit_callbacks
):
    settings.GOVUK_NOTIFY_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    [message] = _send(world, django_capture_on_commit_callbacks)
    assert message.status == MessageStatus.FAILED
    assert OutboxMessage.objects.count() == 1
