from django.urls import path

from opensend.reviews import views
from opensend.reviews.ceasing.urls import urlpatterns as cessation_patterns
from opensend.reviews.reassessment.urls import urlpatterns as reassessment_patterns
from opensend.reviews.transfers.urls import urlpatterns as transfer_patterns

app_name = "reviews"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("setting/", views.setting_workspace, name="setting_workspace"),
    path("<int:review_id>/", views.review_detail, name="review_detail"),
    path("<int:review_id>/meeting/", views.meeting, name="meeting"),
    path("<int:review_id>/invitations/", views.invitations, name="invitations"),
    path("<int:review_id>/views/new/", views.contribution, name="contribution"),
    path(
        "documents/<int:contribution_id>/",
        views.contribution_document,
        name="contribution_document",
    ),
    path("<int:review_id>/held/", views.held, name="held"),
    path("<int:review_id>/report/", views.report, name="report"),
    path("<int:review_id>/decision/", views.decision, name="decision"),
    path("plans/<int:plan_id>/amend/", views.amendment_start, name="amendment_start"),
    path("plans/<int:plan_id>/proposals/", views.family_comment, name="amendment_family_comment"),
    path("amendments/<int:amendment_id>/", views.amendment_detail, name="amendment_detail"),
    path(
        "amendments/<int:amendment_id>/propose/",
        views.amendment_propose,
        name="amendment_propose",
    ),
    path(
        "amendments/<int:amendment_id>/comments/",
        views.amendment_representations,
        name="amendment_representations",
    ),
    path("amendments/<int:amendment_id>/issue/", views.amendment_issue, name="amendment_issue"),
    path(
        "amendments/<int:amendment_id>/<str:how>/",
        views.amendment_close,
        name="amendment_close",
    ),
    *transfer_patterns,
    *cessation_patterns,
    *reassessment_patterns,
]
