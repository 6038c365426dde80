"""Ceasing pages; `opensend.reviews.urls` includes them in the `reviews` namespace as
`*cessation_patterns`. The steps on a cease decision are served by its step table."""

from django.urls import path

from opensend.reviews.ceasing import views
from opensend.reviews.ceasing.steps import CESSATION_STEPS as STEPS

urlpatterns = [
    path("ceasing/", views.cessation_list, name="cessation_list"),
    path("ceasing/start/<int:plan_id>/", views.cessation_start, name="cessation_start"),
    path("ceasing/<int:cessation_id>/", views.cessation_detail, name="cessation_detail"),
    path("ceasing/<int:cessation_id>/consult/", STEPS.view("consult"), name="cessation_consult"),
    path("ceasing/<int:cessation_id>/decide/", STEPS.view("decide"), name="cessation_decide"),
    path("ceasing/<int:cessation_id>/appeal/", STEPS.view("appeal"), name="cessation_appeal"),
    path(
        "ceasing/<int:cessation_id>/appeal/link/",
        STEPS.view("appeal_link"),
        name="cessation_appeal_link",
    ),
    path("ceasing/<int:cessation_id>/cease/", STEPS.view("cease"), name="cessation_cease"),
    path("ceasing/<int:cessation_id>/keep/", STEPS.view("close"), name="cessation_close"),
]
