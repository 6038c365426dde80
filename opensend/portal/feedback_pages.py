"""Feedback after each stage (issue 14, item 7; the answers live in `feedback`).

These pages are here because they need to know whether a stage of the child's journey is done,
which only the journey apps can tell, and `feedback` sits below them (docs/architecture.md).

- The family: "Tell us how it went" on the child's page for each stage that is done and that
  this person has not answered; the survey at /you/feedback/<child>/<stage>/.
- The child's SENAR team: "Feedback from the family" on the child's record, listing the answers
  (audited) and recording one given by phone or on paper.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend import statutory
from opensend.casework.models import AssessmentRequest
from opensend.core.views_helpers import form_data, form_submitted
from opensend.feedback import selectors, services
from opensend.feedback.access import respondent_for, writes_as_family, writes_as_team
from opensend.feedback.forms import YOUNG_PERSON, RecordedAnswerForm, SurveyForm
from opensend.feedback.models import SurveyStage
from opensend.people.models import Child, FamilyMember
from opensend.people.sharing import parent_view_of
from opensend.plans.models import EHCPlan
from opensend.portal.family_timeline import reader_for
from opensend.reviews.models import AnnualReview

# The family is asked about a stage for a year after it was done (a local choice: after that
# the answer says little about how we work now). Staff may record a late answer at any time.
ASK_FOR_MONTHS = 12


def stages_to_ask_about(child: Child, today: date) -> dict[str, date]:
    """The stages done in the last ASK_FOR_MONTHS months."""
    since = statutory.add_months(today, -ASK_FOR_MONTHS)
    return {stage: on for stage, on in stages_done(child).items() if on >= since}


def _latest(records: Any, field: str) -> date | None:
    """The latest day in `field` among `records` (None when none is filled in)."""
    return (
        records.exclude(**{field: None}).order_by(f"-{field}").values_list(field, flat=True).first()
    )


def stages_done(child: Child) -> dict[str, date]:
    """Each stage of the child's journey that is done, with the latest day it was done: our
    decision whether to assess, the draft plan issued, the final plan issued, our decision after
    an annual review."""
    plans = EHCPlan.objects.filter(child=child)
    done = {
        SurveyStage.REQUEST_DECISION: _latest(
            AssessmentRequest.objects.filter(child=child), "assess_decision_on"
        ),
        SurveyStage.DRAFT_PLAN: _latest(plans, "draft_issued_on"),
        SurveyStage.FINAL_PLAN: _latest(plans.filter(version__gte=1), "issued_on"),
        SurveyStage.REVIEW_DECISION: _latest(
            AnnualReview.objects.filter(child=child), "decided_on"
        ),
    }
    return {str(stage): on for stage, on in done.items() if on is not None}


@dataclass(frozen=True)
class FeedbackLink:
    stage: str
    text: str
    url: str


def survey_url(child: Child, stage: str) -> str:
    return reverse("portal:feedback_survey", args=[child.pk, stage])


def feedback_due(user: Any, child: Child) -> list[FeedbackLink]:
    """The stages this family member may tell us about and has not (for the child's page)."""
    if not writes_as_family(user) or not parent_view_of(user, child).progress:
        return []
    try:
        member = respondent_for(user, child)
    except LookupError:
        return []
    answered = selectors.stages_answered(child=child, family_member=member)
    return [
        FeedbackLink(stage, SurveyStage(stage).label, survey_url(child, stage))
        for stage in stages_to_ask_about(child, timezone.localdate())
        if stage not in answered
    ]


@login_required
@require_http_methods(["GET", "POST"])
def family_survey(request: HttpRequest, child_id: int, stage: str) -> HttpResponse:
    """The short survey about one stage, for a parent or carer or the young person."""
    if not writes_as_family(request.user):
        raise Http404("No such page")
    child = selectors.child_for_feedback(user=request.user, child_id=child_id)
    if not parent_view_of(request.user, child).progress:
        raise Http404("No such page")
    try:
        member = respondent_for(request.user, child)
    except LookupError as exc:
        raise Http404("No such page") from exc
    done_on = stages_to_ask_about(child, timezone.localdate()).get(stage)
    if stage not in SurveyStage.values or done_on is None:
        raise Http404("No such page")
    form = SurveyForm(form_data(request))
    sent, _ = form_submitted(
        request,
        form,
        lambda d: services.survey_answer_record(
            actor=request.user,
            child=child,
            stage=stage,
            stage_done_on=done_on,
            family_member=member,
            **d,
        ),
        "Thank you for telling us how it went",
    )
    if sent:
        return redirect(reverse("people:child_detail", args=[child.pk]))
    return render(
        request,
        "portal/feedback_survey.html",
        {
            "child": child,
            "form": form,
            "stage": SurveyStage(stage),
            "reader": reader_for(request.user, child),
            "answered": stage in selectors.stages_answered(child=child, family_member=member),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _team_child(request: HttpRequest, child_id: int) -> Child:
    if not writes_as_team(request.user):
        raise Http404("No such page")
    return selectors.child_for_feedback(user=request.user, child_id=child_id)


def _respondents(child: Child) -> list[tuple[str, str]]:
    """Who may answer about the child: each parent or carer with parental responsibility, and
    the young person once they are over compulsory school age (or have their own account)."""
    choices = [
        (str(r.family_member_id), f"{r.family_member} ({r.get_relationship_display().lower()})")
        for r in child.relationships.filter(has_parental_responsibility=True).select_related(
            "family_member"
        )
    ]
    today = timezone.localdate()
    if child.user_id or statutory.is_young_person(child.date_of_birth, today):
        choices.append((YOUNG_PERSON, f"{child.full_name} (the young person)"))
    return choices


@login_required
@require_GET
def child_feedback(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's SENAR team read what the family told us about each stage."""
    child = _team_child(request, child_id)
    return render(
        request,
        "portal/feedback_child.html",
        {
            "child": child,
            "answers": selectors.answers_for_child(user=request.user, child=child),
            "stages_done": stages_done(child),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_record(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's SENAR team type in an answer the family gave by phone or on paper."""
    child = _team_child(request, child_id)
    done = stages_done(child)
    form = RecordedAnswerForm(
        form_data(request), stages=list(done), respondents=_respondents(child)
    )

    def save(d: dict[str, Any]) -> object:
        respondent, stage = d.pop("respondent"), d.pop("stage")
        member = None
        if respondent != YOUNG_PERSON:
            member = FamilyMember.objects.filter(pk=int(respondent)).first()
            if member is None:
                raise ValidationError({"respondent": services.NOT_THEIR_CHILD})
        return services.survey_answer_record(
            actor=request.user,
            child=child,
            stage=stage,
            stage_done_on=done.get(stage),
            family_member=member,
            **d,
        )

    saved, _ = form_submitted(request, form, save, "Answer recorded")
    if saved:
        return redirect(reverse("portal:feedback_child", args=[child.pk]))
    return render(
        request,
        "portal/feedback_record.html",
        {
            "child": child,
            "form": form,
            "nothing_done": not done,
            "paper_stages": [(stage, SurveyStage(stage).label) for stage in done],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


urlpatterns = [
    path(
        "you/feedback/<int:child_id>/<slug:stage>/",
        family_survey,
        name="feedback_survey",
    ),
    path("feedback/child/<int:child_id>/", child_feedback, name="feedback_child"),
    path("feedback/child/<int:child_id>/record/", feedback_record, name="feedback_record"),
]
