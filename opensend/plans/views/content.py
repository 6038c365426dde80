"""The plan's content pages: add, change and remove a need, an outcome or provision (the
golden thread). Open to SENAR staff; the services refuse a plan whose content cannot change
now (`plans.steps.may_edit_content` says when the plan page offers these links).

Each kind of row is declared once (`ROWS`: its form, fields, links, services and words); the
pages for adding, changing and removing one are the same for every kind.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.plans import selectors
from opensend.plans.forms import NeedForm, OutcomeForm, ProvisionForm
from opensend.plans.models import EHCPlan
from opensend.plans.services import content
from opensend.plans.views.pages import plan_for, plan_form_page, plan_redirect

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Row:
    """A kind of row in the plan's content, and the words on its pages."""

    kind: str  # "need": the services' keyword and the URL's `<kind>_id`
    form: Callable[[Any, EHCPlan, dict[str, Any] | None], BaseForm]  # form(data, plan, initial)
    fields: list[str]  # the fields a change starts from
    links: str  # the form field that links it to other rows ("need_ids"), or ""
    get: Callable[[EHCPlan, int], Any]
    add: Callable[..., Any]
    update: Callable[..., Any]
    remove: Callable[..., None]
    add_heading: str
    added: str
    edit_heading: str
    changed: str
    removed: str
    section_from_query: bool = True  # the add page starts at ?section=


ROWS = {
    "need": Row(
        kind="need",
        form=lambda data, _plan, initial: NeedForm(data, initial=initial),
        fields=content.NEED_FIELDS,
        links="",
        get=selectors.need_get,
        add=content.need_add,
        update=content.need_update,
        remove=content.need_remove,
        add_heading="Add a need",
        added="Need added. Now link an outcome to it.",
        edit_heading="Change a need",
        changed="Need changed",
        removed="Need removed",
    ),
    "outcome": Row(
        kind="outcome",
        form=lambda data, plan, initial: OutcomeForm(data, plan=plan, initial=initial),
        fields=content.OUTCOME_FIELDS,
        links="need_ids",
        get=selectors.outcome_get,
        add=content.outcome_add,
        update=content.outcome_update,
        remove=content.outcome_remove,
        add_heading="Add an outcome",
        added="Outcome added. Now link provision to it.",
        edit_heading="Change an outcome",
        changed="Outcome changed",
        removed="Outcome removed",
        section_from_query=False,
    ),
    "provision": Row(
        kind="provision",
        form=lambda data, plan, initial: ProvisionForm(data, plan=plan, initial=initial),
        fields=content.PROVISION_FIELDS,
        links="outcome_ids",
        get=selectors.provision_get,
        add=content.provision_add,
        update=content.provision_update,
        remove=content.provision_remove,
        add_heading="Add provision",
        added="Provision added",
        edit_heading="Change provision",
        changed="Provision changed",
        removed="Provision removed",
    ),
}
LINKED = {"need_ids": "needs", "outcome_ids": "outcomes"}


def _initial(row: Row, obj: Any) -> dict[str, Any]:
    initial = {name: getattr(obj, name) for name in row.fields}
    if row.links:
        initial[row.links] = [linked.pk for linked in getattr(obj, LINKED[row.links]).all()]
    return initial


def add_page(row: Row) -> View:
    @require_capability(Capability.MANAGE_CASES)
    @require_http_methods(["GET", "POST"])
    def page(request: HttpRequest, plan_id: int) -> HttpResponse:
        plan = plan_for(request, plan_id)
        initial = {"section": request.GET.get("section")} if row.section_from_query else None
        return plan_form_page(
            request,
            plan=plan,
            form=row.form(request.POST or None, plan, initial),
            heading=row.add_heading,
            action=lambda d: row.add(actor=request.user, plan=plan, **d),
            success=row.added,
        )

    page.__name__ = page.__qualname__ = f"{row.kind}_add"
    return page


def edit_page(row: Row) -> View:
    @require_capability(Capability.MANAGE_CASES)
    @require_http_methods(["GET", "POST"])
    def page(request: HttpRequest, plan_id: int, **ids: int) -> HttpResponse:
        plan = plan_for(request, plan_id)
        obj = row.get(plan, ids[f"{row.kind}_id"])
        return plan_form_page(
            request,
            plan=plan,
            form=row.form(request.POST or None, plan, _initial(row, obj)),
            heading=row.edit_heading,
            action=lambda d: row.update(actor=request.user, **{row.kind: obj}, **d),
            success=row.changed,
        )

    page.__name__ = page.__qualname__ = f"{row.kind}_edit"
    return page


need_add, need_edit = add_page(ROWS["need"]), edit_page(ROWS["need"])
outcome_add, outcome_edit = add_page(ROWS["outcome"]), edit_page(ROWS["outcome"])
provision_add, provision_edit = add_page(ROWS["provision"]), edit_page(ROWS["provision"])


@require_capability(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def row_remove(request: HttpRequest, plan_id: int, kind: str, row_id: int) -> HttpResponse:
    """Take a need, an outcome or provision out of the draft, after asking "Are you sure?"
    (the page shows what would go; nothing is removed until it is confirmed)."""
    plan = plan_for(request, plan_id)
    if kind not in ROWS:
        raise Http404(selectors.NOT_FOUND)
    row = ROWS[kind]
    obj = row.get(plan, row_id)
    if request.method == "GET":
        return render(
            request,
            "plans/row_remove_confirm.html",
            {"plan": plan, "kind": kind, "row": obj, "what": kind},
        )
    try:
        row.remove(actor=request.user, **{kind: obj})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, row.removed)
    return plan_redirect(plan)
