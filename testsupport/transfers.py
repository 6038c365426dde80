"""Small builders for the transfer, reassessment and ceasing tests (and others): final plans
made directly (not through the plans services) and children of a given age."""

import datetime as dt

from django.utils import timezone

from opensend import statutory
from opensend.plans.models import EHCPlan, PlanStatus

ISSUED = dt.date(2025, 10, 1)


def today() -> dt.date:
    return timezone.localdate()


def born_in_year_group(year: int, on: dt.date | None = None) -> dt.date:
    """A date of birth (in March) that puts a child in National Curriculum ``year`` on ``on``."""
    on = on or today()
    born = dt.date(statutory.academic_year(on) - year - 4, 3, 1)
    assert statutory.national_curriculum_year(born, on) == year
    return born


def born_aged(age: int, on: dt.date | None = None) -> dt.date:
    """A date of birth that makes someone ``age`` on ``on`` (birthday on 1 January)."""
    on = on or today()
    return dt.date(on.year - age, 1, 1)


def final_plan(child, *, named_setting=None, issued_on: dt.date = ISSUED) -> EHCPlan:
    return EHCPlan.objects.create(
        child=child,
        status=PlanStatus.FINAL,
        version=1,
        draft_issued_on=issued_on,
        issued_on=issued_on,
        named_setting=named_setting,
    )


def year6(world, child=None):
    """The caseload child (at the world's primary school) in Year 6, with a final plan."""
    child = child or world.caseload_child
    child.date_of_birth = born_in_year_group(6)
    child.save()
    return final_plan(child, named_setting=world.setting)
