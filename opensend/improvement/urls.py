from django.urls import path

from opensend.improvement import (
    action_views,
    change_views,
    library_views,
    pack_views,
    paper_views,
    views,
)

app_name = "improvement"

urlpatterns = [
    path("", views.home, name="home"),
    path("sources/new/", views.source_create, name="source_create"),
    path("sources/<int:source_id>/", views.source_detail, name="source_detail"),
    path("sources/<int:source_id>/areas/new/", views.area_create, name="area_create"),
    path(
        "sources/<int:source_id>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path("areas/<int:area_id>/", library_views.area_detail, name="area_detail"),
    path("areas/<int:area_id>/answered-by/", library_views.area_links, name="area_links"),
    path("areas/<int:area_id>/sign-off/", views.area_sign_off, name="area_sign_off"),
    path("areas/<int:area_id>/change/", change_views.area_change, name="area_change"),
    path("areas/<int:area_id>/withdraw/", change_views.area_withdraw, name="area_withdraw"),
    path(
        "recommendations/<int:recommendation_id>/change/",
        change_views.recommendation_change,
        name="recommendation_change",
    ),
    path(
        "recommendations/<int:recommendation_id>/withdraw/",
        change_views.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    path("risks/<int:risk_id>/close/", change_views.risk_close, name="risk_close"),
    path("recommendations/", views.tracker, name="tracker"),
    path(
        "recommendations/<int:recommendation_id>/",
        views.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "recommendations/<int:recommendation_id>/update/",
        views.recommendation_update,
        name="recommendation_update",
    ),
    path("risks/", views.risk_register, name="risk_register"),
    path("risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:risk_id>/", views.risk_detail, name="risk_detail"),
    path("risks/<int:risk_id>/change/", views.risk_edit, name="risk_edit"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/change/", change_views.plan_change, name="plan_change"),
    path("plans/<int:plan_id>/close/", change_views.plan_close, name="plan_close"),
    path(
        "workstreams/<int:workstream_id>/change/",
        change_views.workstream_change,
        name="workstream_change",
    ),
    path(
        "workstreams/<int:workstream_id>/close/",
        change_views.workstream_close,
        name="workstream_close",
    ),
    path("measures/<int:measure_id>/close/", change_views.measure_close, name="measure_close"),
    path("plans/<int:plan_id>/workstreams/new/", views.workstream_create, name="workstream_create"),
    path(
        "workstreams/<int:workstream_id>/measures/new/",
        views.measure_create,
        name="measure_create",
    ),
    path(
        "workstreams/<int:workstream_id>/actions/new/",
        action_views.action_create,
        name="action_create",
    ),
    path("actions/<int:action_id>/", action_views.action_detail, name="action_detail"),
    path("actions/<int:action_id>/change/", action_views.action_change, name="action_change"),
    path("actions/<int:action_id>/status/", action_views.action_status, name="action_status"),
    path("actions/<int:action_id>/evidence/new/", action_views.evidence_add, name="evidence_add"),
    path(
        "actions/<int:action_id>/milestones/new/",
        action_views.milestone_add,
        name="milestone_add",
    ),
    path(
        "milestones/<int:milestone_id>/update/",
        action_views.milestone_update,
        name="milestone_update",
    ),
    path(
        "evidence/<int:evidence_id>/document/",
        action_views.evidence_document,
        name="evidence_document",
    ),
    path("measures/<int:measure_id>/", pack_views.measure_detail, name="measure_detail"),
    path("measures/<int:measure_id>/figures/new/", pack_views.figure_add, name="figure_add"),
    path("measures/<int:measure_id>/change/", change_views.measure_change, name="measure_change"),
    path("meetings/<int:meeting_id>/pack/", pack_views.board_pack, name="board_pack"),
    path("meetings/<int:meeting_id>/pack.pdf", pack_views.board_pack_pdf, name="board_pack_pdf"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path(
        "meetings/<int:meeting_id>/items/new/", views.agenda_item_create, name="agenda_item_create"
    ),
    path("meetings/<int:meeting_id>/papers/new/", paper_views.paper_add, name="paper_add"),
    path("papers/<int:paper_id>/", paper_views.paper_document, name="paper_document"),
    path("papers/<int:paper_id>/withdraw/", paper_views.paper_withdraw, name="paper_withdraw"),
    path("meetings/<int:meeting_id>/attendance/new/", views.attendee_add, name="attendee_add"),
    path("meetings/<int:meeting_id>/outcomes/new/", views.outcome_record, name="outcome_record"),
]
