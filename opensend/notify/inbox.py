"""The inbox pages: everyone's own alerts, newest first, unread marked; opening one marks it
read and goes to the page it is about (notify.alerts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from opensend.core.views_helpers import paginate
from opensend.notify import alerts


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = paginate(request, alerts.alerts_for(request.user, unread_only=unread_only))
    return render(
        request,
        "notify/inbox.html",
        {
            "page_obj": page,
            "unread_only": unread_only,
            "unread": alerts.unread_count(request.user),
        },
    )


@login_required
@require_GET
def alert_open(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Mark the alert read and go to what it is about."""
    alert = alerts.alert_get_for_user(user=request.user, alert_id=alert_id)
    alerts.alert_mark(user=request.user, alert=alert, read=True)
    if not url_has_allowed_host_and_scheme(alert.url, allowed_hosts=None):
        return redirect("notify:inbox")
    return redirect(alert.url)


@login_required
@require_POST
def alert_mark(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = alerts.alert_get_for_user(user=request.user, alert_id=alert_id)
    read = request.POST.get("read") == "yes"
    alerts.alert_mark(user=request.user, alert=alert, read=read)
    messages.success(request, "Marked as read" if read else "Marked as unread")
    return redirect("notify:inbox")


@login_required
@require_POST
def alerts_read_all(request: HttpRequest) -> HttpResponse:
    count = alerts.alerts_mark_all_read(user=request.user)
    messages.success(request, f"{count} {'alert' if count == 1 else 'alerts'} marked as read")
    return redirect("notify:inbox")
