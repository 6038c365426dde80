"""A family's letters and documents for one child (issue 14, item 6): the plan as issued (each
version, the PDF, in large print too), the report of each annual review meeting and our decision
after it, and every letter, email and text we sent this person about the child, to read again.
Never a working copy: a plan is listed once it was issued, and the PDF link is the plans app's
own, permission-checked, audited download."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, is_family_only
from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list
from opensend.core.downloads import bytes_response
from opensend.core.views_helpers import paginate
from opensend.notify import family_messages
from opensend.people.selectors import child_get_for_user
from opensend.plans.models import PlanStatus
from opensend.plans.selectors import plan_in_force_while_amending, plan_list_for_user
from opensend.portal.family_timeline import reader_for
from opensend.reviews.family_reads import review_report_for_family, reviews_sent_to_family
from opensend.reviews.report_pdf import review_report_pdf
from opensend.reviews.services import pfa_required

# Our decision after a review is one of these messages (notify/messages/reviews.py and the
# amendment proposed when we decide to change the plan).
DECISION_TEMPLATES = ("review_decision", "amendment_proposed", "plan_ceased")


@require_capability(Capability.VIEW_CHILDREN)
@require_GET
def family_documents(request: HttpRequest, child_id: int) -> HttpResponse:
    if not is_family_only(request.user):
        raise Http404("No such page")  # staff have the child's record and its documents list
    child = child_get_for_user(user=request.user, child_id=child_id)
    plans = [
        p
        for p in plan_list_for_user(user=request.user).filter(
            child=child, status__in=[PlanStatus.FINAL, PlanStatus.CEASED], issued_on__isnull=False
        )
    ]
    plans.sort(key=lambda p: (p.issued_on, p.version), reverse=True)
    being_changed = {p.pk for p in plans if plan_in_force_while_amending(p)}
    reviews = list(reviews_sent_to_family(user=request.user, child_id=child.pk))
    audit_record_list(
        actor=request.user, objects=reviews, child_id_attr="child_id", summary="Review reports"
    )
    _attach_decision_letters(request.user, child.pk, reviews)
    page = paginate(request, family_messages.messages_to_me(user=request.user, child_id=child.pk))
    family_messages.audit_listed(user=request.user, messages=list(page.object_list))
    return render(
        request,
        "portal/family_documents.html",
        {
            "child": child,
            "plans": plans,
            "being_changed": being_changed,
            "reviews": reviews,
            "page_obj": page,
            "reader": reader_for(request.user, child),
        },
    )


def _attach_decision_letters(user: object, child_id: int, reviews: list) -> None:
    """Give each decided review the message about our decision we sent this person: the first
    decision message on or after the day we decided (`review.decision_letter`, or None)."""
    letters = [
        m
        for m in family_messages.messages_to_me(user=user, child_id=child_id).order_by("created_at")
        if m.template.startswith(DECISION_TEMPLATES)
    ]
    for review in reviews:
        review.decision_letter = next(
            (m for m in letters if review.decided_on and m.created_at.date() >= review.decided_on),
            None,
        )


@require_capability(Capability.VIEW_CHILDREN)
@require_GET
def family_review_report(request: HttpRequest, child_id: int, review_id: int) -> HttpResponse:
    """The report of a review meeting as sent to the family, for the family only (staff have
    the review's own page): 404 for anyone else, a report not sent, or another child's review."""
    if not is_family_only(request.user):
        raise Http404("No such page")
    child = child_get_for_user(user=request.user, child_id=child_id)
    review = review_report_for_family(user=request.user, child_id=child.pk, review_id=review_id)
    content = review_report_pdf(review, pfa=pfa_required(review))
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        obj=review,
        child_id=review.child_id,
        summary="Review report downloaded by the family",
    )
    return bytes_response(
        content,
        filename=f"Review report {review.report_sent_on:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
