"""A young person's own choice of what their parents see (issue 14, item 1; people.sharing).

Reached from the young person's home page. Only the young person may open it (anyone else gets
"Page not found"); before the end of the school year in which they turn 16 the page explains
that their parents decide with us, and a choice sent anyway is refused (403)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.permissions import access_for
from opensend.core.views_helpers import form_data, form_submitted
from opensend.people import selectors, sharing
from opensend.people.forms import ParentSharingForm


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


@login_required
@require_http_methods(["GET", "POST"])
def parent_sharing(request: HttpRequest) -> HttpResponse:
    child_id = access_for(request.user).young_person_child_id
    if child_id is None:
        raise Http404("No page found")
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    today = timezone.localdate()
    choice = sharing.current_choice(child)
    context: dict[str, object] = {"child": child, "choice": choice}
    if not sharing.holds_own_rights(child, on=today):
        context["not_yet"] = sharing.NOT_YET
        status = 403 if request.method == "POST" else 200
        return render(request, "portal/parent_sharing.html", context, status=status)
    initial = {}
    if choice is not None:
        initial = {
            "parent_sees_progress": _yes_no(choice.parent_sees_progress),
            "parent_sees_plan": _yes_no(choice.parent_sees_plan),
        }
    form = ParentSharingForm(form_data(request), initial=initial)
    done, _ = form_submitted(
        request,
        form,
        lambda _data: sharing.parent_sharing_choose(
            actor=request.user, child=child, today=today, **form.choice()
        ),
        "We have saved your choice. You can change it at any time.",
    )
    if done:
        return redirect("portal:home")
    context["form"] = form
    return render(
        request, "portal/parent_sharing.html", context, status=400 if form.is_bound else 200
    )
