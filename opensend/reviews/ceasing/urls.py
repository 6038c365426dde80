"""Ceasing pages; `opensend.reviews.urls` includes them in the `reviews` namespace as
`*cessation_patterns`."""

from django.urls import path

from opensend.reviews.ceasing import views

urlpatterns = [
    path("ceasing/", views.cessation_list, name="cessation_list"),
    path("ceasing/start/<int:plan_id>/", views.cessation_start, name="cessation_start"),
    path("ceasing/<int:cessation_id>/", views.cessation_detail, name="cessation_detail"),
    path("ceasing/<int:cessation_id>/consult/", views.cessation_consult, name="cessation_consult"),
    path("ceasing/<int:cessation_id>/decide/", views.cessation_decide, name="cessation_decide"),
    path("ceasing/<int:cessation_id>/appeal/", views.cessation_appeal, name="cessation_appeal"),
    path(
        "ceasing/<int:cessation_id>/appeal/link/",
        views.cessation_appeal_link,
        name="cessation_appeal_link",
    ),
    path("ceasing/<int:cessation_id>/cease/", views.cessation_cease, name="cessation_cease"),
    path("ceasing/<int:cessation_id>/keep/", views.cessation_close, name="cessation_close"),
]
