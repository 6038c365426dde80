"""Ceasing pages; `opensend.reviews.urls` includes them in the `reviews` namespace as
`*cessation_patterns`. The steps on a cease decision are served by its step table."""

from django.urls import path

from opensend.core.steps import step_paths
from opensend.reviews.ceasing import views
from opensend.reviews.ceasing.steps import CESSATION_STEPS as STEPS

urlpatterns = [
    path("ceasing/", views.cessation_list, name="cessation_list"),
    path("ceasing/start/<int:plan_id>/", views.cessation_start, name="cessation_start"),
    path("ceasing/<int:cessation_id>/", views.cessation_detail, name="cessation_detail"),
    *step_paths(STEPS, "ceasing/", appeal_link="appeal/link", close="keep"),
]
