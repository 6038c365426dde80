from django.urls import path

from opensend.plans import views

# The plan page, the final issue and the family's page need the reviews app, so they live in
# reviews.plan_pages and opensend/urls.py joins them here under the same `plans` namespace.
app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("start/<int:request_id>/", views.plan_start, name="plan_start"),
    path("<int:plan_id>/section-a/", views.section_a, name="section_a"),
    path("<int:plan_id>/placement/", views.placement, name="placement"),
    path("<int:plan_id>/needs/new/", views.need_add, name="need_add"),
    path("<int:plan_id>/needs/<int:need_id>/", views.need_edit, name="need_edit"),
    path("<int:plan_id>/outcomes/new/", views.outcome_add, name="outcome_add"),
    path("<int:plan_id>/outcomes/<int:outcome_id>/", views.outcome_edit, name="outcome_edit"),
    path("<int:plan_id>/provision/new/", views.provision_add, name="provision_add"),
    path(
        "<int:plan_id>/provision/<int:provision_id>/",
        views.provision_edit,
        name="provision_edit",
    ),
    path("<int:plan_id>/<str:kind>/<int:row_id>/remove/", views.row_remove, name="row_remove"),
    path("<int:plan_id>/issue-draft/", views.draft_issue, name="draft_issue"),
    path("<int:plan_id>/representations/", views.representations, name="representations"),
    path("<int:plan_id>/consultations/", views.consultations, name="consultations"),
    path(
        "<int:plan_id>/consultations/<int:consultation_id>/response/",
        views.consultation_response,
        name="consultation_response",
    ),
    path("<int:plan_id>/pdf/", views.pdf, name="pdf"),
    path("<int:plan_id>/versions/", views.versions, name="versions"),
    path("<int:plan_id>/versions/compare/", views.version_compare, name="version_compare"),
]
