"""The second factor cannot be skipped: code page, recovery codes, replacing, admin reset, API."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.accounts import second_factor
from opensend.audit.models import AuditEvent
from opensend.notify.models import OutboxMessage
from testsupport.factories import PASSWORD

pytestmark = pytest.mark.django_db
SIGN_IN = "/account/sign-in/"


def code_for(device):
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def with_authenticator(user):
    return TOTPDevice.objects.create(user=user, confirmed=True, name="Authenticator app")


def password_only(user):
    """A client that has signed in with the password alone, through the real form."""
    client = Client()
    response = client.post(SIGN_IN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def recovery_codes_for(user):
    return second_factor._replace_recovery_codes(user)


def test_the_set_up_page_refuses_a_password_only_session_of_a_user_with_an_authenticator(world):
    user = world.users["caseworker"]
    with_authenticator(user)
    client = password_only(user)
    response = client.get(reverse("accounts:mfa_setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    posted = client.post(reverse("accounts:mfa_setup"), {"token": "123456"})
    assert posted.status_code == 302
    assert posted["Location"].startswith(reverse("accounts:mfa_verify"))
    # No new key was handed out.
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def test_a_password_only_session_reaches_only_the_code_page(world):
    """Whatever OPENSEND_REQUIRE_STAFF_MFA says: having an authenticator makes it required."""
    assert settings.OPENSEND_REQUIRE_STAFF_MFA is False
    user = world.users["caseworker"]
    with_authenticator(user)
    client = password_only(user)
    child_page = reverse("people:child_detail", args=[world.caseload_child.pk])
    response = client.get(child_page)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:mfa_verify')}?next={child_page}"
    for url in ["/", "/people/children/", "/audit/", "/django-admin/", "/notify/"]:
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"].startswith(reverse("accounts:mfa_verify")), url
    for url in ["/api/v1/children/", f"/api/v1/children/{world.caseload_child.pk}/"]:
        api = client.get(url)
        assert api.status_code == 403, url
        assert api["Content-Type"] == "application/problem+json"
        assert world.caseload_child.full_name not in api.content.decode()
    assert client.get(reverse("accounts:mfa_verify")).status_code == 200


def test_the_right_code_opens_everything_and_goes_back_to_next(world):
    user = world.users["caseworker"]
    device = with_authenticator(user)
    client = password_only(user)
    child_page = reverse("people:child_detail", args=[world.caseload_child.pk])
    wrong = client.post(f"{reverse('accounts:mfa_verify')}?next={child_page}", {"token": "000000"})
    assert wrong.status_code == 400
    assert "The security code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        f"{reverse('accounts:mfa_verify')}?next={child_page}", {"token": code_for(device)}
    )
    assert response.status_code == 302 and response["Location"] == child_page
    assert client.get(child_page).status_code == 200
    assert client.get("/api/v1/children/").status_code == 200


def test_a_recovery_code_works_once(world):
    user = world.users["caseworker"]
    with_authenticator(user)
    codes = recovery_codes_for(user)
    client = password_only(user)
    assert (
        "I cannot use my authenticator app"
        in client.get(reverse("accounts:mfa_verify")).content.decode()
    )
    page = reverse("accounts:mfa_recovery") + "?next=/people/children/"
    assert client.get(page).status_code == 200
    response = client.post(page, {"code": codes[0].upper().replace("-", " ")})
    assert response.status_code == 302 and response["Location"] == "/people/children/"
    assert client.get("/people/children/").status_code == 200
    assert second_factor.recovery_codes_left(user) == len(codes) - 1
    assert OutboxMessage.objects.filter(
        to_address=user.email, template="second_factor_changed", body__contains="recovery code"
    ).exists()

    again = password_only(user)
    reused = again.post(page, {"code": codes[0]})
    assert reused.status_code == 400
    assert "has been used already" in reused.content.decode()
    assert again.get("/people/children/").status_code == 302


def test_first_set_up_shows_recovery_codes_once_and_emails(world):
    user = world.users["senco"]
    client = password_only(user)
    setup = client.get(reverse("accounts:mfa_setup"))
    assert setup.status_code == 200 and "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("accounts:mfa_setup") + "?next=/people/children/", {"token": code_for(device)}
    )
    assert response.status_code == 302
    shown = client.get(response["Location"])
    assert shown.status_code == 200
    body = shown.content.decode()
    assert "Save your recovery codes" in body and 'href="/people/children/"' in body
    codes = [t.token for t in StaticDevice.objects.get(user=user).token_set.all()]
    assert len(codes) == second_factor.RECOVERY_CODE_COUNT
    assert second_factor.format_code(codes[0]) in body
    # Shown once.
    second = client.get(response["Location"])
    assert second.status_code == 302 and second["Location"] == reverse("accounts:security")
    assert (
        second_factor.format_code(codes[0])
        not in client.get(reverse("accounts:security")).content.decode()
    )
    message = OutboxMessage.objects.get(to_address=user.email, template="second_factor_changed")
    assert "An authenticator app was set up" in message.body
    assert AuditEvent.objects.filter(
        object_type="accounts.user", object_id=str(user.pk), summary__contains="set up"
    ).exists()


def test_replacing_the_authenticator_needs_a_verified_session_and_the_password(world):
    user = world.users["caseworker"]
    old = with_authenticator(user)
    client = world.client_for("caseworker")  # verified with `old`
    setup = reverse("accounts:mfa_setup")
    response = client.get(setup)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:confirm_password"))
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    confirm = response["Location"]
    assert client.post(confirm, {"password": "wrong"}).status_code == 400
    back = client.post(confirm, {"password": PASSWORD})
    assert back.status_code == 302 and back["Location"].startswith(setup)
    page = client.get(back["Location"])
    assert page.status_code == 200 and "Set up a new authenticator app" in page.content.decode()
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(back["Location"], {"token": code_for(new)})
    assert done.status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [new.pk]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert OutboxMessage.objects.filter(
        to_address=user.email, body__contains="was replaced"
    ).exists()
    # The password confirmation is used up: another replacement asks again.
    again = client.get(setup)
    assert again["Location"].startswith(reverse("accounts:confirm_password"))


def test_recovery_codes_are_regenerated_only_from_a_verified_session(world):
    user = world.users["caseworker"]
    with_authenticator(user)
    old_codes = recovery_codes_for(user)
    regenerate = reverse("accounts:recovery_codes_regenerate")

    unverified = password_only(user)
    refused = unverified.post(regenerate)
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("accounts:mfa_verify"))

    client = world.client_for("caseworker")
    assert "Make new recovery codes" in client.get(reverse("accounts:security")).content.decode()
    response = client.post(regenerate)
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert old_codes[0] not in shown
    assert second_factor.recovery_codes_left(user) == second_factor.RECOVERY_CODE_COUNT
    fresh = password_only(user)
    assert fresh.post(reverse("accounts:mfa_recovery"), {"code": old_codes[0]}).status_code == 400


def test_an_administrator_resets_a_second_factor_from_the_users_page_audited(world):
    target = world.users["caseworker"]
    with_authenticator(target)
    recovery_codes_for(target)
    admin = world.client_for("admin")
    listing = admin.get(reverse("accounts:user_list") + "?q=caseworker")
    assert listing.status_code == 200
    assert target.email in listing.content.decode()
    url = reverse("accounts:user_second_factor_reset", args=[target.pk])
    assert url in listing.content.decode()
    assert admin.get(url).status_code == 200
    missing_reason = admin.post(url, {"reason": ""})
    assert missing_reason.status_code == 400
    assert "Enter why you are resetting" in missing_reason.content.decode()
    assert TOTPDevice.objects.filter(user=target).exists()

    done = admin.post(url, {"reason": "Lost phone, checked by phone with their manager"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not StaticDevice.objects.filter(user=target).exists()
    event = AuditEvent.objects.get(
        object_type="accounts.user", object_id=str(target.pk), summary__contains="reset"
    )
    assert event.actor == world.users["admin"]
    assert "Lost phone" in event.summary
    assert event.source.startswith("Screen POST")
    message = OutboxMessage.objects.get(to_address=target.email)
    assert "An administrator" in message.body

    # The user can sign in with the password and, where required, set up a new app.
    with override_settings(OPENSEND_REQUIRE_STAFF_MFA=True):
        client = password_only(target)
        assert client.get("/").headers["Location"].startswith(reverse("accounts:mfa_setup"))


def test_only_administrators_reset_and_never_their_own(world):
    url = reverse("accounts:user_second_factor_reset", args=[world.users["caseworker"].pk])
    for role in ["caseworker", "team_manager", "parent"]:
        client = world.client_for(role)
        assert client.get(reverse("accounts:user_list")).status_code == 403
        assert client.post(url, {"reason": "x"}).status_code == 403
    own = reverse("accounts:user_second_factor_reset", args=[world.users["admin"].pk])
    assert world.client_for("admin").post(own, {"reason": "x"}).status_code == 404


@override_settings(OPENSEND_REQUIRE_STAFF_MFA=True)
def test_where_required_staff_without_an_authenticator_reach_only_the_set_up_page(world):
    client = password_only(world.users["caseworker"])
    assert client.get("/people/children/")["Location"].startswith(reverse("accounts:mfa_setup"))
    assert client.get(reverse("accounts:mfa_verify")).status_code == 302
    api = client.get("/api/v1/children/")
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    # Families are not asked.
    parent = password_only(world.users["parent"])
    assert parent.get("/").status_code == 200
    assert parent.get("/api/v1/children/").status_code == 200


def test_the_api_takes_no_tokens(world):
    """Session sign-in only: a token (or any Authorization header) would skip the second factor."""
    assert settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] == [
        "rest_framework.authentication.SessionAuthentication"
    ]
    assert "rest_framework.authtoken" not in settings.INSTALLED_APPS
    client = Client(headers={"Authorization": "Token 0123456789abcdef"})
    assert client.get("/api/v1/children/").status_code in (401, 403)
    basic = Client(headers={"Authorization": "Basic Y2FzZXdvcmtlckB0ZXN0Om5vcGU="})
    assert basic.get("/api/v1/children/").status_code in (401, 403)
