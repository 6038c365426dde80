"""Re-assessment pages, included in the `reviews` namespace; the steps are served by the step
table."""

from django.urls import path

from opensend.core.steps import step_paths
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
    *step_paths(STEPS, "reassessment/", issued="plan-issued"),
]
