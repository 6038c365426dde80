"""The demo area's improvement programme: the seeds' shape, the same rows from the same seed,
and the board member's pages showing it."""

import pytest
from django.db import transaction
from django.urls import reverse

from opensend.demo.improvement import build_demo_improvement
from opensend.improvement.models import (
    AgendaItem,
    Area,
    Attendee,
    BoardMeeting,
    ImpactMeasure,
    PlanAction,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
    Risk,
    SignOff,
    Source,
    Workstream,
)
from testsupport.demo import TODAY

pytestmark = pytest.mark.django_db


def _rows():
    return (
        list(
            Recommendation.objects.values_list(
                "source__title", "number", "status", "next_review_on"
            )
        ),
        list(
            Risk.objects.values_list("reference", "residual_likelihood", "residual_impact", "trend")
        ),
        list(
            AgendaItem.objects.order_by("meeting__held_on", "number").values_list(
                "meeting__held_on", "number", "recommendation__number", "risk__reference"
            )
        ),
        list(Attendee.objects.order_by("meeting__held_on", "name").values_list("name", "present")),
    )


def test_the_programme_has_the_seeds_shape():
    assert build_demo_improvement(seed=7, today=TODAY) == 24
    assert Area.objects.count() == 13
    signed = Area.objects.filter(sign_off=SignOff.SIGNED_OFF)
    assert signed.count() == 3
    assert all(a.sign_off_changes.count() == 1 and a.signed_off_by for a in signed)
    assert Source.objects.filter(kind="commissioner").count() == 3
    assert Recommendation.objects.filter(restates__isnull=False).distinct().count() >= 5
    complete = RecommendationUpdate.objects.filter(status=RecommendationStatus.COMPLETE)
    assert complete.exists() and not complete.filter(evidence="").exists()
    assert Risk.objects.count() >= 6
    assert Workstream.objects.count() == 4
    assert BoardMeeting.objects.count() == 6
    assert all(
        m.items.count() == 4 and m.attendees.filter(represents="parent_carer_forum").exists()
        for m in BoardMeeting.objects.all()
    )
    assert ImpactMeasure.objects.filter(kpi_key__gt="").count() >= 5
    assert ImpactMeasure.objects.filter(kpi_key="", entered_source__gt="").count() >= 2
    assert all(r.residual_score <= r.inherent_score for r in Risk.objects.all())


def test_the_same_seed_gives_the_same_rows():
    with transaction.atomic():
        build_demo_improvement(seed=7, today=TODAY)
        first = _rows()
        transaction.set_rollback(True)
    assert not Source.objects.exists()
    build_demo_improvement(seed=7, today=TODAY)
    assert _rows() == first


def test_a_board_member_reads_the_tracker_of_the_demo(world):
    build_demo_improvement(seed=7, today=TODAY)
    page = world.client_for("board_member").get(reverse("improvement:tracker")).content.decode()
    assert "Keep the established architecture of the intervention" in page
    assert "Restates SEND Commissioner&#x27;s first report 1" in page


def test_the_next_meetings_pack_has_actions_in_every_state():
    from opensend.improvement.pack import board_pack

    build_demo_improvement(seed=7, today=TODAY)
    upcoming = BoardMeeting.objects.filter(held_on__gt=TODAY)
    assert upcoming.count() == 1  # the next meeting; the other five were held
    pack = board_pack(upcoming.get(), today=TODAY)
    ratings = {line.rag for _, summaries in pack.plans for s in summaries for line in s.actions}
    assert ratings == {"Complete", "Green", "Amber", "Red", "Withdrawn"}
    assert {s.rag for _, summaries in pack.plans for s in summaries} >= {"Red", "Amber", "Green"}
    assert pack.changes  # the status changes since the last meeting
    assert pack.voices  # the parent carer forum's survey
    assert pack.headlines


def test_an_area_of_weakness_shows_its_evidence_library(world):
    build_demo_improvement(seed=7, today=TODAY)
    area = Area.objects.get(number=5)
    page = world.client_for("board_member").get(reverse("improvement:area_detail", args=[area.pk]))
    text = page.content.decode()
    assert "Recruit to every vacant caseworker post" in text
    assert "Recruit permanently to the new SENAR posts" in text
    assert Area.objects.filter(actions__isnull=False).distinct().count() == 7


def test_the_next_meeting_has_its_papers_to_download(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_demo_improvement(seed=7, today=TODAY)
    upcoming = BoardMeeting.objects.get(held_on__gt=TODAY)
    client = world.client_for("board_member")
    page = client.get(reverse("improvement:meeting_detail", args=[upcoming.pk])).content.decode()
    assert "Agenda pack" in page and "For item 1: Progress against the plan" in page
    paper = upcoming.papers.get(title="Agenda pack")
    download = client.get(reverse("improvement:paper_document", args=[paper.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_demo_shows_history_switching_closing_and_withdrawing(world, settings, tmp_path):
    from opensend.improvement.models import ChangeKind, ChangeRecord, MeetingPaper, RiskChange
    from opensend.improvement.pack import board_pack

    settings.MEDIA_ROOT = tmp_path
    build_demo_improvement(seed=7, today=TODAY)
    assert Risk.objects.filter(closed_on__isnull=False).count() == 1
    assert RiskChange.objects.filter(reason__startswith="Reopened").count() == 1
    # Every action has its dated history; one had its due date moved two weeks ago.
    assert not PlanAction.objects.filter(history__isnull=True).exists()
    moved = PlanAction.objects.get(history__reason__startswith="Changed: due date")
    assert moved.history.count() == 2 and moved.history.first().due_on < moved.due_on
    assert ChangeRecord.objects.filter(kind=ChangeKind.SWITCHED).count() == 1
    closed = ImpactMeasure.objects.get(closed_on__isnull=False)
    assert closed.change_records.filter(kind=ChangeKind.CLOSED).exists()
    withdrawn = MeetingPaper.objects.get(withdrawn_on__isnull=False)
    assert withdrawn.withdrawn_on <= TODAY and withdrawn.withdrawn_reason
    assert Workstream.objects.count() == 4 and BoardMeeting.objects.count() == 6
    # The last meeting held shows the rescored risk as it stood then; the next one as it is now.
    held = BoardMeeting.objects.filter(held_on__lte=TODAY).order_by("-held_on")
    last, upcoming = held.first(), BoardMeeting.objects.get(held_on__gt=TODAY)
    now = {r.reference for r in board_pack(upcoming, today=TODAY).risks_above}
    then = {r.reference for r in board_pack(last, today=TODAY).risks_above}
    assert now and now != then
    # The oldest meeting's pack still has the measure closed since, and reads the switched one
    # as entered.
    oldest = held.last()
    pack = board_pack(oldest, today=TODAY)
    assert closed.pk in {m.pk for m, _ in pack.entered}
    switched = ChangeRecord.objects.get(kind=ChangeKind.SWITCHED).measure
    assert switched.pk in {m.pk for m, _ in pack.entered}
    assert switched.pk not in {h.measure.pk for h in pack.headlines}
    page = world.client_for("board_member").get(
        reverse("improvement:meeting_detail", args=[upcoming.pk])
    )
    assert "The wrong version: replaced by the final highlight report." in page.content.decode()
