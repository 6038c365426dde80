from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.portal.selectors import home_summary_for_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", home_summary_for_user(user=request.user))
