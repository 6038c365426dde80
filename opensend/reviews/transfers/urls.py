"""Phase transfer pages, included in the `reviews` namespace by `opensend.reviews.urls`."""

urlpatterns: list = []
