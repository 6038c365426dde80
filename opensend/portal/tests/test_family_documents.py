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


def _reviewed(world, child, decision="maintain", *, decided=True):
    """A final plan whose first review was held, its report sent and, with `decision`, decided."""
    from testsupport.journeys import decide, open_review, walk

    plan = final_plan(world, child=child)
    caseworker = world.users["caseworker"]
    review = walk(caseworker, open_review(plan), to="reported", recommendation=decision)
    if decided:
        decide(caseworker, review, decision)
    review.refresh_from_db()
    return review


def _report(child, review):
    return reverse("portal:family_review_report", args=[child.pk, review.pk])


def test_the_family_downloads_the_review_report_and_reads_our_decision(world, child):
    review = _reviewed(world, child)
    member = FamilyMember.objects.get(user=world.users["parent"])
    letter = OutboxMessage.objects.filter(
        family_member=member, template="review_decision_maintain"
    ).first() or _sent(
        child, member, subject="We will keep the plan", template="review_decision_maintain"
    )
    parent = world.client_for("parent")
    page = parent.get(_url(child)).content.decode()
    assert "Reviews of the plan" in page
    assert _report(child, review) in page
    assert "We sent it on 18 November 2026" in page
    assert reverse("notify:my_message", args=[letter.pk]) in page  # our decision letter
    assert AuditEvent.objects.filter(
        action=Action.LIST, object_type="reviews.annualreview", object_id=str(review.pk)
    ).exists()

    download = parent.get(_report(child, review))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action=Action.EXPORT,
        object_type="reviews.annualreview",
        object_id=str(review.pk),
        actor=world.users["parent"],
    ).exists()


def test_a_report_not_yet_sent_is_not_listed_or_downloadable(world, child):
    from testsupport.journeys import open_review, walk

    plan = final_plan(world, child=child)
    review = walk(world.users["caseworker"], open_review(plan), to="held")
    parent = world.client_for("parent")
    assert "There is no review report yet" in parent.get(_url(child)).content.decode()
    assert parent.get(_report(child, review)).status_code == 404


@pytest.mark.parametrize("role", ["caseworker", "senco", "admin", "young_person"])
def test_only_the_family_downloads_the_report_here(world, child, role):
    review = _reviewed(world, child, decided=False)
    assert world.client_for(role).get(_report(child, review)).status_code == 404


def test_another_childs_review_id_is_not_found(world, child):
    review = _reviewed(world, child, decided=False)
    parent = world.client_for("parent")
    other = world.young_person
    assert (
        parent.get(reverse("portal:family_review_report", args=[other.pk, review.pk])).status_code
        == 404
    )
    assert (
        parent.get(reverse("portal:family_review_report", args=[child.pk, 999999])).status_code
        == 404
    )
