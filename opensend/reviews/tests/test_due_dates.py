"""Issue 9 corrections reach stored data: dates recomputed after migrate, cease codes recoded."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse

from opensend import statutory
from opensend.reviews.ceasing import services as ceasing
from opensend.reviews.due_dates import refresh_due_dates
from opensend.reviews.models import (
    OLD_TO_SEN2_CEASE_REASON,
    AnnualReview,
    CeaseReason,
    Cessation,
    CessationStatus,
)
from testsupport.transfers import born_aged, final_plan

pytestmark = pytest.mark.django_db
MADE = dt.date(2026, 6, 10)
MIGRATION = importlib.import_module("opensend.reviews.migrations.0004_sen2_cease_reason_codes")


def _review_stored_the_old_way(world):
    """A review planned before the correction: due on the anniversary itself (+12 months)."""
    plan = final_plan(world.caseload_child, issued_on=MADE)
    return AnnualReview.objects.create(
        plan=plan,
        child=plan.child,
        led_by="council",
        due_rule="first_annual_review",
        due_from=MADE,
        due_by=statutory.add_months(MADE, 12),
        next_due_on=statutory.add_months(MADE, 12),
    )


def test_an_existing_review_moves_back_by_one_day(world):
    review = _review_stored_the_old_way(world)
    assert review.due_by == dt.date(2027, 6, 10)
    result = refresh_due_dates()
    review.refresh_from_db()
    assert review.due_by == review.next_due_on == dt.date(2027, 6, 9)
    assert result.moved["annual reviews"] == 1
    # Running it again changes nothing.
    assert refresh_due_dates().total == 0


def test_migrate_runs_the_refresh_after_a_marked_migration(world, capsys):
    review = _review_stored_the_old_way(world)
    reviews_app = django_apps.get_app_config("reviews")
    from opensend.reviews.apps import _refresh_after_rule_changes

    _refresh_after_rule_changes(reviews_app, plan=[(MIGRATION.Migration, False)], verbosity=1)
    review.refresh_from_db()
    assert review.due_by == dt.date(2027, 6, 9)
    assert "1 annual reviews" in capsys.readouterr().out
    # An unmarked migration, or one applied backwards, does not trigger it.
    review.due_by = dt.date(2027, 6, 10)
    review.save(update_fields=["due_by"])
    _refresh_after_rule_changes(reviews_app, plan=[(MIGRATION.Migration, True)], verbosity=0)
    review.refresh_from_db()
    assert review.due_by == dt.date(2027, 6, 10)


def test_the_command_says_what_moved(world, capsys):
    _review_stored_the_old_way(world)
    call_command("refresh_due_dates")
    assert "Stored due dates recomputed: 1 moved (1 annual reviews)" in capsys.readouterr().out


def test_a_decided_cessation_waits_for_the_rule_12_appeal_day(world):
    plan = final_plan(world.caseload_child)
    cessation = Cessation.objects.create(
        plan=plan,
        child=plan.child,
        reason="2",
        details="Needs met",
        status=CessationStatus.DECIDED,
        decided_on=dt.date(2026, 6, 30),
        next_due_on=dt.date(2026, 8, 30),  # the plain 2 months, before rule 12
    )
    refresh_due_dates()
    cessation.refresh_from_db()
    assert cessation.next_due_on == dt.date(2026, 9, 1)  # August: first working day after 31 Aug


def test_the_data_migration_maps_every_old_code_to_dfe_and_back(world):
    plan = final_plan(world.caseload_child)
    rows = [
        Cessation.objects.create(
            plan=plan, child=plan.child, reason=old, details=f"old {old}", status="not_ceased"
        )
        for old in OLD_TO_SEN2_CEASE_REASON
    ]
    MIGRATION.forward(django_apps, None)
    recoded = {c.details: c.reason for c in Cessation.objects.filter(pk__in=[r.pk for r in rows])}
    assert recoded == {f"old {old}": new for old, new in OLD_TO_SEN2_CEASE_REASON.items()}
    # The meanings, spelled out: old 5 (needs met) is DfE 2; old 8 (left education) is DfE 6.
    assert recoded["old 5"] == CeaseReason.NEEDS_MET == "2"
    assert recoded["old 8"] == CeaseReason.NO_LONGER_ENGAGING == "6"
    assert recoded["old 2"] == CeaseReason.HIGHER_EDUCATION == "3"
    MIGRATION.backward(django_apps, None)
    back = {c.details: c.reason for c in Cessation.objects.filter(pk__in=[r.pk for r in rows])}
    assert back == {f"old {old}": old for old in OLD_TO_SEN2_CEASE_REASON}


def test_dfe_labels_are_exact():
    assert dict(CeaseReason.choices) == {
        "1": "Reached maximum age (the end of the academic year in which they turned 25)",
        "2": "Ongoing educational or training needs being met without an EHC plan",
        "3": "Moved on to higher education",
        "4": "Moved on to paid employment, excluding apprenticeships",
        "5": "Transferred to another local authority",
        "6": "Young person no longer wishes to engage in education or training",
        "7": "Moved outside England",
        "8": "Deceased",
        "9": "Other",
    }


def test_cease_codes_round_trip_through_the_form_and_the_api(world):
    world.caseload_child.date_of_birth = born_aged(12)
    world.caseload_child.save()
    plan = final_plan(world.caseload_child)
    client = world.client_for("caseworker")
    page = client.get(reverse("reviews:cessation_start", args=[plan.pk]))
    assert "Transferred to another local authority" in page.content.decode()
    response = client.post(
        reverse("reviews:cessation_start", args=[plan.pk]),
        {"reason": "5", "details": "The family moved to Leeds, which has taken on the plan."},
    )
    assert response.status_code == 302
    cessation = Cessation.objects.get(plan=plan)
    assert cessation.reason == "5"
    body = client.get(f"/api/v1/cessations/{cessation.pk}/").json()
    assert body["reason"] == "5"
    detail = client.get(reverse("reviews:cessation_detail", args=[cessation.pk])).content.decode()
    assert "Transferred to another local authority" in detail


def test_an_under_18_refusal_is_explained_on_the_form(world):
    world.caseload_child.date_of_birth = born_aged(16)
    world.caseload_child.save()
    plan = final_plan(world.caseload_child)
    response = world.client_for("caseworker").post(
        reverse("reviews:cessation_start", args=[plan.pk]),
        {"reason": "4", "details": "Started work at the garden centre."},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Starting paid work is a reason only from 18" in text
    assert not Cessation.objects.filter(plan=plan).exists()


def test_a_college_student_plan_ends_on_31_july(world):
    from opensend.reviews.ceasing.selectors import plan_natural_end
    from testsupport.factories.people import EnrolmentFactory, SettingFactory

    world.caseload_child.date_of_birth = dt.date(2008, 3, 3)
    world.caseload_child.save()
    plan = final_plan(world.caseload_child)
    assert plan_natural_end(plan).last_day == dt.date(2033, 8, 31)
    world.caseload_child.enrolments.update(ended_on=dt.date(2026, 7, 20))
    EnrolmentFactory(
        child=world.caseload_child,
        setting=SettingFactory(kind="college", phase="post16"),
        started_on=dt.date(2026, 9, 1),
    )
    end = plan_natural_end(plan)
    assert end.last_day == dt.date(2033, 7, 31)
    page = world.client_for("caseworker").get(reverse("plans:plan_detail", args=[plan.pk]))
    assert "Sunday 31 July 2033" in page.content.decode()
    assert ceasing.attends_further_education(world.caseload_child)
