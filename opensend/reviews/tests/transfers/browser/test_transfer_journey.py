"""A phase transfer in Chromium: the caseworker opens the cohort, records the family's
preferences, consults a school, records its reply, names it and starts the amendment. Every
page passes axe-core (WCAG 2.2 AA)."""

import pytest

from opensend.reviews.models import PhaseTransfer
from testsupport.browser import fill_date, follow, go, sign_in, sign_out, submit
from testsupport.factories.people import SettingFactory
from testsupport.transfers import today, year6

pytestmark = pytest.mark.browser


def test_phase_transfer(page, live_server, world):
    base = live_server.url
    plan = year6(world)
    SettingFactory(name="Hillside High School", phase="secondary", email="senco@hillside.test")
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{base}/reviews/transfers/")
    assert "before 15 February" in page.content()
    submit(page, "Open transfers for this cohort")
    assert "1 transfer opened" in page.content()
    transfer = PhaseTransfer.objects.get(plan=plan)
    follow(page, plan.child.full_name)

    follow(page, "Record the family's preferences")
    submit(page, "Save", status=400)
    fill_date(page, "recorded_on", today())
    page.select_option("select[name=first_preference]", label="Hillside High School (secondary)")
    submit(page, "Save")

    follow(page, "Consult a school or college")
    fill_date(page, "sent_on", today())
    submit(page, "Save")
    follow(page, "Record the reply from Hillside High School")
    fill_date(page, "responded_on", today())
    page.get_by_label("Yes").check()
    submit(page, "Save")
    assert "Consulting settings" in page.content()

    follow(page, "Name the new setting")
    submit(page, "Save")
    assert "Setting named" in page.content()
    follow(page, "Start the amendment")
    submit(page, "Start the amendment")
    transfer.refresh_from_db()
    assert transfer.amendment is not None
    assert "Plan being amended" in page.content()
    go(page, f"{base}/reviews/transfers/?status=amending")
    assert plan.child.full_name in page.content()
    sign_out(page)

    sign_in(page, live_server, world.users["senco"].email)
    go(page, f"{base}/reviews/transfers/")
    go(page, f"{base}/reviews/transfers/{transfer.pk}/")
    sign_out(page)
