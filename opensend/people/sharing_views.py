"""Staff record whether a young person can decide what their parents see (people.sharing)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.core.views_helpers import form_data, form_submitted
from opensend.people import selectors, sharing
from opensend.people.forms import CapacityForm


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
