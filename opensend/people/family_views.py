"""Staff pages about the family's side of a record: whether a young person can decide what their
parents see (people.sharing), and dealing with a family's request to correct details
(people.family_details)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.core.views_helpers import form_data, form_submitted
from opensend.people import family_details, selectors, sharing
from opensend.people.forms import CapacityForm, CorrectionCloseForm


@require_capability(Capability.EDIT_CHILDREN)
@require_http_methods(["GET", "POST"])
def child_capacity(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    choice = sharing.current_choice(child)
    initial = {"lacks_capacity": "yes" if choice and choice.lacks_capacity else "no"}
    form = CapacityForm(form_data(request), initial=initial)
    done, _ = form_submitted(
        request,
        form,
        lambda data: sharing.parent_sharing_record_capacity(
            actor=request.user,
            child=child,
            lacks_capacity=data["lacks_capacity"] == "yes",
            notes=data["notes"],
        ),
        "Recorded",
    )
    if done:
        return redirect("people:child_detail", child_id=child.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "people/child_capacity.html",
        {"form": form, "child": child, "history": sharing.choice_history(child)},
        status=status,
    )


@require_capability(Capability.EDIT_CHILDREN)
@require_http_methods(["GET", "POST"])
def correction_close(request: HttpRequest, correction_id: int) -> HttpResponse:
    correction = family_details.correction_get_for_user(
        user=request.user, correction_id=correction_id
    )
    form = CorrectionCloseForm(form_data(request))
    done, _ = form_submitted(
        request,
        form,
        lambda data: family_details.details_correction_close(
            actor=request.user, correction=correction, reply=data["reply"]
        ),
        "Marked as dealt with",
    )
    if done:
        return redirect("people:child_detail", child_id=correction.child_id)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "people/correction_close.html",
        {"form": form, "correction": correction, "child": correction.child},
        status=status,
    )
