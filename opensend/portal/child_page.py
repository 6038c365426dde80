"""The child's page, with where the child is at the top (`portal.child_record`).

Served at the people app's address and name (`people:child_detail`, joined in opensend/urls.py)
because the summary needs every journey app, and `people` comes before them all.

A family (a parent or carer with parental responsibility, or the young person, with no staff
role) gets the family's page at the same address: the timeline of every step done and ahead in
plain words, the journey bar, who to contact, and no staff codes (`portal.family_timeline`,
docs/family-portal.md). Messages to families link here."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, is_family_only
from opensend.casework import about_me
from opensend.messaging.access import writes_as_team
from opensend.messaging.models import MessageThread
from opensend.people import sharing
from opensend.people.models import Child
from opensend.people.selectors import current_enrolments
from opensend.people.views import child_page_context
from opensend.portal.child_documents import child_documents, child_messages
from opensend.portal.child_record import child_where_now
from opensend.portal.family_timeline import contact_for, family_timeline, reader_for
from opensend.portal.feedback_pages import feedback_due
from opensend.reviews import heard


@require_capability(Capability.VIEW_CHILDREN)
def child_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    if is_family_only(request.user):
        return _family_page(request, child_id)
    context = child_page_context(request, child_id)
    child = context["child"]
    context["where_now"] = child_where_now(child, user=request.user)
    context["documents"] = child_documents(child, user=request.user)
    context["recent_messages"] = child_messages(child, user=request.user)
    context["all_about_me"] = about_me.about_me_for_readers(user=request.user, child=child)
    if writes_as_team(request.user):
        context["may_message_family"] = True
        context["may_read_feedback"] = True
        context["message_waiting"] = MessageThread.objects.filter(
            child=child, reply_due_on__isnull=False
        ).exists()
    return render(request, "people/child_detail.html", context)


def _family_page(request: HttpRequest, child_id: int) -> HttpResponse:
    """The family's page. A young person who keeps their plan and papers from this parent
    (people.sharing) is found too, and their page says so and shows only what they share."""
    child = sharing.child_for_family_page(user=request.user, child_id=child_id)
    timeline = family_timeline(child, user=request.user, today=timezone.localdate())
    context = {
        "child": child,
        "timeline": timeline,
        "reader": reader_for(request.user, child),
        "contact": contact_for(child),
        "current_enrolments": current_enrolments(child) if timeline.view.plan else [],
        "feedback_due": feedback_due(request.user, child),
        "review_views_url": _review_views_url(request.user, child),
    }
    return render(request, "portal/family_child.html", context)


def _review_views_url(user: object, child: Child) -> str:
    """The page to send views for the review ahead (its meeting not held yet), for the family."""
    review = heard.review_before_meeting(child=child)
    if review is None or about_me.version_for(user, child) is None:
        return ""
    return heard.views_page_url(review)


@require_GET
def family_help(request: HttpRequest) -> HttpResponse:
    """What each step of the journey means, in plain words (linked from each step)."""
    rules = {
        rule_id: statutory.get_rule(rule_id)
        for rule_id in (
            "decide_whether_to_assess",
            "provide_advice",
            "notify_decision_not_to_issue",
            "draft_plan_representations",
            "issue_final_plan",
            "next_annual_review",
            "review_decision",
            "amendment_representations",
            "issue_amended_plan",
        )
    }
    return render(request, "portal/family_help.html", {"rules": rules})


# Joined to people.urls.urlpatterns under the `people` namespace in opensend/urls.py.
child_urlpatterns = [path("children/<int:child_id>/", child_detail, name="child_detail")]
