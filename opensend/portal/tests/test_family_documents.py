"""A family's letters and documents: the plan as issued (and in large print) and what we sent
them, to read again; nobody else's, and never a sign-in link."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from opensend.audit.models import Action, AuditEvent
from opensend.notify.models import MessageChannel, OutboxMessage
from opensend.people.models import FamilyMember
from testsupport.factories.people import FamilyMemberFactory, FamilyRelationshipFactory
from testsupport.journeys import final_plan
from testsupport.samples import PDF_BYTES


@pytest.fixture
def child(world):
    member = FamilyMember.objects.get(user=world.users["parent"])
    FamilyRelationshipFactory(
        child=world.caseload_child, family_member=member, has_parental_responsibility=True
    )
    return world.caseload_child


def _sent(child, member=None, subject="We got your request", **extra):
    return OutboxMessage.objects.create(
        channel=extra.pop("channel", MessageChannel.EMAIL),
        template=extra.pop("template", "request_received"),
        to_address=extra.pop("to_address", "parent@example.test"),
        subject=subject,
        body="Dear parent,\n\nWe got your request for an assessment.",
        child=child,
        family_member=member,
        **extra,
    )


def _url(child):
    return reverse("portal:family_documents", args=[child.pk])


def test_the_family_finds_the_issued_plan_and_what_we_sent_them(world, child):
    plan = final_plan(world, child=child)
    member = FamilyMember.objects.get(user=world.users["parent"])
    mine = _sent(child, member)
    someone_else = _sent(child, FamilyMemberFactory(), subject="To the other parent")
    parent = world.client_for("parent")
    page_html = parent.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert _url(child) in page_html  # linked from the family's page
    page = parent.get(_url(child)).content.decode()
    assert reverse("plans:pdf", args=[plan.pk]) in page
    assert reverse("plans:pdf", args=[plan.pk]) + "?large_print=1" in page
    assert "We got your request" in page and "To the other parent" not in page
    message = parent.get(reverse("notify:my_message", args=[mine.pk]))
    assert message.status_code == 200
    assert "We got your request for an assessment." in message.content.decode()
    assert parent.get(reverse("notify:my_message", args=[someone_else.pk])).status_code == 404
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_type="notify.outboxmessage", object_id=str(mine.pk)
    ).exists()
    assert parent.get(reverse("plans:pdf", args=[plan.pk])).status_code == 200
    letter = _sent(child, member, subject="Our decision", channel=MessageChannel.LETTER)
    letter.pdf.save("letter.pdf", ContentFile(PDF_BYTES))
    download = parent.get(reverse("notify:my_message_pdf", args=[letter.pk]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")


def test_no_plan_yet_and_nothing_sent_say_so(world, child):
    page = world.client_for("parent").get(_url(child)).content.decode()
    assert "There is no EHC plan yet" in page
    assert f"We have not sent you anything about {child.given_name} yet" in page


def test_a_sign_in_link_is_never_shown_again(world, child):
    member = FamilyMember.objects.get(user=world.users["parent"])
    link = _sent(None, member, subject="Your link to sign in", template="sign_in_link")
    assert (
        world.client_for("parent").get(reverse("notify:my_message", args=[link.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["caseworker", "senco", "admin", "young_person"])
def test_staff_and_other_families_get_404(world, child, role):
    member = FamilyMember.objects.get(user=world.users["parent"])
    mine = _sent(child, member)
    client = world.client_for(role)
    assert client.get(_url(child)).status_code == 404
    assert client.get(reverse("notify:my_message", args=[mine.pk])).status_code == 404
    assert client.get(reverse("notify:my_message_pdf", args=[mine.pk])).status_code == 404


def test_the_young_person_reads_what_was_sent_to_them(world):
    young = world.young_person
    user = world.users["young_person"]
    sent = _sent(young, None, subject="About your plan", to_address=user.email)
    client = world.client_for("young_person")
    page = client.get(_url(young)).content.decode()
    assert "Your letters and documents" in page and "About your plan" in page
    assert client.get(reverse("notify:my_message", args=[sent.pk])).status_code == 200
    assert (
        client.get(reverse("notify:my_message_pdf", args=[sent.pk])).status_code == 404
    )  # no letter
