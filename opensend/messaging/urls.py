from django.urls import path

from opensend.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("child/<int:child_id>/", views.thread, name="thread"),
    path("file/<int:message_id>/", views.attachment, name="attachment"),
]
