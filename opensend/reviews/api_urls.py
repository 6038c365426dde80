from django.urls import path

from opensend.reviews import api
from opensend.reviews.amendments.api_urls import urlpatterns as amendment_api
from opensend.reviews.ceasing.api_urls import urlpatterns as cessation_api
from opensend.reviews.transfers.api_urls import urlpatterns as transfer_api

urlpatterns = [
    path("reviews/", api.ReviewListApi.as_view(), name="review-list"),
    path("reviews/<int:review_id>/", api.ReviewDetailApi.as_view(), name="review-detail"),
    *amendment_api,
    *transfer_api,
    *cessation_api,
]
