"""Pages for annual reviews and amendments. Thin: selectors read, services write.

Caseworkers and managers work from the queue; a SENCO from their setting's workspace. Every
record page checks the capability (decorator) and that the user may see the child (selectors:
the same 404 for missing and forbidden); step pages also check the user may lead the review.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.accounts.roles import Role
from opensend.audit.services import audit_record_list
from opensend.casework.selectors import team_caseworker_for_user
from opensend.core.downloads import document_response
from opensend.core.views_helpers import (
    apply_service_errors,
    clock_rows,
    paginate,
    querystring_without_page,
    step_view,
)
from opensend.plans import selectors as plan_selectors
from opensend.plans.selectors import plan_get_for_user
from opensend.reviews import selectors, services
from opensend.reviews.clocks import (
    amendment_clocks,
    invitations_late,
    late_against,
    representations_end,
    review_clocks,
)
from opensend.reviews.forms import (
    AmendmentRepresentationForm,
    AmendmentStartForm,
    CloseForm,
    ContributionForm,
    DecisionForm,
    FamilyAmendmentCommentForm,
    HeldForm,
    InvitationsForm,
    IssueAmendedForm,
    MeetingForm,
    ProposeForm,
    ReportForm,
)
from opensend.reviews.models import Amendment, AmendmentStatus, AnnualReview

PER_PAGE = 50


def _review(request: HttpRequest, review_id: int, *, lead: bool = False) -> AnnualReview:
    review = selectors.review_get_for_user(user=request.user, review_id=review_id)
    if lead and not selectors.can_lead(request.user, review):
        raise PermissionDenied
    return review


def _amendment(request: HttpRequest, amendment_id: int) -> Amendment:
    return selectors.amendment_get_for_user(user=request.user, amendment_id=amendment_id)


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
    review = _review(request, review_id)
    today = timezone.localdate()
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "today": today,
            "clocks": clock_rows(review_clocks(review), today),
            "timeline": selectors.review_timeline(review),
            "can_lead": selectors.can_lead(request.user, review),
            "can_decide": user_can(request.user, Capability.MANAGE_REVIEWS),
            "invitations_late": invitations_late(review),
            "pfa": services.pfa_required(review),
        },
    )


def _back(review: AnnualReview) -> str:
    return reverse("reviews:review_detail", args=[review.pk])


def _caption(review: AnnualReview) -> str:
    return f"{review.get_kind_display()} for {review.child.full_name}"


@require_capability(Capability.LEAD_REVIEWS)
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id, lead=True)
    return step_view(
        request,
        form=MeetingForm(request.POST or None, initial={"meeting_on": review.meeting_on}),
        heading="Set the date of the review meeting",
        caption=_caption(review),
        back=_back(review),
        action=lambda d: services.review_meeting_set(actor=request.user, review=review, **d),
        success=lambda r: (
            f"Meeting set for {statutory.long_date(r.meeting_on)}. Send the invitations by "
            f"{statutory.long_date(statutory.due('review_invitations', r.meeting_on))}."
        ),
        intro=f"The review must be held by {statutory.long_date(review.due_by)}.",
    )


@require_capability(Capability.LEAD_REVIEWS)
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id, lead=True)
    involvements = list(
        review.child.involvements.filter(closed_at__isnull=True).select_related("organisation")
    )
    by_id = {str(i.pk): i for i in involvements}

    def send(d: dict[str, Any]) -> Any:
        invitees = [
            services.Invitee(
                name=str(by_id[i].organisation),
                role=selectors.role_for_organisation(by_id[i].organisation),
                email=by_id[i].organisation.email,
                organisation=by_id[i].organisation,
            )
            for i in d.get("involvement_ids", [])
            if i in by_id
        ]
        if d.get("other_name") or d.get("other_email"):
            invitees.append(
                services.Invitee(
                    name=d.get("other_name", ""),
                    role=d.get("other_role") or "other",
                    email=d.get("other_email", ""),
                )
            )
        services.review_invitations_send(
            actor=request.user, review=review, sent_on=d["sent_on"], invitees=invitees
        )
        review.refresh_from_db()
        return review

    due = selectors.invitations_due_text(review)
    return step_view(
        request,
        form=InvitationsForm(request.POST or None, involvements=involvements),
        heading="Send the invitations",
        caption=_caption(review),
        back=_back(review),
        action=send,
        success=lambda r: (
            "Invitations recorded. They were sent late: less than 2 weeks before the meeting."
            if invitations_late(r)
            else "Invitations recorded. The family has been told the date of the meeting."
        ),
        intro=due,
    )


@require_capability(Capability.LEAD_REVIEWS)
@require_http_methods(["GET", "POST"])
def contribution(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id, lead=True)
    form = ContributionForm(request.POST or None, request.FILES or None)
    return step_view(
        request,
        form=form,
        heading="Add views or advice",
        caption=_caption(review),
        back=_back(review),
        action=lambda d: services.review_contribution_add(actor=request.user, review=review, **d),
        success="Views or advice added to the review",
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


@require_capability(Capability.LEAD_REVIEWS)
@require_http_methods(["GET", "POST"])
def held(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id, lead=True)
    return step_view(
        request,
        form=HeldForm(
            request.POST or None,
            invitations=review.invitations.all(),
            initial={"held_on": review.meeting_on},
        ),
        heading="Record the review meeting",
        caption=_caption(review),
        back=_back(review),
        action=lambda d: services.review_meeting_held(actor=request.user, review=review, **d),
        success="Meeting recorded. Send the report within 2 weeks of the meeting.",
    )


@require_capability(Capability.LEAD_REVIEWS)
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id, lead=True)
    pfa = services.pfa_required(review)
    return step_view(
        request,
        form=ReportForm(request.POST or None, pfa=pfa),
        heading="Send the review report",
        caption=_caption(review),
        back=_back(review),
        action=lambda d: services.review_report_submit(actor=request.user, review=review, **d),
        success="Report sent. The family has been told when to expect the decision.",
        intro=(
            "The child is in Year 9 or above: the report must cover the four "
            "preparing-for-adulthood areas."
            if pfa
            else ""
        ),
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id)
    intro = ""
    if review.meeting_on:
        due = statutory.due("review_decision", review.meeting_on)
        intro = f"The decision is due by {statutory.long_date(due)} (4 weeks from the meeting)."
    return step_view(
        request,
        form=DecisionForm(request.POST or None, initial={"decision": review.recommendation}),
        heading="Decide after the review",
        caption=_caption(review),
        back=_back(review),
        action=lambda d: services.review_decide(actor=request.user, review=review, **d),
        success=lambda r: f"Decision recorded: {r.get_decision_display().lower()}.",
        intro=intro,
    )


# ---------------------------------------------------------------------------- amendments


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def amendment_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Start an amendment; `?appeal=<id>` starts one to comply with a Tribunal order."""
    plan = plan_get_for_user(user=request.user, plan_id=plan_id)
    appeal = _order_appeal(request)
    return step_view(
        request,
        form=AmendmentStartForm(
            request.POST or None, initial={"source": "tribunal"} if appeal is not None else None
        ),
        heading="Amend the plan",
        caption=f"EHC plan for {plan.child.full_name}",
        back=reverse("plans:plan_detail", args=[plan.pk]),
        action=lambda d: services.amendment_start(
            actor=request.user, plan=plan, appeal=appeal, **d
        ),
        success="Amendment started. Change the plan, then send the proposals.",
        next_url=lambda amendment: reverse("reviews:amendment_detail", args=[amendment.pk]),
    )


