from django.urls import path

from opensend.casework.steps import CASE
from opensend.casework.views import advice, cases, panels

app_name = "casework"
urlpatterns = [
    path("children/<int:child_id>/request/", cases.request_create, name="request_create"),
    path("cases/<int:request_id>/", cases.case_detail, name="case_detail"),
    path("cases/<int:request_id>/acknowledge/", CASE.view("acknowledge"), name="acknowledge"),
    path("cases/<int:request_id>/assign/", CASE.view("assign"), name="assign"),
    path(
        "cases/<int:request_id>/decide-assessment/",
        CASE.view("decide_assessment"),
        name="decide_assessment",
    ),
    path(
        "cases/<int:request_id>/advice/new/",
        CASE.view("advice_request_create"),
        name="advice_request_create",
    ),
    path(
        "cases/<int:request_id>/advice/reuse/<int:advice_id>/",
        cases.advice_reuse,
        name="advice_reuse",
    ),
    path(
        "cases/<int:request_id>/exception/",
        CASE.view("exception_create"),
        name="exception_create",
    ),
    path("cases/<int:request_id>/decide-plan/", CASE.view("decide_issue"), name="decide_issue"),
    path("cases/<int:request_id>/withdraw/", CASE.view("withdraw"), name="withdraw"),
    path("cases/<int:request_id>/views/", CASE.view("family_views"), name="family_views"),
    path(
        "cases/<int:request_id>/decision-letter.pdf",
        cases.decision_letter,
        name="decision_letter",
    ),
    path("panels/", panels.panel_list, name="panel_list"),
    path("panels/new/", panels.panel_create, name="panel_create"),
    path("panels/<int:panel_id>/", panels.panel_detail, name="panel_detail"),
    path(
        "panels/<int:panel_id>/cases/<int:listing_id>/decide/",
        panels.panel_decide,
        name="panel_decide",
    ),
    path("advice/", advice.advice_list, name="advice_list"),
    path("advice/<int:advice_id>/", advice.advice_detail, name="advice_detail"),
    path("advice/<int:advice_id>/document/", advice.advice_document, name="advice_document"),
]
