"""The audit trail search page (administrators only): every read and change of a child's record,
by child, person, action and date.

It lives in the portal because it needs the permission rules (accounts), and the audit app,
which every app writes to, sits below accounts in the dependency order (docs/architecture.md).
The URLs keep the `audit:` names (portal/audit_urls.py).
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.audit.models import Action
from opensend.audit.selectors import audit_event_search
from opensend.core.forms import GovukDateField, GovukForm
from opensend.core.views_helpers import paginate, querystring_without_page


class AuditSearchForm(GovukForm):
    child_id = forms.IntegerField(
        label="Child record number",
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="The number at the end of the child's record address",
    )
    actor_email = forms.EmailField(label="User's email address", required=False)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any"), *Action.choices]
    )
    on_or_after = GovukDateField(label="From", required=False)
    on_or_before = GovukDateField(label="To", required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("on_or_after"), data.get("on_or_before")
        if start and end and end < start:
            self.add_error(
                "on_or_before", "The 'to' date must be the same as or after the 'from' date"
            )
        return data


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
    events = audit_event_search(**filters).select_related("actor")
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
