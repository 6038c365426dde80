"""The GOV.UK timeout warning in Chromium: it opens before the idle limit, passes axe-core while
open, and "Stay signed in" keeps the session and the page."""

import pytest

from testsupport.browser import check_page, go, sign_in

pytestmark = pytest.mark.browser


def test_the_warning_opens_and_stay_signed_in_keeps_the_page(page, live_server, world, settings):
    settings.OPENSEND_SESSION_IDLE_MINUTES = 0.5  # 30 seconds
    settings.OPENSEND_SESSION_WARNING_SECONDS = 27  # so the warning opens after about 3 seconds
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{live_server.url}/casework/")
    dialog = page.locator("#app-timeout-warning")
    dialog.wait_for(state="visible", timeout=15000)
    assert "You’re about to be signed out" in dialog.inner_text()
    check_page(page)  # axe on the open dialog
    page.get_by_role("button", name="Stay signed in").click()  # the script extends in place
    dialog.wait_for(state="hidden", timeout=5000)
    assert page.url.endswith("/casework/")
    go(page, f"{live_server.url}/casework/")  # still signed in
    assert "Sign out" in page.content()
