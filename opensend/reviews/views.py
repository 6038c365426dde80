"""Pages for annual reviews: the queue, a SENCO's workspace, one review and its documents.
Thin: selectors read, services write. Each step of a review is served by its step table
(`reviews.steps.REVIEW_STEPS`, in the urls), and the review's page shows the buttons that table
permits.

Caseworkers and managers work from the queue; a SENCO from their setting's workspace. Every
record page checks the capability (decorator) and that the user may see the child (selectors:
the same 404 for missing and forbidden).
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.accounts.roles import Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list
from opensend.casework.selectors import team_caseworker_for_user
from opensend.core.downloads import bytes_response, document_response
from opensend.core.views_helpers import clock_rows, paginate, querystring_without_page
from opensend.reviews import heard, selectors, services
from opensend.reviews.access import reviews_home
from opensend.reviews.annual_clocks import invitations_late, meeting_warnings, review_clocks
from opensend.reviews.report_pdf import review_report_pdf as review_report_pdf_bytes
from opensend.reviews.steps import REVIEW_STEPS

PER_PAGE = 50


# ---------------------------------------------------------------------------- lists


def _audit_rows(request: HttpRequest, rows: Any, summary: str) -> None:
    records = [row.record for row in rows]
    audit_record_list(
        actor=request.user, objects=records, child_id_attr="child_id", summary=summary
    )


@require_capability(Capability.MANAGE_REVIEWS)
def queue(request: HttpRequest) -> HttpResponse:
    """Mine (a caseworker), or the team's with a filter by caseworker (a manager)."""
    today = timezone.localdate()
    manager = user_can(request.user, Capability.VIEW_TEAM)
    caseworker: Any = None
    chosen = request.GET.get("caseworker", "")
    if manager and chosen:
        caseworker = team_caseworker_for_user(user=request.user, user_id=chosen)  # type: ignore[arg-type]
    elif not manager:
        caseworker = request.user
    rows = selectors.review_queue_for_user(user=request.user, on=today, caseworker=caseworker)
    page = paginate(request, rows, PER_PAGE)
    _audit_rows(request, page.object_list, "Review queue")
    return render(
        request,
        "reviews/queue.html",
        {
            "page_obj": page,
            "rows": page.object_list,
            "today": today,
            "manager": manager,
            "caseworkers": selectors.caseworker_choices_for_user(user=request.user)
            if manager
            else [],
            "chosen": caseworker,
            "querystring": querystring_without_page(request),
        },
    )


@require_capability(Capability.LEAD_REVIEWS)
def setting_workspace(request: HttpRequest) -> HttpResponse:
    """A SENCO's reviews: pupils on their setting's roll, soonest next date first."""
    today = timezone.localdate()
    if not access_for(request.user).has(Role.SENCO):
        return redirect("reviews:queue")
    page = paginate(
        request, selectors.setting_reviews_for_user(user=request.user, on=today), PER_PAGE
    )
    _audit_rows(request, page.object_list, "Setting reviews")
    return render(
        request,
        "reviews/setting_workspace.html",
        {"page_obj": page, "rows": page.object_list, "today": today},
    )


# ---------------------------------------------------------------------------- a review


@require_capability(Capability.VIEW_REVIEWS)
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.review_get_for_user(user=request.user, review_id=review_id)
    today = timezone.localdate()
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "today": today,
            "clocks": clock_rows(review_clocks(review), today),
            "timeline": selectors.review_timeline(review),
            "steps": REVIEW_STEPS.buttons(review, request.user),
            "back": reviews_home(request.user),
            "invitations_late": invitations_late(review),
            "meeting_warnings": meeting_warnings(review, today=today),
            "pfa": services.pfa_required(review),
            "views_by": heard.views_by(review),
            "sent_by_family": heard.sent_online_by_family(review),
        },
    )


@login_required
def contribution_document(request: HttpRequest, contribution_id: int) -> HttpResponseBase:
    """A document added to a review, for staff who may see the child and whoever added it."""
    contribution = selectors.contribution_document_for_user(
        user=request.user, contribution_id=contribution_id
    )
    return document_response(
        contribution.document,
        filename=contribution.document_name,
        content_type=contribution.document_type,
    )


@login_required
@require_GET
def review_report_pdf(request: HttpRequest, review_id: int) -> HttpResponseBase:
    """The review report as a document, once it has been sent (audited as an export)."""
    review = selectors.review_get_for_user(user=request.user, review_id=review_id)
    if review.report_sent_on is None:
        raise Http404("The report has not been sent yet")
    content = review_report_pdf_bytes(review, pfa=services.pfa_required(review))
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        obj=review,
        child_id=review.child_id,
        summary="Review report PDF",
    )
    return bytes_response(
        content, filename=f"review-report-{review.pk}.pdf", content_type="application/pdf"
    )
