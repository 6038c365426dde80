"""Every page and API endpoint that lists children's names writes a list audit event."""

import datetime as dt

import pytest
from django.urls import reverse

from opensend.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    from opensend.disputes import services as dispute_services
    from testsupport.journeys import final_plan

    cw = world.users["caseworker"]
    plan = final_plan(world)
    dispute_services.complaint_create(
        actor=cw,
        summary="Late plan",
        complainant_name="Mum",
        child=world.caseload_child,
        received_on=dt.date.today() - dt.timedelta(days=2),
    )
    dispute_services.mediation_create(
        actor=cw,
        child=world.caseload_child,
        decision_notice_on=dt.date.today() - dt.timedelta(days=3),
        about="Section F",
    )
    return plan


LISTINGS = [
    ("caseworker", "portal:caseload"),
    ("team_manager", "portal:team_member_caseworker"),
    ("caseworker", "plans:plan_list"),
    ("caseworker", "reviews:queue"),
    ("senco", "reviews:setting_workspace"),
    ("caseworker", "disputes:queue"),
    ("caseworker", "disputes:complaint_list"),
    ("caseworker", "disputes:mediation_list"),
    ("caseworker", "disputes:choose_child_complaint"),
    ("caseworker", "/api/v1/requests/"),
    ("caseworker", "/api/v1/plans/"),
    ("caseworker", "/api/v1/reviews/"),
    ("caseworker", "/api/v1/complaints/"),
    ("caseworker", "/api/v1/mediation-cases/"),
]


def _url(name, world):
    if name.startswith("/"):
        return name
    if name == "portal:team_member_caseworker":
        return reverse("portal:team_member", args=[world.users["caseworker"].pk])
    if name == "disputes:choose_child_complaint":
        return reverse("disputes:choose_child", args=["complaint"])
    return reverse(name)


@pytest.mark.parametrize(("role", "name"), LISTINGS)
def test_listing_pages_write_a_list_audit_event(world, records, role, name):
    before = AuditEvent.objects.filter(action=Action.LIST).count()
    response = world.client_for(role).get(_url(name, world))
    assert response.status_code == 200
    listed = AuditEvent.objects.filter(action=Action.LIST, actor=world.users[role])
    assert listed.count() > before
    assert world.caseload_child.pk in set(listed.values_list("child_id", flat=True))


def test_a_list_writes_one_complete_event_per_record(world):
    from django.utils import timezone

    from opensend.audit.services import audit_record_list
    from testsupport.factories.people import ChildFactory

    children = [world.caseload_child, ChildFactory()]
    before = timezone.now()
    written = audit_record_list(
        actor=world.users["caseworker"], objects=children, summary="S" * 400, action=Action.EXPORT
    )
    events = AuditEvent.objects.filter(occurred_at__gte=before, action=Action.EXPORT)
    assert written == 2
    assert sorted(events.values_list("child_id", flat=True)) == sorted(c.pk for c in children)
    for event, child in zip(
        events.order_by("child_id"), sorted(children, key=lambda c: c.pk), strict=True
    ):
        assert event.actor == world.users["caseworker"]
        assert event.actor_email == world.users["caseworker"].email
        assert (event.object_type, event.object_id) == ("people.child", str(child.pk))
        assert event.object_label == str(child)
        assert event.summary == "S" * 300
        assert event.changes == {}
        assert before <= event.occurred_at <= timezone.now()


def test_an_empty_list_writes_nothing(world):
    from opensend.audit.services import audit_record_list

    before = AuditEvent.objects.count()
    assert audit_record_list(actor=world.users["caseworker"], objects=[]) == 0
    assert AuditEvent.objects.count() == before
