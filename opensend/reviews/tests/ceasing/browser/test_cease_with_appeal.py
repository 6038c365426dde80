"""A cease with an appeal in Chromium: the caseworker proposes ceasing, consults, decides; the
appeal keeps the plan maintained; once dismissed, the plan is ceased. Every page passes axe-core."""

import pytest

from opensend.plans.models import PlanStatus
from opensend.reviews.models import Cessation
from testsupport.browser import fill_date, follow, go, sign_in, submit
from testsupport.transfers import final_plan, today

pytestmark = pytest.mark.browser


def test_cease_with_appeal(page, live_server, world):
    base = live_server.url
    plan = final_plan(world.caseload_child, named_setting=world.setting)
    on = today()
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{base}/reviews/ceasing/start/{plan.pk}/")
    page.get_by_label("Young person no longer wishes to engage in education or training").check()
    page.fill("textarea[name=details]", "Has left school")
    submit(page, "Continue", status=400)  # a child under 18: not a lawful reason
    assert "Under 18" in page.content()
    page.get_by_label("Ongoing educational or training needs being met without an EHC plan").check()
    submit(page, "Continue")
    cessation = Cessation.objects.get(plan=plan)

    follow(page, "Tell and consult the family and setting")
    fill_date(page, "family_consulted_on", on)
    fill_date(page, "setting_consulted_on", on)
    submit(page, "Save")
    follow(page, "Decide and send the notice")
    fill_date(page, "decided_on", on)
    submit(page, "Send the notice")
    assert "The family can appeal until" in page.content()

    follow(page, "Record an appeal")
    fill_date(page, "lodged_on", on)
    submit(page, "Save")
    assert "The plan is still maintained while the appeal is decided" in page.content()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FINAL
    go(page, f"{base}/plans/{plan.pk}/")
    go(page, f"{base}/reviews/ceasing/{cessation.pk}/")
    assert page.get_by_role("link", name="Cease the plan", exact=True).count() == 0

    follow(page, "see the appeal")
    follow(page, "Set the hearing date")
    fill_date(page, "hearing_on", on)
    submit(page, "Save")
    follow(page, "Record the outcome")
    page.get_by_label("Dismissed").check()
    fill_date(page, "outcome_on", on)
    submit(page, "Save")

    go(page, f"{base}/reviews/ceasing/{cessation.pk}/")
    follow(page, "Cease the plan")
    fill_date(page, "ceased_on", on)
    submit(page, "Cease the plan")
    assert "The plan has ceased" in page.content()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CEASED
    go(page, f"{base}/reviews/ceasing/")
