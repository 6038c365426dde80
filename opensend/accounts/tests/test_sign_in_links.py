"""Families sign in with a one-time link by email (accounts.sign_in_links)."""

import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from opensend.accounts.models import SignInLink
from opensend.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db
ASK = "/account/sign-in/email/"
SENT = "/account/sign-in/email/sent/"
LINK = re.compile(r"https?://[^\s]+/account/sign-in/link/[^\s/]+/")


def _ask(client, email, **extra):
    return client.post(ASK + extra.pop("query", ""), {"email": email, **extra})


def _links_to(email):
    messages = OutboxMessage.objects.filter(template="sign_in_link", to_address=email)
    return [LINK.search(m.body).group(0) for m in messages.order_by("pk")]


def test_a_parent_asks_for_a_link_and_signs_in_with_it(world):
    client = Client()
    response = _ask(client, "Parent@Test.opensend.test")
    assert response.status_code == 302
    assert response["Location"] == SENT
    page = client.get(SENT).content.decode()
    assert "Check your email" in page
    [link] = _links_to("parent@test.opensend.test")
    message = OutboxMessage.objects.get(template="sign_in_link")
    assert "The link works once" in message.body
    # Opening the link does not use it up (email programs open links to check them).
    opened = client.get(link)
    assert opened.status_code == 200
    assert "Press the button to sign in" in opened.content.decode()
    assert client.get(link).status_code == 200
    signed_in = client.post(link)
    assert signed_in.status_code == 302
    home = client.get("/").content.decode()
    assert "Welcome" in home
    assert world.parents_child.full_name in home
    # It works once.
    again = Client().post(link)
    assert again.status_code == 410
    assert "This link does not work" in again.content.decode()
    assert Client().get(link).status_code == 410


def test_the_page_says_the_same_whether_or_not_there_is_an_account(world):
    answers = {}
    for email in (
        "parent@test.opensend.test",
        "nobody@example.org",
        "caseworker@test.opensend.test",  # staff sign in with a password and second factor
    ):
        response = _ask(Client(), email)
        answers[email] = (response.status_code, response["Location"])
    assert len(set(answers.values())) == 1
    assert _links_to("nobody@example.org") == []
    assert _links_to("caseworker@test.opensend.test") == []
    assert len(_links_to("parent@test.opensend.test")) == 1


def test_the_table_keeps_neither_the_secret_nor_the_address(world):
    _ask(Client(), "parent@test.opensend.test")
    _ask(Client(), "nobody@example.org")
    [link] = _links_to("parent@test.opensend.test")
    token = link.rstrip("/").rsplit("/", 1)[1]
    for row in SignInLink.objects.values():
        values = " ".join(str(v) for v in row.values())
        assert token not in values
        assert "nobody@example.org" not in values
        assert "parent@test.opensend.test" not in values


def test_a_link_stops_working_when_it_expires(world):
    client = Client()
    _ask(client, "parent@test.opensend.test")
    [link] = _links_to("parent@test.opensend.test")
    SignInLink.objects.update(expires_at=timezone.now())
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert client.get("/").status_code == 302  # still signed out


def test_using_one_link_ends_the_others(world):
    client = Client()
    _ask(client, "parent@test.opensend.test")
    _ask(client, "parent@test.opensend.test")
    first, second = _links_to("parent@test.opensend.test")
    assert Client().post(second).status_code == 302
    assert Client().post(first).status_code == 410


def test_only_a_few_links_go_to_one_address(world):
    client = Client()
    for _ in range(5):
        response = _ask(client, "parent@test.opensend.test")
        assert response.status_code == 302
    assert len(_links_to("parent@test.opensend.test")) == 3


@override_settings(OPENSEND_SIGN_IN_LINKS_PER_IP=2)
def test_one_network_address_may_ask_only_so_often(world):
    client = Client()
    assert _ask(client, "nobody@example.org").status_code == 302
    assert _ask(client, "someone@example.org").status_code == 302
    response = _ask(client, "parent@test.opensend.test")
    assert response.status_code == 429
    assert "Please wait before you try again" in response.content.decode()
    assert _links_to("parent@test.opensend.test") == []


def test_the_link_returns_to_the_page_they_came_from(world):
    target = f"/family/children/{world.parents_child.pk}/"
    client = Client()
    _ask(client, "parent@test.opensend.test", query=f"?next={target}")
    [link] = _links_to("parent@test.opensend.test")
    response = client.post(link)
    assert response["Location"] == target


def test_a_link_never_sends_them_to_another_site(world):
    client = Client()
    _ask(client, "parent@test.opensend.test", next="https://evil.example.org/")
    [link] = _links_to("parent@test.opensend.test")
    assert client.post(link)["Location"] == "/"


def test_a_young_person_signs_in_with_a_link(world):
    client = Client()
    _ask(client, "young.person@test.opensend.test")
    [link] = _links_to("young.person@test.opensend.test")
    assert client.post(link).status_code == 302
    assert world.young_person.full_name in client.get("/").content.decode()


def test_a_deactivated_account_gets_no_link(world):
    parent = world.users["parent"]
    parent.is_active = False
    parent.save()
    assert _ask(Client(), parent.email).status_code == 302
    assert _links_to(parent.email) == []


def test_a_link_stops_working_if_the_account_is_deactivated(world):
    client = Client()
    _ask(client, "parent@test.opensend.test")
    [link] = _links_to("parent@test.opensend.test")
    world.users["parent"].is_active = False
    world.users["parent"].save()
    assert client.post(link).status_code == 410


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address"),
        ("not an address", "Enter an email address in the right format"),
    ],
)
def test_bad_addresses_get_a_clear_message(world, email, message):
    response = _ask(Client(), email)
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert message in body
    assert not SignInLink.objects.exists()


@pytest.mark.parametrize("token", ["x", "a" * 300, "a.b-c_d", "0" * 43])
def test_made_up_links_do_not_work(world, token):
    assert Client().get(f"/account/sign-in/link/{token}/").status_code == 410
    assert Client().post(f"/account/sign-in/link/{token}/").status_code == 410


def test_the_sign_in_page_offers_the_email_link(world):
    page = Client().get("/account/sign-in/?next=/plans/").content.decode()
    assert "Get a link to sign in by email" in page
    assert "/account/sign-in/email/?next=/plans/" in page


def test_signed_in_people_asking_for_a_link_go_home(world):
    client = world.client_for("parent")
    assert client.get(ASK)["Location"] == "/"


def test_sending_and_using_a_link_are_audited(world):
    from opensend.audit.models import AuditEvent

    client = Client()
    _ask(client, "parent@test.opensend.test")
    [link] = _links_to("parent@test.opensend.test")
    client.post(link)
    summaries = list(
        AuditEvent.objects.filter(object_type="accounts.signinlink").values_list(
            "summary", flat=True
        )
    )
    assert "Sign-in link emailed to parent@test.opensend.test" in summaries
    assert "parent@test.opensend.test signed in with an emailed link" in summaries