def _order_appeal(request: HttpRequest) -> Any:
    """The appeal named in the query string, if the user may see it (the same 404 otherwise)."""
    appeal_id = request.GET.get("appeal", "")
    if not appeal_id:
        return None
    from opensend.disputes.selectors import appeal_get_for_user

    return appeal_get_for_user(user=request.user, appeal_id=appeal_id)  # type: ignore[arg-type]


@require_capability(Capability.VIEW_REVIEWS)
def amendment_detail(request: HttpRequest, amendment_id: int) -> HttpResponse:
    amendment = _amendment(request, amendment_id)
    today = timezone.localdate()
    clocks = amendment_clocks(amendment)
    return render(
        request,
        "reviews/amendment_detail.html",
        {
            "amendment": amendment,
            "today": today,
            "clocks": clock_rows(clocks, today),
            "timeline": selectors.amendment_timeline(amendment),
            "can_manage": user_can(request.user, Capability.MANAGE_REVIEWS),
            "comments_due": representations_end(amendment.proposed_on),
            "late": late_against(clocks, today) if amendment.is_open else [],
        },
    )


def _amendment_back(amendment: Amendment) -> str:
    return reverse("reviews:amendment_detail", args=[amendment.pk])


def _amendment_caption(amendment: Amendment) -> str:
    return f"Amending the plan for {amendment.child.full_name}"


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def amendment_propose(request: HttpRequest, amendment_id: int) -> HttpResponse:
    amendment = _amendment(request, amendment_id)
    return step_view(
        request,
        form=ProposeForm(request.POST or None),
        heading="Send the proposed changes",
        caption=_amendment_caption(amendment),
        back=_amendment_back(amendment),
        action=lambda d: services.amendment_propose(actor=request.user, amendment=amendment, **d),
        success="Proposals sent. The family has 15 days to comment.",
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def amendment_representations(request: HttpRequest, amendment_id: int) -> HttpResponse:
    amendment = _amendment(request, amendment_id)
    return step_view(
        request,
        form=AmendmentRepresentationForm(request.POST or None),
        heading="The family's comments on the proposed changes",
        caption=_amendment_caption(amendment),
        back=_amendment_back(amendment),
        action=lambda d: services.amendment_representation_record(
            actor=request.user, amendment=amendment, **d
        ),
        success="Comments recorded",
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def amendment_issue(request: HttpRequest, amendment_id: int) -> HttpResponse:
    amendment = _amendment(request, amendment_id)
    today = timezone.localdate()
    late = late_against(amendment_clocks(amendment), today) if amendment.is_open else []
    intro = (
        "Issuing today is late against: " + "; ".join(c.title for c in late) + "." if late else ""
    )

    def done(a: Amendment) -> str:
        missed = late_against(amendment_clocks(a), a.issued_on or today)
        text = f"Amended plan issued as version {a.issued_version}."
        if missed:
            text += " It was late against: " + "; ".join(c.title for c in missed) + "."
        return text

    return step_view(
        request,
        form=IssueAmendedForm(
            request.POST or None, initial={"named_setting": amendment.plan.named_setting_id}
        ),
        heading="Issue the amended plan",
        caption=_amendment_caption(amendment),
        back=_amendment_back(amendment),
        action=lambda d: services.amendment_issue(actor=request.user, amendment=amendment, **d),
        success=done,
        intro=intro,
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def amendment_close(request: HttpRequest, amendment_id: int, how: str) -> HttpResponse:
    amendment = _amendment(request, amendment_id)
    if how == "not-amended":
        heading, success = "Decide not to amend the plan", "Recorded. The family has been told."
        act: Callable[[dict[str, Any]], Any] = lambda d: services.amendment_not_amended(  # noqa: E731
            actor=request.user, amendment=amendment, decided_on=d["closed_on"], reasons=d["reason"]
        )
    elif how == "withdraw":
        heading, success = "Withdraw the amendment", "Amendment withdrawn"
        act = lambda d: services.amendment_withdraw(  # noqa: E731
            actor=request.user, amendment=amendment, withdrawn_on=d["closed_on"], reason=d["reason"]
        )
    else:
        raise Http404(selectors.AMENDMENT_NOT_FOUND)
    return step_view(
        request,
        form=CloseForm(request.POST or None),
        heading=heading,
        caption=_amendment_caption(amendment),
        back=_amendment_back(amendment),
        action=act,
        success=success,
    )


@require_capability(Capability.VIEW_CHILDREN)
@require_http_methods(["GET", "POST"])
def family_comment(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The family comments on proposed changes from their plan page, within the 15 days."""
    plan = plan_get_for_user(user=request.user, plan_id=plan_id)
    if not plan_selectors.is_family_of(request.user, plan.child):
        raise Http404(plan_selectors.NOT_FOUND)
    amendment = selectors.open_amendment_for_family(plan=plan)
    if amendment is None or amendment.status != AmendmentStatus.PROPOSED:
        raise Http404(plan_selectors.NOT_FOUND)
    today = timezone.localdate()
    window_end = representations_end(amendment.proposed_on)
    window_open = window_end is not None and today <= window_end
    form = FamilyAmendmentCommentForm(request.POST or None) if window_open else None
    back = reverse("plans:family", args=[plan.pk])
    if request.method == "POST":
        if form is None:
            messages.error(
                request,
                services.WINDOW_CLOSED.format(due=statutory.long_date(window_end))
                if window_end
                else selectors.AMENDMENT_NOT_FOUND,
            )
            return redirect(back)
        if form.is_valid():
            try:
                services.amendment_representation_record(
                    actor=request.user,
                    amendment=amendment,
                    made_on=today,
                    made_by=plan_selectors.family_name_for(request.user, plan.child),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "Thank you. We have your comments on the changes.")
                return redirect(back)
    return render(
        request,
        "reviews/family_comment.html",
        {
            "plan": plan,
            "amendment": amendment,
            "form": form,
            "window_end": window_end,
            "back": back,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )
