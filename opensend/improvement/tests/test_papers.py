"""Papers for a board meeting: uploaded through the checked upload service against an agenda
item, downloaded by board members (each download audited), withdrawn with why but still listed."""

from datetime import date

import pytest
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.improvement.models import AgendaItem, MeetingPaper
from testsupport.factories.improvement import MeetingFactory
from testsupport.forms import date_fields
from testsupport.samples import EXE_BYTES, PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def _item(meeting, number=1):
    return AgendaItem.objects.create(meeting=meeting, number=number, title="Progress on the WSOA")


def test_a_manager_uploads_a_paper_for_an_agenda_item_and_a_board_member_downloads_it(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory()
    item = _item(meeting)
    client = world.client_for("team_manager")
    meeting_url = reverse("improvement:meeting_detail", args=[meeting.pk])
    url = reverse("improvement:paper_add", args=[meeting.pk])
    assert url in _text(client.get(meeting_url))
    data = {"title": "WSOA highlight report", "item": item.pk}
    bad = client.post(url, {**data, "document": upload("report.pdf", EXE_BYTES)})
    assert bad.status_code == 400
    assert "The selected file must be" in _text(bad)
    missing = client.post(url, data)
    assert missing.status_code == 400 and "Select a file" in _text(missing)
    good = client.post(url, {**data, "document": upload("report.pdf", PDF_BYTES)})
    assert good.status_code == 302
    paper = MeetingPaper.objects.get()
    assert (paper.item, paper.document_name) == (item, "report.pdf")
    assert "report" not in paper.document.name  # stored under a random name
    board = world.client_for("board_member")
    page = _text(board.get(meeting_url))
    assert "For item 1: Progress on the WSOA" in page
    assert reverse("improvement:paper_add", args=[meeting.pk]) not in page
    download = board.get(reverse("improvement:paper_document", args=[paper.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    event = AuditEvent.objects.get(object_type="improvement.meetingpaper", action="export")
    assert event.actor_id == world.users["board_member"].pk


def test_an_item_from_another_meeting_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting, other = MeetingFactory(), MeetingFactory()
    url = reverse("improvement:paper_add", args=[meeting.pk])
    response = world.client_for("team_manager").post(
        url,
        {"title": "x", "item": _item(other).pk, "document": upload("a.pdf", PDF_BYTES)},
    )
    assert response.status_code == 400
    assert MeetingPaper.objects.count() == 0


def _paper(meeting):
    return MeetingPaper.objects.create(
        meeting=meeting,
        title="Agenda pack",
        document="improvement/x.pdf",
        document_name="pack.pdf",
        document_type="application/pdf",
    )


def test_a_withdrawn_paper_stays_listed_but_is_not_downloaded(world):
    meeting = MeetingFactory()
    paper = _paper(meeting)
    client = world.client_for("team_manager")
    url = reverse("improvement:paper_withdraw", args=[paper.pk])
    assert client.post(url, {**date_fields("on", date(2025, 3, 1))}).status_code == 400
    data = {"reason": "The wrong version", **date_fields("on", date(2025, 3, 1))}
    assert client.post(url, data).status_code == 302
    page = _text(
        world.client_for("board_member").get(
            reverse("improvement:meeting_detail", args=[meeting.pk])
        )
    )
    assert "Agenda pack</strong> (withdrawn on 1 March 2025: The wrong version)" in page
    assert reverse("improvement:paper_document", args=[paper.pk]) not in page
    gone = world.client_for("board_member").get(
        reverse("improvement:paper_document", args=[paper.pk])
    )
    assert gone.status_code == 404
    assert client.post(url, data).status_code == 400  # already withdrawn


@pytest.mark.parametrize("role", ["board_member", "analyst"])
def test_readers_cannot_upload_or_withdraw_papers(world, role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory()
    paper = _paper(meeting)
    client = world.client_for(role)
    added = client.post(
        reverse("improvement:paper_add", args=[meeting.pk]),
        {"title": "x", "document": upload("a.pdf", PDF_BYTES)},
    )
    assert added.status_code == 403
    data = {"reason": "x", **date_fields("on", date(2025, 3, 1))}
    assert (
        client.post(reverse("improvement:paper_withdraw", args=[paper.pk]), data).status_code == 403
    )
    paper.refresh_from_db()
    assert MeetingPaper.objects.count() == 1 and paper.withdrawn_on is None


def test_a_missing_paper_is_a_404(world):
    client = world.client_for("board_member")
    assert client.get(reverse("improvement:paper_document", args=[999999])).status_code == 404
