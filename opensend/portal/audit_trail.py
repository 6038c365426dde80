"""The audit trail search page (administrators only): every read and change of a child's record,
by child (name or record number), by person (name or email address), action and date.

Each entry reads as a sentence ("Simran Mistry changed Shane Gill's address"), built by
`audit.wording.describe_event` from the event and the names of who did it and whose record it
was: never a model or field name.

It lives in the portal because it needs the permission rules (accounts) and the children's names
(people), and the audit app, which every app writes to, sits below both in the dependency order
(docs/architecture.md). The URLs keep the `audit:` names (portal/audit_urls.py).
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.accounts.decorators import require_capability
from opensend.accounts.models import User
from opensend.accounts.permissions import Capability
from opensend.audit.models import Action, AuditEvent
from opensend.audit.selectors import audit_event_search
from opensend.audit.wording import describe_event, words_for
from opensend.core.forms import GovukDateField, GovukForm
from opensend.core.views_helpers import paginate, querystring_without_page
from opensend.people.models import Child

# A name that matches more people than this is too vague to search by.
_MOST_MATCHES = 500


class AuditSearchForm(GovukForm):
    child = forms.CharField(
        label="Child or young person",
        required=False,
        max_length=200,
        help_text="Their name, date of birth, UPN or NHS number",
    )
    child_id = forms.IntegerField(
        label="Child record number",
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="The number at the end of the child's record address",
    )
    person = forms.CharField(
        label="Who did it",
        required=False,
        max_length=200,
        help_text="Their name or email address",
    )
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


def _children_named(text: str) -> list[int]:
    return list(Child.objects.all().search(name=text).values_list("pk", flat=True)[:_MOST_MATCHES])


def _people_named(text: str) -> list[int]:
    people = User.objects.all()
    for term in text.split():
        people = people.filter(
            Q(email__icontains=term) | Q(first_name__icontains=term) | Q(last_name__icontains=term)
        )
    return list(people.values_list("pk", flat=True)[:_MOST_MATCHES])


def _filters(data: dict[str, Any]) -> dict[str, Any]:
    filters = {
        k: v
        for k, v in data.items()
        if k in ("child_id", "action", "on_or_after", "on_or_before") and v not in (None, "")
    }
    if data.get("child"):
        filters["child_ids"] = _children_named(data["child"])
    if data.get("person"):
        filters["actor_ids"] = _people_named(data["person"])
    return filters


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    sentence: str
    changes: list[tuple[str, str, str]]  # (what, from, to), in plain words


def entries_for(events: list[AuditEvent]) -> list[Entry]:
    """Each event as a sentence, with its changes in plain words."""
    child_ids = {e.child_id for e in events if e.child_id}
    names = {c.pk: c.full_name for c in Child.objects.filter(pk__in=child_ids)}
    entries = []
    for event in events:
        keys = list(event.changes) if isinstance(event.changes, dict) else []
        words = words_for(event.object_type, keys)
        actor = (event.actor.get_full_name() or event.actor.email) if event.actor else ""
        if not actor and event.actor_email and event.actor_email != "system":
            actor = event.actor_email
        sentence = describe_event(
            action=event.action,
            words=words,
            actor_name=actor,
            child_name=names.get(event.child_id, "") if event.child_id else "",
            object_label=event.object_label,
        )
        changes = []
        for field, key in zip(words.fields, keys, strict=True):
            values = event.changes[key]
            if isinstance(values, list | tuple) and len(values) == 2:
                changes.append((field, str(values[0]), str(values[1])))
        entries.append(Entry(event=event, sentence=sentence, changes=changes))
    return entries


@require_capability(Capability.VIEW_AUDIT)
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    filters: dict[str, Any] = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            filters = _filters(form.cleaned_data)
        else:
            status = 400
    events = audit_event_search(**filters).select_related("actor")
    page_obj = paginate(request, events, per_page=50)
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "entries": entries_for(list(page_obj.object_list)),
            "querystring": querystring_without_page(request),
        },
        status=status,
    )
