"""A family and their caseworker write to each other about one child; nobody else reads it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend import statutory
from opensend.audit.models import Action, AuditEvent
from opensend.messaging.models import MessageThread, ThreadMessage
from opensend.messaging.services import EMPTY_MESSAGE
from opensend.notify.models import Alert, AlertKind, OutboxMessage
from testsupport.families import parent_of_caseload_child
from testsupport.samples import EXE_BYTES, PDF_BYTES, upload


@pytest.fixture
def child(world):
    """The caseworker's child, whose parent is the world's parent."""
    return parent_of_caseload_child(world)


def _url(child):
    return reverse("messaging:thread", args=[child.pk])


def test_a_parent_writes_and_is_told_when_we_will_reply(world, child):
    parent = world.client_for("parent")
    page = parent.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert _url(child) in page  # the family's page links to the messages
    response = parent.post(
        _url(child),
        {
            "body": "Can we talk about the speech therapy?",
            "attachment": upload("letter.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    thread = MessageThread.objects.get(child=child)
    message = thread.messages.get()
    assert message.from_family and message.attachment_name == "letter.pdf"
    due = statutory.add_working_days(timezone.localdate(), 5)
    assert thread.reply_due_on == due
    text = parent.get(_url(child)).content.decode()
    assert "Can we talk about the speech therapy?" in text
    assert f"We will reply to you by <strong>{statutory.long_date(due)}</strong>" in text
    assert "Not read yet" in text
    alert = Alert.objects.get(user=world.users["caseworker"], kind=AlertKind.FAMILY_MESSAGE)
    assert alert.url == _url(child) and child.full_name in alert.text
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="messaging.threadmessage", child_id=child.pk
    ).exists()


def test_the_caseworker_reads_replies_and_the_family_is_emailed_a_link(world, child):
    world.client_for("parent").post(_url(child), {"body": "Private words about my son"})
    caseworker = world.client_for("caseworker")
    inbox = caseworker.get(reverse("messaging:inbox")).content.decode()
    assert _url(child) in inbox and "1 waiting for a reply" in inbox
    assert (
        "Messages with the family (waiting for our reply)"
        in caseworker.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    )
    caseworker.get(_url(child))
    first = ThreadMessage.objects.get()
    assert first.read_by == world.users["caseworker"] and first.read_at is not None
    assert "Read by" in world.client_for("parent").get(_url(child)).content.decode()
    assert (
        caseworker.post(_url(child), {"body": "Yes, I will call you on Monday."}).status_code == 302
    )
    assert MessageThread.objects.get(child=child).reply_due_on is None
    email = OutboxMessage.objects.get(template="family_message_reply")
    assert _url(child) in email.body
    assert "Monday" not in email.body and "Private words" not in email.body
    assert "Read by the family" not in caseworker.get(_url(child)).content.decode()
    world.client_for("parent").get(_url(child))
    assert "Read by the family on" in caseworker.get(_url(child)).content.decode()


def test_the_team_answers_when_the_caseworker_is_away(world, child):
    world.client_for("parent").post(_url(child), {"body": "Hello?"})
    manager = world.client_for("team_manager")
    assert _url(child) in manager.get(reverse("messaging:inbox")).content.decode()
    assert manager.post(_url(child), {"body": "Sam is away; I can help."}).status_code == 302
    assert ThreadMessage.objects.filter(
        from_family=False, author=world.users["team_manager"]
    ).exists()


@pytest.mark.parametrize(
    "role", ["senco", "health", "social_care", "admin", "board_member", "young_person"]
)
def test_nobody_else_reads_the_thread_or_its_files(world, child, role):
    world.client_for("parent").post(
        _url(child), {"body": "Only for you", "attachment": upload("report.pdf", PDF_BYTES)}
    )
    message = ThreadMessage.objects.get()
    client = world.client_for(role)
    assert client.get(_url(child)).status_code == 404
    assert client.post(_url(child), {"body": "x"}).status_code == 404
    assert client.get(reverse("messaging:attachment", args=[message.pk])).status_code == 404
    assert ThreadMessage.objects.count() == 1


def test_another_team_and_a_missing_child_get_the_same_404(world, child):
    other = world.client_for_other_team()
    assert other.get(_url(child)).status_code == 404
    assert other.get(reverse("messaging:thread", args=[999999])).status_code == 404


def test_the_file_downloads_for_the_family_and_the_team_and_is_audited(world, child):
    world.client_for("parent").post(
        _url(child), {"body": "", "attachment": upload("report.pdf", PDF_BYTES)}
    )
    message = ThreadMessage.objects.get()
    for role in ("parent", "caseworker"):
        response = world.client_for(role).get(reverse("messaging:attachment", args=[message.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=Action.EXPORT, child_id=child.pk).count() == 2


def test_an_empty_message_or_a_bad_file_is_refused_with_nothing_saved(world, child):
    parent = world.client_for("parent")
    empty = parent.post(_url(child), {"body": "   "})
    assert empty.status_code == 400 and EMPTY_MESSAGE in empty.content.decode()
    bad = parent.post(_url(child), {"body": "See this", "attachment": upload("x.pdf", EXE_BYTES)})
    assert bad.status_code == 400
    too_long = parent.post(_url(child), {"body": "a" * 5001})
    assert too_long.status_code == 400 and "5,000 characters or fewer" in too_long.content.decode()
    assert not ThreadMessage.objects.exists()


def test_the_young_person_writes_about_themselves(world):
    young_person = world.young_person
    client = world.client_for("young_person")
    page = client.get(_url(young_person)).content.decode()
    assert "Your messages with the SEND team" in page
    assert "your child" not in page.lower()
    assert client.post(_url(young_person), {"body": "Can I choose my college?"}).status_code == 302


def test_the_staff_navigation_and_a_family_on_the_inbox(world, child):
    page = world.client_for("caseworker").get(reverse("messaging:inbox")).content.decode()
    assert 'href="/messages/"' in page
    assert world.client_for("parent").get(reverse("messaging:inbox")).status_code == 302
    assert world.client_for("senco").get(reverse("messaging:inbox")).status_code == 404
