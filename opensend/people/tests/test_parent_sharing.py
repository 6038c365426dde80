"""What a young person lets their parents see (people.sharing): only the young person chooses,
only once over compulsory school age; each choice is dated, replaces the one before and is
audited; the visibility rule keeps a hidden plan and its papers from the parent, except where
staff record that the young person lacks capacity to decide (reg 64)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from opensend.audit.models import AuditEvent
from opensend.people import sharing
from opensend.people.models import Child, ParentSharing
from opensend.people.querysets import child_visibility
from opensend.plans.models import EHCPlan
from testsupport.journeys import final_plan
from testsupport.sharing import fifteen_year_old, parent_of_young_person

pytestmark = pytest.mark.django_db


def _choose(world, *, progress=True, plan=True, today=None):
    return sharing.parent_sharing_choose(
        actor=world.users["young_person"],
        child=world.young_person,
        parent_sees_progress=progress,
        parent_sees_plan=plan,
        today=today,
    )


def test_the_young_person_chooses_and_a_new_choice_replaces_the_old(world):
    parent_of_young_person(world)
    first = _choose(world, progress=True, plan=True)
    second = _choose(world, progress=True, plan=False)
    first.refresh_from_db()
    assert first.is_closed and first.closed_reason == sharing.REPLACED
    assert sharing.current_choice(world.young_person) == second
    assert second.decided_on == timezone.localdate()
    assert list(sharing.choice_history(world.young_person)) == [second, first]
    events = AuditEvent.objects.filter(
        object_type="people.parentsharing", child_id=world.young_person.pk
    )
    assert [e.action for e in events.order_by("pk")] == ["create", "update"]


@pytest.mark.parametrize("role", ["parent", "caseworker", "admin"])
def test_nobody_else_chooses_for_the_young_person(world, role):
    parent_of_young_person(world)
    with pytest.raises(PermissionDenied):
        sharing.parent_sharing_choose(
            actor=world.users[role],
            child=world.young_person,
            parent_sees_progress=False,
            parent_sees_plan=False,
        )
    assert not ParentSharing.objects.exists()


def test_a_young_person_under_compulsory_school_age_cannot_choose(world):
    today = timezone.localdate()
    child = fifteen_year_old(today)
    with pytest.raises(ValidationError) as error:
        sharing.parent_sharing_choose(
            actor=child.user,
            child=child,
            parent_sees_progress=False,
            parent_sees_plan=False,
            today=today,
        )
    assert sharing.NOT_YET in error.value.messages
    assert not ParentSharing.objects.exists()


def _plans_seen_by(user):
    return set(EHCPlan.objects.filter(child_visibility(user, via="child")))


def test_a_hidden_plan_is_kept_from_the_parent_and_shown_to_the_young_person(world):
    child = parent_of_young_person(world)
    plan = final_plan(world, child=child)
    parent = world.users["parent"]
    assert plan in _plans_seen_by(parent)  # no choice yet: the parent still sees it (8.14)

    _choose(world, progress=True, plan=False)
    assert plan not in _plans_seen_by(parent)
    assert plan in _plans_seen_by(world.users["young_person"])
    assert plan in _plans_seen_by(world.users["admin"])
    # Their record is hidden too; the family's page still finds them to say so.
    assert not Child.objects.visible_to(parent).filter(pk=child.pk).exists()
    assert list(sharing.young_people_hiding_from(parent)) == [child]
    assert sharing.child_for_family_page(user=parent, child_id=child.pk) == child
    with pytest.raises(Http404):
        sharing.child_for_family_page(user=parent, child_id=world.caseload_child.pk)
    assert sharing.parent_view_of(parent, child) == sharing.ParentView(
        progress=True, plan=False, chosen_on=timezone.localdate()
    )
    assert sharing.parent_view_of(world.users["young_person"], child) == sharing.EVERYTHING

    _choose(world, progress=False, plan=True)
    assert plan in _plans_seen_by(parent)
    assert not sharing.parent_view_of(parent, child).progress


def test_where_the_young_person_lacks_capacity_the_parent_sees_everything(world):
    child = parent_of_young_person(world)
    plan = final_plan(world, child=child)
    _choose(world, progress=False, plan=False)
    child.caseworker = world.users["caseworker"]
    child.save()
    recorded = sharing.parent_sharing_record_capacity(
        actor=world.users["caseworker"],
        child=child,
        lacks_capacity=True,
        notes="Assessed by the college's learning disability nurse on 1 December",
    )
    assert recorded.lacks_capacity and not recorded.parent_sees_plan  # their choice is kept
    assert plan in _plans_seen_by(world.users["parent"])
    assert sharing.parent_view_of(world.users["parent"], child) == sharing.EVERYTHING
    # While it stands, the young person's own choice cannot override it.
    with pytest.raises(ValidationError) as error:
        _choose(world, progress=False, plan=False)
    assert sharing.DECIDED_FOR_YOU in error.value.messages


def test_recording_capacity_needs_notes_and_a_caseworker_who_may_see_the_record(world):
    child = parent_of_young_person(world)
    with pytest.raises(PermissionDenied):
        sharing.parent_sharing_record_capacity(
            actor=world.users["caseworker"], child=child, lacks_capacity=True, notes="x"
        )
    with pytest.raises(PermissionDenied):
        sharing.parent_sharing_record_capacity(
            actor=world.users["parent"], child=child, lacks_capacity=True, notes="x"
        )
    with pytest.raises(ValidationError) as error:
        sharing.parent_sharing_record_capacity(
            actor=world.users["admin"], child=child, lacks_capacity=True, notes="  "
        )
    assert error.value.message_dict == {"notes": [sharing.STAFF_NOTES_REQUIRED]}
    assert not ParentSharing.objects.exists()
