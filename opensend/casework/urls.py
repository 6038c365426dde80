from django.urls import path

from opensend.casework import views

app_name = "casework"
urlpatterns = [
    path("children/<int:child_id>/request/", views.request_create, name="request_create"),
    path("cases/<int:request_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:request_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("cases/<int:request_id>/assign/", views.assign, name="assign"),
    path(
        "cases/<int:request_id>/decide-assessment/",
        views.decide_assessment,
        name="decide_assessment",
    ),
    path(
        "cases/<int:request_id>/advice/new/",
        views.advice_request_create,
        name="advice_request_create",
    ),
    path(
        "cases/<int:request_id>/advice/reuse/<int:advice_id>/",
        views.advice_reuse,
        name="advice_reuse",
    ),
    path("cases/<int:request_id>/exception/", views.exception_create, name="exception_create"),
    path("cases/<int:request_id>/decide-plan/", views.decide_issue, name="decide_issue"),
    path("cases/<int:request_id>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<int:request_id>/views/", views.family_views, name="family_views"),
    path(
        "cases/<int:request_id>/decision-letter.pdf",
        views.decision_letter,
        name="decision_letter",
    ),
    path("panels/", views.panel_list, name="panel_list"),
    path("panels/new/", views.panel_create, name="panel_create"),
    path("panels/<int:panel_id>/", views.panel_detail, name="panel_detail"),
    path(
        "panels/<int:panel_id>/cases/<int:listing_id>/decide/",
        views.panel_decide,
        name="panel_decide",
    ),
    path("advice/", views.advice_list, name="advice_list"),
    path("advice/<int:advice_id>/", views.advice_detail, name="advice_detail"),
    path("advice/<int:advice_id>/document/", views.advice_document, name="advice_document"),
]
