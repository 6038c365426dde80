from django.urls import path

from opensend.casework.steps import CASE
from opensend.casework.views import advice, cases, panels
from opensend.core.steps import step_paths

app_name = "casework"
urlpatterns = [
    path("children/<int:child_id>/request/", cases.request_create, name="request_create"),
    path("cases/<int:request_id>/", cases.case_detail, name="case_detail"),
    path(
        "request-evidence/<int:document_id>/",
        cases.request_document,
        name="request_document",
    ),
    path(
        "cases/<int:request_id>/advice/reuse/<int:advice_id>/",
        cases.advice_reuse,
        name="advice_reuse",
    ),
    *step_paths(
        CASE,
        "cases/",
        advice_request_create="advice/new",
        advice_request_all="advice/all",
        exception_create="exception",
        decide_issue="decide-plan",
        family_views="views",
    ),
    path(
        "cases/<int:request_id>/decision-letter.pdf",
        cases.decision_letter,
        name="decision_letter",
    ),
    path("panels/", panels.panel_list, name="panel_list"),
    path("panels/new/", panels.panel_create, name="panel_create"),
    path("panels/<int:panel_id>/", panels.panel_detail, name="panel_detail"),
    path("panels/<int:panel_id>/papers/", panels.panel_papers, name="panel_papers"),
    path(
        "panels/<int:panel_id>/cases/<int:listing_id>/decide/",
        panels.panel_decide,
        name="panel_decide",
    ),
    path("advice/", advice.advice_list, name="advice_list"),
    path("advice/<int:advice_id>/", advice.advice_detail, name="advice_detail"),
    path("advice/<int:advice_id>/correct/", advice.advice_correct, name="advice_correct"),
    path("advice/<int:advice_id>/withdraw/", advice.advice_withdraw, name="advice_withdraw"),
    path("advice/<int:advice_id>/document/", advice.advice_document, name="advice_document"),
    path(
        "advice/<int:advice_id>/versions/<int:version>/document/",
        advice.advice_document,
        name="advice_version_document",
    ),
]
