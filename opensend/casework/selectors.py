"""Every read on the EHC journey: caseloads, the team view, a case and its timeline, advice."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from opensend import statutory
from opensend.accounts.models import Organisation, User
from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.accounts.roles import Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list
from opensend.casework.clocks import clocks_for
from opensend.casework.models import (
    ADVICE_FROM,
    OPEN_STAGES,
    AdviceKind,
    AdviceRequest,
    AdviceVersion,
    AssessmentRequest,
    CaseStep,
    Panel,
    PanelCase,
    RequestDocument,
)
from opensend.core.clocks import TimelineEntry, step_entries, timeline_of
from opensend.core.queues import due_counts
from opensend.core.types import Actor
from opensend.people.models import Child
from opensend.people.querysets import child_visibility

NOT_FOUND = "No case found"


def request_list_for_user(*, user: Actor) -> QuerySet[AssessmentRequest]:
    """Requests for children this user may see (the same rule as the child record)."""
    return AssessmentRequest.objects.filter(child_visibility(user, via="child"))


def caseload_for_user(*, user: Actor, caseworker: Any = None) -> QuerySet[AssessmentRequest]:
    """Open cases for one caseworker, soonest statutory date first."""
    return (
        request_list_for_user(user=user)
        .filter(caseworker=caseworker or user, stage__in=OPEN_STAGES)
        .select_related("child")
        .order_by("next_due_on", "received_on", "pk")
    )


@dataclass(frozen=True)
class CaseworkerLoad:
    caseworker: User
    open_cases: int
    overdue: int
    at_risk: int


def team_load_for_user(*, user: Actor, on: date) -> list[CaseworkerLoad]:
    """Each caseworker's open cases, overdue and due within 2 weeks, for a manager's teams."""
    access = access_for(user)
    if not access.has(Role.TEAM_MANAGER, Role.ADMIN):
        return []
    cases = request_list_for_user(user=user).filter(stage__in=OPEN_STAGES)
    if not access.has(Role.ADMIN):
        cases = cases.filter(child__senar_team_id__in=access.team_ids)
    rows = cases.values("caseworker").annotate(**due_counts(on)).order_by("-overdue", "-at_risk")
    users = User.objects.in_bulk([r["caseworker"] for r in rows if r["caseworker"]])
    return [
        CaseworkerLoad(users[r["caseworker"]], r["open"], r["overdue"], r["at_risk"])
        for r in rows
        if r["caseworker"] in users
    ]


def caseworker_loads(*, on: date) -> dict[int, tuple[int, int]]:
    """Every caseworker's open assessments and how many are overdue (one grouped query), for
    choosing who takes a case."""
    rows = (
        AssessmentRequest.objects.filter(stage__in=OPEN_STAGES, caseworker__isnull=False)
        .values("caseworker")
        .annotate(**due_counts(on))
    )
    return {r["caseworker"]: (r["open"], r["overdue"]) for r in rows}


def team_staff_for_user(*, user: Actor) -> QuerySet[User]:
    """Staff in the manager's teams (everyone for an administrator)."""
    staff = User.objects.filter(memberships__closed_at__isnull=True)
    access = access_for(user)
    if not access.has(Role.ADMIN):
        staff = staff.filter(memberships__team_id__in=access.team_ids)
    return staff.distinct()


def team_caseworker_for_user(*, user: Actor, user_id: int) -> User:
    """A caseworker in one of the manager's teams (the same 404 for anyone else)."""
    try:
        return team_staff_for_user(user=user).get(pk=user_id)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No caseworker found") from exc


def unassigned_for_user(*, user: Actor) -> QuerySet[AssessmentRequest]:
    access = access_for(user)
    cases = request_list_for_user(user=user).filter(stage__in=OPEN_STAGES, caseworker__isnull=True)
    if not access.has(Role.ADMIN):
        cases = cases.filter(child__senar_team_id__in=access.team_ids)
    return cases.select_related("child").order_by("next_due_on")


