"""Feedback in Django admin: read-only and audited (answers belong to a child); answers and
"You said, we did" entries are written on their own pages, through the services."""

from django.contrib import admin

from opensend.audit.admin_mixins import ReadOnlyAuditedAdmin
from opensend.feedback.models import SurveyAnswer, YouSaidWeDid


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(ReadOnlyAuditedAdmin):
    list_display = ("child", "stage", "route", "answered_on", "satisfaction")
    list_filter = ("stage", "route")
    raw_id_fields = ("child", "family_member", "recorded_by")


@admin.register(YouSaidWeDid)
class YouSaidWeDidAdmin(ReadOnlyAuditedAdmin):
    list_display = ("you_said", "done_on")
