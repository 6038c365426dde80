"""Amendment pages, included in the `reviews` namespace by `opensend.reviews.urls`. The steps
are served by the step table; `amendments/<id>/<how>/` (`amendment_close`) names the two ways of
closing an amendment (`not-amended`, `withdraw`), each also a step URL of its own."""

from django.urls import path

from opensend.reviews.amendments import views
from opensend.reviews.amendments.steps import AMENDMENT_STEPS as STEPS

urlpatterns = [
    path("plans/<int:plan_id>/amend/", views.amendment_start, name="amendment_start"),
    path("plans/<int:plan_id>/proposals/", views.family_comment, name="amendment_family_comment"),
    path("amendments/<int:amendment_id>/", views.amendment_detail, name="amendment_detail"),
    path(
        "amendments/<int:amendment_id>/propose/",
        STEPS.view("propose"),
        name="amendment_propose",
    ),
    path(
        "amendments/<int:amendment_id>/comments/",
        STEPS.view("representations"),
        name="amendment_representations",
    ),
    path("amendments/<int:amendment_id>/issue/", STEPS.view("issue"), name="amendment_issue"),
    path(
        "amendments/<int:amendment_id>/not-amended/",
        STEPS.view("not_amended"),
        name="amendment_not_amended",
    ),
    path(
        "amendments/<int:amendment_id>/withdraw/",
        STEPS.view("withdraw"),
        name="amendment_withdraw",
    ),
    path(
        "amendments/<int:amendment_id>/<str:how>/",
        views.amendment_close,
        name="amendment_close",
    ),
]
