"""Families sign in with GOV.UK One Login (accounts.one_login), against a stub One Login on
loopback (testsupport.one_login): never the internet."""

import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from django.test import Client, RequestFactory
from django.utils import translation

from opensend.accounts.models import OneLoginIdentity
from opensend.accounts.one_login import AuthorisationRequest
from opensend.audit.models import AuditEvent
from testsupport.one_login import CLIENT_ID
from testsupport.readability import PAGE_THRESHOLD, page_text, reading_ease

pytestmark = pytest.mark.django_db
START = "/account/sign-in/one-login/"
CALLBACK = "/account/sign-in/one-login/done/"
SUB = "urn:fdc:gov.uk:2022:parent-one"
REFUSED = "We cannot sign you in with GOV.UK One Login"
FAILED = "You have not been signed in"


def _to_stub(client, query=""):
    """Start signing in; return where the stub sends the person back to (path and query)."""
    start = client.get(START + query)
    assert start.status_code == 302, start.content
    at_stub = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_stub.status_code == 302, at_stub.text
    back = urlsplit(at_stub.headers["Location"])
    assert back.path == CALLBACK
    return f"{back.path}?{back.query}"


def _sign_in(client, query=""):
    return client.get(_to_stub(client, query))


def _home(client):
    return client.get("/", follow=True).content.decode()


def _link(world, sub=SUB):
    return OneLoginIdentity.objects.create(
        user=world.users["parent"], sub=sub, linked_at="2026-01-05T10:00:00Z"
    )


def test_a_linked_parent_signs_in_by_their_one_login_whatever_its_email(world, one_login):
    _link(world)
    one_login.person(SUB, "a.new.address@example.org")
    client = Client()
    response = _sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert world.parents_child.full_name in _home(client)
    [asked] = one_login.authorize_requests
    assert asked["scope"] == "openid email"
    assert asked["vtr"] == '["Cl.Cm"]'
    assert asked["ui_locales"] == "en"
    assert asked["redirect_uri"] == "http://testserver" + CALLBACK
    assert len(asked["state"]) >= 32 and len(asked["nonce"]) >= 32
    # The token request proved who we are with private_key_jwt, never a shared secret.
    [token_request] = one_login.token_requests
    assert "client_secret" not in token_request
    assertion = jwt.decode(token_request["client_assertion"], options={"verify_signature": False})
    assert assertion["iss"] == assertion["sub"] == CLIENT_ID
    assert assertion["aud"] == one_login.url("token")
    event = AuditEvent.objects.get(summary__endswith="signed in with GOV.UK One Login")
    assert event.actor == world.users["parent"]
    assert OneLoginIdentity.objects.get(sub=SUB).last_signed_in_at is not None


def test_first_use_matches_the_verified_email_and_keeps_the_sub(world, one_login):
    one_login.person(SUB, "Parent@Test.opensend.test")
    client = Client()
    assert _sign_in(client).status_code == 302
    identity = OneLoginIdentity.objects.get(sub=SUB)
    assert identity.user == world.users["parent"]
    assert AuditEvent.objects.filter(
        summary__startswith="GOV.UK One Login linked to parent@test.opensend.test"
    ).exists()
    # From now on the sub counts, not the email address.
    one_login.person(SUB, "changed@example.org")
    assert _sign_in(Client()).status_code == 302
    # Another One Login with the parent's email address cannot take the account over.
    one_login.person("urn:fdc:gov.uk:2022:someone-else", "parent@test.opensend.test")
    refused = _sign_in(Client())
    assert refused.status_code == 403
    assert REFUSED in refused.content.decode()


def test_a_young_person_signs_in_as_themselves(world, one_login):
    one_login.person("urn:fdc:gov.uk:2022:yp", "young.person@test.opensend.test")
    client = Client()
    assert _sign_in(client).status_code == 302
    assert OneLoginIdentity.objects.get(user=world.users["young_person"])


