from django.urls import path  # noqa: F401

from opensend.reviews.transfers.urls import urlpatterns as transfer_patterns

app_name = "reviews"
urlpatterns = [
    *transfer_patterns,
]
