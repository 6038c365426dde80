from django.urls import path

from opensend.plans import api

urlpatterns = [
    path("plans/", api.PlanListApi.as_view(), name="plan-list"),
    path("plans/<int:plan_id>/", api.PlanDetailApi.as_view(), name="plan-detail"),
]
