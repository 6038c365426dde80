from django.urls import path

from opensend.core.steps import step_paths
from opensend.reviews import views
from opensend.reviews.amendments.urls import urlpatterns as amendment_patterns
from opensend.reviews.ceasing.urls import urlpatterns as cessation_patterns
from opensend.reviews.reassessment.urls import urlpatterns as reassessment_patterns
from opensend.reviews.steps import REVIEW_STEPS as STEPS
from opensend.reviews.transfers.urls import urlpatterns as transfer_patterns

app_name = "reviews"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("setting/", views.setting_workspace, name="setting_workspace"),
    path("<int:review_id>/", views.review_detail, name="review_detail"),
    path("<int:review_id>/report.pdf", views.review_report_pdf, name="review_report_pdf"),
    *step_paths(STEPS, "", contribution="views/new"),
    path(
        "documents/<int:contribution_id>/",
        views.contribution_document,
        name="contribution_document",
    ),
    *amendment_patterns,
    *transfer_patterns,
    *cessation_patterns,
    *reassessment_patterns,
]
