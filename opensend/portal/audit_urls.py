"""The audit trail search page, under /audit/ with the `audit:` URL names."""

from django.urls import path

from opensend.portal import audit_trail

app_name = "audit"
urlpatterns = [path("", audit_trail.event_list, name="event_list")]
