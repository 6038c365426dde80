"""Re-assessment pages, included in the `reviews` namespace; the steps are served by the step
table."""

from django.urls import path

from opensend.reviews.reassessment import views
from opensend.reviews.reassessment.steps import REASSESSMENT_STEPS as STEPS

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
        STEPS.view("decide"),
        name="reassessment_decide",
    ),
    path(
        "reassessment/<int:reassessment_id>/plan-issued/",
        STEPS.view("issued"),
        name="reassessment_issued",
    ),
]
