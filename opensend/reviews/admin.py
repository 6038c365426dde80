"""Reviews and amendments are read-only here: they change through the review pages, validated,
versioned and audited. Every record opened or listed is audited."""

from django.contrib import admin

from opensend.audit.admin_mixins import ReadOnlyAuditedAdmin
from opensend.reviews.models import Amendment, AnnualReview


@admin.register(AnnualReview)
class AnnualReviewAdmin(ReadOnlyAuditedAdmin):
    list_display = ["child", "kind", "led_by", "stage", "due_by", "next_due_on"]
    list_filter = ["kind", "led_by", "stage"]
    list_select_related = ["child"]
    raw_id_fields = ["plan", "child", "setting", "caseworker", "decided_by"]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAuditedAdmin):
    list_display = ["child", "source", "status", "proposed_on", "issued_on", "next_due_on"]
    list_filter = ["source", "status"]
    list_select_related = ["child"]
    raw_id_fields = ["plan", "child", "review", "appeal", "caseworker"]
