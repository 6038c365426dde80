"""One caseworker's whole workload: reviews, amendments, transfers, cease decisions and disputes
appear on the caseload and team pages next to the assessments, counted in SQL."""

from django.utils.html import escape

from opensend.disputes import services as dispute_services
from testsupport.factories.people import ChildFactory
from testsupport.journeys import TODAY, final_plan, open_review


def test_caseload_shows_the_caseworkers_reviews_and_complaints(world):
    plan = final_plan(world)
    review = open_review(plan)
    dispute_services.complaint_create(
        actor=world.users["caseworker"],
        summary="The draft plan was late",
        complainant_name="Mum",
        received_on=TODAY,
        child=world.caseload_child,
        today=TODAY,
    )
    response = world.client_for("caseworker").get("/casework/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Annual reviews and amendments" in html
    assert f"/reviews/{review.pk}/" in html
    assert escape(world.caseload_child.full_name) in html
    assert "Complaints, mediation and appeals" in html
    assert "Complaint: " in html


def test_anothers_reviews_are_not_on_my_caseload(world):
    other = ChildFactory(senar_team=world.team, caseworker=world.users["team_manager"])
    final_plan(world, child=other, actor=world.users["caseworker"])
    html = world.client_for("caseworker").get("/casework/").content.decode()
    assert escape(other.full_name) not in html


def test_team_page_counts_reviews_per_caseworker(world):
    final_plan(world)
    response = world.client_for("team_manager").get("/casework/team/")
    assert response.status_code == 200
    rows = [r for r in response.context["rows"] if r.caseworker == world.users["caseworker"]]
    assert rows and rows[0].other.reviews[0] == 1


def test_pages_take_the_same_queries_whatever_the_workload(world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for("caseworker")
    final_plan(world)
    with CaptureQueriesContext(connection) as few:
        client.get("/casework/")
    for _ in range(3):
        child = ChildFactory(senar_team=world.team, caseworker=world.users["caseworker"])
        final_plan(world, child=child)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/casework/")


def test_families_and_sencos_have_no_caseload(world):
    for role in ("parent", "senco", "health"):
        assert world.client_for(role).get("/casework/").status_code in (403, 404)
        assert world.client_for(role).get("/casework/team/").status_code in (403, 404)
