from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from opensend.audit.models import AuditEvent

# Nothing is deleted through the admin (records are closed with a reason): not even in bulk.
admin.site.disable_action("delete_selected")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is append-only: look only (the /audit/ page is the place to search)."""

    list_display = ["occurred_at", "actor_email", "action", "object_type", "object_id", "child_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_email", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
