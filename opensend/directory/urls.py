"""The public Local Offer pages, under /local-offer/ (no sign-in)."""

from django.urls import path

from opensend.directory import import_views, manage_views, views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("short-breaks/", views.short_breaks_checker, name="short_breaks"),
    path("services/<uuid:service_id>/", views.service_detail, name="service"),
    path("services/<uuid:service_id>/print/", views.service_print, name="service_print"),
    path(
        "services/<uuid:service_id>/easy-read/", views.service_easy_read, name="service_easy_read"
    ),
    path("services/<uuid:service_id>/useful/", views.feedback_useful, name="useful"),
    path("services/<uuid:service_id>/problem/", views.feedback_problem, name="problem"),
    path(
        "services/<uuid:service_id>/files/<int:document_id>/",
        views.service_file,
        name="service_file",
    ),
    # Signed in: keeping entries current.
    path("manage/", manage_views.manage_home, name="manage"),
    path("manage/services/<uuid:service_id>/", manage_views.service_edit, name="service_edit"),
    path(
        "manage/services/<uuid:service_id>/checked/",
        manage_views.service_checked,
        name="service_checked",
    ),
    path(
        "manage/services/<uuid:service_id>/files/",
        manage_views.document_upload,
        name="document_upload",
    ),
    path("manage/files/<int:document_id>/", manage_views.document_download, name="document"),
    path("manage/changes/", manage_views.changes, name="changes"),
    path("manage/problems/", manage_views.problems, name="problems"),
    path("manage/local-offer.csv", manage_views.export, {"kind": "csv"}, name="export_csv"),
    path("manage/local-offer.xlsx", manage_views.export, {"kind": "xlsx"}, name="export_xlsx"),
    path("manage/changes/<int:change_id>/", manage_views.change_decide, name="change"),
    path(
        "manage/short-breaks/",
        manage_views.short_breaks_criteria,
        name="short_breaks_criteria",
    ),
    path("manage/import/", import_views.import_start, name="import"),
    path("manage/import/<int:run_id>/", import_views.import_run, name="import_run"),
    path("manage/import/<int:run_id>/import/", import_views.import_confirm, name="import_confirm"),
]
