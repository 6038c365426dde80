"""Merging two records for one child, and reversing it (issue 12, item 5): the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.audit.models import Action, AuditEvent
from opensend.casework.models import AssessmentRequest
from opensend.people import merging, services
from opensend.people.models import Child, ChildMerge, Enrolment, FamilyRelationship
from opensend.plans.models import EHCPlan
from opensend.reviews.models import AnnualReview
from testsupport.factories.people import (
    ChildFactory,
    EnrolmentFactory,
    FamilyMemberFactory,
    FamilyRelationshipFactory,
)
from testsupport.journeys import final_plan, parent_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(world):
    """A second record for the caseload child: same birthday, a typo in the surname."""
    kept = world.caseload_child
    return ChildFactory(
        given_name=kept.given_name,
        family_name=kept.family_name + "e",
        date_of_birth=kept.date_of_birth,
        upn="",
        senar_team=world.team,
        address="2 New Road",
    )


def _merge(world, duplicate, *, actor="team_manager", take=()):
    return services.child_merge(
        actor=world.users[actor],
        kept=world.caseload_child,
        merged=duplicate,
        take_from_merged=take,
    )


def test_everything_of_the_duplicate_moves_to_the_kept_record_across_the_apps(world, duplicate):
    plan = final_plan(world, child=duplicate)  # a request, a plan in force, its first review
    requests = set(AssessmentRequest.objects.filter(child=duplicate).values_list("pk", flat=True))
    reviews = set(AnnualReview.objects.filter(child=duplicate).values_list("pk", flat=True))
    assert requests and reviews
    EnrolmentFactory(child=duplicate, setting=world.other_setting)

    merge = _merge(world, duplicate, take=["address"])

    kept = world.caseload_child
    plan.refresh_from_db()
    assert plan.child == kept
    assert (
        set(AssessmentRequest.objects.filter(child=kept).values_list("pk", flat=True)) == requests
    )
    assert set(AnnualReview.objects.filter(child=kept).values_list("pk", flat=True)) == reviews
    assert Enrolment.objects.filter(child=kept, setting=world.other_setting).exists()
    for link in merging.child_links():
        assert not link.rows(duplicate).exists(), link.label
    assert merge.moved["plans.ehcplan.child"] == [plan.pk]
    assert sorted(merge.moved["casework.assessmentrequest.child"]) == sorted(requests)

    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert duplicate.is_closed
    assert duplicate.merged_into == kept
    assert duplicate.closed_reason.startswith(f"Merged into record {kept.pk}")
    assert kept.address == "2 New Road"
    assert merge.overwritten == {"address": ["", "2 New Road"]}
    assert not kept.is_closed


def test_a_parent_linked_to_both_records_is_linked_once(world, duplicate):
    kept = world.caseload_child
    mum, dad = FamilyMemberFactory(), FamilyMemberFactory()
    FamilyRelationshipFactory(child=kept, family_member=mum, is_main_contact=True)
    both = FamilyRelationshipFactory(child=duplicate, family_member=mum, is_main_contact=True)
    only_here = FamilyRelationshipFactory(
        child=duplicate, family_member=dad, relationship="father", is_main_contact=True
    )

    merge = _merge(world, duplicate)

    assert FamilyRelationship.objects.filter(child=kept, family_member=mum).count() == 1
    only_here.refresh_from_db()
    assert only_here.child == kept
    assert not only_here.is_main_contact  # the kept record keeps its one main contact
    assert merge.left_behind == {"people.familyrelationship.child": [both.pk]}
    assert FamilyRelationship.objects.filter(child=kept, is_main_contact=True).count() == 1


def test_the_merge_is_audited_with_what_moved(world, duplicate):
    request = parent_request(world, child=duplicate)
    merge = _merge(world, duplicate, take=["address"])
    event = AuditEvent.objects.get(object_type="people.childmerge", object_id=str(merge.pk))
    assert event.action == Action.CREATE
    assert event.child_id == world.caseload_child.pk
    assert event.actor == world.users["team_manager"]
    was, now = f"record {duplicate.pk}", f"record {world.caseload_child.pk}"
    assert event.changes["merged record"] == [was, now]
    moved = f"Assessment requests {request.pk} (casework.assessmentrequest.child)"
    assert event.changes[moved] == [was, now]
    assert event.changes["address"] == ["", "2 New Road"]
    closed = AuditEvent.objects.get(
        object_type="people.child", object_id=str(duplicate.pk), action=Action.CLOSE
    )
    assert closed.summary.startswith(f"Merged into record {world.caseload_child.pk}")


def test_reversing_puts_back_exactly_what_moved(world, duplicate):
    kept = world.caseload_child
    plan = final_plan(world, child=duplicate)
    mum = FamilyMemberFactory()
    FamilyRelationshipFactory(child=kept, family_member=mum, is_main_contact=True)
    moved_link = FamilyRelationshipFactory(child=duplicate, is_main_contact=True)
    old_address = kept.address
    merge = _merge(world, duplicate, take=["address"])
    later = parent_request(world, child=kept)  # made after the merge: stays with the kept record

    services.child_merge_reverse(actor=world.users["admin"], merge=merge)

    plan.refresh_from_db()
    duplicate.refresh_from_db()
    kept.refresh_from_db()
    moved_link.refresh_from_db()
    later.refresh_from_db()
    assert plan.child == duplicate
    assert later.child == kept
    assert moved_link.child == duplicate and moved_link.is_main_contact
    assert not duplicate.is_closed and duplicate.merged_into is None
    assert kept.address == old_address
    merge.refresh_from_db()
    assert merge.is_reversed and merge.reversed_by == world.users["admin"]
    event = AuditEvent.objects.filter(object_type="people.childmerge", action=Action.UPDATE).get()
    assert event.summary.startswith("Merge reversed")
    back = f"EHC plans {plan.pk} (plans.ehcplan.child)"
    assert event.changes[back] == [f"record {kept.pk}", f"record {duplicate.pk}"]
    assert event.changes["address"] == ["2 New Road", old_address]

    with pytest.raises(ValidationError, match="already been reversed"):
        services.child_merge_reverse(actor=world.users["admin"], merge=merge)


def test_reversing_leaves_details_changed_since_the_merge(world, duplicate):
    merge = _merge(world, duplicate, take=["address"])
    services.child_update(
        actor=world.users["caseworker"], child=world.caseload_child, address="3 Later Lane"
    )
    services.child_merge_reverse(actor=world.users["admin"], merge=merge)
    world.caseload_child.refresh_from_db()
    assert world.caseload_child.address == "3 Later Lane"
    merge.refresh_from_db()
    assert "address" in merge.reversal_notes


def test_the_young_persons_sign_in_moves_and_comes_back(world, duplicate):
    from testsupport.factories.accounts import UserFactory

    user = UserFactory()
    Child.objects.filter(pk=duplicate.pk).update(user=user)
    duplicate.refresh_from_db()
    merge = _merge(world, duplicate)
    world.caseload_child.refresh_from_db()
    assert world.caseload_child.user == user
    services.child_merge_reverse(actor=world.users["admin"], merge=merge)
    duplicate.refresh_from_db()
    world.caseload_child.refresh_from_db()
    assert duplicate.user == user and world.caseload_child.user is None


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ("itself", "cannot merge a record with itself"),
        ("closed", "is closed"),
        ("merged", "has already been merged into"),
        ("both_requests", "Both records have an open request for an EHC needs assessment"),
        ("both_plans", "Both records have an EHC plan in force"),
    ],
)
def test_merges_that_cannot_be_made_are_refused_and_nothing_changes(
    world, duplicate, problem, message
):
    kept = world.caseload_child
    merged = duplicate
    if problem == "itself":
        merged = kept
    elif problem == "closed":
        services.child_close(actor=world.users["team_manager"], child=duplicate, reason="Left")
    elif problem == "merged":
        services.child_merge(
            actor=world.users["team_manager"], kept=world.team_child, merged=duplicate
        )
    elif problem == "both_requests":
        parent_request(world, child=kept)
        parent_request(world, child=duplicate)
    elif problem == "both_plans":
        final_plan(world, child=kept)
        final_plan(world, child=duplicate)
    merges_before = ChildMerge.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.child_merge(actor=world.users["team_manager"], kept=kept, merged=merged)
    assert ChildMerge.objects.count() == merges_before


def test_one_open_request_and_one_plan_may_be_merged(world, duplicate):
    plan = final_plan(world, child=world.caseload_child)
    parent_request(world, child=duplicate)
    _merge(world, duplicate)
    assert EHCPlan.objects.get(pk=plan.pk).child == world.caseload_child
    assert AssessmentRequest.objects.filter(child=world.caseload_child).count() == 2


def test_only_managers_and_admins_merge_and_only_admins_reverse(world, duplicate):
    with pytest.raises(PermissionDenied):
        _merge(world, duplicate, actor="caseworker")
    merge = _merge(world, duplicate)
    with pytest.raises(PermissionDenied):
        services.child_merge_reverse(actor=world.users["team_manager"], merge=merge)


def test_a_manager_cannot_merge_a_record_they_cannot_see(world):
    with pytest.raises(PermissionDenied):
        services.child_merge(
            actor=world.users["team_manager"],
            kept=world.caseload_child,
            merged=world.other_child,
        )


def test_unknown_details_are_refused(world, duplicate):
    with pytest.raises(ValidationError, match="not details"):
        _merge(world, duplicate, take=["closed_reason"])


def test_every_table_that_points_at_a_child_is_found():
    labels = {link.label for link in merging.child_links()}
    assert {
        "people.enrolment.child",
        "people.familyrelationship.child",
        "casework.assessmentrequest.child",
        "plans.ehcplan.child",
        "reviews.annualreview.child",
        "disputes.appeal.child",
        "notify.outboxmessage.child",
    } <= labels
    assert not any(label.startswith("people.childmerge") for label in labels)
    assert "people.child.merged_into" not in labels
