"""Re-assessment pages, included in the `reviews` namespace."""

from django.urls import path

from opensend.reviews.reassessment import views

urlpatterns = [
    path(
        "reassessment/start/<int:plan_id>/",
        views.reassessment_start,
        name="reassessment_start",
    ),
    path(
        "reassessment/<int:reassessment_id>/",
        views.reassessment_detail,
        name="reassessment_detail",
    ),
    path(
        "reassessment/<int:reassessment_id>/decide/",
        views.reassessment_decide,
        name="reassessment_decide",
    ),
    path(
        "reassessment/<int:reassessment_id>/plan-issued/",
        views.reassessment_issued,
        name="reassessment_issued",
    ),
]
