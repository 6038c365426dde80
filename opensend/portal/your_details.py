"""A family's own details page (issue 14, item 3): a parent or carer changes their contact
details and how they hear from us (email, text or letter; language; interpreter; large print,
easy read and other formats), a young person chooses how we contact them
(people.young_person_contact), and anyone in the family asks us to correct a child's or young
person's details. A correction goes to the caseworker's inbox as a request (people.family_details);
the record is not changed until the caseworker changes it. Reached from the family's home page."""

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.forms import BaseForm, model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opensend.accounts.permissions import access_for, is_family_only
from opensend.core.types import Actor
from opensend.core.views_helpers import form_data, form_submitted
from opensend.notify.alerts import alert_send, desk_of
from opensend.notify.models import AlertKind
from opensend.people import family_details, selectors, young_person_contact
from opensend.people.forms import CorrectionAskForm, OwnDetailsForm, YoungPersonContactForm
from opensend.people.models import Child, DetailsCorrection, FamilyMember
from opensend.portal.family_timeline import reader_for

SAVED = "We have saved your details. We will use them from now on."
ASKED = "We have sent your request to the SEND team. They will check it and change the record."


def _family_only(user: Actor) -> None:
    if not is_family_only(user):
        raise Http404("No page found")


@login_required
@require_http_methods(["GET", "POST"])
def your_details(request: HttpRequest) -> HttpResponse:
    _family_only(request.user)
    member = family_details.own_family_member(request.user)
    form = _own_form(request, member)
    if form is not None:
        done, _ = form_submitted(request, form, partial(_save, request.user, member), SAVED)
        if done:
            return redirect("portal:your_details")
    children = [
        (child, reader_for(request.user, child))
        for child in selectors.child_list_for_user(user=request.user)
    ]
    context = {"form": form, "member": member, "children": children}
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "portal/your_details.html", context, status=status)


def _own_form(request: HttpRequest, member: FamilyMember | None) -> BaseForm | None:
    """A parent's or carer's own details, or the young person's own choice of how we contact
    them (people.young_person_contact); nobody else has a form here."""
    if member is not None:
        return OwnDetailsForm(form_data(request), instance=member)
    child_id = access_for(request.user).young_person_child_id
    if child_id is None:
        return None
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    current = young_person_contact.current_contact(child)
    initial = model_to_dict(current, fields=young_person_contact.FIELDS) if current else {}
    return YoungPersonContactForm(form_data(request), initial=initial)


def _save(actor: Actor, member: FamilyMember | None, data: dict[str, Any]) -> object:
    if member is not None:
        return family_details.family_member_update_own(actor=actor, **data)
    return young_person_contact.young_person_contact_set(actor=actor, **data)


@transaction.atomic
def _ask(actor: Actor, child: Child, what: str) -> DetailsCorrection:
    """The request, and an alert on the caseworker's desk (or the team managers'), together."""
    correction = family_details.details_correction_ask(actor=actor, child=child, what=what)
    alert_send(
        actor=actor,
        users=desk_of(child),
        kind=AlertKind.FAMILY_COMMENTS,
        text=f"{child.full_name}'s family asked us to correct their details",
        url=reverse("people:child_detail", args=[child.pk]) + "#corrections",
        child=child,
    )
    return correction


@login_required
@require_http_methods(["GET", "POST"])
def correction_ask(request: HttpRequest, child_id: int) -> HttpResponse:
    _family_only(request.user)
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    form = CorrectionAskForm(form_data(request))
    done, _ = form_submitted(
        request, form, lambda data: _ask(request.user, child, data["what"]), ASKED
    )
    if done:
        return redirect("portal:your_details")
    context = {"form": form, "child": child, "reader": reader_for(request.user, child)}
    return render(
        request, "portal/correction_ask.html", context, status=400 if form.is_bound else 200
    )
