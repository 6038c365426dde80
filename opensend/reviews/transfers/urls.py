"""Phase transfer pages, included in the `reviews` namespace by `opensend.reviews.urls`; the
steps on a transfer are served by its step table."""

from django.urls import path

from opensend.core.steps import step_paths
from opensend.reviews.transfers import views
from opensend.reviews.transfers.steps import TRANSFER_STEPS as STEPS

urlpatterns = [
    path("transfers/", views.transfer_planner, name="transfer_planner"),
    path("transfers/open-cohort/", views.transfer_cohort_open, name="transfer_cohort_open"),
    path("transfers/open/<int:plan_id>/", views.transfer_open, name="transfer_open"),
    path("transfers/<int:transfer_id>/", views.transfer_detail, name="transfer_detail"),
    *step_paths(STEPS, "transfers/"),
    path(
        "transfers/<int:transfer_id>/consultations/<int:consultation_id>/reply/",
        views.transfer_consultation_reply,
        name="transfer_consultation_reply",
    ),
]
