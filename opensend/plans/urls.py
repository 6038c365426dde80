from django.urls import path

from opensend.plans.steps import PLAN
from opensend.plans.views import content, pages, steps

# The plan page, the final issue and the family's page need the reviews app, so they live in
# reviews.plan_pages and opensend/urls.py joins them here under the same `plans` namespace.
app_name = "plans"
urlpatterns = [
    path("", pages.plan_list, name="plan_list"),
    path("start/<int:request_id>/", pages.plan_start, name="plan_start"),
    path("<int:plan_id>/section-a/", PLAN.view("section_a"), name="section_a"),
    path("<int:plan_id>/placement/", PLAN.view("placement"), name="placement"),
    path("<int:plan_id>/needs/new/", content.need_add, name="need_add"),
    path("<int:plan_id>/needs/<int:need_id>/", content.need_edit, name="need_edit"),
    path("<int:plan_id>/outcomes/new/", content.outcome_add, name="outcome_add"),
    path("<int:plan_id>/outcomes/<int:outcome_id>/", content.outcome_edit, name="outcome_edit"),
    path("<int:plan_id>/provision/new/", content.provision_add, name="provision_add"),
    path(
        "<int:plan_id>/provision/<int:provision_id>/",
        content.provision_edit,
        name="provision_edit",
    ),
    path("<int:plan_id>/<str:kind>/<int:row_id>/remove/", content.row_remove, name="row_remove"),
    path("<int:plan_id>/issue-draft/", steps.draft_issue, name="draft_issue"),
    path("<int:plan_id>/representations/", steps.representations, name="representations"),
    path(
        "<int:plan_id>/representations/<int:representation_id>/answer/",
        steps.representation_answer,
        name="representation_answer",
    ),
    path("<int:plan_id>/consultations/", steps.consultations, name="consultations"),
    path(
        "<int:plan_id>/consultations/<int:consultation_id>/response/",
        steps.consultation_response,
        name="consultation_response",
    ),
    path("<int:plan_id>/pdf/", pages.pdf, name="pdf"),
    path("<int:plan_id>/versions/", pages.versions, name="versions"),
    path("<int:plan_id>/versions/compare/", pages.version_compare, name="version_compare"),
]
