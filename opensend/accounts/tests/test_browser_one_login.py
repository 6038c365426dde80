"""Signing in with GOV.UK One Login in Chromium, through the stub One Login on loopback
(testsupport.one_login), at phone width: every page passes axe-core (WCAG 2.2 AA)."""

import pytest

from opensend.accounts.models import OneLoginIdentity
from testsupport.browser import go, sign_out, submit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_parent_signs_in_and_out_with_one_login_on_a_phone(
    page, page_without_js, live_server, world, one_login, javascript
):
    tab = page if javascript else page_without_js
    tab.set_viewport_size({"width": 320, "height": 800})
    one_login.person("urn:fdc:gov.uk:2022:parent-browser", world.users["parent"].email)

    go(tab, f"{live_server.url}/account/sign-in/email/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    submit(tab, "Sign in with GOV.UK One Login")
    assert tab.url == f"{live_server.url}/"
    assert tab.get_by_text(world.parents_child.full_name).first.is_visible()
    assert OneLoginIdentity.objects.get(user=world.users["parent"])

    menu = tab.get_by_role("button", name="Menu")
    if menu.count() and menu.is_visible():  # at phone width with JavaScript, behind the menu
        menu.click()
    sign_out(tab)
    assert tab.url.startswith(f"{live_server.url}/account/sign-in/")
    assert tab.get_by_role("heading", name="Sign in to OpenSEND").is_visible()
    assert len(one_login.logouts) == 1


def test_someone_without_an_account_sees_why(page, live_server, world, one_login):
    page.set_viewport_size({"width": 320, "height": 800})
    one_login.person("urn:fdc:gov.uk:2022:stranger", "stranger@example.org")
    go(page, f"{live_server.url}/account/sign-in/email/")
    submit(page, "Sign in with GOV.UK One Login", status=403)
    assert page.get_by_role(
        "heading", name="We cannot sign you in with GOV.UK One Login"
    ).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
