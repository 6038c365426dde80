"""The pages of a family's email sign-in link (accounts.sign_in_links): ask for a link, check
your email, and the link itself, which asks for one press of a button before it signs you in
(so an email program that opens links to check them does not use the link up)."""

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from opensend.accounts import one_login, sign_in_links
from opensend.accounts.forms import SignInLinkForm
from opensend.core.network import client_ip
from opensend.core.views_helpers import form_data

_BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@require_http_methods(["GET", "POST"])
def sign_in_link_request(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link by email. The answer is the same whether or not the address has
    an account."""
    if request.user.is_authenticated:
        return redirect("portal:home")
    next_url = safe_next(request, request.GET.get("next") or request.POST.get("next") or "")
    form = SignInLinkForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            sign_in_links.sign_in_link_request(
                email=form.cleaned_data["email"],
                site_url=request.build_absolute_uri("/"),
                requested_from=client_ip(request),
                next_url=next_url,
            )
        except sign_in_links.TooManyRequestsError:
            return render(request, "accounts/sign_in_link_wait.html", status=429)
        return redirect("accounts:sign_in_link_sent")
    return render(
        request,
        "accounts/sign_in_link_request.html",
        {
            "form": form,
            "next": next_url,
            "minutes": sign_in_links.link_minutes(),
            "one_login": one_login.enabled(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
def sign_in_link_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/sign_in_link_sent.html",
        {
            "minutes": sign_in_links.link_minutes(),
            "per_address": sign_in_links.links_per_address(),
        },
    )


@require_http_methods(["GET", "POST"])
def sign_in_link_use(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with a 'Sign in' button. POST: spend the link and sign in."""
    invalid = {"minutes": sign_in_links.link_minutes()}
    if request.method == "GET":
        if sign_in_links.sign_in_link_find(token) is None:
            return render(request, "accounts/sign_in_link_invalid.html", invalid, status=410)
        return render(request, "accounts/sign_in_link_use.html")
    used = sign_in_links.sign_in_link_use(token)
    if used is None:
        return render(request, "accounts/sign_in_link_invalid.html", invalid, status=410)
    login(request, used.user, backend=_BACKEND)
    return redirect(safe_next(request, used.link.next_url) or reverse("portal:home"))
