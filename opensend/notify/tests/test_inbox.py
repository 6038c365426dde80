"""The inbox: work comes to the worker. A family's or a SENCO's request, a case assigned,
advice in and a family's comments each reach the caseworker's inbox with a link to the page;
opening an alert marks it read; nobody sees anyone else's alerts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.casework import services as casework
from opensend.notify.alerts import alert_send
from opensend.notify.models import Alert, AlertKind
from testsupport.factories.people import FamilyRelationshipFactory
from testsupport.journeys import TODAY, ask_health, decide_to_assess, parent_request

pytestmark = pytest.mark.django_db


def _alerts(user):
    return list(Alert.objects.filter(user=user).values_list("kind", flat=True))


def test_a_senco_request_reaches_the_caseworkers_inbox(world):
    casework.request_create(
        actor=world.users["senco"],
        child=world.caseload_child,
        received_on=timezone.localdate(),
        source="setting",
        requested_by_setting=world.setting,
        needs_summary="Needs",
        support_tried="Tried",
    )
    alert = Alert.objects.get(user=world.users["caseworker"])
    assert alert.kind == AlertKind.NEW_REQUEST
    assert world.caseload_child.full_name in alert.text
    assert alert.url.startswith("/casework/cases/")


def test_a_request_for_an_unallocated_child_goes_to_the_team_managers(world):
    child = world.team_child  # no caseworker, in the manager's team
    FamilyRelationshipFactory(child=child, family_member=world.users["parent"].family_member)
    casework.request_create(
        actor=world.users["parent"],
        child=child,
        received_on=timezone.localdate(),
        source="parent",
        needs_summary="Worried",
    )
    assert _alerts(world.users["team_manager"]) == [AlertKind.NEW_REQUEST]
    assert _alerts(world.users["caseworker"]) == []


def test_staff_recording_a_request_themselves_are_not_alerted(world):
    parent_request(world)
    assert not Alert.objects.exists()


def test_assigning_and_advice_in_reach_the_caseworker(world):
    case = parent_request(world, child=world.team_child)
    casework.request_assign(
        actor=world.users["team_manager"], case=case, caseworker=world.users["caseworker"]
    )
    assert _alerts(world.users["caseworker"]) == [AlertKind.ASSIGNED]
    decide_to_assess(world, case)
    advice = ask_health(world, case)
    casework.advice_submit(
        actor=world.users["health"], advice=advice, needs="Speech delay", today=TODAY
    )
    newest = Alert.objects.filter(user=world.users["caseworker"]).first()
    assert newest.kind == AlertKind.ADVICE_IN
    assert newest.url == reverse("casework:advice_detail", args=[advice.pk])


def test_the_inbox_shows_unread_and_opening_marks_read(world):
    user = world.users["caseworker"]
    (alert,) = alert_send(
        actor=None, users=[user], kind=AlertKind.ADVICE_IN, text="Health advice arrived", url="/"
    )
    client = world.client_for("caseworker")
    home = client.get(reverse("portal:home"), follow=True).content.decode()
    assert "Inbox (1 unread)" in home
    inbox = client.get(reverse("notify:inbox")).content.decode()
    assert "Health advice arrived" in inbox and "Unread" in inbox
    opened = client.get(reverse("notify:alert_open", args=[alert.pk]))
    assert opened.status_code == 302 and opened["Location"] == "/"
    alert.refresh_from_db()
    assert alert.is_read
    client.post(reverse("notify:alert_mark", args=[alert.pk]), {"read": "no"})
    alert.refresh_from_db()
    assert not alert.is_read
    client.post(reverse("notify:alerts_read_all"))
    alert.refresh_from_db()
    assert alert.is_read


def test_nobody_opens_anyone_elses_alert(world):
    (alert,) = alert_send(
        actor=None,
        users=[world.users["caseworker"]],
        kind="advice_in",
        text="Advice for someone else's child",
        url="/",
    )
    other = world.client_for("team_manager")
    assert other.get(reverse("notify:alert_open", args=[alert.pk])).status_code == 404
    assert (
        other.post(reverse("notify:alert_mark", args=[alert.pk]), {"read": "yes"}).status_code
        == 404
    )
    assert "someone else" not in other.get(reverse("notify:inbox")).content.decode()


def test_an_alert_never_goes_to_the_person_who_acted(world):
    user = world.users["caseworker"]
    assert alert_send(actor=user, users=[user, user], kind="assigned", text="x", url="/") == []