@pytest.mark.parametrize(
    ("email", "verified"),
    [
        ("nobody@example.org", True),  # no account
        ("caseworker@test.opensend.test", True),  # staff: password and second factor only
        ("parent@test.opensend.test", False),  # One Login has not checked the address
    ],
)
def test_anyone_but_a_family_account_gets_the_same_page(world, one_login, email, verified):
    one_login.person("urn:fdc:gov.uk:2022:x", email, email_verified=verified)
    client = Client()
    response = _sign_in(client)
    assert response.status_code == 403
    page = response.content.decode()
    assert REFUSED in page
    assert email not in page.lower()
    assert not OneLoginIdentity.objects.exists()
    assert "Welcome" not in _home(client)


def test_staff_are_refused_even_with_a_linked_one_login(world, one_login):
    OneLoginIdentity.objects.create(
        user=world.users["caseworker"], sub=SUB, linked_at="2026-01-05T10:00:00Z"
    )
    one_login.person(SUB, "caseworker@test.opensend.test")
    assert _sign_in(Client()).status_code == 403
    assert AuditEvent.objects.filter(
        object_id=str(world.users["caseworker"].pk), summary__contains="refused"
    ).exists()


def test_a_deactivated_family_account_is_refused(world, one_login):
    _link(world)
    world.users["parent"].is_active = False
    world.users["parent"].save()
    one_login.person(SUB, "parent@test.opensend.test")
    assert _sign_in(Client()).status_code == 403


@pytest.mark.parametrize(
    "spoil",
    [
        {"nonce": "not-the-nonce-we-sent"},
        {"nonce": None},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
        {"aud": "someone-elses-client"},
        {"iss": "https://oidc.example.org/"},
        {"vot": "Cl"},  # a lower level than we asked for
    ],
    ids=["nonce", "no-nonce", "expired", "audience", "issuer", "level"],
)
def test_a_bad_id_token_is_refused(world, one_login, spoil):
    _link(world)
    one_login.person(SUB, "parent@test.opensend.test")
    one_login.id_token_changes = spoil
    client = Client()
    response = _sign_in(client)
    assert response.status_code == 400
    assert FAILED in response.content.decode()
    assert "Welcome" not in _home(client)


def test_an_id_token_signed_by_another_key_is_refused(world, one_login):
    _link(world)
    one_login.person(SUB, "parent@test.opensend.test")
    one_login.sign_with_another_key = True
    assert _sign_in(Client()).status_code == 400


def test_userinfo_for_another_person_is_refused(world, one_login):
    _link(world)
    one_login.person(SUB, "parent@test.opensend.test")
    one_login.userinfo_changes = {"sub": "urn:fdc:gov.uk:2022:someone-else"}
    assert _sign_in(Client()).status_code == 400


def test_a_wrong_or_reused_state_is_refused(world, one_login):
    _link(world)
    one_login.person(SUB, "parent@test.opensend.test")
    client = Client()
    back = _to_stub(client)
    forged = back.replace("state=", "state=forged")
    assert client.get(forged).status_code == 400
    # Another browser cannot use this person's code: the state lives in their session.
    assert Client().get(back).status_code == 400
    assert client.get(back).status_code == 302
    # Once used, the same answer does not work again.
    client.logout()
    again = client.get(back)
    assert again.status_code == 400
    assert FAILED in again.content.decode()


def test_stopping_at_one_login_shows_a_way_back(world, one_login):
    client = Client()
    one_login.person(SUB, "parent@test.opensend.test")
    back = _to_stub(client)
    state = parse_qs(urlsplit(back).query)["state"][0]
    response = client.get(f"{CALLBACK}?error=access_denied&state={state}")
    assert response.status_code == 400
    assert "get a link to sign in by email" in response.content.decode()


def test_where_the_person_was_going_is_kept_but_only_on_this_site(world, one_login):
    _link(world)
    one_login.person(SUB, "parent@test.opensend.test")
    going = "/you/details/"
    assert _sign_in(Client(), f"?next={going}")["Location"] == going
    assert _sign_in(Client(), "?next=https://evil.example.org/")["Location"] == "/"


def test_signing_out_ends_the_session_and_the_one_login_session(world, one_login):
    _link(world)
    one_login.person(SUB, "parent@test.opensend.test")
    client = Client()
    _sign_in(client)
    response = client.post("/account/sign-out/")
    assert response.status_code == 302
    assert response["Location"].startswith(one_login.url("logout"))
    assert "Welcome" not in _home(client)
    back = requests.get(response["Location"], allow_redirects=False, timeout=5)
    [logout] = one_login.logouts
    assert jwt.decode(logout["id_token_hint"], options={"verify_signature": False})["sub"] == SUB
    assert logout["post_logout_redirect_uri"] == "http://testserver/account/sign-in/"
    assert back.headers["Location"].startswith("http://testserver/account/sign-in/")


