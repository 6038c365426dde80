"""Phase transfer pages, included in the `reviews` namespace by `opensend.reviews.urls`; the
steps on a transfer are served by its step table."""

from django.urls import path

from opensend.reviews.transfers import views
from opensend.reviews.transfers.steps import TRANSFER_STEPS as STEPS

urlpatterns = [
    path("transfers/", views.transfer_planner, name="transfer_planner"),
    path("transfers/open-cohort/", views.transfer_cohort_open, name="transfer_cohort_open"),
    path("transfers/open/<int:plan_id>/", views.transfer_open, name="transfer_open"),
    path("transfers/<int:transfer_id>/", views.transfer_detail, name="transfer_detail"),
    path(
        "transfers/<int:transfer_id>/preferences/",
        STEPS.view("preferences"),
        name="transfer_preferences",
    ),
    path("transfers/<int:transfer_id>/consult/", STEPS.view("consult"), name="transfer_consult"),
    path(
        "transfers/<int:transfer_id>/consultations/<int:consultation_id>/reply/",
        views.transfer_consultation_reply,
        name="transfer_consultation_reply",
    ),
    path("transfers/<int:transfer_id>/name/", STEPS.view("name"), name="transfer_name"),
    path("transfers/<int:transfer_id>/amend/", STEPS.view("amend"), name="transfer_amend"),
    path(
        "transfers/<int:transfer_id>/not-transferring/",
        STEPS.view("not_transferring"),
        name="transfer_not_transferring",
    ),
]
