"""Amendment pages, included in the `reviews` namespace by `opensend.reviews.urls`. The steps
are served by the step table; `amendments/<id>/<how>/` (`amendment_close`) names the two ways of
closing an amendment (`not-amended`, `withdraw`), each also a step URL of its own."""

from django.urls import path

from opensend.core.steps import step_paths
from opensend.reviews.amendments import views
from opensend.reviews.amendments.steps import AMENDMENT_STEPS as STEPS

urlpatterns = [
    path("plans/<int:plan_id>/amend/", views.amendment_start, name="amendment_start"),
    path("plans/<int:plan_id>/proposals/", views.family_comment, name="amendment_family_comment"),
    path("amendments/<int:amendment_id>/", views.amendment_detail, name="amendment_detail"),
    *step_paths(STEPS, "amendments/", representations="comments"),
    path(
        "amendments/<int:amendment_id>/<str:how>/",
        views.amendment_close,
        name="amendment_close",
    ),
]
