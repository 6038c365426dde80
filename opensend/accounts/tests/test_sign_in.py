"""Sign-in, lockout and the staff second factor."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from testsupport.factories import PASSWORD

pytestmark = pytest.mark.django_db
SIGN_IN = "/account/sign-in/"


def test_sign_in_with_email_and_password(world):
    client = Client()
    response = client.post(
        SIGN_IN, {"username": "CASEWORKER@test.opensend.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    home = client.get("/", follow=True)  # a caseworker's home is their caseload
    assert "Your caseload" in home.content.decode()


def test_wrong_password_gets_a_clear_message(world):
    response = Client().post(
        SIGN_IN, {"username": "caseworker@test.opensend.test", "password": "nope"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter a correct email address and password" in body


def test_repeated_failures_lock_the_account(world):
    client = Client()
    for _ in range(5):
        client.post(SIGN_IN, {"username": "caseworker@test.opensend.test", "password": "nope"})
    response = client.post(
        SIGN_IN, {"username": "caseworker@test.opensend.test", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()


def test_sign_out_is_a_post(world):
    client = world.client_for("caseworker")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/").status_code == 302


@override_settings(OPENSEND_REQUIRE_STAFF_MFA=True)
def test_staff_must_set_up_and_use_a_security_code(world):
    client = Client()
    client.post(SIGN_IN, {"username": "caseworker@test.opensend.test", "password": PASSWORD})
    response = client.get(reverse("people:child_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))
    setup = client.get(response["Location"])
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=world.users["caseworker"])
    assert client.post(reverse("accounts:mfa_setup"), {"token": "000000"}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    token = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    response = client.post(
        reverse("accounts:mfa_setup") + "?next=/people/children/", {"token": token}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:recovery_codes_new"))
    codes = client.get(response["Location"])
    assert "Save your recovery codes" in codes.content.decode()
    assert 'href="/people/children/"' in codes.content.decode()
    assert client.get(reverse("people:child_list")).status_code == 200


@override_settings(OPENSEND_REQUIRE_STAFF_MFA=True)
def test_returning_staff_enter_their_code_and_families_are_not_asked(world):
    TOTPDevice.objects.create(user=world.users["senco"], confirmed=True, name="app")
    client = Client()
    client.post(SIGN_IN, {"username": "senco@test.opensend.test", "password": PASSWORD})
    response = client.get("/")
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    bad = client.post(reverse("accounts:mfa_verify"), {"token": "12ab56"})
    assert bad.status_code == 400 and "must be 6 digits" in bad.content.decode()

    parent = Client()
    parent.post(SIGN_IN, {"username": "parent@test.opensend.test", "password": PASSWORD})
    assert parent.get("/").status_code == 200


def test_next_cannot_redirect_off_site(world):
    client = world.client_for("caseworker")
    device = TOTPDevice.objects.create(user=world.users["caseworker"], confirmed=True, name="app")
    token = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    response = client.post(
        reverse("accounts:mfa_verify") + "?next=https://evil.example/", {"token": token}
    )
    assert response["Location"] == "/"
