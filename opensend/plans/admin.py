"""Plans are read-only here: drafts, finals and amendments go through the plan pages, which keep
the versions and the audit trail. Every plan opened or listed is audited."""

from typing import Any

from django.contrib import admin

from opensend.audit.admin_mixins import ReadOnlyAuditedAdmin
from opensend.plans.models import EHCPlan, PlanVersion


@admin.register(EHCPlan)
class EHCPlanAdmin(ReadOnlyAuditedAdmin):
    list_display = ["child", "status", "version", "draft_issued_on", "issued_on", "named_setting"]
    list_filter = ["status", "placement_type"]
    list_select_related = ["child", "named_setting"]
    raw_id_fields = ["child", "request", "named_setting", "preferred_setting"]
    search_fields = ["child__family_name", "child__given_name"]


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAuditedAdmin):
    list_display = ["plan", "version", "issued_on", "issued_by"]
    list_select_related = ["plan__child", "issued_by"]
    raw_id_fields = ["plan", "issued_by"]

    def audit_child_id(self, obj: Any) -> int | None:
        return obj.plan.child_id
