"""Sessions end when idle (30 minutes) or too old (12 hours), with or without JavaScript."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from testsupport.factories import PASSWORD

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_an_idle_session_goes_to_sign_in_with_next_and_comes_back(world, clock):
    client = world.client_for("caseworker")
    child_page = reverse("people:child_detail", args=[world.caseload_child.pk])
    assert client.get(child_page).status_code == 200
    clock.shift(dt.timedelta(minutes=29))
    assert client.get(child_page).status_code == 200  # activity restarts the idle clock
    clock.shift(dt.timedelta(minutes=30, seconds=1))
    response = client.get(child_page)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={child_page}"
    sign_in = client.get(response["Location"])
    assert sign_in.status_code == 200
    assert "We signed you out because you had not done anything for 30 minutes" in (
        sign_in.content.decode()
    )
    # Said once only.
    assert "We signed you out" not in client.get(reverse("accounts:login")).content.decode()
    back = client.post(
        response["Location"],
        {"username": world.users["caseworker"].email, "password": PASSWORD},
    )
    assert back.status_code == 302 and back["Location"] == child_page
    assert client.get(child_page).status_code == 200


def test_a_busy_session_still_ends_at_the_absolute_limit(world, clock):
    client = world.client_for("caseworker")
    for _ in range(35):  # every 20 minutes for 11 h 40 min
        clock.shift(dt.timedelta(minutes=20))
        assert client.get("/people/children/").status_code == 200
    clock.shift(dt.timedelta(minutes=20, seconds=1))
    response = client.get("/people/children/")
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
    assert "signed in for 12 hours" in client.get(response["Location"]).content.decode()


@override_settings(OPENSEND_SESSION_IDLE_MINUTES=5, OPENSEND_SESSION_MAX_HOURS=1)
def test_the_limits_are_settings(world, clock):
    client = world.client_for("caseworker")
    clock.shift(dt.timedelta(minutes=4))
    assert client.get("/people/children/").status_code == 200
    clock.shift(dt.timedelta(minutes=5, seconds=1))
    assert client.get("/people/children/").status_code == 302


def test_the_status_endpoint_does_not_keep_a_session_alive(world, clock):
    client = world.client_for("caseworker")
    assert client.get("/people/children/").status_code == 200
    clock.shift(dt.timedelta(minutes=28))
    status = client.get(reverse("accounts:session_status")).json()
    assert status == {"signed_in": True, "seconds_left": 120, "can_extend": True}
    clock.shift(dt.timedelta(minutes=2, seconds=1))
    assert client.get(reverse("accounts:session_status")).json()["signed_in"] is False


def test_stay_signed_in_extends_and_the_ended_page_signs_out(world, clock):
    client = world.client_for("caseworker")
    clock.shift(dt.timedelta(minutes=29))
    extended = client.post(
        reverse("accounts:session_extend"), headers={"Accept": "application/json"}
    )
    assert extended.json()["seconds_left"] == 30 * 60
    # Time not up yet (another tab was busy): the ended page sends the user back.
    early = client.get(reverse("accounts:session_ended") + "?next=/people/children/")
    assert early.status_code == 302 and early["Location"] == "/people/children/"
    clock.shift(dt.timedelta(minutes=30))
    ended = client.get(reverse("accounts:session_ended") + "?next=/people/children/")
    assert ended.status_code == 302
    assert ended["Location"] == f"{reverse('accounts:login')}?next=/people/children/"
    assert "had not done anything" in client.get(ended["Location"]).content.decode()
    assert client.get("/people/children/").status_code == 302
    # Without JavaScript, the extend form posts and comes back.
    client.post(
        reverse("accounts:login"),
        {"username": "caseworker@test.opensend.test", "password": PASSWORD},
    )
    plain = client.post(reverse("accounts:session_extend"), {"next": "/people/children/"})
    assert plain.status_code == 302 and plain["Location"] == "/people/children/"


def test_signed_in_pages_carry_the_timeout_warning_and_sign_in_does_not(world, clock):
    client = world.client_for("caseworker")
    body = client.get("/people/children/").content.decode()
    assert 'id="app-timeout-warning"' in body
    assert 'data-seconds-left="1800"' in body and 'data-warning-seconds="120"' in body
    assert 'src="/static/js/timeout-warning.js" nonce="' in body
    anonymous = world.client_for("caseworker")
    anonymous.logout()
    assert "app-timeout-warning" not in anonymous.get(reverse("accounts:login")).content.decode()
