"""Ceasing pages: the open cease decisions, start, and each step. Thin: selectors and services."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, user_can
from opensend.core.views_helpers import clock_rows, form_data, object_step, step_view
from opensend.disputes.models import Appeal, AppealType
from opensend.reviews.ceasing import selectors, services
from opensend.reviews.ceasing.forms import (
    CessationAppealLinkForm,
    CessationAppealLodgeForm,
    CessationCeaseForm,
    CessationCloseForm,
    CessationConsultationForm,
    CessationDecideForm,
    CessationStartForm,
)
from opensend.reviews.models import CessationStatus


@require_capability(Capability.VIEW_REVIEWS)
def cessation_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "reviews/ceasing/list.html",
        {"rows": selectors.cessation_queue_for_user(user=request.user, on=today), "today": today},
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cessation_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, plan_id=plan_id)
    age = plan.child.age_on(timezone.localdate())
    return step_view(
        request,
        form=CessationStartForm(form_data(request)),
        heading="Consider ceasing the plan",
        caption=f"{plan.child.full_name}, aged {age}",
        back=reverse("reviews:cessation_list"),
        action=lambda d: services.cessation_start(actor=request.user, plan=plan, **d),
        success="Recorded. Next, tell and consult the family and the setting.",
        intro=(
            "We may stop a plan only if we are no longer responsible for the child or young "
            "person, or the plan is no longer necessary. Under 18, only because it is no "
            "longer necessary. From 18, also when the young person has left education or "
            "training (after a review), or started higher education or paid work "
            f"({statutory.CESSATION_CITATION})."
        ),
        submit_label="Continue",
        next_url=lambda cessation: reverse("reviews:cessation_detail", args=[cessation.pk]),
    )


@require_capability(Capability.VIEW_REVIEWS)
def cessation_detail(request: HttpRequest, cessation_id: int) -> HttpResponse:
    cessation = selectors.cessation_get_for_user(user=request.user, cessation_id=cessation_id)
    today = timezone.localdate()
    check = services.cease_check_for(cessation.child, cessation.reason, today)
    manage = user_can(request.user, Capability.MANAGE_REVIEWS) and cessation.is_open
    appeal = cessation.appeal
    blocker = services.cease_blocker(cessation, today)
    status = cessation.status
    return render(
        request,
        "reviews/ceasing/detail.html",
        {
            "cessation": cessation,
            "child": cessation.child,
            "plan": cessation.plan,
            "check": check,
            "banner": selectors.plan_cessation_banner(cessation.plan, on=today),
            "clocks": clock_rows(selectors.cessation_clocks(cessation), today),
            "appeal_due": statutory.appeal_deadline_explained(cessation.decided_on)
            if cessation.decided_on
            else None,
            "can_consult": manage and cessation.family_consulted_on is None,
            "can_decide": manage
            and status == CessationStatus.PROPOSED
            and cessation.family_consulted_on is not None,
            "can_appeal": manage and status == CessationStatus.DECIDED,
            "can_cease": manage and status != CessationStatus.PROPOSED and not blocker,
            "blocker": blocker if manage and status != CessationStatus.PROPOSED else "",
            "can_close": manage and (appeal is None or bool(appeal.outcome)),
            "citation": statutory.CESSATION_CITATION,
            "can_see_appeal": user_can(request.user, Capability.MANAGE_DISPUTES),
            "today": today,
        },
    )


def _cessation_step(request: HttpRequest, cessation_id: int, **kwargs: Any) -> HttpResponse:
    cessation = selectors.cessation_get_for_user(user=request.user, cessation_id=cessation_id)
    return object_step(
        request,
        cessation,
        caption=f"Ceasing the plan for {cessation.child.full_name}",
        back=reverse("reviews:cessation_detail", args=[cessation.pk]),
        **kwargs,
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cessation_consult(request: HttpRequest, cessation_id: int) -> HttpResponse:
    return _cessation_step(
        request,
        cessation_id,
        form=lambda data, c: CessationConsultationForm(data),
        heading="Tell and consult the family and the setting",
        action=lambda c, d: services.cessation_consultation_record(
            actor=request.user, cessation=c, **d
        ),
        success="Consultation recorded. The family and the setting have been told.",
        intro="The family gets a letter saying we are thinking of stopping the plan, and the "
        "setting an email (SEND Regulations 2014, reg 31(1)).",
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cessation_decide(request: HttpRequest, cessation_id: int) -> HttpResponse:
    return _cessation_step(
        request,
        cessation_id,
        form=lambda data, c: CessationDecideForm(data),
        heading="Decide to cease and send the notice",
        action=lambda c, d: services.cessation_decide(actor=request.user, cessation=c, **d),
        success="Decision recorded. The notice, with the right of appeal, has been sent.",
        intro="The notice gives the reasons, the right to appeal and its deadline, and "
        "information about mediation (SEND Regulations 2014, reg 31(2) and (3)).",
        submit_label="Send the notice",
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cessation_appeal(request: HttpRequest, cessation_id: int) -> HttpResponse:
    return _cessation_step(
        request,
        cessation_id,
        form=lambda data, c: CessationAppealLodgeForm(data),
        heading="The family has appealed",
        action=lambda c, d: services.cessation_appeal_lodge(actor=request.user, cessation=c, **d),
        success="Appeal recorded. The plan is kept while the appeal is decided.",
        intro="The plan stays in place until the Tribunal decides.",
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cessation_appeal_link(request: HttpRequest, cessation_id: int) -> HttpResponse:
    return _cessation_step(
        request,
        cessation_id,
        form=lambda data, c: CessationAppealLinkForm(
            data,
            appeals=Appeal.objects.filter(child=c.child, appeal_type=AppealType.CEASING),
        ),
        heading="Link an appeal already recorded",
        action=lambda c, d: services.cessation_appeal_link(actor=request.user, cessation=c, **d),
        success="Appeal linked. The plan is kept while the appeal is decided.",
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cessation_cease(request: HttpRequest, cessation_id: int) -> HttpResponse:
    return _cessation_step(
        request,
        cessation_id,
        form=lambda data, c: CessationCeaseForm(data),
        heading="Cease the plan",
        action=lambda c, d: services.cessation_cease(actor=request.user, cessation=c, **d),
        success="The plan has ceased. The family has been told.",
        intro="Any open review, transfer or amendment of the plan is closed.",
        submit_label="Cease the plan",
    )


@require_capability(Capability.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cessation_close(request: HttpRequest, cessation_id: int) -> HttpResponse:
    return _cessation_step(
        request,
        cessation_id,
        form=lambda data, c: CessationCloseForm(data),
        heading="Keep the plan",
        action=lambda c, d: services.cessation_close(actor=request.user, cessation=c, **d),
        success="Recorded. The plan continues.",
    )
