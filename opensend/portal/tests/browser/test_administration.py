"""Administration in Chromium: an administrator invites a SENCO for a school; the SENCO opens the
link in the invitation email (from the local Notify outbox), sets a password, signs in, sets up
the authenticator app and reaches their home page; the used link then shows a clear page.
Every page passes axe-core; the administration pages also at 320 px without JavaScript."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.accounts.models import User
from opensend.notify.models import OutboxMessage
from testsupport.browser import assert_fits, follow, go, sign_in, sign_out, submit

pytestmark = pytest.mark.browser
NEW_PASSWORD = "correct horse battery staple 7"


def _code(key: bytes) -> str:
    return f"{totp(key):06d}"


def test_an_invited_senco_sets_a_password_and_a_second_factor(page, live_server, world, settings):
    settings.OPENSEND_REQUIRE_STAFF_MFA = True
    admin = world.users["admin"]
    admin_device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    school = world.setting.organisation

    # The administrator signs in with their code and invites a SENCO.
    sign_in(page, live_server, admin.email)
    page.get_by_label("Security code").fill(_code(admin_device.bin_key))
    submit(page, "Continue")
    follow(page, "Users and invitations")
    submit(page, "Invite a user")
    submit(page, "Send invitation", status=400)
    assert page.get_by_text("Enter their first name").first.is_visible()
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Email address").fill("nia.okafor@school.example")
    page.get_by_label("Role", exact=True).select_option(label="SENCO")
    page.get_by_label("Organisation").select_option(label=school.name)
    page.get_by_label("Job title (optional)").fill("SENCO and deputy head")
    submit(page, "Send invitation")
    assert page.get_by_text("Invitation sent to nia.okafor@school.example").is_visible()
    assert page.get_by_text("Invited, no password yet").is_visible()
    assert page.get_by_role("heading", name="Nia Okafor").is_visible()
    follow(page, "Users and invitations")
    assert page.get_by_text("Invitations not used yet").is_visible()
    sign_out(page)

    # The SENCO opens the link in the email.
    message = OutboxMessage.objects.get(to_address="nia.okafor@school.example")
    link = re.search(r"http\S+/account/invitation/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)
    go(page, link)
    assert page.get_by_role("heading", name="Set your password").is_visible()
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Enter the password again").fill("something else entirely")
    submit(page, "Set password", status=400)
    assert page.get_by_text("The passwords do not match").first.is_visible()
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Enter the password again").fill(NEW_PASSWORD)
    submit(page, "Set password")
    assert page.get_by_text("Your password is set").is_visible()

    # They sign in and must set up the authenticator app first.
    sign_in(page, live_server, "nia.okafor@school.example", NEW_PASSWORD)
    assert page.get_by_role("heading", name="Set up your authenticator app").is_visible()
    key_text = page.locator("code").first.inner_text().replace(" ", "")
    page.get_by_label("Security code").fill(_code(b32decode(key_text)))
    submit(page, "Continue")
    assert page.get_by_text("Your authenticator app is set up.").is_visible()
    follow(page, "I have saved my recovery codes")
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", name="Welcome, Nia").is_visible()
    assert page.get_by_text(f"You are signed in for {school.name}").is_visible()
    sign_out(page)

    # The link worked once.
    go(page, link, status=410)
    assert page.get_by_role("heading", name="This link does not work").is_visible()
    senco = User.objects.get(email="nia.okafor@school.example")
    assert senco.memberships.get().job_title == "SENCO and deputy head"


def test_the_administration_pages_at_320px_without_javascript(page_without_js, live_server, world):
    page = page_without_js
    page.set_viewport_size({"width": 320, "height": 800})
    target = world.users["senco"]
    sign_in(page, live_server, world.users["admin"].email)
    follow(page, "Users and invitations")
    assert_fits(page, 320)
    follow(page, target.get_full_name())
    assert_fits(page, 320)
    follow(page, "Give them a role")
    submit(page, "Give role", status=400)
    assert_fits(page, 320)
    go(page, f"{live_server.url}/account/users/{target.pk}/")
    follow(page, "Deactivate their account")
    submit(page, "Deactivate account", status=400)
    page.get_by_label("Why are you deactivating it?").fill("Left the school")
    submit(page, "Deactivate account")
    assert page.get_by_text("Deactivated", exact=True).is_visible()
    follow(page, "Reactivate their account")
    page.get_by_label("Why are you reactivating it?").fill("Came back")
    submit(page, "Reactivate account")
    follow(page, "Link them to a child as a parent or carer")
    page.get_by_label("Child's name or date of birth").fill(world.other_child.family_name)
    submit(page, "Find child")
    assert_fits(page, 320)
    submit(page, "Link to child", status=400)
    go(page, f"{live_server.url}/audit/?person=admin")
    assert_fits(page, 320)
    assert page.get_by_text("Account deactivated: Left the school").is_visible()
