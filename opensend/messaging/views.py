"""Message pages: a child's thread (the family and the team), the team's inbox, a file.
Thin: selectors read, services write."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend import statutory
from opensend.core.downloads import document_response
from opensend.core.views_helpers import form_data, form_submitted
from opensend.messaging import selectors, services
from opensend.messaging.access import writes_as_family, writes_as_team
from opensend.messaging.forms import MessageForm


@login_required
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.child_for_messages(user=request.user, child_id=child_id)
    form = MessageForm(form_data(request), request.FILES or None)
    sent, _ = form_submitted(
        request,
        form,
        lambda d: services.message_send(
            actor=request.user, child=child, body=d["body"], attachment=d["attachment"]
        ),
        "Message sent",
    )
    if sent:
        return redirect(reverse("messaging:thread", args=[child.pk]) + "#latest")
    message_thread, messages = selectors.thread_messages(user=request.user, child=child)
    if message_thread is not None:
        services.thread_mark_read(reader=request.user, thread=message_thread)
    family = writes_as_family(request.user)
    today = timezone.localdate()
    due = message_thread.reply_due_on if message_thread else None
    return render(
        request,
        "messaging/thread.html",
        {
            "child": child,
            "form": form,
            "messages_in_thread": messages,
            "family": family,
            "young_person": family
            and getattr(request.user, "pk", None) is not None
            and child.user_id == request.user.pk,
            "reply_days": services.reply_working_days(),
            "reply_due_on": statutory.long_date(due) if due else "",
            "reply_status": statutory.clock_status(due, today, at_risk_days=1) if due else None,
            "today": today,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The team's messages from families: waiting for a reply, or every thread."""
    if not writes_as_team(request.user):
        if writes_as_family(request.user):
            return redirect("/")
        raise Http404("No such page")
    everything = request.GET.get("show") == "all"
    rows = selectors.inbox_for_user(user=request.user, waiting_only=not everything)
    today = timezone.localdate()
    return render(
        request,
        "messaging/inbox.html",
        {
            "rows": [
                (
                    row,
                    statutory.clock_status(row.reply_due_on, today, at_risk_days=1)
                    if row.reply_due_on
                    else None,
                )
                for row in rows
            ],
            "everything": everything,
            "reply_days": services.reply_working_days(),
        },
    )


@login_required
@require_GET
def attachment(request: HttpRequest, message_id: int) -> FileResponse:
    message = selectors.attachment_get_for_user(user=request.user, message_id=message_id)
    return document_response(
        message.attachment, filename=message.attachment_name, content_type=message.attachment_type
    )