def test_signing_out_after_an_email_link_stays_here(world, one_login):
    client = Client()
    client.force_login(world.users["parent"])
    assert client.post("/account/sign-out/")["Location"] == "/account/sign-in/"
    assert one_login.logouts == []


def test_the_sign_in_pages_offer_one_login_when_it_is_on(world, one_login):
    for url in ("/account/sign-in/", "/account/sign-in/email/"):
        assert "GOV.UK One Login" in Client().get(url).content.decode()


def test_when_one_login_is_off_nothing_offers_it(world):
    for url in ("/account/sign-in/", "/account/sign-in/email/"):
        assert "One Login" not in Client().get(url).content.decode()
    assert Client().get(START).status_code == 404
    assert Client().get(CALLBACK + "?code=x&state=y").status_code == 404


def test_one_login_out_of_reach_gets_a_clear_page(world, one_login, settings):
    settings.OPENSEND_ONE_LOGIN_ISSUER = "http://127.0.0.1:9/"  # nothing listens there
    response = Client().get(START)
    assert response.status_code == 503
    assert "GOV.UK One Login is not working at the moment" in response.content.decode()


def test_the_one_login_pages_are_easy_to_read(world, one_login):
    """As portal/tests/test_readability.py does for the other family pages (same threshold)."""
    one_login.person("urn:fdc:gov.uk:2022:x", "nobody@example.org")
    pages = {
        "ask for a link, with One Login": Client().get("/account/sign-in/email/"),
        "refused": _sign_in(Client()),
        "not signed in": Client().get(CALLBACK + "?code=x&state=y"),
    }
    for name, response in pages.items():
        score = reading_ease(page_text(response.content.decode()))
        assert score >= PAGE_THRESHOLD, f"{name}: reading ease {score:.0f}"


def test_an_administrator_unlinks_a_one_login_and_the_next_one_links_again(world, one_login):
    _link(world)
    parent = world.users["parent"]
    admin = world.client_for("admin")
    detail = admin.get(f"/account/users/{parent.pk}/").content.decode()
    assert "Linked on 5 January 2026" in detail
    unlink = f"/account/users/{parent.pk}/one-login/unlink/"
    assert world.client_for("caseworker").post(unlink, {"reason": "x"}).status_code == 403
    missing = admin.post(unlink, {"reason": ""})
    assert missing.status_code == 400
    assert "Enter why you are unlinking it" in missing.content.decode()
    assert admin.post(unlink, {"reason": "They made a new GOV.UK One Login"}).status_code == 302
    assert not OneLoginIdentity.objects.exists()
    assert AuditEvent.objects.filter(
        actor=world.users["admin"], summary__contains="They made a new GOV.UK One Login"
    ).exists()
    assert admin.get(unlink).status_code == 404
    one_login.person("urn:fdc:gov.uk:2022:new-one", parent.email)
    assert _sign_in(Client()).status_code == 302
    assert OneLoginIdentity.objects.get(user=parent).sub == "urn:fdc:gov.uk:2022:new-one"


def test_only_a_one_login_session_may_send_the_sign_out_form_to_one_login(world, one_login):
    _link(world)
    one_login.person(SUB, "parent@test.opensend.test")
    client = Client()
    _sign_in(client)
    stub_origin = one_login.issuer.rstrip("/")
    policy = client.get("/")["Content-Security-Policy"]
    assert f"form-action 'self' {stub_origin}" in policy
    by_link = Client()
    by_link.force_login(world.users["parent"])
    assert stub_origin not in by_link.get("/")["Content-Security-Policy"]


def test_one_login_speaks_welsh_when_our_page_does(world, one_login):
    request = RequestFactory().get(START)
    with translation.override("cy"):
        assert AuthorisationRequest().get_extra_params(request)["ui_locales"] == "cy"
    with translation.override("en-gb"):
        assert AuthorisationRequest().get_extra_params(request)["ui_locales"] == "en"
