from django.contrib import admin

from opensend.audit.admin_mixins import ReadOnlyAuditedAdmin
from opensend.notify.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAuditedAdmin):
    """Read-only: messages are a record of what was sent. Every message opened or listed is
    audited (they name the child and the family)."""

    list_display = ["created_at", "channel", "template", "recipient_name", "status", "provider"]
    list_filter = ["channel", "status", "provider", "template"]
    search_fields = ["recipient_name", "to_address", "provider_reference"]
    date_hierarchy = "created_at"
