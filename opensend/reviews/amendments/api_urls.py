"""Included from `opensend.reviews.api_urls` into /api/v1/."""

from django.urls import path

from opensend.reviews.amendments import api

urlpatterns = [
    path("amendments/", api.AmendmentListApi.as_view(), name="amendment-list"),
    path(
        "amendments/<int:amendment_id>/", api.AmendmentDetailApi.as_view(), name="amendment-detail"
    ),
]
