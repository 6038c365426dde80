from django.urls import path

from opensend.notify import inbox, views

app_name = "notify"
urlpatterns = [
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/read-all/", inbox.alerts_read_all, name="alerts_read_all"),
    path("inbox/<int:alert_id>/", inbox.alert_open, name="alert_open"),
    path("inbox/<int:alert_id>/mark/", inbox.alert_mark, name="alert_mark"),
    path("children/<int:child_id>/messages/", views.child_messages, name="child_messages"),
    path("messages/<int:message_id>/", views.message_detail, name="message_detail"),
    path("messages/<int:message_id>/letter.pdf", views.message_pdf, name="message_pdf"),
    path("yours/<int:message_id>/", views.my_message, name="my_message"),
    path("yours/<int:message_id>/letter.pdf", views.my_message_pdf, name="my_message_pdf"),
]
