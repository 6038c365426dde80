"""The public Local Offer pages, under /local-offer/ (no sign-in)."""

from django.urls import path

from opensend.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("services/<uuid:service_id>/", views.service_detail, name="service"),
    path("services/<uuid:service_id>/print/", views.service_print, name="service_print"),
    path("services/<uuid:service_id>/useful/", views.feedback_useful, name="useful"),
    path("services/<uuid:service_id>/problem/", views.feedback_problem, name="problem"),
]
