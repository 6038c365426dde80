"""Papers for a board meeting: managers upload them (checked, stored under a random name) and
withdraw them with why; every reader downloads them, each download audited."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.core.downloads import document_response
from opensend.core.views_helpers import form_data
from opensend.improvement import paper_services, selectors
from opensend.improvement.action_forms import PaperForm
from opensend.improvement.action_views import _files
from opensend.improvement.forms import WithdrawForm
from opensend.improvement.views import MANAGE, VIEW, _form_page


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def paper_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(meeting_id=meeting_id)
    return _form_page(
        request,
        PaperForm(form_data(request), _files(request), items=meeting.items.all()),
        lambda data: paper_services.paper_add(actor=request.user, meeting=meeting, **data),
        success=lambda p: f"Paper {p.title} added",
        done=lambda _: redirect("improvement:meeting_detail", meeting_id=meeting.pk),
        context={"heading": "Add a paper", "caption": meeting.title, "meeting": meeting},
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def paper_withdraw(request: HttpRequest, paper_id: int) -> HttpResponse:
    paper = selectors.paper_get(paper_id=paper_id)
    return _form_page(
        request,
        WithdrawForm(form_data(request), initial={"on": timezone.localdate()}),
        lambda data: paper_services.paper_withdraw(actor=request.user, paper=paper, **data),
        success=f"Paper {paper.title} withdrawn",
        done=lambda _: redirect("improvement:meeting_detail", meeting_id=paper.meeting_id),
        context={
            "heading": f"Withdraw the paper {paper.title}",
            "caption": paper.meeting.title,
            "meeting": paper.meeting,
            "intro": "It stays listed on the meeting's page, marked withdrawn with why, and can "
            "no longer be downloaded.",
        },
    )


@require_capability(VIEW)
@require_GET
def paper_document(request: HttpRequest, paper_id: int) -> HttpResponse:
    """A meeting paper (papers hold no child's details: every reader may open one)."""
    paper = selectors.paper_for_download(user=request.user, paper_id=paper_id)
    # A FileResponse streams the file.
    return document_response(  # type: ignore[return-value]
        paper.document, filename=paper.document_name, content_type=paper.document_type
    )
