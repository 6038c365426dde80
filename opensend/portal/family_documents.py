"""A family's letters and documents for one child (issue 14, item 6): the plan as issued (each
version, the PDF, in large print too) and every letter, email and text we sent this person about
the child, to read again. Never a working copy: a plan is listed once it was issued, and the
PDF link is the plans app's own, permission-checked, audited download."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, is_family_only
from opensend.core.views_helpers import paginate
from opensend.notify import family_messages
from opensend.people.selectors import child_get_for_user
from opensend.plans.models import PlanStatus
from opensend.plans.selectors import plan_in_force_while_amending, plan_list_for_user
from opensend.portal.family_timeline import reader_for


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
    page = paginate(request, family_messages.messages_to_me(user=request.user, child_id=child.pk))
    family_messages.audit_listed(user=request.user, messages=list(page.object_list))
    return render(
        request,
        "portal/family_documents.html",
        {
            "child": child,
            "plans": plans,
            "being_changed": being_changed,
            "page_obj": page,
            "reader": reader_for(request.user, child),
        },
    )
