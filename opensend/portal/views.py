from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opensend.accounts.permissions import primary_role
from opensend.accounts.roles import Role
from opensend.portal.selectors import home_summary_for_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A caseworker's home is their caseload (what needs doing today, then every queue); everyone
    else gets the page built around their role."""
    if primary_role(request.user) == Role.CASEWORKER:
        return redirect("portal:caseload")
    return render(request, "portal/home.html", home_summary_for_user(user=request.user))
