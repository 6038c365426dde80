"""Phase transfers: opening (per child and for the cohort), preferences, consultations, naming
the setting and starting the amendment; bad input changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend import statutory
from opensend.audit.models import AuditEvent
from opensend.notify.models import OutboxMessage
from opensend.plans.models import Consultation
from opensend.reviews.models import PhaseTransfer
from opensend.reviews.transfers import planner, selectors, services
from testsupport.factories.people import ChildFactory, EnrolmentFactory, SettingFactory
from testsupport.transfers import born_in_year_group, final_plan, today, year6

pytestmark = pytest.mark.django_db


def test_open_works_out_the_move_and_asks_the_family(world):
    cw = world.users["caseworker"]
    plan = year6(world)
    transfer = services.transfer_open(actor=cw, plan=plan)
    assert transfer.kind == "primary_to_secondary"
    assert transfer.transfer_on == statutory.next_september(today())
    assert transfer.current_setting == world.setting
    assert transfer.caseworker == cw
    assert selectors.transfer_deadline(transfer) == dt.date(transfer.transfer_on.year, 2, 14)
    message = OutboxMessage.objects.filter(template="phase_transfer_preferences_requested").first()
    assert statutory.long_date(dt.date(transfer.transfer_on.year, 2, 14)) in message.body
    assert AuditEvent.objects.filter(object_type="reviews.phasetransfer", action="create").exists()
    with pytest.raises(ValidationError, match="already open"):
        services.transfer_open(actor=cw, plan=plan)
    assert PhaseTransfer.objects.count() == 1


def test_open_refuses_a_child_who_is_not_moving(world):
    plan = final_plan(world.caseload_child)  # Year 7 by the factory's date of birth... or not
    world.caseload_child.date_of_birth = born_in_year_group(4)
    world.caseload_child.save()
    with pytest.raises(ValidationError) as exc:
        services.transfer_open(actor=world.users["caseworker"], plan=plan)
    assert "does not move" in str(exc.value)
    assert not PhaseTransfer.objects.exists()


def test_post16_midyear_needs_a_future_date_and_is_due_5_months_before(world):
    cw = world.users["caseworker"]
    plan = final_plan(world.caseload_child)
    with pytest.raises(ValidationError, match="Enter the date"):
        services.transfer_open(actor=cw, plan=plan, kind="post16_midyear")
    with pytest.raises(ValidationError, match="future"):
        services.transfer_open(actor=cw, plan=plan, kind="post16_midyear", transfer_on=today())
    move = dt.date(today().year + 1, 6, 15)
    transfer = services.transfer_open(actor=cw, plan=plan, kind="post16_midyear", transfer_on=move)
    assert selectors.transfer_deadline(transfer) == statutory.add_months(move, -5)


def test_only_managers_open_transfers(world):
    plan = year6(world)
    with pytest.raises(PermissionDenied):
        services.transfer_open(actor=world.users["senco"], plan=plan)


def test_cohort_open_is_one_idempotent_action(world):
    cw = world.users["caseworker"]
    year6(world)
    other = ChildFactory(caseworker=cw, senar_team=world.team, date_of_birth=born_in_year_group(6))
    EnrolmentFactory(child=other, setting=world.setting)
    final_plan(other)
    not_moving = ChildFactory(
        caseworker=cw, senar_team=world.team, date_of_birth=born_in_year_group(5)
    )
    EnrolmentFactory(child=not_moving, setting=world.setting)
    final_plan(not_moving)
    assert services.transfers_open_for_cohort(actor=cw) == 2
    assert services.transfers_open_for_cohort(actor=cw) == 0
    assert PhaseTransfer.objects.count() == 2
    assert (
        OutboxMessage.objects.filter(template="phase_transfer_preferences_requested").count() >= 2
    )


def test_the_whole_transfer(world, monkeypatch):
    cw = world.users["caseworker"]
    plan = year6(world)
    transfer = services.transfer_open(actor=cw, plan=plan)
    high = SettingFactory(name="High School", phase="secondary", email="senco@high.test")
    academy = SettingFactory(name="Academy", phase="secondary")
    on = today()
    with pytest.raises(ValidationError, match="different setting"):
        services.transfer_preferences_record(
            actor=cw,
            transfer=transfer,
            recorded_on=on,
            first_preference=high,
            second_preference=high,
        )
    with pytest.raises(ValidationError, match="future"):
        services.transfer_preferences_record(
            actor=cw,
            transfer=transfer,
            recorded_on=on + dt.timedelta(days=1),
            first_preference=high,
        )
    transfer.refresh_from_db()
    assert transfer.first_preference is None
    transfer = services.transfer_preferences_record(
        actor=cw,
        transfer=transfer,
        recorded_on=on,
        first_preference=high,
        second_preference=academy,
    )
    assert selectors.transfer_status(transfer) == planner.PlannerStatus.PREFERENCES

    consultation = services.transfer_consultation_send(
        actor=cw, transfer=transfer, setting=high, sent_on=on
    )
    email = OutboxMessage.objects.get(template="phase_transfer_consultation")
    assert email.to_address == "senco@high.test"
    assert statutory.long_date(statutory.due("consultation_response", on)) in email.body
    with pytest.raises(ValidationError, match="already waiting"):
        services.transfer_consultation_send(actor=cw, transfer=transfer, setting=high, sent_on=on)
    assert Consultation.objects.count() == 1
    transfer.refresh_from_db()
    assert selectors.transfer_status(transfer) == planner.PlannerStatus.CONSULTING
    services.transfer_consultation_response_record(
        actor=cw,
        transfer=transfer,
        consultation=consultation,
        responded_on=on,
        can_meet_needs="yes",
    )

    with pytest.raises(ValidationError, match="Name the new setting"):
        services.transfer_amendment_start(actor=cw, transfer=transfer)
    services.transfer_setting_name(actor=cw, transfer=transfer, setting=high)
    named = OutboxMessage.objects.filter(template="phase_transfer_setting_named").first()
    assert "High School" in named.body

    services.transfer_amendment_start(actor=cw, transfer=transfer)
    transfer.refresh_from_db()
    assert transfer.amendment is not None
    assert transfer.amendment.source == "phase_transfer"
    assert "High School" in transfer.amendment.summary
    assert selectors.transfer_status(transfer) == planner.PlannerStatus.AMENDING
    with pytest.raises(ValidationError, match="closed"):
        services.transfer_setting_name(actor=cw, transfer=transfer, setting=academy)


def test_not_transferring_needs_a_reason(world):
    cw = world.users["caseworker"]
    transfer = services.transfer_open(actor=cw, plan=year6(world))
    with pytest.raises(ValidationError, match="reason"):
        services.transfer_not_transferring(actor=cw, transfer=transfer, reason="  ")
    services.transfer_not_transferring(actor=cw, transfer=transfer, reason="Moving to Wales")
    transfer.refresh_from_db()
    assert selectors.transfer_status(transfer) == planner.PlannerStatus.NOT_TRANSFERRING
    with pytest.raises(ValidationError, match="not transferring"):
        services.transfer_not_transferring(actor=cw, transfer=transfer, reason="Again")
