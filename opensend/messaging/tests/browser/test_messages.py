"""Talking to the caseworker in Chromium (issue 14, item 5): a parent on a phone (320 px) opens
their child's page, writes to the caseworker with a file; the caseworker, at desktop width, sees
the alert in their inbox, opens the thread, replies; the parent follows the link in the email
and sees the reply and that their message was read. Every page passes axe-core."""

import re

import pytest

from opensend.notify.models import OutboxMessage
from testsupport.browser import assert_fits, follow, go, sign_in, sign_out, submit

pytestmark = pytest.mark.browser


def test_a_parent_messages_the_caseworker_and_reads_the_reply(
    page, live_server, world, settings, tmp_path
):
    settings.OPENSEND_SITE_URL = live_server.url
    child = world.parents_child
    child.caseworker = world.users["caseworker"]
    child.senar_team = world.team
    child.save()
    caseworker_name = world.users["caseworker"].get_full_name()

    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, live_server, world.users["parent"].email)
    follow(page, child.full_name)
    follow(page, f"Send a message to {caseworker_name}, the caseworker")
    assert_fits(page, 320)
    assert page.get_by_text("We aim to reply within 5 working days.").is_visible()
    submit(page, "Send message", status=400)
    assert page.get_by_text("Write your message, or choose a file to send").first.is_visible()
    page.get_by_label("Your message").fill("Could we meet to talk about speech therapy?")
    letter = tmp_path / "therapy-letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    page.get_by_label("Add a file (optional)").set_input_files(str(letter))
    submit(page, "Send message")
    assert page.get_by_text("Message sent").is_visible()
    assert page.get_by_text("We will reply to you by").is_visible()
    assert page.get_by_text("Not read yet").is_visible()
    assert_fits(page, 320)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_out(page)
    sign_in(page, live_server, world.users["caseworker"].email)
    follow(page, "Inbox (1 unread)")
    follow(page, re.compile("sent a message about"))
    assert page.get_by_text("Could we meet to talk about speech therapy?").is_visible()
    assert page.get_by_role("link", name="therapy-letter.pdf").is_visible()
    page.get_by_label("Your message").fill("Yes. I will phone you on Monday morning.")
    submit(page, "Send message")
    follow(page, "Messages")
    assert page.get_by_text("No messages are waiting for a reply.").is_visible()
    sign_out(page)

    email = OutboxMessage.objects.get(template="family_message_reply")
    link = re.search(r"http\S+/messages/child/\d+/", email.body)[0]
    page.set_viewport_size({"width": 320, "height": 800})
    go(page, link)
    sign_in(page, live_server, world.users["parent"].email)
    assert page.url == link
    assert page.get_by_text("Yes. I will phone you on Monday morning.").is_visible()
    assert page.get_by_text("Read by the SEND team on").is_visible()
    assert_fits(page, 320)
