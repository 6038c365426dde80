"""Included from `opensend.reviews.api_urls` into /api/v1/."""

from django.urls import path

from opensend.reviews.transfers import api

urlpatterns = [
    path("phase-transfers/", api.PhaseTransferListApi.as_view(), name="phase-transfer-list"),
    path(
        "phase-transfers/<int:transfer_id>/",
        api.PhaseTransferDetailApi.as_view(),
        name="phase-transfer-detail",
    ),
]
