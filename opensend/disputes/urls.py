from django.urls import path

from opensend.core.steps import step_paths
from opensend.disputes import views
from opensend.disputes.steps import APPEAL, COMPLAINT, MEDIATION

app_name = "disputes"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/<slug:purpose>/choose-child/", views.choose_child, name="choose_child"),
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/<int:complaint_id>/", views.complaint_detail, name="complaint_detail"),
    *step_paths(COMPLAINT, "complaints/"),
    path("mediation/", views.mediation_list, name="mediation_list"),
    path("mediation/new/", views.mediation_create, name="mediation_create"),
    path("mediation/<int:mediation_id>/", views.mediation_detail, name="mediation_detail"),
    *step_paths(MEDIATION, "mediation/", agreement="agreement-done"),
    path("appeals/", views.appeal_list, name="appeal_list"),
    path("appeals/new/", views.appeal_create, name="appeal_create"),
    path("appeals/<int:appeal_id>/", views.appeal_detail, name="appeal_detail"),
    *step_paths(APPEAL, "appeals/"),
    path(
        "appeals/<int:appeal_id>/order/<slug:rule_id>/done/",
        views.appeal_rule_step,
        {"step": "done"},
        name="appeal_order_step",
    ),
    path(
        "appeals/<int:appeal_id>/order/<slug:rule_id>/exception/",
        views.appeal_rule_step,
        {"step": "exception"},
        name="appeal_order_exception",
    ),
]
