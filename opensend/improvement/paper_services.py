"""Papers for a board meeting (docs/improvement.md, "Meeting papers"): a document that passed
core.uploads.check_upload, stored under a random name, with its title and the agenda item it is
for. Nothing is deleted: a withdrawn paper stays listed, marked withdrawn with why."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.services import apply_changes
from opensend.core.types import Actor
from opensend.core.uploads import CheckedUpload
from opensend.improvement.action_services import save_with_document
from opensend.improvement.models import AgendaItem, BoardMeeting, MeetingPaper
from opensend.improvement.services import _changed, _created, _reason


@transaction.atomic
def paper_add(
    *,
    actor: Actor,
    meeting: BoardMeeting,
    title: str,
    document: CheckedUpload | None,
    item: AgendaItem | None = None,
) -> MeetingPaper:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    if not title.strip():
        raise ValidationError({"title": "Enter the paper's title"})
    if document is None:
        raise ValidationError({"document": "Choose the paper to upload"})
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "Choose an item on this meeting's agenda"})
    paper = MeetingPaper(meeting=meeting, item=item, title=title.strip(), uploaded_by=actor)
    save_with_document(paper, document)
    _created(actor, paper, f"Added the paper {paper.title} to {meeting}")
    return paper


@transaction.atomic
def paper_withdraw(*, actor: Actor, paper: MeetingPaper, on: date, reason: str) -> MeetingPaper:
    """Withdraw a paper (the wrong version, replaced): it stays listed, marked withdrawn, and is
    no longer offered for download."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    if paper.withdrawn_on is not None:
        raise ValidationError({"reason": f"{paper} is already withdrawn"})
    changes = apply_changes(paper, {"withdrawn_on": on, "withdrawn_reason": why})
    paper.save()
    _changed(actor, paper, changes, f"Withdrew the paper {paper}: {why}")
    return paper