def request_get_for_user(*, user: Actor, request_id: int) -> AssessmentRequest:
    """The case, if the user may see its child; the same 404 otherwise. Audited as a read."""
    try:
        case = (
            request_list_for_user(user=user)
            .select_related("child", "caseworker", "requested_by_setting")
            .prefetch_related(
                Prefetch("steps", queryset=CaseStep.objects.select_related("recorded_by")),
                Prefetch(
                    "advice_requests",
                    queryset=AdviceRequest.objects.select_related("organisation", "submitted_by"),
                ),
                "clock_exceptions",
                "family_views",
                "panel_listings__panel",
            )
            .get(pk=request_id)
        )
    except (AssessmentRequest.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
    audit_record(actor=user, action=Action.VIEW, obj=case, child_id=case.child_id)
    return case


def timeline_for(case: AssessmentRequest) -> list[TimelineEntry]:
    """Every step done and every date ahead, with the rule that sets it."""
    return timeline_of(step_entries(case.steps.all()), clocks_for(case))


def advice_list_for_user(*, user: Actor, outstanding_only: bool = False) -> QuerySet[AdviceRequest]:
    """Advice requests sent to the user's organisations (a professional's workspace)."""
    access = access_for(user)
    qs = AdviceRequest.objects.filter(organisation_id__in=access.organisation_ids)
    if outstanding_only:
        qs = qs.filter(received_on__isnull=True, withdrawn_on__isnull=True)
    return qs.select_related("request__child", "organisation").order_by("requested_on", "pk")


def advice_is_ours(user: Actor, advice: AdviceRequest) -> bool:
    """The user works for the organisation asked: they write (and may correct) this advice."""
    return advice.organisation_id in access_for(user).organisation_ids


def _may_read_advice(user: Actor, advice: AdviceRequest) -> bool:
    """Advice is read by its authors and by every professional who may see the child: the
    caseworker, their team and manager, and the child's other professionals."""
    if not user.is_authenticated:
        return False
    if advice_is_ours(user, advice) or advice.submitted_by_id == user.pk:
        return True
    return may_see_child(user, advice.request.child_id)


def may_see_child(user: Actor, child_id: int) -> bool:
    """The user may open the child's record (the one visibility rule)."""
    return (
        user_can(user, Capability.SEARCH_CHILDREN)
        and Child.objects.visible_to(user).filter(pk=child_id).exists()
    )


def advice_get_for_user(*, user: Actor, advice_id: int) -> AdviceRequest:
    """One piece of advice, with its versions, for its authors and for professionals who may
    see the child; the same 404 otherwise. Audited as a read of the child's record."""
    try:
        advice = (
            AdviceRequest.objects.select_related(
                "request__child", "request__family_views", "organisation", "submitted_by"
            )
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=AdviceVersion.objects.select_related("submitted_by").order_by(
                        "-number"
                    ),
                )
            )
            .get(pk=advice_id)
        )
    except (AdviceRequest.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No advice request found") from exc
    if not _may_read_advice(user, advice):
        raise Http404("No advice request found")
    audit_record(actor=user, action=Action.VIEW, obj=advice, child_id=advice.request.child_id)
    return advice


def advice_document_for_user(
    *, user: Actor, advice_id: int, version: int | None = None
) -> AdviceRequest | AdviceVersion:
    """The advice's document (or an earlier version's) for those who may read the advice.
    A draft's document is only for its authors. The download is audited; missing, forbidden
    and "no document" give the same 404."""
    try:
        advice = AdviceRequest.objects.select_related("request").get(pk=advice_id)
        held: AdviceRequest | AdviceVersion = (
            advice if version is None else advice.versions.get(number=version)
        )
    except (
        AdviceRequest.DoesNotExist,
        AdviceVersion.DoesNotExist,
        ValueError,
        TypeError,
        OverflowError,
    ) as exc:
        raise Http404("No document found") from exc
    draft_only = advice.received_on is None and not advice_is_ours(user, advice)
    if not held.document or draft_only or not _may_read_advice(user, advice):
        raise Http404("No document found")
    audit_record(
        actor=user,
        action=Action.EXPORT,
        obj=advice,
        child_id=advice.request.child_id,
        summary=f"Advice document downloaded: {held.document_name}"[:300],
    )
    return held


def reusable_advice_for(case: AssessmentRequest, *, on: date) -> QuerySet[AdviceRequest]:
    """Advice already received for this child in the last year, from earlier cases."""
    return (
        AdviceRequest.objects.filter(
            request__child_id=case.child_id,
            received_on__gte=statutory.add_months(on, -12),
        )
        .exclude(request=case)
        .select_related("organisation")
    )


def panel_list_for_user(*, user: Actor) -> QuerySet[Panel]:
    if not access_for(user).has(Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN):
        return Panel.objects.none()
    return Panel.objects.annotate(case_count=Count("cases")).order_by("-held_on", "-pk")


def panel_get_for_user(*, user: Actor, panel_id: int) -> Panel:
    try:
        return (
            panel_list_for_user(user=user)
            .prefetch_related(
                "members__organisation",
                Prefetch("cases", queryset=PanelCase.objects.select_related("request__child")),
            )
            .get(pk=panel_id)
        )
    except (Panel.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No panel found") from exc


def panel_papers_for_user(*, user: Actor, panel: Panel) -> Sequence[PanelCase]:
    """The panel's papers: each listed case the user may see, with the request, its evidence
    documents, the family's views and the advice received so far. Audited as a read of each
    child's record."""
    listings = list(
        panel.cases.filter(child_visibility(user, via="request__child"))
        .select_related("request__child", "request__family_views", "request__requested_by_setting")
        .prefetch_related(
            "request__documents",
            Prefetch(
                "request__advice_requests",
                queryset=AdviceRequest.objects.filter(received_on__isnull=False)
                .select_related("organisation")
                .order_by("received_on"),
                to_attr="advice_in",
            ),
        )
    )
    audit_record_list(
        actor=user,
        objects=[listing.request for listing in listings],
        child_id_attr="child_id",
        summary=f"Panel papers: {panel}",
    )
    return listings


def panel_candidates_for_user(*, user: Actor, panel: Panel) -> QuerySet[AssessmentRequest]:
    """Open cases the panel may be asked about (whether to assess, whether to issue a plan,
    a placement or funding); the service checks the question fits the case's stage."""
    return (
        request_list_for_user(user=user)
        .filter(stage__in=OPEN_STAGES)
        .select_related("child")
        .order_by("next_due_on", "pk")
    )


REFUSAL_TEMPLATES = ("decided_not_to_assess", "decided_not_to_issue")


def refusal_message_for(case: AssessmentRequest) -> Any:
    """The latest refusal message sent to the family on this case (for its decision letter)."""
    from opensend.notify.models import OutboxMessage

    return (
        OutboxMessage.objects.filter(child_id=case.child_id, template__in=REFUSAL_TEMPLATES)
        .select_related("family_member")
        .order_by("-created_at", "-pk")
        .first()
    )


def request_document_for_user(*, user: Actor, document_id: int) -> RequestDocument:
    """Evidence sent with a request, for the person who sent it and everyone who may see the
    child (the SENAR team, the setting, professionals involved). The download is audited;
    missing and forbidden give the same 404."""
    try:
        document = RequestDocument.objects.select_related("request").get(pk=document_id)
    except (RequestDocument.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No document found") from exc
    mine = document.uploaded_by_id == getattr(user, "pk", None)
    if not (mine or may_see_child(user, document.request.child_id)):
        raise Http404("No document found")
    audit_record(
        actor=user,
        action=Action.EXPORT,
        obj=document.request,
        child_id=document.request.child_id,
        summary=f"Request evidence downloaded: {document.document_name}"[:300],
    )
    return document


# The statutory advisers asked in one step (reg 6(1)(b)-(e)), in the order the page shows them.
STATUTORY_ADVICE = (
    AdviceKind.EDUCATION,
    AdviceKind.EDUCATIONAL_PSYCHOLOGY,
    AdviceKind.HEALTH,
    AdviceKind.SOCIAL_CARE,
)


def advisers_for(case: AssessmentRequest) -> dict[str, Organisation | None]:
    """Who to ask for each kind of statutory advice not yet asked for, pre-filled from what we
    know of the child: their current school or setting, the organisations already working
    with them (health, social care, EP), or the only open organisation of that kind."""
    asked = set(
        case.advice_requests.filter(withdrawn_on__isnull=True).values_list("kind", flat=True)
    )
    child = case.child
    involved = [
        i.organisation
        for i in child.involvements.filter(closed_at__isnull=True).select_related("organisation")
    ]
    schools = [
        e.setting.organisation
        for e in child.enrolments.filter(ended_on__isnull=True).select_related(
            "setting__organisation"
        )
        if getattr(e.setting, "organisation", None) is not None
    ]
    suggestions: dict[str, Organisation | None] = {}
    for kind in STATUTORY_ADVICE:
        if kind in asked:
            continue
        kinds = ADVICE_FROM[kind]
        known = schools if kind == AdviceKind.EDUCATION else involved
        chosen = next((org for org in known if org.kind in kinds and not org.is_closed), None)
        if chosen is None and kind != AdviceKind.EDUCATION:
            only = list(Organisation.objects.open().filter(kind=kinds[0])[:2])
            chosen = only[0] if len(only) == 1 else None
        suggestions[kind] = chosen
    return suggestions
