"""The demo young person's story (issue 14, item 10): youngperson@demo.opensend.test is 17,
has an EHC plan, is moving from their school's sixth form to a college next September, and has
chosen what their parents see: where things are, but not their plan and the papers about them
(people.sharing). Signing in as them shows "What your parents or carers can see" on their home
page; the staff record shows the choice; their parents' page says what Sam has kept back."""

from datetime import date

from opensend import statutory
from opensend.accounts.roles import Role
from opensend.demo.logins import LOGIN_BY_ROLE
from opensend.people.codes import Phase, SettingKind
from opensend.people.models import Child, ParentSharing, Setting
from opensend.plans.models import EHCPlan, PlacementType, PlanStatus
from opensend.reviews.models import PhaseTransfer
from opensend.statutory import TransferKind


def build_demo_young_person(*, today: date) -> None:
    child = Child.objects.select_related("user").get(
        user__email=LOGIN_BY_ROLE[Role.YOUNG_PERSON].email
    )
    user = child.user
    assert user is not None  # noqa: S101 - found by their sign-in
    enrolment = child.enrolments.filter(ended_on__isnull=True).select_related("setting").first()
    school = enrolment.setting if enrolment is not None else None
    plan = child.ehc_plans.filter(status=PlanStatus.FINAL).order_by("-issued_on").first()
    if plan is None:
        plan = EHCPlan.objects.create(
            child=child,
            status=PlanStatus.FINAL,
            version=1,
            issued_on=statutory.add_months(today, -30),
            named_setting=school,
            placement_type=PlacementType.OTHER,
            about_me="I like music and cooking. I want to go to college and then get a job "
            "in a kitchen.",
        )
    moving_on = statutory.next_september(today)
    college = (
        Setting.objects.open()
        .filter(kind=SettingKind.COLLEGE, phase=Phase.POST16)
        .order_by("pk")
        .first()
    )
    if not PhaseTransfer.objects.filter(plan=plan, transfer_on=moving_on).exists():
        PhaseTransfer.objects.create(
            plan=plan,
            child=child,
            kind=TransferKind.SECONDARY_TO_POST16,
            transfer_on=moving_on,
            current_setting=school,
            preferences_recorded_on=statutory.add_days(today, -21),
            first_preference=college,
            caseworker_id=child.caseworker_id,
        )
    ParentSharing.objects.create(
        child=child,
        parent_sees_progress=True,
        parent_sees_plan=False,
        decided_by=user,
        decided_on=statutory.add_days(today, -14),
    )
