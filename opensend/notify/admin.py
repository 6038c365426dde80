from django.contrib import admin

from opensend.notify.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: messages are a record of what was sent."""

    list_display = ["created_at", "channel", "template", "recipient_name", "status", "provider"]
    list_filter = ["channel", "status", "provider", "template"]
    search_fields = ["recipient_name", "to_address", "provider_reference"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
