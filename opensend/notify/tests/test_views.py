"""Who can see what was sent: staff who can see the child; not families or the board."""

import re

import pytest
from django.urls import reverse

from opensend.audit.models import Action, AuditEvent
from opensend.notify.models import OutboxMessage
from opensend.notify.services import Recipient, notification_send, notification_send_to_address

pytestmark = pytest.mark.django_db

DUE = {"decision_due": "Monday 12 January 2026"}

# role -> status for the caseload child's messages
EXPECTED = {
    "caseworker": 200,
    "team_manager": 200,
    "senco": 200,
    "health": 200,
    "social_care": 404,
    "educational_psychologist": 404,
    "admin": 200,
    "parent": 403,
    "young_person": 403,
    "board_member": 403,
    "analyst": 403,
    "local_offer_editor": 403,
}


@pytest.fixture
def sent(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [email, letter] = notification_send(
            actor=world.users["caseworker"],
            template="request_received",
            child=world.caseload_child,
            personalisation=DUE,
            recipients=[
                Recipient(name="Sam Jones", channel="email", address="sam@family.test"),
                Recipient(name="Sam Jones", channel="letter", address="1 High St\nAN1 1AA"),
            ],
        )
    email.refresh_from_db()
    letter.refresh_from_db()
    return email, letter


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_message_pages_follow_the_child_record_rules(world, sent, role):
    email, letter = sent
    client = world.client_for(role)
    listing = client.get(reverse("notify:child_messages", args=[world.caseload_child.pk]))
    detail = client.get(reverse("notify:message_detail", args=[email.pk]))
    pdf = client.get(reverse("notify:message_pdf", args=[letter.pk]))
    assert listing.status_code == EXPECTED[role], role
    assert detail.status_code == EXPECTED[role], role
    assert pdf.status_code == EXPECTED[role], role


def test_the_list_shows_every_message_and_is_audited(world, sent):
    client = world.client_for("caseworker")
    response = client.get(reverse("notify:child_messages", args=[world.caseload_child.pk]))
    html = response.content.decode()
    assert html.count(reverse("notify:message_detail", args=[sent[0].pk])) == 1
    assert reverse("notify:message_detail", args=[sent[1].pk]) in html
    assert "Letter" in html and "Email" in html
    assert (
        AuditEvent.objects.filter(
            action=Action.LIST, object_type="notify.outboxmessage", child_id=world.caseload_child.pk
        ).count()
        == 2
    )


def test_the_message_page_shows_the_text_and_status(world, sent):
    email, letter = sent
    client = world.client_for("caseworker")
    html = client.get(reverse("notify:message_detail", args=[email.pk])).content.decode()
    assert "by Monday 12 January 2026 whether we will carry out an assessment" in html
    assert "Sent" in html and "sam@family.test" in html
    assert "letter.pdf" not in html
    letter_html = client.get(reverse("notify:message_detail", args=[letter.pk])).content.decode()
    assert reverse("notify:message_pdf", args=[letter.pk]) in letter_html
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_type="notify.outboxmessage", object_id=str(email.pk)
    ).exists()


def test_no_inline_styles_or_scripts(world, sent):
    client = world.client_for("caseworker")
    for url in [
        reverse("notify:child_messages", args=[world.caseload_child.pk]),
        reverse("notify:message_detail", args=[sent[1].pk]),
    ]:
        html = client.get(url).content.decode()
        assert " style=" not in html
        assert "<style>" not in html
        for script in re.findall(r"<script[^>]*>", html):
            assert "nonce=" in script or "src=" in script


def test_the_letter_downloads_as_a_pdf_and_is_audited(world, sent):
    _, letter = sent
    client = world.client_for("senco")
    response = client.get(reverse("notify:message_pdf", args=[letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    event = AuditEvent.objects.get(action=Action.EXPORT, object_id=str(letter.pk))
    assert event.actor == world.users["senco"]
    assert event.child_id == world.caseload_child.pk


def test_an_email_has_no_pdf(world, sent):
    client = world.client_for("caseworker")
    assert client.get(reverse("notify:message_pdf", args=[sent[0].pk])).status_code == 404


def test_senco_cannot_see_messages_about_a_child_at_another_setting(world):
    [message] = notification_send(
        actor=None, template="request_received", child=world.parents_child, personalisation=DUE
    )
    client = world.client_for("senco")
    assert (
        client.get(reverse("notify:child_messages", args=[world.parents_child.pk])).status_code
        == 404
    )
    forbidden = client.get(reverse("notify:message_detail", args=[message.pk]))
    missing = client.get(reverse("notify:message_detail", args=[999_999]))
    assert forbidden.status_code == missing.status_code == 404

    def page(response):
        return re.sub(rb'(nonce|value|data-seconds-left)="[^"]*"', b"", response.content)

    assert page(forbidden) == page(missing)


def test_a_message_about_no_child_is_for_administrators_only(world):
    message = notification_send_to_address(
        actor=None,
        template="advice_overdue_reminder",
        to_address="ep@test.opensend.test",
        recipient_name="EP Service",
        personalisation={
            "child_name": "A child",
            "advice_type": "EP",
            "advice_due": "Monday 12 January 2026",
            "advice_link": "https://opensend.example/",
        },
    )
    url = reverse("notify:message_detail", args=[message.pk])
    assert world.client_for("caseworker").get(url).status_code == 404
    assert world.client_for("admin").get(url).status_code == 200
    assert OutboxMessage.objects.count() == 1


def test_signed_out_people_are_sent_to_sign_in(world, sent):
    from django.test import Client

    response = Client().get(reverse("notify:message_detail", args=[sent[0].pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
