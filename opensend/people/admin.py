"""Children and families are read-only here (changes go through the record pages, which audit
them); every record opened or listed is audited. Settings and localities are reference data:
editable, audited, never deleted."""

from typing import Any

from django.contrib import admin

from opensend.audit.admin_mixins import AuditedAdmin, ReadOnlyAuditedAdmin
from opensend.people.models import Child, FamilyMember, Locality, Setting


@admin.register(Locality)
class LocalityAdmin(AuditedAdmin):
    search_fields = ["name"]


@admin.register(Setting)
class SettingAdmin(AuditedAdmin):
    list_display = ["name", "kind", "phase", "urn", "locality"]
    list_filter = ["kind", "phase", "locality"]
    search_fields = ["name", "urn", "ukprn"]
    raw_id_fields = ["host_setting"]


@admin.register(Child)
class ChildAdmin(ReadOnlyAuditedAdmin):
    list_display = ["family_name", "given_name", "date_of_birth", "upn"]
    search_fields = ["family_name", "given_name", "upn"]

    def audit_child_id(self, obj: Any) -> int | None:
        return obj.pk


@admin.register(FamilyMember)
class FamilyMemberAdmin(ReadOnlyAuditedAdmin):
    list_display = ["family_name", "given_name", "email"]
    search_fields = ["family_name", "given_name", "email"]
