"""Where messages go. The outbox (default) keeps them here; GOV.UK Notify sends them.

A backend's `send(message)` records the outcome on the message (status, provider,
provider_reference, sent_at, error) and never raises: a failure to send must not break the
user's request. Choose one with the `OPENSEND_NOTIFY_BACKEND` setting (a dotted path).
"""

import logging
from collections.abc import Mapping
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from opensend.notify.models import MessageChannel, MessageStatus, OutboxMessage, Provider

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "opensend.notify.backends.OutboxBackend"
NOTIFY_PUBLIC_URL = "https://api.notifications.service.gov.uk"
DELIVERY_FIELDS = ["status", "provider", "provider_reference", "sent_at", "error"]


class NotificationBackend(Protocol):
    def send(self, message: OutboxMessage) -> None: ...


def get_backend() -> NotificationBackend:
    path = getattr(settings, "OPENSEND_NOTIFY_BACKEND", DEFAULT_BACKEND) or DEFAULT_BACKEND
    return import_string(path)()


def _mark_sent(message: OutboxMessage, *, provider: str, reference: str = "") -> None:
    message.status = MessageStatus.SENT
    message.provider = provider
    message.provider_reference = reference
    message.sent_at = timezone.now()
    message.error = ""
    message.save(update_fields=DELIVERY_FIELDS)


def _mark_failed(message: OutboxMessage, *, provider: str, error: str) -> None:
    message.status = MessageStatus.FAILED
    message.provider = provider
    message.error = error[:2000]
    message.save(update_fields=DELIVERY_FIELDS)


class OutboxBackend:
    """Keep the message in OpenSEND and mark it sent. Nothing leaves the machine."""

    def send(self, message: OutboxMessage) -> None:
        _mark_sent(message, provider=Provider.OUTBOX)


class NotifyTemplateNotConfiguredError(Exception):
    pass


def notify_template_id(template_key: str, channel: str) -> tuple[str, bool]:
    """The Notify template id for one of our templates on one channel.

    `OPENSEND_NOTIFY_TEMPLATE_IDS` maps our key to an id (email) or to {"email": id,
    "sms": id}. Without one, "generic_email" / "generic_sms" (a Notify template whose whole
    content is `((subject))` and `((body))`) is used. Returns (id, is_generic).
    """
    ids: Mapping[str, Any] = getattr(settings, "OPENSEND_NOTIFY_TEMPLATE_IDS", {}) or {}
    entry = ids.get(template_key)
    if isinstance(entry, Mapping):
        entry = entry.get(channel)
    elif channel != MessageChannel.EMAIL:
        entry = None
    if entry:
        return str(entry), False
    generic = ids.get(f"generic_{channel}")
    if generic:
        return str(generic), True
    raise NotifyTemplateNotConfiguredError(
        f"No GOV.UK Notify template id for {template_key!r} ({channel}): "
        "add it to OPENSEND_NOTIFY_TEMPLATE_IDS"
    )


class GovukNotifyBackend:
    """Send through GOV.UK Notify with the official client (notifications-python-client)."""

    def __init__(self, client: Any = None) -> None:
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            self._client = NotificationsAPIClient(
                settings.GOVUK_NOTIFY_API_KEY,
                base_url=getattr(settings, "GOVUK_NOTIFY_BASE_URL", NOTIFY_PUBLIC_URL),
                timeout=getattr(settings, "GOVUK_NOTIFY_TIMEOUT", 10),
            )
        return self._client

    def send(self, message: OutboxMessage) -> None:
        try:
            response = self._post(message)
        except Exception as exc:  # never raise into the user's request
            logger.warning("GOV.UK Notify could not send message %s: %s", message.pk, exc)
            _mark_failed(message, provider=Provider.GOVUK_NOTIFY, error=_describe(exc))
            return
        reference = str((response or {}).get("id", ""))
        _mark_sent(message, provider=Provider.GOVUK_NOTIFY, reference=reference)

    def _post(self, message: OutboxMessage) -> Any:
        reference = f"opensend-{message.pk}"
        if message.channel == MessageChannel.LETTER:
            if not message.pdf:
                raise ValueError("The letter has no PDF to send")
            with message.pdf.open("rb") as pdf_file:
                return self.client.send_precompiled_letter_notification(
                    reference=reference, pdf_file=pdf_file
                )
        template_id, generic = notify_template_id(message.template, message.channel)
        personalisation = (
            {"subject": message.subject, "body": message.body}
            if generic
            else dict(message.personalisation)
        )
        if message.channel == MessageChannel.SMS:
            return self.client.send_sms_notification(
                phone_number=message.to_address,
                template_id=template_id,
                personalisation=personalisation,
                reference=reference,
            )
        return self.client.send_email_notification(
            email_address=message.to_address,
            template_id=template_id,
            personalisation=personalisation,
            reference=reference,
        )


def _describe(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    detail = getattr(exc, "message", None) or str(exc)
    prefix = f"{type(exc).__name__}"
    if status:
        prefix += f" {status}"
    return f"{prefix}: {detail}"
