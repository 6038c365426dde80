from django.urls import path

from opensend.casework import api

urlpatterns = [
    path("requests/", api.RequestListApi.as_view(), name="request-list"),
    path("requests/<int:request_id>/", api.RequestDetailApi.as_view(), name="request-detail"),
    path("requests/<int:request_id>/timeline/", api.TimelineApi.as_view(), name="request-timeline"),
    path(
        "requests/<int:request_id>/assessment-decision/",
        api.AssessmentDecisionApi.as_view(),
        name="request-assessment-decision",
    ),
    path(
        "requests/<int:request_id>/issue-decision/",
        api.IssueDecisionApi.as_view(),
        name="request-issue-decision",
    ),
    path(
        "requests/<int:request_id>/advice-requests/",
        api.CaseAdviceApi.as_view(),
        name="request-advice",
    ),
    path("advice-requests/", api.AdviceListApi.as_view(), name="advice-list"),
    path(
        "advice-requests/<int:advice_id>/submit/",
        api.AdviceSubmitApi.as_view(),
        name="advice-submit",
    ),
]
