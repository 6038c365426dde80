"""Improvement pages as their users use them: sources and their areas, the recommendation
tracker (updates with history, complete only with evidence, filters, CSV), the risk register."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.improvement.models import (
    Plan,
    Recommendation,
    RecommendationStatus,
    Risk,
    SignOff,
    Source,
)
from testsupport.factories.improvement import (
    AreaFactory,
    InspectionFactory,
    RecommendationFactory,
    RiskFactory,
    SourceFactory,
)
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def test_a_manager_adds_an_inspection_and_its_areas(world):
    client = world.client_for("team_manager")
    response = client.post(
        reverse("improvement:source_create"),
        {
            "kind": "inspection_2018",
            "title": "Local area SEND inspection, June 2018",
            "author": "Ofsted and CQC",
            "judgement": "A Written Statement of Action is required",
            **date_fields("published_on", date(2018, 7, 30)),
        },
    )
    source = Source.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("improvement:area_create", args=[source.pk]),
        {"number": "1", "text": "Leaders do not know the area well enough", "owner": "joint"},
    )
    assert response.status_code == 302
    page = _text(client.get(reverse("improvement:source_detail", args=[source.pk])))
    assert "Leaders do not know the area well enough" in page
    assert "Not signed off" in page
    assert AuditEvent.objects.filter(object_type="improvement.area", action="create").exists()


def test_a_second_area_with_the_same_number_is_refused_by_the_field(world):
    area = AreaFactory(number=3)
    response = world.client_for("team_manager").post(
        reverse("improvement:area_create", args=[area.source.pk]),
        {"number": "3", "text": "Again", "owner": "council"},
    )
    assert response.status_code == 400
    assert "already has an area 3" in _text(response)


def test_bad_source_input_is_a_400_with_messages(world):
    response = world.client_for("team_manager").post(
        reverse("improvement:source_create"),
        {
            "kind": "nonsense",
            "published_on_0": "31",
            "published_on_1": "2",
            "published_on_2": "2024",
        },
    )
    assert response.status_code == 400
    page = _text(response)
    assert "There is a problem" in page
    assert not Source.objects.exists()


def test_a_signed_off_area_keeps_its_history(world):
    area = AreaFactory()
    client = world.client_for("team_manager")
    url = reverse("improvement:area_sign_off", args=[area.pk])
    client.post(
        url,
        {
            "sign_off": "signed_off",
            "body": "Ofsted and CQC revisit",
            "reason": "Sufficient progress found",
            **date_fields("on", date(2021, 7, 1)),
        },
    )
    client.post(
        url,
        {"sign_off": "open", "reason": "Entered in error", **date_fields("on", date(2021, 7, 2))},
    )
    area.refresh_from_db()
    assert area.sign_off == SignOff.OPEN
    assert area.sign_off_changes.count() == 2
    page = _text(client.get(url))
    assert "Sufficient progress found" in page and "Entered in error" in page


def test_signing_off_needs_the_body_that_signed_it(world):
    area = AreaFactory()
    response = world.client_for("team_manager").post(
        reverse("improvement:area_sign_off", args=[area.pk]),
        {"sign_off": "signed_off", "reason": "Done", **date_fields("on", date(2021, 7, 1))},
    )
    assert response.status_code == 400
    assert "Enter who signed the area off" in _text(response)
    area.refresh_from_db()
    assert area.sign_off == SignOff.OPEN


def _update(client, recommendation, **fields):
    data = {"text": "Governance remains in place", "status": "in_progress"}
    data.update(date_fields("written_on", date(2024, 10, 1)))
    data.update(fields)
    return client.post(reverse("improvement:recommendation_update", args=[recommendation.pk]), data)


def test_a_recommendation_cannot_be_marked_complete_without_evidence(world):
    recommendation = RecommendationFactory()
    client = world.client_for("team_manager")
    response = _update(client, recommendation, status="complete")
    assert response.status_code == 400
    assert "Enter the evidence that shows the recommendation is complete" in _text(response)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.NOT_STARTED
    assert not recommendation.updates.exists()

    response = _update(client, recommendation, status="complete", evidence="Board minutes, 4 March")
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.COMPLETE


def test_updates_are_kept_and_shown_newest_first(world):
    recommendation = RecommendationFactory()
    client = world.client_for("team_manager")
    _update(
        client,
        recommendation,
        text="First steps taken",
        **date_fields("written_on", date(2024, 3, 1)),
    )
    _update(
        client, recommendation, text="Halfway there", **date_fields("written_on", date(2024, 10, 1))
    )
    page = _text(client.get(reverse("improvement:recommendation_detail", args=[recommendation.pk])))
    assert page.index("Halfway there") < page.index("First steps taken")
    assert (
        AuditEvent.objects.filter(object_type="improvement.recommendation", action="update").count()
        == 2
    )


def test_an_update_dated_before_the_report_is_refused(world):
    recommendation = RecommendationFactory()
    response = _update(
        world.client_for("team_manager"),
        recommendation,
        **date_fields("written_on", date(2020, 1, 1)),
    )
    assert response.status_code == 400
    assert "on or after the report was published" in _text(response)


def test_a_recommendation_links_to_the_earlier_one_it_restates(world):
    earlier = RecommendationFactory(
        number="16", source=SourceFactory(published_on=date(2023, 2, 1))
    )
    later = SourceFactory(published_on=date(2024, 2, 1))
    client = world.client_for("team_manager")
    response = client.post(
        reverse("improvement:recommendation_create", args=[later.pk]),
        {
            "number": "9a",
            "text": "A business process review",
            "paragraph": "40",
            "restates": [earlier.pk],
        },
    )
    assert response.status_code == 302
    created = Recommendation.objects.get(number="9a")
    assert list(created.restates.all()) == [earlier]
    page = _text(client.get(reverse("improvement:recommendation_detail", args=[earlier.pk])))
    assert "Restated by" in page and "recommendation 9a" in page


def test_the_tracker_filters_by_status_and_owner_and_downloads_csv(world):
    source = SourceFactory()
    RecommendationFactory(
        source=source, number="1", text="Keep the Board", owner="Director", status="complete"
    )
    RecommendationFactory(
        source=source,
        number="2",
        text="Review the process",
        owner="City Solicitor",
        status="in_progress",
    )
    RecommendationFactory(
        source=source, number="10", text="Support the Forum", owner="Director", status="in_progress"
    )
    client = world.client_for("board_member")
    url = reverse("improvement:tracker")
    page = _text(client.get(url, {"status": "in_progress", "owner": "Director"}))
    assert "Support the Forum" in page
    assert "Keep the Board" not in page and "Review the process" not in page

    response = client.get(url, {"status": "in_progress", "download": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Number", "Recommendation", "Source"]
    assert [r[0] for r in rows[1:]] == ["2", "10"]


def test_a_bad_tracker_filter_is_a_400_not_a_crash(world):
    response = world.client_for("board_member").get(
        reverse("improvement:tracker"), {"status": "finished"}
    )
    assert response.status_code == 400
    assert "There is a problem" in _text(response)


def test_board_members_read_but_see_no_change_buttons(world):
    recommendation = RecommendationFactory()
    page = _text(
        world.client_for("board_member").get(
            reverse("improvement:recommendation_detail", args=[recommendation.pk])
        )
    )
    assert recommendation.text in page
    assert "Add an update" not in page


def test_the_heat_map_places_each_risk_with_its_score_in_words(world):
    RiskFactory(reference="R1", residual_likelihood=4, residual_impact=4)
    RiskFactory(reference="R2", residual_likelihood=1, residual_impact=2)
    page = _text(world.client_for("board_member").get(reverse("improvement:risk_register")))
    assert "16 High" in page and "2 Low" in page
    assert "4 × 4 = 16" in page


def test_a_manager_adds_and_changes_a_risk(world):
    client = world.client_for("team_manager")
    data = {
        "reference": "R9",
        "title": "Health advice late",
        "cause": "Too few therapists",
        "effect": "Plans late",
        "inherent_likelihood": "5",
        "inherent_impact": "4",
        "residual_likelihood": "4",
        "residual_impact": "4",
        "controls": "Weekly escalation",
        "owner": "ICB director",
        "trend": "rising",
        "appetite": "12",
        **date_fields("review_on", date(2026, 12, 1)),
    }
    assert client.post(reverse("improvement:risk_create"), data).status_code == 302
    risk = Risk.objects.get(reference="R9")
    data["residual_likelihood"] = "3"
    assert client.post(reverse("improvement:risk_edit", args=[risk.pk]), data).status_code == 302
    risk.refresh_from_db()
    assert risk.residual_score == 12
    changed = AuditEvent.objects.get(object_type="improvement.risk", action="update")
    assert changed.changes["residual_likelihood"] == ["4", "3"]


def test_a_residual_score_above_the_inherent_one_is_refused(world):
    risk = RiskFactory(inherent_likelihood=2, inherent_impact=2)
    client = world.client_for("team_manager")
    page = client.get(reverse("improvement:risk_edit", args=[risk.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("improvement:risk_edit", args=[risk.pk]),
        {
            "reference": risk.reference,
            "residual_likelihood": "5",
            "residual_impact": "5",
            "inherent_likelihood": "2",
            "inherent_impact": "2",
        },
    )
    assert response.status_code == 400
    assert "cannot be higher than the score before them" in _text(response)


def test_an_inspection_page_lists_its_areas(world):
    inspection = InspectionFactory()
    AreaFactory(source=inspection, number=7, text="Health advice is late")
    page = _text(
        world.client_for("analyst").get(reverse("improvement:source_detail", args=[inspection.pk]))
    )
    assert "Areas of significant weakness" in page and "Health advice is late" in page


def test_history_recorded_by_the_system_shows_as_such(world):
    from opensend.improvement.models import AreaSignOffChange, RecommendationUpdate

    area = AreaFactory()
    AreaSignOffChange.objects.create(
        area=area, sign_off="signed_off", on=date(2021, 7, 1), body="Revisit", reason="Progress"
    )
    recommendation = RecommendationFactory()
    RecommendationUpdate.objects.create(
        recommendation=recommendation, written_on=date(2024, 3, 1), text="Begun", status="ongoing"
    )
    client = world.client_for("team_manager")
    for url in (
        reverse("improvement:area_sign_off", args=[area.pk]),
        reverse("improvement:recommendation_detail", args=[recommendation.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "the system" in _text(response)


def _inspection_2023(client, **fields):
    return client.post(
        reverse("improvement:source_create"),
        {
            "kind": "inspection_2023",
            "title": "Area SEND inspection, March 2025",
            "author": "Ofsted and CQC",
            **date_fields("published_on", date(2025, 3, 14)),
            **date_fields("monitoring_due_on", date(2026, 9, 1)),
            **fields,
        },
    )


def test_a_2023_framework_inspection_has_one_of_its_three_outcomes(world):
    client = world.client_for("team_manager")
    missing = _inspection_2023(client)
    assert missing.status_code == 400
    assert "Choose which of the three outcomes" in _text(missing)
    wrong = client.post(
        reverse("improvement:source_create"),
        {
            "kind": "commissioner",
            "title": "Report",
            "author": "The Commissioner",
            "outcome": "systemic",
            **date_fields("published_on", date(2025, 3, 14)),
        },
    )
    assert wrong.status_code == 400 and "2023 framework has this outcome" in _text(wrong)
    assert _inspection_2023(client, outcome="systemic").status_code == 302
    source = Source.objects.get()
    page = _text(client.get(reverse("improvement:source_detail", args=[source.pk])))
    assert "Widespread and/or systemic failings" in page
    assert "A priority action plan is needed: none is recorded yet" in page
    assert "Monitoring inspection expected" in page and "September 2026" in page
    plan = Plan.objects.create(kind="priority_action", title="Priority action plan", source=source)
    page = _text(client.get(reverse("improvement:source_detail", args=[source.pk])))
    assert f'href="/improvement/plans/{plan.pk}/">Priority action plan</a>' in page
