from django.urls import path

from opensend.feedback import views

app_name = "feedback"

urlpatterns = [
    path("you-said-we-did/", views.you_said, name="you_said"),
    path("you-said-we-did/new/", views.you_said_edit, name="you_said_create"),
    path("you-said-we-did/<int:pk>/edit/", views.you_said_edit, name="you_said_update"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
]
