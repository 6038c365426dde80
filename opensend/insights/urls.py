from django.urls import path, re_path

from opensend.insights import dashboard, extract_views, sen2_views, views

app_name = "insights"
urlpatterns = [
    path("performance/", dashboard.dashboard, name="dashboard"),
    re_path(
        r"^performance/kpis\.(?P<fmt>csv|xlsx)$",
        dashboard.dashboard_download,
        name="dashboard_download",
    ),
    path("performance/kpis/<slug:slug>/", dashboard.kpi_detail, name="kpi"),
    path("performance/kpis/<slug:slug>/cases/", dashboard.kpi_cases, name="kpi_cases"),
    re_path(
        r"^performance/kpis/(?P<slug>[-\w]+)\.(?P<fmt>csv|xlsx)$",
        dashboard.kpi_download,
        name="kpi_download",
    ),
    path(
        "performance/extract.csv",
        extract_views.pseudonymised_extract,
        name="pseudonymised_extract",
    ),
    path("performance/sen2/", sen2_views.sen2_return, name="sen2_return"),
    re_path(
        r"^performance/sen2/return\.(?P<fmt>xml|csv)$",
        sen2_views.sen2_download,
        name="sen2_download",
    ),
    path("timeliness/", views.timeliness_report, name="timeliness_report"),
    path("timeliness.csv", views.timeliness_report_csv, name="timeliness_report_csv"),
]
