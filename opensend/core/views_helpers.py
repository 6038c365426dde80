"""Small helpers that keep views thin: service errors on forms, pagination, workflow steps."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opensend.core.pagination import CappedPaginator


def apply_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names (or at the top)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def paginate(request: HttpRequest, items: Any, per_page: int = 25) -> Page:
    """The requested page; a queryset is counted only up to core.pagination.COUNT_CAP rows, and
    `page_obj.paginator.count_text` says "more than 1,000" beyond it."""
    return CappedPaginator(items, per_page).get_page(request.GET.get("page"))


def querystring_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def form_data(request: HttpRequest) -> Any:
    """The posted data (even when empty, so an empty POST is an invalid form), else None."""
    return request.POST if request.method == "POST" else None


def form_submitted(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
) -> tuple[bool, Any]:
    """On a valid POST, call the service with the form's data: (True, its result) with the
    success message set, or (False, None) with the service's ValidationError shown next to the
    fields, nothing saved. Every form page's POST goes through here."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return False, None
    messages.success(request, success(result) if callable(success) else success)
    return True, result


def step_view(
    request: HttpRequest,
    *,
    form: BaseForm,
    heading: str,
    caption: str,
    back: str,
    action: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
    intro: str = "",
    submit_label: str = "Save",
    next_url: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """One step of a record's workflow as a GOV.UK form page (`step_form.html`).

    On a valid POST, `action(cleaned_data)` calls the service; its ValidationError shows next to
    the fields with a 400 and nothing saved. On success, a message (`success`, or
    `success(result)`) and a redirect to `next_url(result)`, or back to the record."""
    done, result = form_submitted(request, form, action, success)
    if done:
        return redirect(next_url(result) if next_url else back)
    context = {
        "form": form,
        "heading": heading,
        "caption": caption,
        "back": back,
        "intro": intro,
        "submit_label": submit_label,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "step_form.html", context, status=status)


def object_step(
    request: HttpRequest,
    obj: Any,
    *,
    form: Callable[[Any, Any], BaseForm],
    action: Callable[[Any, dict[str, Any]], Any],
    **options: Any,
) -> HttpResponse:
    """A step on one record: `form(data, obj)` and `action(obj, cleaned_data)`; `options` are
    step_view's (caption, back, heading, success, intro, submit_label)."""
    return step_view(
        request,
        form=form(form_data(request), obj),
        action=lambda data: action(obj, data),
        **options,
    )


def clock_rows(clocks: Iterable[Any], today: date) -> list[tuple[Any, str, Any]]:
    """Each clock with today's label ("Overdue", "Done in time"…) and status, for clock tables."""
    return [(c, c.status_label(today), c.status(today)) for c in clocks]
