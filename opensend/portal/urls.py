from django.urls import path

from opensend.portal import (
    about_me,
    caseload,
    child_page,
    family_documents,
    family_links,
    feedback_pages,
    paper_survey,
    review_views,
    views,
    young_person,
    your_details,
)

app_name = "portal"
# The caseload and team pages keep the /casework/ addresses people have bookmarked.
urlpatterns = [
    path("", views.home, name="home"),
    path("casework/", caseload.caseload, name="caseload"),
    # What each step of a child's journey means, linked from the family's page.
    path("help/ehc-journey/", child_page.family_help, name="family_help"),
    # A young person chooses what their parents see (people.sharing), from their home page.
    path("you/what-your-parents-see/", young_person.parent_sharing, name="parent_sharing"),
    # A family's own details, how they hear from us, and asking us to correct a child's details.
    path("you/details/", your_details.your_details, name="your_details"),
    path(
        "you/details/correct/<int:child_id>/",
        your_details.correction_ask,
        name="correction_ask",
    ),
    # A family's letters and the plan as issued, for one child.
    path(
        "you/children/<int:child_id>/documents/",
        family_documents.family_documents,
        name="family_documents",
    ),
    path(
        "you/children/<int:child_id>/documents/reviews/<int:review_id>/report.pdf",
        family_documents.family_review_report,
        name="family_review_report",
    ),
    path("casework/team/", caseload.team, name="team"),
    path("casework/team/<int:user_id>/", caseload.team_member_caseload, name="team_member"),
    # Administrators link a parent's account to a child (beside the user's page, /account/users/).
    path(
        "account/users/<int:pk>/link-child/", family_links.user_link_child, name="user_link_child"
    ),
    path(
        "account/users/<int:pk>/link-own-record/",
        family_links.user_link_own_record,
        name="user_link_own_record",
    ),
    # Feedback after each stage (the answers live in opensend.feedback).
    *feedback_pages.urlpatterns,
    *paper_survey.urlpatterns,
    # All about me (section A, said once): the family's page and the files' download.
    *about_me.urlpatterns,
    # The family's views before an annual review meeting (reviews.heard).
    *review_views.urlpatterns,
]
