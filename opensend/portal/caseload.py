"""The caseload and team pages: a caseworker's cases and every other queue's soonest work,
and a manager's view of the team. They gather work from every journey app (casework, plans,
disputes, reviews), so they live in the portal, which reads from all of them
(docs/decisions/0002-journey-order.md). The queries are the apps' own selectors.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.audit.services import audit_record_list
from opensend.casework import selectors as casework_selectors
from opensend.core.views_helpers import paginate, querystring_without_page
from opensend.portal import worklist
from opensend.portal.today import today_for


@require_capability(Capability.VIEW_CASELOAD)
def caseload(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = paginate(request, casework_selectors.caseload_for_user(user=request.user), per_page=50)
    sections = worklist.work_sections_for(user=request.user, caseworker=request.user, on=today)
    _audit_caseload(request, page.object_list, sections)
    return render(
        request,
        "portal/caseload.html",
        {
            "page_obj": page,
            "today": today,
            "today_items": today_for(user=request.user, on=today, sections=sections),
            "querystring": querystring_without_page(request),
            "work_sections": sections,
        },
    )


def _audit_caseload(request: HttpRequest, cases: Any, sections: Any) -> None:
    """Every child named on a caseload page: its cases, and the other queues' soonest items."""
    audit_record_list(
        actor=request.user, objects=cases, child_id_attr="child_id", summary="Caseload"
    )
    audit_record_list(
        actor=request.user,
        objects=worklist.records_shown(sections),
        child_id_attr="child_id",
        summary="Caseload: other work",
    )


@require_capability(Capability.VIEW_TEAM)
def team(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    unassigned = list(casework_selectors.unassigned_for_user(user=request.user)[:50])
    audit_record_list(
        actor=request.user, objects=unassigned, child_id_attr="child_id", summary="Team: unassigned"
    )
    return render(
        request,
        "portal/team.html",
        {
            "rows": worklist.team_rows_for(user=request.user, on=today),
            "unassigned": unassigned,
            "today": today,
        },
    )


@require_capability(Capability.VIEW_TEAM)
def team_member_caseload(request: HttpRequest, user_id: int) -> HttpResponse:
    """One caseworker's open cases, for a manager deciding what to reassign."""
    caseworker = casework_selectors.team_caseworker_for_user(user=request.user, user_id=user_id)
    page = paginate(
        request,
        casework_selectors.caseload_for_user(user=request.user, caseworker=caseworker),
        per_page=50,
    )
    today = timezone.localdate()
    sections = worklist.work_sections_for(user=request.user, caseworker=caseworker, on=today)
    _audit_caseload(request, page.object_list, sections)
    return render(
        request,
        "portal/caseload.html",
        {
            "page_obj": page,
            "today": today,
            "work_sections": sections,
            "querystring": querystring_without_page(request),
            "caseworker": caseworker,
        },
    )
