from django.urls import path

from opensend.notify import views

app_name = "notify"
urlpatterns = [
    path("children/<int:child_id>/messages/", views.child_messages, name="child_messages"),
    path("messages/<int:message_id>/", views.message_detail, name="message_detail"),
    path("messages/<int:message_id>/letter.pdf", views.message_pdf, name="message_pdf"),
]
