from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.accounts.permissions import primary_role
from opensend.accounts.roles import Role
from opensend.portal.selectors import home_summary_for_user
from opensend.portal.today import home_today_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A caseworker's home is their caseload (what needs doing today, then every queue); everyone
    else gets the page built around their role."""
    if primary_role(request.user) == Role.CASEWORKER:
        return redirect("portal:caseload")
    context = home_summary_for_user(user=request.user)
    context["today_items"] = home_today_for(user=request.user, on=timezone.localdate())
    return render(request, "portal/home.html", context)
