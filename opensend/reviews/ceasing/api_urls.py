"""Included from `opensend.reviews.api_urls` into /api/v1/."""

from django.urls import path

from opensend.reviews.ceasing import api

urlpatterns = [
    path("cessations/", api.CessationListApi.as_view(), name="cessation-list"),
    path(
        "cessations/<int:cessation_id>/", api.CessationDetailApi.as_view(), name="cessation-detail"
    ),
]
