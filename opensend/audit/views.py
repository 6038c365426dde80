from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.audit.forms import AuditSearchForm
from opensend.audit.selectors import audit_event_list_for_user
from opensend.core.views_helpers import paginate, querystring_without_page


@require_capability(Capability.VIEW_AUDIT)
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    filters = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        else:
            status = 400
    events = audit_event_list_for_user(user=request.user, **filters).select_related("actor")
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page_obj": paginate(request, events, per_page=50),
            "querystring": querystring_without_page(request),
        },
        status=status,
    )
