"""Helpers shared by the reviews app's tests (journeys to a review's steps are in journeys.py)."""

from opensend.notify.models import OutboxMessage


def sent(template):
    """The messages queued with this notify template, oldest first."""
    return list(OutboxMessage.objects.filter(template=template))
