"""Message threads in Django admin: read-only and audited like every other door to a child's
record (audit.admin_mixins.AuditedAdmin); nobody writes to a family from the admin."""

from django.contrib import admin

from opensend.audit.admin_mixins import AuditedAdmin
from opensend.messaging.models import MessageThread, ThreadMessage


class ReadOnly(AuditedAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(MessageThread)
class MessageThreadAdmin(ReadOnly):
    list_display = ("child", "reply_due_on", "last_message_at")
    raw_id_fields = ("child",)


@admin.register(ThreadMessage)
class ThreadMessageAdmin(ReadOnly):
    list_display = ("thread", "author", "from_family", "sent_at", "read_at")
    raw_id_fields = ("thread", "author", "read_by")

    def audit_child_id(self, obj):  # type: ignore[no-untyped-def]
        return obj.thread.child_id
