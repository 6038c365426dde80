from django.urls import path

from opensend.insights import views

app_name = "insights"
urlpatterns = [
    path("timeliness/", views.timeliness_report, name="timeliness_report"),
    path("timeliness.csv", views.timeliness_report_csv, name="timeliness_report_csv"),
]
