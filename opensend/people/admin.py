from django.contrib import admin

from opensend.people.models import Child, FamilyMember, Locality, Setting


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "phase", "urn", "locality"]
    list_filter = ["kind", "phase", "locality"]
    search_fields = ["name", "urn", "ukprn"]
    raw_id_fields = ["host_setting"]


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    """Read-only here: changes go through the service pages so they are audited."""

    list_display = ["family_name", "given_name", "date_of_birth", "upn"]
    search_fields = ["family_name", "given_name", "upn"]

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(FamilyMember)
class FamilyMemberAdmin(admin.ModelAdmin):
    search_fields = ["family_name", "given_name", "email"]

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
