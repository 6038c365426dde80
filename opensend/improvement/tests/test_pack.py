"""The board pack for a meeting (HTML and PDF) and an impact measure's trajectory: what a board
member reads, with no child's details anywhere."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.casework.models import AssessmentRequest
from opensend.improvement import measures
from opensend.improvement.models import ActionStatusChange, RecommendationUpdate
from testsupport.factories.improvement import (
    ActionFactory,
    MeasureFactory,
    MeetingFactory,
    RecommendationFactory,
    RiskFactory,
    WorkstreamFactory,
)
from testsupport.factories.people import ChildFactory

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def test_the_pack_is_one_click_from_the_meeting(world):
    meeting = MeetingFactory()
    client = world.client_for("board_member")
    page = _text(client.get(reverse("improvement:meeting_detail", args=[meeting.pk])))
    assert reverse("improvement:board_pack", args=[meeting.pk]) in page
    assert reverse("improvement:board_pack_pdf", args=[meeting.pk]) in page


def test_the_pack_gives_rag_risks_and_changes_since_the_last_meeting(world):
    earlier = MeetingFactory(held_on=date(2025, 1, 4))
    meeting = MeetingFactory(held_on=date(2025, 3, 4))
    workstream = WorkstreamFactory(title="Journey of the child")
    late = ActionFactory(
        workstream=workstream,
        number="2.4",
        title="Clear the backlog of reviews",
        starts_on=date(2024, 6, 1),
        due_on=date(2025, 2, 1),
        status="on_track",
    )
    ActionStatusChange.objects.create(
        action=late, to_status="on_track", changed_on=date(2025, 2, 10), reason="Agency staff"
    )
    ActionStatusChange.objects.create(
        action=late, to_status="at_risk", changed_on=date(2024, 12, 1), reason="Before"
    )
    recommendation = RecommendationFactory()
    RecommendationUpdate.objects.create(
        recommendation=recommendation, written_on=date(2025, 2, 1), text="x", status="ongoing"
    )
    RiskFactory(title="Not enough caseworkers", appetite=10)  # residual 12
    RiskFactory(title="Tolerated risk", appetite=12)
    RiskFactory(title="Closed risk", appetite=5, closed_on=date(2025, 1, 1))
    client = world.client_for("board_member")
    response = client.get(reverse("improvement:board_pack", args=[meeting.pk]))
    page = _text(response)
    assert response.status_code == 200
    assert "Since the previous meeting on 4 January 2025" in page.replace(
        "Changes are those s", "S"
    )
    assert "Action 2.4: in progress, on track (Agency staff)" in page
    assert "(Before)" not in page  # before the previous meeting
    assert f"recommendation {recommendation.number}: ongoing" in page
    assert "Not enough caseworkers" in page
    assert "Tolerated risk" not in page
    assert "Closed risk" not in page
    assert "Clear the backlog of reviews" in page  # overdue on the meeting's date
    assert ">Red</strong>" in page
    assert "OpenSEND holds no survey results" in page
    assert earlier.held_on.isoformat()  # the earlier meeting only bounds the window


def test_the_pack_shows_the_voice_of_families_where_it_is_held(world):
    MeasureFactory(name="Parents who feel listened to", voice_of_families=True)
    page = _text(
        world.client_for("board_member").get(
            reverse(
                "improvement:board_pack",
                args=[MeetingFactory(held_on=timezone.localdate()).pk],
            )
        )
    )
    assert "Parents who feel listened to: <strong>45.0</strong>" in page
    assert "OpenSEND holds no survey results" not in page


def _issued(weeks, name):
    received = timezone.localdate() - timedelta(weeks=30)
    AssessmentRequest.objects.create(
        child=ChildFactory(given_name=name),
        received_on=received,
        source="parent",
        final_issued_on=received + timedelta(weeks=weeks),
    )


def test_headline_kpis_are_aggregates_with_no_child_named(world):
    workstream = WorkstreamFactory()
    MeasureFactory(
        workstream=workstream,
        name="Plans within 20 weeks",
        kpi_key="new-plans-20-weeks",
        entered_value=None,
        entered_on=None,
        entered_source="",
    )
    for n in range(12):
        _issued(18 if n % 2 else 25, f"Zebedee{n}")
    meeting = MeetingFactory(held_on=timezone.localdate())
    client = world.client_for("board_member")
    page = _text(client.get(reverse("improvement:board_pack", args=[meeting.pk])))
    assert "<strong>50.0%</strong>" in page
    assert "England: 46.4% excluding exceptions" in page
    assert "<svg" in page
    assert "Zebedee" not in page
    pdf = client.get(reverse("improvement:board_pack_pdf", args=[meeting.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_pack_is_for_readers_only(world):
    meeting = MeetingFactory()
    for role in ("senco", "caseworker", "parent"):
        url = reverse("improvement:board_pack", args=[meeting.pk])
        assert world.client_for(role).get(url).status_code == 403
    missing = reverse("improvement:board_pack", args=[999_999])
    assert world.client_for("board_member").get(missing).status_code == 404
    post = world.client_for("board_member").post(
        reverse("improvement:board_pack", args=[meeting.pk])
    )
    assert post.status_code == 405


def test_the_trajectory_is_a_straight_line_from_baseline_to_target():
    measure = MeasureFactory(
        baseline=Decimal("40"),
        baseline_on=date(2026, 1, 1),
        target=Decimal("60"),
        target_on=date(2027, 1, 1),
    )
    assert measures.expected(measure, date(2025, 6, 1)) == Decimal("40")
    assert measures.expected(measure, date(2026, 7, 2)) == Decimal("50.0")
    assert measures.expected(measure, date(2028, 1, 1)) == Decimal("60")
    measure.baseline_on = None
    assert measures.expected(measure, date(2026, 7, 2)) is None


def test_the_measure_page_shows_actual_against_trajectory(world):
    measure = MeasureFactory(
        baseline_on=date(2026, 1, 1), target_on=date(2027, 1, 1), entered_on=date(2026, 7, 2)
    )
    page = _text(
        world.client_for("board_member").get(
            reverse("improvement:measure_detail", args=[measure.pk])
        )
    )
    assert "Actual against the trajectory" in page
    assert "<svg" in page
    assert "Jul 2026" in page
    assert "45.0" in page  # the entered figure
    assert "50.0" in page  # where the trajectory is on that day


def test_a_past_meetings_pack_rates_actions_as_they_stood_then(world):
    meeting = MeetingFactory(held_on=date(2025, 3, 4))
    action = ActionFactory(
        title="Clear the backlog", starts_on=date(2024, 6, 1), due_on=date(2025, 2, 1)
    )
    for on, before, after in [
        (date(2024, 7, 1), "not_started", "on_track"),
        (date(2025, 4, 1), "on_track", "complete"),  # after the meeting
    ]:
        ActionStatusChange.objects.create(
            action=action, from_status=before, to_status=after, changed_on=on, reason="x"
        )
    action.status = "complete"
    action.save()
    page = _text(
        world.client_for("board_member").get(reverse("improvement:board_pack", args=[meeting.pk]))
    )
    assert "Clear the backlog. Owner" in page  # overdue on 4 March 2025
    assert "in progress, on track." in page
    action.refresh_from_db()
    assert action.status == "complete"  # the record is untouched


def test_entered_figures_are_kept_and_drawn_against_the_trajectory(world):
    from testsupport.forms import date_fields

    measure = MeasureFactory(
        baseline_on=date(2026, 1, 1), target_on=date(2027, 1, 1), entered_on=date(2026, 1, 1)
    )
    client = world.client_for("team_manager")
    url = reverse("improvement:figure_add", args=[measure.pk])
    data = {"value": "52", "source": "Spring survey", **date_fields("on", date(2026, 7, 2))}
    assert client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert (measure.entered_value, measure.entered_source) == (Decimal("52.0"), "Spring survey")
    page = _text(client.get(reverse("improvement:measure_detail", args=[measure.pk])))
    assert "01 Jan 2026" in page and "02 Jul 2026" in page  # both figures in the table
    assert measure.figures.count() == 2  # the first one, kept when the second came
    assert "52.0 on 2 July 2026, from Spring survey" in page
    assert client.post(url, {"value": "x"}).status_code == 400


def test_a_live_measure_takes_no_entered_figure(world):
    measure = MeasureFactory(
        kpi_key="new-plans-20-weeks", entered_value=None, entered_on=None, entered_source=""
    )
    from testsupport.forms import date_fields

    response = world.client_for("team_manager").post(
        reverse("improvement:figure_add", args=[measure.pk]),
        {"value": "52", "source": "x", **date_fields("on", date(2026, 7, 2))},
    )
    assert response.status_code == 400
    assert "read live from the records" in _text(response)
    assert (
        world.client_for("board_member")
        .get(reverse("improvement:figure_add", args=[measure.pk]))
        .status_code
        == 403
    )
