from django.contrib import admin

from opensend.plans.models import EHCPlan, PlanVersion


@admin.register(EHCPlan)
class EHCPlanAdmin(admin.ModelAdmin):
    list_display = ["child", "status", "version", "draft_issued_on", "issued_on", "named_setting"]
    list_filter = ["status", "placement_type"]
    raw_id_fields = ["child", "request", "named_setting", "preferred_setting"]
    search_fields = ["child__family_name", "child__given_name"]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["plan", "version", "issued_on", "issued_by"]
    raw_id_fields = ["plan", "issued_by"]
    readonly_fields = ["plan", "version", "issued_on", "snapshot", "issued_by"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
