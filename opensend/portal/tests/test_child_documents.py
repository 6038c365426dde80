"""The child's page lists their documents and messages, newest first, each with its date and a
link to the app's own permission-checked download, for staff who may see the child."""

import pytest
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.core import uploads
from opensend.notify.models import OutboxMessage
from testsupport import samples
from testsupport.factories.people import FamilyMemberFactory, FamilyRelationshipFactory
from testsupport.journeys import TODAY, final_plan, new_request

pytestmark = pytest.mark.django_db


def _page(world, role, child):
    return world.client_for(role).get(reverse("people:child_detail", args=[child.pk]))


def test_staff_see_evidence_and_messages_with_dates_and_links(world):
    child = world.caseload_child
    FamilyRelationshipFactory(
        child=child, family_member=FamilyMemberFactory(email="mum@family.opensend.test")
    )
    evidence = uploads.check_upload(samples.upload("sen-plan.pdf", samples.PDF_BYTES))
    case = new_request(world, evidence=[evidence])
    page = _page(world, "caseworker", child).content.decode()
    assert reverse("casework:request_document", args=[case.documents.get().pk]) in page
    assert "sen-plan.pdf" in page
    message = OutboxMessage.objects.get(child=child, template="request_received")
    assert reverse("notify:message_detail", args=[message.pk]) in page
    assert reverse("notify:child_messages", args=[child.pk]) in page
    assert AuditEvent.objects.filter(summary="Messages sent", child_id=child.pk).exists()


def test_the_plan_in_force_is_among_the_documents(world):
    plan = final_plan(world)
    page = _page(world, "caseworker", plan.child).content.decode()
    assert reverse("plans:pdf", args=[plan.pk]) in page
    assert "EHC plan, version 1" in page


def test_families_do_not_get_the_staff_document_list(world):
    plan = final_plan(world, child=world.parents_child, setting=world.other_setting)
    page = _page(world, "parent", plan.child).content.decode()
    assert 'id="documents"' not in page
    assert 'id="messages"' not in page
    assert TODAY  # the plan was issued through the services on the journey's dates
