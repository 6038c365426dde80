"""The second factor in Chromium: a caseworker with an authenticator signs in with the password,
cannot reach the caseload or the set-up page until the code is entered, then gets in; a wrong code
is refused with a message. Every page passes axe-core, at desktop and phone width."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from testsupport.browser import go, sign_in, submit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320])
def test_the_code_page_is_the_only_door(page, live_server, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    user = world.users["caseworker"]
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    sign_in(page, live_server, user.email)
    assert "Enter your security code" in page.content()
    go(page, f"{live_server.url}/casework/")  # redirected back to the code page
    assert "Enter your security code" in page.content()
    go(page, f"{live_server.url}/account/security-code/set-up/")
    assert "Enter your security code" in page.content()
    assert "secret" not in page.content().lower()
    page.get_by_label("Security code").fill("000000" if totp(device.bin_key) != 0 else "111111")
    submit(page, "Continue", status=400)
    page.wait_for_timeout(2100)  # django-otp slows retries after a wrong code (1 s, then 2 s...)
    page.get_by_label("Security code").fill(f"{totp(device.bin_key):06d}")
    submit(page, "Continue")
    go(page, f"{live_server.url}/casework/")
    assert "Enter your security code" not in page.content()
