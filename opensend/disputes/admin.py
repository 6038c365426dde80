from django.contrib import admin

from opensend.disputes.models import Appeal, CharterStandard, Complaint, MediationCase


@admin.register(CharterStandard)
class CharterStandardAdmin(admin.ModelAdmin):
    """The customer charter: editable here. A change applies to stages that start afterwards."""

    list_display = ["stage", "working_days", "description"]


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the service pages so they are validated and audited."""

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Complaint)
class ComplaintAdmin(_ReadOnlyAdmin):
    list_display = ["received_on", "complainant_name", "stage", "status", "outcome"]
    list_filter = ["stage", "status", "outcome"]


@admin.register(MediationCase)
class MediationCaseAdmin(_ReadOnlyAdmin):
    list_display = ["child", "decision_notice_on", "certificate_issued_on", "closed_on"]


@admin.register(Appeal)
class AppealAdmin(_ReadOnlyAdmin):
    list_display = ["child", "appeal_type", "lodged_on", "hearing_on", "outcome"]
    list_filter = ["appeal_type", "outcome"]
