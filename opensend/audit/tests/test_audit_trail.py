"""The audit trail is append-only, written with the change, and searchable by admins."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.people import services

pytestmark = pytest.mark.django_db


def test_rows_cannot_be_changed_or_deleted(world):
    world.client_for("senco").get(reverse("people:child_detail", args=[world.caseload_child.pk]))
    event = AuditEvent.objects.latest("id")
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    with pytest.raises(RuntimeError):
        AuditEvent.objects.all().update(summary="x")
    with pytest.raises(RuntimeError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_updates_too(world):
    world.client_for("senco").get(reverse("people:child_detail", args=[world.caseload_child.pk]))
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET summary = 'tampered'")
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent")


def test_a_failed_change_leaves_no_audit_row(world, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("opensend.people.services.audit_record", boom)
    with pytest.raises(RuntimeError):
        services.child_update(
            actor=world.users["caseworker"], child=world.caseload_child, given_name="Changed"
        )
    world.caseload_child.refresh_from_db()
    assert world.caseload_child.given_name != "Changed"


def test_admin_searches_by_child_and_by_user(world):
    world.client_for("senco").get(reverse("people:child_detail", args=[world.caseload_child.pk]))
    world.client_for("health").get(reverse("people:child_detail", args=[world.caseload_child.pk]))
    admin = world.client_for("admin")
    by_child = admin.get(reverse("audit:event_list"), {"child_id": world.caseload_child.pk})
    body = by_child.content.decode()
    assert "senco@test.opensend.test" in body and "health@test.opensend.test" in body
    by_user = admin.get(reverse("audit:event_list"), {"person": "health@test.opensend.test"})
    assert "senco@test.opensend.test" not in by_user.content.decode().split("<tbody")[1]


@pytest.mark.parametrize(
    "query",
    [
        {"child_id": "abc"},
        {"child_id": "-1"},
        {"person": "x" * 201},
        {"on_or_after_0": "1", "on_or_after_1": "13", "on_or_after_2": "2025"},
    ],
)
def test_bad_audit_search_is_a_400_with_a_message(world, query):
    response = world.client_for("admin").get(reverse("audit:event_list"), query)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
