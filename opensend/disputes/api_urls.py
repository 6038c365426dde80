from django.urls import path

from opensend.disputes import api

urlpatterns = [
    path("complaints/", api.ComplaintListApi.as_view(), name="complaint-list"),
    path(
        "complaints/<int:complaint_id>/", api.ComplaintDetailApi.as_view(), name="complaint-detail"
    ),
    path("mediation-cases/", api.MediationListApi.as_view(), name="mediation-list"),
    path(
        "mediation-cases/<int:mediation_id>/",
        api.MediationDetailApi.as_view(),
        name="mediation-detail",
    ),
    path("appeals/", api.AppealListApi.as_view(), name="appeal-list"),
    path("appeals/<int:appeal_id>/", api.AppealDetailApi.as_view(), name="appeal-detail"),
]
