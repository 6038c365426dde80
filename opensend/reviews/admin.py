from django.contrib import admin

from opensend.disputes.admin import _ReadOnlyAdmin
from opensend.reviews.models import Amendment, AnnualReview


@admin.register(AnnualReview)
class AnnualReviewAdmin(_ReadOnlyAdmin):
    """Read only: reviews change through the review pages, validated and audited."""

    list_display = ["child", "kind", "led_by", "stage", "due_by", "next_due_on"]
    list_filter = ["kind", "led_by", "stage"]
    raw_id_fields = ["plan", "child", "setting", "caseworker", "decided_by"]


@admin.register(Amendment)
class AmendmentAdmin(_ReadOnlyAdmin):
    list_display = ["child", "source", "status", "proposed_on", "issued_on", "next_due_on"]
    list_filter = ["source", "status"]
    raw_id_fields = ["plan", "child", "review", "appeal", "caseworker"]
