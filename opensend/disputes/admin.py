"""Complaints, mediation and appeals are read-only here (the dispute pages validate and audit
every step); every record opened or listed is audited. The customer charter is reference data:
editable and audited; a change applies to stages that start afterwards."""

from django.contrib import admin

from opensend.audit.admin_mixins import AuditedAdmin, ReadOnlyAuditedAdmin
from opensend.disputes.models import Appeal, CharterStandard, Complaint, MediationCase


@admin.register(CharterStandard)
class CharterStandardAdmin(AuditedAdmin):
    list_display = ["stage", "working_days", "description"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAuditedAdmin):
    list_display = ["received_on", "complainant_name", "stage", "status", "outcome"]
    list_filter = ["stage", "status", "outcome"]


@admin.register(MediationCase)
class MediationCaseAdmin(ReadOnlyAuditedAdmin):
    list_display = ["child", "decision_notice_on", "certificate_issued_on", "closed_on"]
    list_select_related = ["child"]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAuditedAdmin):
    list_display = ["child", "appeal_type", "lodged_on", "hearing_on", "outcome"]
    list_filter = ["appeal_type", "outcome"]
    list_select_related = ["child"]
