from django.contrib import admin

from opensend.audit.admin_mixins import AuditedAdmin
from opensend.insights.models import Sen2Collection


@admin.register(Sen2Collection)
class Sen2CollectionAdmin(AuditedAdmin):
    list_display = ["year", "census_date", "dmo", "dco", "dsco"]
