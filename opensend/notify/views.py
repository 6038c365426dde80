"""Staff pages: what we sent to a family, and each message as sent. Thin: selectors read."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.core.downloads import bytes_response
from opensend.core.views_helpers import paginate
from opensend.notify import family_messages, selectors


def require_message_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in as staff who work with child records, else 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.user_may_see_messages(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@require_message_access
def child_messages(request: HttpRequest, child_id: int) -> HttpResponse:
    child, messages = selectors.message_list_for_child(user=request.user, child_id=child_id)
    page = paginate(request, messages)
    selectors.message_list_audit(user=request.user, messages=list(page.object_list))
    return render(request, "notify/child_messages.html", {"child": child, "page_obj": page})


@require_message_access
def message_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.message_get_for_user(user=request.user, message_id=message_id)
    return render(
        request,
        "notify/message_detail.html",
        {"message": message, "paragraphs": [p for p in message.body.split("\n\n") if p.strip()]},
    )


@require_message_access
def message_pdf(request: HttpRequest, message_id: int) -> HttpResponse:
    message, content = selectors.message_pdf_for_user(user=request.user, message_id=message_id)
    return bytes_response(
        content, filename=f"letter-{message.pk}.pdf", content_type="application/pdf"
    )


@login_required
def my_message(request: HttpRequest, message_id: int) -> HttpResponse:
    """A message or letter we sent to the signed-in family member, to read again."""
    message = family_messages.my_message(user=request.user, message_id=message_id)
    return render(
        request,
        "notify/my_message.html",
        {"message": message, "paragraphs": [p for p in message.body.split("\n\n") if p.strip()]},
    )


@login_required
def my_message_pdf(request: HttpRequest, message_id: int) -> HttpResponse:
    message = family_messages.my_message(user=request.user, message_id=message_id, download=True)
    with message.pdf.open("rb") as pdf_file:
        content = pdf_file.read()
    return bytes_response(
        content, filename=f"letter-{message.pk}.pdf", content_type="application/pdf"
    )
