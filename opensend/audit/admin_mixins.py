"""The Django admin is no door around the audit trail or the services.

Two bases for every `admin.py`:

- `ReadOnlyAuditedAdmin` for personal data and casework records (children, family members, plans,
  reviews, disputes, messages): nothing can be added, changed or deleted here (changes go through
  the service pages, which validate, version plans and audit), and every record opened is
  written to the audit trail as a read, every list page as one "listed" row per record shown,
  as the staff pages do.
- `AuditedAdmin` for configuration and reference data (users, organisations, teams, settings,
  localities, the complaints charter): editable, every addition and change audited with what
  changed, and never deleted (records are closed with a reason; delete also fails on protected
  relations and the append-only audit trail).

`audit_child_id(obj)` says which child a record belongs to (default: its `child_id`).
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse

from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list

SOURCE = "Django admin"
HIDDEN_FIELDS = frozenset({"password"})
_CHANGES_ATTR = "_admin_audit_changes"
_CHILD_ATTR = "_admin_audit_child_id"


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


class AuditedAdminMixin:
    """Audit reads (when `audit_reads`) and every change made through the admin; no delete."""

    audit_reads = True

    def audit_child_id(self, obj: Any) -> int | None:
        return getattr(obj, "child_id", None)

    # --- no delete, anywhere -------------------------------------------------------------

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)  # type: ignore[misc]
        actions.pop("delete_selected", None)
        return actions

    # --- reads -----------------------------------------------------------------------------

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        obj = (getattr(response, "context_data", None) or {}).get("original")
        if self.audit_reads and request.method == "GET" and response.status_code == 200 and obj:
            audit_record(
                actor=request.user,
                action=Action.VIEW,
                obj=obj,
                child_id=self.audit_child_id(obj),
                summary="Viewed in the Django admin",
                source=f"{SOURCE}: {request.path}",
            )
        return response

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)  # type: ignore[misc]
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if self.audit_reads and changelist is not None and response.status_code == 200:
            shown = list(changelist.result_list)
            for obj in shown:
                setattr(obj, _CHILD_ATTR, self.audit_child_id(obj))
            audit_record_list(
                actor=request.user,
                objects=shown,
                child_id_attr=_CHILD_ATTR,
                summary=f"Listed in the Django admin ({request.path})",
            )
        return response

    # --- changes (only where the admin allows them) ---------------------------------------

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        changes: dict[str, list[str]] = {}
        for name in form.changed_data:
            if name in HIDDEN_FIELDS:
                changes[name] = ["(hidden)", "(changed)"]
            else:
                old, new = form.initial.get(name), form.cleaned_data.get(name)
                changes[name] = [_plain(old), _plain(new)]
        setattr(obj, _CHANGES_ATTR, changes)
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def _audit_change(self, request: HttpRequest, obj: Any, action: Action, message: Any) -> None:
        changes = dict(getattr(obj, _CHANGES_ATTR, None) or {})
        if message:
            changes["admin_message"] = message if isinstance(message, list | str) else str(message)
        audit_record(
            actor=request.user,
            action=action,
            obj=obj,
            child_id=self.audit_child_id(obj),
            changes=changes,
            summary=f"{'Added' if action == Action.CREATE else 'Changed'} in the Django admin",
            source=f"{SOURCE}: {request.path}",
        )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)  # type: ignore[misc]
        self._audit_change(request, obj, Action.CREATE, message)
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        # Also called for a password change and for list_editable changes.
        entry = super().log_change(request, obj, message)  # type: ignore[misc]
        self._audit_change(request, obj, Action.UPDATE, message)
        return entry


class AuditedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Configuration and reference data: editable and audited, never deleted."""

    audit_reads = False


class ReadOnlyAuditedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Personal data and casework: look, never touch; every look is audited."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
