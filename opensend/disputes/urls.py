from django.urls import path

from opensend.disputes import views
from opensend.disputes.steps import APPEAL, COMPLAINT, MEDIATION

app_name = "disputes"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/<slug:purpose>/choose-child/", views.choose_child, name="choose_child"),
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/<int:complaint_id>/", views.complaint_detail, name="complaint_detail"),
    path(
        "complaints/<int:complaint_id>/respond/",
        COMPLAINT.view("respond"),
        name="complaint_respond",
    ),
    path(
        "complaints/<int:complaint_id>/escalate/",
        COMPLAINT.view("escalate"),
        name="complaint_escalate",
    ),
    path("complaints/<int:complaint_id>/close/", COMPLAINT.view("close"), name="complaint_close"),
    path("mediation/", views.mediation_list, name="mediation_list"),
    path("mediation/new/", views.mediation_create, name="mediation_create"),
    path("mediation/<int:mediation_id>/", views.mediation_detail, name="mediation_detail"),
    path(
        "mediation/<int:mediation_id>/contact/",
        MEDIATION.view("contact"),
        name="mediation_contact",
    ),
    path("mediation/<int:mediation_id>/choice/", MEDIATION.view("choice"), name="mediation_choice"),
    path("mediation/<int:mediation_id>/held/", MEDIATION.view("held"), name="mediation_held"),
    path("mediation/<int:mediation_id>/end/", MEDIATION.view("end"), name="mediation_end"),
    path("mediation/<int:mediation_id>/health/", MEDIATION.view("health"), name="mediation_health"),
    path(
        "mediation/<int:mediation_id>/agreement-terms/",
        MEDIATION.view("agreement_terms"),
        name="mediation_agreement_terms",
    ),
    path(
        "mediation/<int:mediation_id>/certificate/",
        MEDIATION.view("certificate"),
        name="mediation_certificate",
    ),
    path(
        "mediation/<int:mediation_id>/agreement-done/",
        MEDIATION.view("agreement"),
        name="mediation_agreement",
    ),
    path("mediation/<int:mediation_id>/close/", MEDIATION.view("close"), name="mediation_close"),
    path("appeals/", views.appeal_list, name="appeal_list"),
    path("appeals/new/", views.appeal_create, name="appeal_create"),
    path("appeals/<int:appeal_id>/", views.appeal_detail, name="appeal_detail"),
    path("appeals/<int:appeal_id>/hearing/", APPEAL.view("hearing"), name="appeal_hearing"),
    path("appeals/<int:appeal_id>/outcome/", APPEAL.view("outcome"), name="appeal_outcome"),
    path("appeals/<int:appeal_id>/order/", APPEAL.view("order"), name="appeal_order"),
    path(
        "appeals/<int:appeal_id>/not-opposed/",
        APPEAL.view("not_opposed"),
        name="appeal_not_opposed",
    ),
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
